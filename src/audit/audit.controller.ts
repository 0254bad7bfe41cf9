import { Controller, Get, Query, Render, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Roles } from '../common/auth-decorators';
import { PageQuery, pageOf } from '../common/paging';
import { AuditEvent } from './audit-event.entity';
import { toCsv } from '../rota/attendance/csv';
import { AuditService } from './audit.service';

/** The most rows one CSV export holds; narrow the filters for more. */
export const AUDIT_CSV_MAX_ROWS = 100_000;
const CSV_HEADER = ['Occurred at (UTC)', 'User id', 'Username', 'Action', 'Entity type', 'Entity id', 'Patient id', 'Request id', 'IP', 'Detail'];

export class AuditCsvQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') patientId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') userId?: string;
  @ApiPropertyOptional({ example: 'patient.read' }) @IsOptional() @IsString() @MaxLength(64) action?: string;
  @ApiPropertyOptional({ description: 'From (inclusive), ISO 8601 date or instant' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ description: 'To (exclusive), ISO 8601 date or instant' }) @IsOptional() @IsISO8601() to?: string;
}

export class AuditQueryDto extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') patientId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') userId?: string;
  @ApiPropertyOptional({ example: 'patient.read' }) @IsOptional() @IsString() @MaxLength(64) action?: string;
  @ApiPropertyOptional({ description: 'From (inclusive), ISO 8601 date or instant' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ description: 'To (exclusive), ISO 8601 date or instant' }) @IsOptional() @IsISO8601() to?: string;
}

class AuditEventDto {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ type: String, nullable: true }) userId: string | null;
  @ApiProperty({ type: String, nullable: true }) username: string | null;
  @ApiProperty() action: string;
  @ApiProperty({ type: String, nullable: true }) entityType: string | null;
  @ApiProperty({ type: String, nullable: true }) entityId: string | null;
  @ApiProperty({ type: String, nullable: true }) patientId: string | null;
  @ApiProperty({ type: String, nullable: true }) requestId: string | null;
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
  @ApiProperty({ type: Object, nullable: true }) detail: Record<string, unknown> | null;
}

class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items: AuditEventDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

function toDto(e: AuditEvent): AuditEventDto {
  return { ...e, occurredAt: e.occurredAt.toISOString(), detail: e.detail ? JSON.parse(e.detail) : null };
}

@ApiTags('audit')
@ApiBearerAuth()
@Roles('ADMIN')
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('api/audit-events.csv')
  @ApiOperation({ summary: 'The audit log as CSV, oldest first, filtered by patient, user, action and dates (admin: the information governance lead); the export is itself audited' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV with a header row', schema: { type: 'string' } })
  async csv(@Query() q: AuditCsvQueryDto, @Res({ passthrough: true }) res: Response): Promise<string> {
    const filters = { patientId: q.patientId, userId: q.userId, action: q.action, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined };
    const rows = await this.audit.findAll(filters, AUDIT_CSV_MAX_ROWS);
    await this.audit.record({ action: 'audit.export', entityType: 'audit', detail: { ...Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)), rows: rows.length } });
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="audit-events.csv"');
    res.setHeader('Cache-Control', 'no-store');
    return toCsv(CSV_HEADER, rows.map((e) => [e.occurredAt.toISOString(), e.userId, e.username, e.action, e.entityType, e.entityId, e.patientId, e.requestId, e.ip, e.detail]));
  }

  @Get('api/audit-events')
  @ApiOperation({ summary: 'The audit log, newest first (admin)' })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@Query() q: AuditQueryDto): Promise<AuditPageDto> {
    const page = pageOf(q);
    const [rows, total] = await this.audit.find({ ...page, patientId: q.patientId, userId: q.userId, action: q.action, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined });
    return { items: rows.map(toDto), total, ...page };
  }

  @Get('admin/audit')
  @ApiExcludeEndpoint()
  @Render('audit/views/list.njk')
  async page(@Query() q: AuditQueryDto) {
    const page = { limit: 50, offset: q.offset ?? 0 };
    const [rows, total] = await this.audit.find({ ...page, patientId: q.patientId, userId: q.userId, action: q.action, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined });
    const base = new URLSearchParams(Object.entries({ patientId: q.patientId, userId: q.userId, action: q.action, from: q.from, to: q.to }).filter(([, v]) => v) as [string, string][]);
    const link = (offset: number) => `/admin/audit?${new URLSearchParams([...base, ['offset', String(offset)]]).toString()}`;
    return {
      events: rows.map(toDto),
      total,
      filters: q,
      previous: page.offset > 0 ? link(Math.max(0, page.offset - page.limit)) : null,
      next: page.offset + page.limit < total ? link(page.offset + page.limit) : null,
      from: total ? page.offset + 1 : 0,
      to: Math.min(total, page.offset + page.limit),
    };
  }
}
