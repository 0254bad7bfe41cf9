import { Module } from '@nestjs/common';
import { PrivacyPagesController } from './privacy.pages.controller';
import { loadRetentionRules } from './retention';
import { RETENTION_RULES, RetentionReportService } from './retention-report.service';
import { RetentionController } from './retention.controller';
import { SubjectAccessController } from './subject-access.controller';
import { SubjectAccessService } from './subject-access.service';

/** Information governance: subject access exports, the retention report and the privacy notice. */
@Module({
  controllers: [SubjectAccessController, RetentionController, PrivacyPagesController],
  providers: [SubjectAccessService, RetentionReportService, { provide: RETENTION_RULES, useFactory: () => loadRetentionRules(process.env.WARDWORKS_RETENTION_YEARS) }],
})
export class GovernanceModule {}
