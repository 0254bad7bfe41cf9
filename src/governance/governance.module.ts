import { Module } from '@nestjs/common';
import { PrivacyPagesController } from './privacy.pages.controller';
import { SubjectAccessController } from './subject-access.controller';
import { SubjectAccessService } from './subject-access.service';

/** Information governance: subject access exports and the privacy notice. */
@Module({ controllers: [SubjectAccessController, PrivacyPagesController], providers: [SubjectAccessService] })
export class GovernanceModule {}
