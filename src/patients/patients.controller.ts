import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { londonDate } from '../common/dates';
import { pageOf } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import {
  AddRestrictionDto,
  BenefitsDto,
  CreatePatientDto,
  LeaveEventDto,
  LeaveOnDateDto,
  LeaveOnQueryDto,
  LiftRestrictionDto,
  MoveWardDto,
  PatientDetailDto,
  PatientPageDto,
  PatientQueryDto,
  RecordLeaveDto,
  ReinstateLeaveDto,
  RestrictionDto,
  SetBenefitsLimitsDto,
  SetStatusDto,
  SuspendLeaveDto,
  TransferDto,
  UpdatePatientDto,
  VocationalProfileDto,
  VocationalProfileViewDto,
  WardHistoryDto,
  WardStayDto,
} from './dto/patients.dto';
import { PatientsService } from './patients.service';

@ApiTags('patients')
@ApiBearerAuth()
@Controller('api/patients')
export class PatientsController {
  constructor(private readonly patients: PatientsService) {}

  @Get()
  @Roles('ADMIN', 'OT', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST', 'ENTERPRISE_LEAD', 'PATIENT')
  @ApiOperation({ summary: "Patients in the caller's scope (their wards; a lead's workers and applicants; a patient's own record)" })
  @ApiOkResponse({ type: PatientPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: PatientQueryDto): Promise<PatientPageDto> {
    return this.patients.list(user, { ...pageOf(q), q: q.q, wardId: q.wardId, status: q.status, leave: q.leave });
  }

  @Post()
  @Roles('ADMIN', 'OT', 'WARD_STAFF')
  @ApiOperation({ summary: 'Add a patient to a ward (staff: one of their wards)' })
  @ApiCreatedResponse({ type: PatientDetailDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreatePatientDto): Promise<PatientDetailDto> {
    return this.patients.create(user, body);
  }

  @Get(':id')
  @Roles('ADMIN', 'OT', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST', 'ENTERPRISE_LEAD', 'PATIENT')
  @ApiOperation({ summary: 'One patient record with leave history, restrictions, benefits limits and vocational profile (404 when out of scope)' })
  @ApiOkResponse({ type: PatientDetailDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<PatientDetailDto> {
    return this.patients.get(user, id);
  }

  @Patch(':id')
  @Roles('ADMIN', 'OT', 'WARD_STAFF')
  @ApiOperation({ summary: "Change a patient's display name" })
  @ApiOkResponse({ type: PatientDetailDto })
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: UpdatePatientDto): Promise<PatientDetailDto> {
    return this.patients.update(user, id, body);
  }

  @Post(':id/transfers')
  @Roles('ADMIN', 'OT', 'WARD_STAFF')
  @ApiOperation({ summary: "Transfer a patient to another ward from a time (default now): closes the current ward stay and opens the next; staff of the former ward no longer see the patient" })
  @ApiCreatedResponse({ type: WardStayDto })
  transfer(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: TransferDto): Promise<WardStayDto> {
    return this.patients.transfer(user, id, body);
  }

  @Get(':id/ward-history')
  @Roles('ADMIN', 'OT', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST', 'ENTERPRISE_LEAD', 'PATIENT')
  @ApiOperation({ summary: "A patient's dated ward history, oldest first (404 when out of scope)" })
  @ApiOkResponse({ type: WardHistoryDto })
  wardHistory(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<WardHistoryDto> {
    return this.patients.wardHistory(user, id);
  }

  @Post(':id/ward')
  @Roles('ADMIN', 'OT', 'WARD_STAFF')
  @ApiOperation({ summary: 'Move a patient to another ward now (a transfer; see POST /api/patients/{id}/transfers)' })
  @ApiCreatedResponse({ description: '{ id, wardId }' })
  move(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: MoveWardDto): Promise<{ id: string; wardId: string }> {
    return this.patients.moveWard(user, id, body);
  }

  @Post(':id/status')
  @Roles('ADMIN', 'OT', 'WARD_STAFF')
  @ApiOperation({ summary: "Set a patient's status; discharge or transfer ends their active placements" })
  @ApiCreatedResponse({ type: PatientDetailDto })
  setStatus(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: SetStatusDto): Promise<PatientDetailDto> {
    return this.patients.setStatus(user, id, body);
  }

  @Get(':id/leave')
  @Roles('ADMIN', 'OT', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST', 'ENTERPRISE_LEAD', 'PATIENT')
  @ApiOperation({ summary: 'The section 17 leave in force on a date (?on=YYYY-MM-DD, default today in London)' })
  @ApiOkResponse({ type: LeaveOnDateDto })
  leaveOn(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Query() q: LeaveOnQueryDto): Promise<LeaveOnDateDto> {
    return this.patients.leaveOnDate(user, id, q.on ?? londonDate());
  }

  @Post(':id/leave')
  @Roles('OT', 'WARD_STAFF')
  @ApiOperation({ summary: 'Record a section 17 leave authorisation (a new dated record; nothing is overwritten)' })
  @ApiCreatedResponse({ type: LeaveEventDto })
  recordLeave(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: RecordLeaveDto): Promise<LeaveEventDto> {
    return this.patients.recordLeave(user, id, body);
  }

  @Post(':id/leave/suspend')
  @Roles('OT', 'WARD_STAFF')
  @ApiOperation({ summary: 'Suspend leave with a reason (e.g. after an incident)' })
  @ApiCreatedResponse({ type: LeaveEventDto })
  suspend(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: SuspendLeaveDto): Promise<LeaveEventDto> {
    return this.patients.suspendLeave(user, id, body);
  }

  @Post(':id/leave/reinstate')
  @Roles('OT', 'WARD_STAFF')
  @ApiOperation({ summary: 'Reinstate suspended leave with a reason' })
  @ApiCreatedResponse({ type: LeaveEventDto })
  reinstate(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: ReinstateLeaveDto): Promise<LeaveEventDto> {
    return this.patients.reinstateLeave(user, id, body);
  }

  @Post(':id/restrictions')
  @Roles('OT', 'WARD_STAFF')
  @ApiOperation({ summary: 'Add a clinical work restriction, dated, with the reason' })
  @ApiCreatedResponse({ type: RestrictionDto })
  addRestriction(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: AddRestrictionDto): Promise<RestrictionDto> {
    return this.patients.addRestriction(user, id, body);
  }

  @Post(':id/restrictions/:restrictionId/lift')
  @Roles('OT', 'WARD_STAFF')
  @ApiOperation({ summary: 'Lift a restriction from a date, with the reason (the record is kept)' })
  @ApiCreatedResponse({ type: RestrictionDto })
  lift(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Param('restrictionId', ParseIdPipe) rid: string, @Body() body: LiftRestrictionDto): Promise<RestrictionDto> {
    return this.patients.liftRestriction(user, id, rid, body);
  }

  @Put(':id/benefits-limits')
  @Roles('OT', 'EMPLOYMENT_SPECIALIST')
  @ApiOperation({ summary: "Set a patient's benefits limits from a date: the site default, custom caps, or no cap" })
  @ApiOkResponse({ type: BenefitsDto })
  setLimits(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: SetBenefitsLimitsDto): Promise<BenefitsDto> {
    return this.patients.setBenefitsLimits(user, id, body);
  }

  @Put(':id/vocational-profile')
  @Roles('OT', 'EMPLOYMENT_SPECIALIST')
  @ApiOperation({ summary: 'Update the IPS vocational profile: preferences, goals, strengths, stage, next review' })
  @ApiOkResponse({ type: VocationalProfileViewDto })
  setProfile(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: VocationalProfileDto): Promise<VocationalProfileViewDto> {
    return this.patients.setVocationalProfile(user, id, body);
  }
}
