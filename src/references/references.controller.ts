import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { pageOf } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { CreateReferenceDto, DisclosureDto, ReferenceDto, ReferencePageDto, ReferencePdfQueryDto, ReferenceQueryDto, UpdateReferenceDto, WithdrawReferenceDto } from './dto/references.dto';
import { REFERENCE_APPROVER_ROLES, REFERENCE_READER_ROLES, REFERENCE_WITHDRAWER_ROLES, REFERENCE_WRITER_ROLES } from './reference-rules';
import { ReferencesService } from './references.service';

@ApiTags('references')
@ApiBearerAuth()
@Controller('api/references')
export class ReferencesController {
  constructor(
    private readonly references: ReferencesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Roles(...REFERENCE_READER_ROLES)
  @ApiOperation({ summary: 'References in your scope, newest first (a patient: their own approved ones). Each read is audited' })
  @ApiOkResponse({ type: ReferencePageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: ReferenceQueryDto): Promise<ReferencePageDto> {
    return this.references.list(user, { ...pageOf(q), patientId: q.patientId, status: q.status });
  }

  @Get(':id')
  @Roles(...REFERENCE_READER_ROLES)
  @ApiOperation({ summary: 'One reference' })
  @ApiOkResponse({ type: ReferenceDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<ReferenceDto> {
    return this.references.get(user, id);
  }

  @Get(':id/pdf')
  @Roles(...REFERENCE_READER_ROLES)
  @ApiOperation({ summary: 'An approved reference as an A4 PDF (real text), with its verification code and address; the hospital is named only if the patient chose it' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'application/pdf', schema: { type: 'string', format: 'binary' } })
  async pdf(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Query() q: ReferencePdfQueryDto, @Res() res: Response): Promise<void> {
    const { filename, body } = await this.references.pdf(user, id, this.config.publicUrl, q.employerId);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(body);
  }

  @Post()
  @Roles(...REFERENCE_WRITER_ROLES)
  @ApiOperation({ summary: 'Draft a reference for a placement: facts from the records (role, reference name, dates, hours, attendance and punctuality, verified skills) plus a statement' })
  @ApiCreatedResponse({ type: ReferenceDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateReferenceDto): Promise<ReferenceDto> {
    return this.references.create(user, body);
  }

  @Patch(':id')
  @Roles(...REFERENCE_WRITER_ROLES)
  @ApiOperation({ summary: 'Change a draft: statement, referee, or refreshFacts to fill the facts in again from the records' })
  @ApiOkResponse({ type: ReferenceDto })
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: UpdateReferenceDto): Promise<ReferenceDto> {
    return this.references.update(user, id, body);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles(...REFERENCE_APPROVER_ROLES)
  @ApiOperation({ summary: 'Approve a draft (an OT or enterprise lead who did not write it); its facts are frozen' })
  @ApiOkResponse({ type: ReferenceDto })
  approve(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<ReferenceDto> {
    return this.references.approve(user, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles(...REFERENCE_WITHDRAWER_ROLES)
  @ApiOperation({ summary: 'Withdraw an approved reference with a reason; the verify page then says it was withdrawn' })
  @ApiOkResponse({ type: ReferenceDto })
  withdraw(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: WithdrawReferenceDto): Promise<ReferenceDto> {
    return this.references.withdraw(user, id, body.reason);
  }

  @Post(':id/disclosure')
  @HttpCode(200)
  @Roles('PATIENT')
  @ApiOperation({ summary: 'The patient chooses whether the hospital’s name appears on their reference (default: the enterprise’s reference name only)' })
  @ApiOkResponse({ type: ReferenceDto })
  disclose(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: DisclosureDto): Promise<ReferenceDto> {
    return this.references.disclose(user, id, body.showHospitalName);
  }
}
