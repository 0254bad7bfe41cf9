import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth-decorators';
import { RetentionReportService, type RetentionReportRow } from './retention-report.service';

@ApiTags('information governance')
@ApiBearerAuth()
@Controller('api')
export class RetentionController {
  constructor(private readonly retention: RetentionReportService) {}

  @Get('retention-report')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Records past their retention period, per record type, for review (admin); nothing is deleted, and records the ledger or a hazard control needs say so' })
  @ApiOkResponse({ description: 'One row per record type: period, cutoff date, count past it, oldest date, and why it is kept if it must be' })
  report(): Promise<RetentionReportRow[]> {
    return this.retention.report();
  }
}
