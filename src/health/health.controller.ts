import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/auth-decorators';
import { UnitOfWork } from '../database/unit-of-work';

class HealthDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status: 'ok' | 'unavailable';
  @ApiProperty({ enum: ['up', 'down'] }) database: 'up' | 'down';
  @ApiProperty({ enum: ['sqlite', 'postgres'] }) databaseKind: 'sqlite' | 'postgres';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly uow: UnitOfWork) {}

  @Get()
  // Load balancers and monitoring call this without credentials. The one public route without a
  // rate limit: a throttle would write the database on every probe, and a 429 would take a
  // healthy instance out of the pool. It reveals nothing and runs only SELECT 1.
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness and database check (200 when the database answers, 503 when not)' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.uow.read((em) => em.query('SELECT 1')),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 3000))),
      ]);
      return { status: 'ok', database: 'up', databaseKind: this.uow.kind };
    } catch {
      res.status(503);
      return { status: 'unavailable', database: 'down', databaseKind: this.uow.kind };
    } finally {
      clearTimeout(timer);
    }
  }
}
