import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';

/**
 * Another app instance on the same database as a running test app (its own connection pool,
 * its own process-level state), as when several instances run behind a load balancer.
 */
export async function bootSecondApp(): Promise<{ http: () => ReturnType<typeof request>; close: () => Promise<void> }> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureApp(app);
  await app.init();
  const server = app.getHttpServer();
  return { http: () => request(server), close: () => app.close() };
}
