import { Module } from '@nestjs/common';
import { SitesController } from '../wards/sites.controller';
import { SitesPagesController } from '../wards/sites.pages.controller';
import { SitesService } from '../wards/sites.service';
import { WardsModule } from '../wards/wards.module';
import { EnterpriseAccess } from './enterprise-access';
import { EnterprisesController } from './enterprises.controller';
import { EnterprisesPagesController } from './enterprises.pages.controller';
import { EnterprisesRepository } from './enterprises.repository';
import { EnterprisesService } from './enterprises.service';
import { WorkRolesController } from './work-roles.controller';
import { WorkRolesRepository } from './work-roles.repository';
import { WorkRolesService } from './work-roles.service';

@Module({
  imports: [WardsModule],
  controllers: [EnterprisesController, WorkRolesController, EnterprisesPagesController, SitesController, SitesPagesController],
  providers: [EnterpriseAccess, EnterprisesRepository, WorkRolesRepository, EnterprisesService, WorkRolesService, SitesService],
  exports: [EnterpriseAccess, EnterprisesRepository, WorkRolesRepository, EnterprisesService, WorkRolesService, SitesService],
})
export class EnterprisesModule {}
