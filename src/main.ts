import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { JsonLogger, LOGGER } from './common/logging/json-logger';
import { APP_CONFIG, ConfigError, loadConfig, type AppConfig } from './config/app-config';
import { prepareDatabase } from './database/bootstrap';
import { DEMO_USERS } from '../seeds/demo-users';

async function bootstrap(): Promise<void> {
  try {
    loadConfig(process.env); // fail fast, naming the variable, before anything starts
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, bufferLogs: true });
  const config = app.get<AppConfig>(APP_CONFIG);
  const logger = app.get<JsonLogger>(LOGGER);
  configureApp(app);
  await prepareDatabase(app.get(DataSource), config, logger);
  await app.listen(config.port, config.host);

  const url = `http://localhost:${config.port}`;
  logger.log(`WardWorks listening on ${url} (${config.database.kind}${config.database.kind === 'sqlite' ? ` at ${config.database.path}` : ''})`, 'Bootstrap');
  if (config.demoData) {
    const lines = DEMO_USERS.map((u) => `    ${u.username.padEnd(13)} ${u.roleLabel}`).join('\n');
    process.stdout.write(`\nWardWorks is running at ${url}\nDemo sign-ins (password: ${config.demoPassword}):\n${lines}\n\n`);
  }
}

bootstrap().catch((err) => {
  process.stderr.write(`WardWorks failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
