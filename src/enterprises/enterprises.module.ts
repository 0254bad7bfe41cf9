import { Module } from '@nestjs/common';
import { EnterpriseAccess } from './enterprise-access';

@Module({
  controllers: [],
  providers: [EnterpriseAccess],
  exports: [EnterpriseAccess],
})
export class EnterprisesModule {}
