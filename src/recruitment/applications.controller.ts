import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { pageOf } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { ApplicationsService } from './applications.service';
import { ApplicationDto, ApplicationPageDto, ApplicationQueryDto, MakeOfferDto, ScheduleInterviewDto, UpdateInterviewDto, WithdrawDto } from './dto/applications.dto';
import { RECRUITER_ROLES, RECRUITMENT_READER_ROLES } from './recruitment-access';

@ApiTags('recruitment')
@ApiBearerAuth()
@Controller('api')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get('applications')
  @Roles('PATIENT', ...RECRUITMENT_READER_ROLES)
  @ApiOperation({ summary: 'Applications in your scope (a patient: their own; a lead: to their enterprises’ vacancies). Each read is audited' })
  @ApiOkResponse({ type: ApplicationPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: ApplicationQueryDto): Promise<ApplicationPageDto> {
    return this.applications.list(user, { ...pageOf(q), vacancyId: q.vacancyId, patientId: q.patientId, status: q.status });
  }

  @Get('applications/:id')
  @Roles('PATIENT', ...RECRUITMENT_READER_ROLES)
  @ApiOperation({ summary: 'One application with its interviews (and feedback), latest offer and placement' })
  @ApiOkResponse({ type: ApplicationDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<ApplicationDto> {
    return this.applications.get(user, id);
  }

  @Post('applications/:id/interviews')
  @Roles(...RECRUITER_ROLES)
  @ApiOperation({ summary: 'Book an interview (date-time and panel); returns the application' })
  @ApiCreatedResponse({ type: ApplicationDto })
  scheduleInterview(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: ScheduleInterviewDto): Promise<ApplicationDto> {
    return this.applications.scheduleInterview(user, id, body);
  }

  @Patch('interviews/:id')
  @Roles(...RECRUITER_ROLES)
  @ApiOperation({ summary: 'Record an interview’s outcome (once) and the feedback the patient reads; returns the application' })
  @ApiOkResponse({ type: ApplicationDto })
  updateInterview(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: UpdateInterviewDto): Promise<ApplicationDto> {
    return this.applications.updateInterview(user, id, body);
  }

  @Post('applications/:id/offers')
  @Roles(...RECRUITER_ROLES)
  @ApiOperation({ summary: 'Offer the role, after a successful interview or straight away ("place then train"); returns the application' })
  @ApiCreatedResponse({ type: ApplicationDto })
  makeOffer(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: MakeOfferDto): Promise<ApplicationDto> {
    return this.applications.makeOffer(user, id, body);
  }

  @Post('offers/:id/accept')
  @Roles('PATIENT', ...RECRUITER_ROLES)
  @ApiOperation({ summary: 'Accept an offer (the patient, or staff for them): the placement is made in the same transaction' })
  @ApiCreatedResponse({ type: ApplicationDto })
  accept(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<ApplicationDto> {
    return this.applications.acceptOffer(user, id);
  }

  @Post('offers/:id/decline')
  @Roles('PATIENT', ...RECRUITER_ROLES)
  @ApiOperation({ summary: 'Decline an offer (the patient, or staff for them)' })
  @ApiCreatedResponse({ type: ApplicationDto })
  decline(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<ApplicationDto> {
    return this.applications.declineOffer(user, id);
  }

  @Post('applications/:id/withdraw')
  @Roles('PATIENT', ...RECRUITER_ROLES)
  @ApiOperation({ summary: 'Withdraw an open application (the patient, or staff); an unanswered offer is withdrawn too' })
  @ApiCreatedResponse({ type: ApplicationDto })
  withdraw(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: WithdrawDto): Promise<ApplicationDto> {
    return this.applications.withdraw(user, id, body);
  }
}
