import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { AddPlanEntryDto, CreateFollowAlongDto, CreateOpportunityDto, EndOpportunityDto, FourHoursDto, PlanCommentDto, RecordDisclosureDto, SetBenefitsSituationDto, StepDoneDto } from './dto/employment.dto';
import { EmploymentService } from './employment.service';
import { OutsideWorkService } from './outside-work.service';

const STAFF = ['ADMIN', 'OT', 'EMPLOYMENT_SPECIALIST'] as const;

/** A person's employment support record. Never for enterprise leads, ward staff or commissioners. */
@ApiTags('employment')
@ApiBearerAuth()
@Controller('api')
export class PatientEmploymentController {
  constructor(
    private readonly employment: EmploymentService,
    private readonly outside: OutsideWorkService,
  ) {}

  @Get('patients/:id/employment')
  @Roles(...STAFF, 'PATIENT')
  @ApiOperation({ summary: 'The employment record: referrals, plan, opportunities, employer contacts, follow-along, disclosures, benefits' })
  @ApiOkResponse({ description: 'The record' })
  record(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string) {
    return this.employment.record(user, id);
  }

  @Get('patients/:id/opportunities')
  @Roles(...STAFF, 'PATIENT')
  @ApiOperation({ summary: 'Outside jobs, education, training and volunteering' })
  @ApiOkResponse({ description: '[{ id, kind, employerId, title, startsOn, endsOn, endReason, hoursPerWeek, hourlyPayPence, competitive, fourHoursWorkedOn, jobStartCounted }]' })
  opportunities(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string) {
    return this.outside.opportunities(user, id);
  }

  @Post('patients/:id/opportunities')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Record a start outside; while detained it needs unescorted community leave on the start date (409 LEAVE_INSUFFICIENT)' })
  @ApiCreatedResponse({ description: 'The opportunity' })
  createOpportunity(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: CreateOpportunityDto) {
    return this.outside.createOpportunity(user, id, body);
  }

  @Post('patients/:id/opportunities/:opportunityId/end')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'End an opportunity with a reason' })
  @ApiOkResponse({ description: 'The opportunity' })
  end(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Param('opportunityId', ParseIdPipe) oid: string, @Body() body: EndOpportunityDto) {
    return this.outside.endOpportunity(user, id, oid, body);
  }

  @Post('patients/:id/opportunities/:opportunityId/four-hours')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Record the day the first 4 hours of paid work were done (a job start counts from then)' })
  @ApiOkResponse({ description: 'The opportunity' })
  fourHours(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Param('opportunityId', ParseIdPipe) oid: string, @Body() body: FourHoursDto) {
    return this.outside.recordFourHours(user, id, oid, body);
  }

  @Post('patients/:id/follow-along')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Record follow-along support after a start' })
  @ApiCreatedResponse({ description: 'The contact' })
  followAlong(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: CreateFollowAlongDto) {
    return this.outside.createFollowAlong(user, id, body);
  }

  @Post('patients/:id/disclosures')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Record what the person chooses to disclose to an employer' })
  @ApiCreatedResponse({ description: 'The choice' })
  disclosure(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: RecordDisclosureDto) {
    return this.outside.recordDisclosure(user, id, body);
  }

  @Put('patients/:id/benefits-situation')
  @Roles(...STAFF)
  @ApiOperation({ summary: "Record the benefits situation (NONE, LEGACY, UNIVERSAL_CREDIT, UNKNOWN); the rota's caps follow it" })
  @ApiOkResponse({ description: '{ situation, effectiveFrom, caps, universalCredit }' })
  benefitsSituation(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: SetBenefitsSituationDto) {
    return this.employment.setBenefitsSituation(user, id, body);
  }

  @Get('patients/:id/benefits-situation')
  @Roles(...STAFF, 'PATIENT')
  @ApiOperation({ summary: 'The benefits situation, the caps that follow from it and, for Universal Credit, the estimated monthly reduction' })
  @ApiOkResponse({ description: '{ situation, effectiveFrom, caps, universalCredit }' })
  benefits(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string) {
    return this.employment.benefits(user, id);
  }

  @Get('patients/:id/employment-plan')
  @Roles(...STAFF, 'PATIENT')
  @ApiOperation({ summary: 'The person-centred plan (the patient reads their own)' })
  @ApiOkResponse({ description: '[{ id, kind, goalKind, text, dueOn, doneOn, patientWords, byPatient }]' })
  plan(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string) {
    return this.employment.plan(user, id);
  }

  @Post('patients/:id/employment-plan')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Add a strength, goal, dated step or review (with the person’s own words)' })
  @ApiCreatedResponse({ description: 'The entry' })
  addPlanEntry(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: AddPlanEntryDto) {
    return this.employment.addPlanEntry(user, id, body);
  }

  @Post('patients/:id/employment-plan/:entryId/done')
  @HttpCode(200)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Mark a step done' })
  @ApiOkResponse({ description: 'The entry' })
  stepDone(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Param('entryId', ParseIdPipe) entryId: string, @Body() body: StepDoneDto) {
    return this.employment.stepDone(user, id, entryId, body);
  }

  @Post('my/employment-plan/comments')
  @Roles('PATIENT')
  @ApiOperation({ summary: 'The patient comments on their own plan' })
  @ApiCreatedResponse({ description: 'The comment' })
  comment(@CurrentUser() user: AuthUser, @Body() body: PlanCommentDto) {
    return this.employment.comment(user, body);
  }
}
