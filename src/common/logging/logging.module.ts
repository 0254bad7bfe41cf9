import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { JsonLogger, LOGGER } from './json-logger';

@Global()
@Module({
  providers: [{ provide: LOGGER, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new JsonLogger(c.logLevel) }],
  exports: [LOGGER],
})
export class LoggingModule {}
