import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth-decorators';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { AcceptReferralDto, CaseloadQueryDto, CreateReferralDto, DeclineReferralDto, FidelityQueryDto, FidelityReportDto, QuarterQueryDto, SetSpecialistFteDto, UpdateCaseloadDto } from './dto/employment.dto';
import { EmploymentService } from './employment.service';
import { FidelityService } from './fidelity.service';

@ApiTags('employment')
@ApiBearerAuth()
@Controller('api/employment')
export class EmploymentController {
  constructor(
    private readonly employment: EmploymentService,
    private readonly fidelityService: FidelityService,
  ) {}

  @Post('referrals')
  @Roles('ADMIN', 'OT', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST', 'PATIENT')
  @ApiOperation({ summary: 'Refer a person to employment support (any clinician on their wards; a patient refers themself with source SELF); 409 REFERRAL_OPEN if one is open' })
  @ApiCreatedResponse({ description: 'The referral, PENDING' })
  refer(@CurrentUser() user: AuthUser, @Body() body: CreateReferralDto) {
    return this.employment.createReferral(user, body);
  }

  @Post('referrals/:id/accept')
  @HttpCode(200)
  @Roles('ADMIN', 'EMPLOYMENT_SPECIALIST')
  @ApiOperation({ summary: "Accept onto a specialist's caseload (status ENGAGED)" })
  @ApiOkResponse({ description: 'The referral, ACCEPTED' })
  accept(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: AcceptReferralDto) {
    return this.employment.accept(user, id, body);
  }

  @Post('referrals/:id/decline')
  @HttpCode(200)
  @Roles('ADMIN', 'EMPLOYMENT_SPECIALIST')
  @ApiOperation({ summary: 'Decline a referral, always with a reason (reported: zero exclusion)' })
  @ApiOkResponse({ description: 'The referral, DECLINED' })
  decline(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: DeclineReferralDto) {
    return this.employment.decline(user, id, body);
  }

  @Patch('referrals/:id')
  @Roles('ADMIN', 'OT', 'EMPLOYMENT_SPECIALIST')
  @ApiOperation({ summary: 'Caseload status (CLOSED needs closedReason), vocational profile and benefits planning dates' })
  @ApiOkResponse({ description: 'The referral' })
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: UpdateCaseloadDto) {
    return this.employment.updateCaseload(user, id, body);
  }

  @Get('caseload')
  @Roles('ADMIN', 'OT', 'EMPLOYMENT_SPECIALIST')
  @ApiOperation({ summary: "A specialist's caseload (the caller's own for a specialist) with next action and overdue; only people in the caller's scope" })
  @ApiOkResponse({ description: '{ specialistUserId, items: [{ referralId, patientId, displayName, wardName, patientStatus, status, acceptedOn, nextAction, nextActionDueOn, overdue }] }' })
  caseload(@CurrentUser() user: AuthUser, @Query() q: CaseloadQueryDto) {
    return this.employment.caseload(user, q.specialistUserId);
  }

  @Get('specialists')
  @Roles('ADMIN', 'OT', 'EMPLOYMENT_SPECIALIST')
  @ApiOperation({ summary: 'Employment specialists and their working time (FTE)' })
  @ApiOkResponse({ description: '[{ userId, displayName, fte }]' })
  specialists() {
    return this.employment.specialists();
  }

  @Put('specialists/:userId')
  @Roles('ADMIN')
  @ApiOperation({ summary: "Set a specialist's working time (FTE, 0 to 1)" })
  @ApiOkResponse({ description: '{ userId, fte }' })
  setFte(@Param('userId', ParseIdPipe) userId: string, @Body() body: SetSpecialistFteDto) {
    return this.employment.setFte(userId, body);
  }

  @Get('fidelity')
  @Roles('ADMIN', 'COMMISSIONER', 'EMPLOYMENT_SPECIALIST', 'OT')
  @ApiOperation({ summary: 'IPS fidelity items and employment rate for a period (aggregates; suppressed for commissioners)' })
  @ApiOkResponse({ type: FidelityReportDto })
  fidelity(@CurrentUser() user: AuthUser, @Query() q: FidelityQueryDto) {
    return this.fidelityService.fidelity(user, q.from, q.to);
  }

  @Get('returns/quarterly.csv')
  @Roles('ADMIN', 'COMMISSIONER')
  @ApiOperation({ summary: 'Quarterly return: one row per person on the caseload (pseudonymous); commissioners get suppressed counts' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV' })
  async quarterly(@CurrentUser() user: AuthUser, @Query() q: QuarterQueryDto, @Res() res: Response): Promise<void> {
    const { filename, csv } = await this.fidelityService.quarterlyCsv(user, q.quarter);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(csv);
  }
}
