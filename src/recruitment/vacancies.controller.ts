import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { pageOf } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { ApplicationsService } from './applications.service';
import { ApplicationDto, ApplyDto } from './dto/applications.dto';
import { CreateVacancyDto, VacancyDto, VacancyPageDto, VacancyQueryDto } from './dto/vacancies.dto';
import { RECRUITER_ROLES, VACANCY_READER_ROLES } from './recruitment-access';
import { VacanciesService } from './vacancies.service';

@ApiTags('recruitment')
@ApiBearerAuth()
@Controller('api/vacancies')
export class VacanciesController {
  constructor(
    private readonly vacancies: VacanciesService,
    private readonly applications: ApplicationsService,
  ) {}

  @Get()
  @Roles(...VACANCY_READER_ROLES)
  @ApiOperation({ summary: 'List vacancies; patients see only those open today. Staff see applicant counts for patients in their scope' })
  @ApiOkResponse({ type: VacancyPageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: VacancyQueryDto): Promise<VacancyPageDto> {
    return this.vacancies.list(user, { ...pageOf(q), status: q.status, enterpriseId: q.enterpriseId, workRoleId: q.workRoleId });
  }

  @Post()
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  @ApiOperation({ summary: 'Open a vacancy for an active work role (admin or the enterprise’s lead)' })
  @ApiCreatedResponse({ type: VacancyDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateVacancyDto): Promise<VacancyDto> {
    return this.vacancies.create(user, body);
  }

  @Get(':id')
  @Roles(...VACANCY_READER_ROLES)
  @ApiOperation({ summary: 'One vacancy; a patient sees it while it is open or once they have applied' })
  @ApiOkResponse({ type: VacancyDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<VacancyDto> {
    return this.vacancies.get(user, id);
  }

  @Post(':id/close')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  @ApiOperation({ summary: 'Close a vacancy to new applications (admin or the enterprise’s lead)' })
  @ApiCreatedResponse({ type: VacancyDto })
  close(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<VacancyDto> {
    return this.vacancies.close(user, id);
  }

  @Post(':id/applications')
  @Roles('PATIENT', ...RECRUITER_ROLES)
  @ApiOperation({
    summary: 'Apply for an open vacancy: a patient for themself, or staff for a patient in their scope (patientId). A restriction conflict is recorded, not refused',
  })
  @ApiCreatedResponse({ type: ApplicationDto })
  apply(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: ApplyDto): Promise<ApplicationDto> {
    return this.applications.apply(user, id, body);
  }
}
