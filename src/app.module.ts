import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_FILTER, APP_PIPE, HttpAdapterHost } from '@nestjs/core';
import { indexRoutes } from './common/http/route-index';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { GovernanceModule } from './governance/governance.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { LoggingModule } from './common/logging/logging.module';
import { createValidationPipe } from './common/validation/validation';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EnterprisesModule } from './enterprises/enterprises.module';
import { HealthModule } from './health/health.module';
import { LedgerModule } from './ledger/ledger.module';
import { PatientsModule } from './patients/patients.module';
import { RecruitmentModule } from './recruitment/recruitment.module';
import { AttendanceModule } from './rota/attendance/attendance.module';
import { RotaPagesModule } from './rota/pages/rota-pages.module';
import { RotaModule } from './rota/rota.module';
import { CredentialsModule } from './credentials/credentials.module';
import { EmploymentModule } from './employment/employment.module';
import { OutcomesModule } from './outcomes/outcomes.module';
import { ReferencesModule } from './references/references.module';
import { SkillsModule } from './skills/skills.module';
import { VerifiedSkillsModule } from './skills/verified-skills';
import { UsersModule } from './users/users.module';
import { WardsModule } from './wards/wards.module';
import { WebModule } from './web/web.module';
import { CatalogueModule } from './catalogue/catalogue.module';
import { OrdersModule } from './orders/orders.module';
import { OrderWorkModule } from './orders/order-work';
import { BookingsModule } from './bookings/bookings.module';
import { TillsModule } from './tills/tills.module';
import { LowStockModule } from './catalogue/low-stock';

@Module({
  imports: [AppConfigModule, LoggingModule, DatabaseModule, AuditModule, AuthModule, UsersModule, WardsModule, HealthModule, WebModule, PatientsModule, EnterprisesModule, RecruitmentModule, RotaModule, AttendanceModule, RotaPagesModule, LedgerModule, VerifiedSkillsModule, SkillsModule, ReferencesModule, CredentialsModule, OutcomesModule, CatalogueModule, OrdersModule, OrderWorkModule, BookingsModule, EmploymentModule, GovernanceModule, TillsModule, LowStockModule],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
export class AppModule implements OnApplicationBootstrap {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Every route is registered by now (Nest adds its not-found handler just before this hook). */
  onApplicationBootstrap(): void {
    const app = this.adapterHost.httpAdapter?.getInstance?.();
    if (app?.router) indexRoutes(app);
  }
}
