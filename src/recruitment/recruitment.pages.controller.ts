import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { isValidDate, londonDate } from '../common/dates';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { validateForm } from '../common/validation/validation';
import { ApplicationsService } from './applications.service';
import { CreateVacancyDto } from './dto/vacancies.dto';
import { EndPlacementDto } from './dto/placements.dto';
import { londonInstant } from './london-time';
import { dateFromParts, datePartsOf, formErrors, refusal, text, withStage, type FormBody, type FormErrors } from './page-forms';
import { PlacementsService } from './placements.service';
import { RECRUITER_ROLES, RECRUITMENT_READER_ROLES } from './recruitment-access';
import { RECRUITMENT_LABELS } from './recruitment-labels';
import { VACANCY_STATES, type VacancyState } from './recruitment-rules';
import { INTERVIEW_OUTCOMES, type InterviewOutcome } from './recruitment.types';
import { VacanciesService } from './vacancies.service';

const PAGE_SIZE = 25;

type Extra = Partial<FormErrors> & { values?: FormBody; done?: string; form?: string };

/** Checks a date from a date input: present and real. */
function dateError(value: string, label: string): string | null {
  if (!value) return `Enter the ${label.toLowerCase()} as a day, month and year`;
  if (!isValidDate(value)) return `${label} must be a real date`;
  return null;
}

function toErrors(fieldErrors: Record<string, string | null>): FormErrors {
  return formErrors(
    Object.entries(fieldErrors)
      .filter(([, m]) => m)
      .map(([field, message]) => ({ field, message: message! })),
    'form',
  );
}

/** Staff pages: vacancies, applicants, the application timeline with its forms, placements. */
@ApiExcludeController()
@Controller()
export class RecruitmentPagesController {
  constructor(
    private readonly vacancies: VacanciesService,
    private readonly applications: ApplicationsService,
    private readonly placements: PlacementsService,
  ) {}

  @Get('vacancies')
  @Roles(...RECRUITER_ROLES)
  async list(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('status') status?: string, @Query('page') page?: string): Promise<void> {
    const state = VACANCY_STATES.includes(status as VacancyState) ? (status as VacancyState) : undefined;
    const pageNo = Math.max(1, Number(page) || 1);
    const result = await this.vacancies.list(user, { limit: PAGE_SIZE, offset: (pageNo - 1) * PAGE_SIZE, status: state });
    res.render('recruitment/views/vacancies.njk', {
      ...res.locals,
      result,
      status: state ?? '',
      pageNo,
      pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
      canCreate: user.role === 'ADMIN' || user.role === 'ENTERPRISE_LEAD',
      labels: RECRUITMENT_LABELS,
    });
  }

  @Get('vacancies/new')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async newVacancy(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('workRoleId') workRoleId?: string): Promise<void> {
    const today = londonDate();
    await this.renderNewVacancy(res, user, { values: { workRoleId: workRoleId ?? '', positions: '1', ...datePartsOf('opensOn', today) } });
  }

  @Post('vacancies/new')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async createVacancy(@CurrentUser() user: AuthUser, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const positions = text(body, 'positions');
    const input = {
      workRoleId: text(body, 'workRoleId'),
      description: text(body, 'description') || undefined,
      opensOn: dateFromParts(body, 'opensOn'),
      closesOn: dateFromParts(body, 'closesOn'),
      positions: /^\d{1,3}$/.test(positions) ? Number(positions) : positions,
    };
    const form = await validateForm(CreateVacancyDto, input);
    const errors = toErrors({
      workRoleId: form.errors.workRoleId ? 'Choose the work role' : null,
      opensOn: dateError(input.opensOn, 'Opening date'),
      closesOn: dateError(input.closesOn, 'Closing date'),
      positions: /^\d{1,3}$/.test(positions) ? (form.errors.positions ?? null) : 'Enter the number of positions as a whole number, for example 2',
      description: form.errors.description ?? null,
    });
    if (!errors.errorList.length) {
      try {
        const created = await this.vacancies.create(user, form.value);
        return res.redirect(303, `/vacancies/${created.id}?done=created`);
      } catch (err) {
        const r = refusal(err, 'workRoleId');
        if (!r) throw err;
        return this.renderNewVacancy(res, user, { ...r, values: body }, r.status);
      }
    }
    await this.renderNewVacancy(res, user, { ...errors, values: body }, 422);
  }

  @Get('vacancies/:id')
  @Roles(...RECRUITER_ROLES)
  async showVacancy(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response, @Query('done') done?: string): Promise<void> {
    const vacancy = await this.vacancies.get(user, id);
    const applicants = await this.applications.list(user, { vacancyId: id, limit: 200, offset: 0 });
    res.render('recruitment/views/vacancy.njk', {
      ...res.locals,
      vacancy,
      applicants: applicants.items.map(withStage),
      applicantsTotal: applicants.total,
      canManage: await this.vacancies.canManage(user, vacancy.enterpriseId),
      done,
      labels: RECRUITMENT_LABELS,
    });
  }

  @Post('vacancies/:id/close')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async closeVacancy(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    await this.vacancies.close(user, id);
    res.redirect(303, `/vacancies/${id}?done=closed`);
  }

  @Get('vacancies/:id/apply')
  @Roles(...RECRUITER_ROLES)
  async applyForPatient(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    await this.renderApplyForPatient(res, user, id, { values: {} });
  }

  @Post('vacancies/:id/apply')
  @Roles(...RECRUITER_ROLES)
  async submitForPatient(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const patientId = text(body, 'patientId');
    if (!patientId) return this.renderApplyForPatient(res, user, id, { ...toErrors({ patientId: 'Choose the patient who is applying' }), values: body }, 422);
    try {
      const created = await this.applications.apply(user, id, { patientId, statement: text(body, 'statement') || undefined });
      res.redirect(303, `/applications/${created.id}?done=applied`);
    } catch (err) {
      const r = refusal(err, 'patientId');
      if (!r) throw err;
      await this.renderApplyForPatient(res, user, id, { ...r, values: body }, r.status);
    }
  }

  @Get('applications/:id')
  @Roles(...RECRUITMENT_READER_ROLES)
  async showApplication(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response, @Query('done') done?: string): Promise<void> {
    await this.renderApplication(res, user, id, { done });
  }

  @Post('applications/:id/interviews')
  @Roles(...RECRUITER_ROLES)
  async scheduleInterview(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const date = dateFromParts(body, 'interviewOn');
    const rawTime = text(body, 'interviewTime');
    const time = /^\d:\d\d$/.test(rawTime) ? `0${rawTime}` : rawTime;
    const panel = text(body, 'panel');
    const timeOk = /^([01]\d|2[0-3]):[0-5]\d$/.test(time);
    const at = date && isValidDate(date) && timeOk ? londonInstant(date, time) : null;
    const errors = toErrors({
      interviewOn: dateError(date, 'Interview date'),
      interviewTime: !time ? 'Enter the time, for example 14:30' : timeOk ? null : 'Enter a time on the 24-hour clock, for example 14:30',
      panel: panel ? null : 'Say who is on the interview panel',
    });
    if (errors.errorList.length || !at) return this.renderApplication(res, user, id, { ...errors, values: body, form: 'interview' }, 422);
    await this.attempt(res, user, id, 'interview', body, 'panel', () => this.applications.scheduleInterview(user, id, { scheduledAt: at.toISOString(), panel }));
  }

  @Post('applications/:id/interviews/:interviewId')
  @Roles(...RECRUITER_ROLES)
  async recordOutcome(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Param('interviewId', ParseIdPipe) interviewId: string,
    @Body() body: FormBody,
    @Res() res: Response,
  ): Promise<void> {
    const raw = text(body, 'outcome');
    const outcome = INTERVIEW_OUTCOMES.includes(raw as InterviewOutcome) && raw !== 'PENDING' ? (raw as InterviewOutcome) : undefined;
    if (raw !== 'KEEP' && !outcome) {
      return this.renderApplication(res, user, id, { ...toErrors({ outcome: 'Choose the outcome of the interview' }), values: body, form: 'outcome' }, 422);
    }
    await this.attempt(res, user, id, 'outcome', body, 'outcome', () => this.applications.updateInterview(user, interviewId, { outcome, feedback: text(body, 'feedback') }));
  }

  @Post('applications/:id/offers')
  @Roles(...RECRUITER_ROLES)
  async makeOffer(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const startOn = dateFromParts(body, 'startOn');
    const errors = toErrors({ startOn: dateError(startOn, 'Start date') });
    if (errors.errorList.length) return this.renderApplication(res, user, id, { ...errors, values: body, form: 'offer' }, 422);
    await this.attempt(res, user, id, 'offer', body, 'startOn', () => this.applications.makeOffer(user, id, { startOn, terms: text(body, 'terms') || undefined }));
  }

  @Post('applications/:id/offers/:offerId/accept')
  @Roles(...RECRUITER_ROLES)
  async acceptOffer(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Param('offerId', ParseIdPipe) offerId: string,
    @Body() body: FormBody,
    @Res() res: Response,
  ): Promise<void> {
    await this.attempt(res, user, id, 'accepted', body, 'answer', () => this.applications.acceptOffer(user, offerId));
  }

  @Post('applications/:id/offers/:offerId/decline')
  @Roles(...RECRUITER_ROLES)
  async declineOffer(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Param('offerId', ParseIdPipe) offerId: string,
    @Body() body: FormBody,
    @Res() res: Response,
  ): Promise<void> {
    await this.attempt(res, user, id, 'declined', body, 'answer', () => this.applications.declineOffer(user, offerId));
  }

  @Post('applications/:id/withdraw')
  @Roles(...RECRUITER_ROLES)
  async withdraw(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    await this.attempt(res, user, id, 'withdrawn', body, 'note', () => this.applications.withdraw(user, id, { note: text(body, 'note') || undefined }));
  }

  @Get('placements/:id')
  @Roles(...RECRUITMENT_READER_ROLES)
  async showPlacement(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response, @Query('done') done?: string): Promise<void> {
    await this.renderPlacement(res, user, id, { done, values: datePartsOf('endOn', londonDate()) });
  }

  @Post('placements/:id/end')
  @Roles(...RECRUITER_ROLES)
  async endPlacement(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const input = { endOn: dateFromParts(body, 'endOn'), endReason: text(body, 'endReason'), note: text(body, 'note') || undefined };
    const form = await validateForm(EndPlacementDto, input);
    const errors = toErrors({
      endOn: dateError(input.endOn, 'End date'),
      endReason: form.errors.endReason ? 'Choose why the placement ended' : null,
      note: form.errors.note ?? null,
    });
    if (errors.errorList.length) return this.renderPlacement(res, user, id, { ...errors, values: body }, 422);
    try {
      await this.placements.end(user, id, form.value);
      res.redirect(303, `/placements/${id}?done=ended`);
    } catch (err) {
      const r = refusal(err, 'endOn');
      if (!r) throw err;
      await this.renderPlacement(res, user, id, { ...r, values: body }, r.status);
    }
  }

  /** Runs a change from the application page: back to the page on success, the page with messages on refusal. */
  private async attempt(res: Response, user: AuthUser, id: string, done: string, body: FormBody, field: string, change: () => Promise<unknown>): Promise<void> {
    try {
      await change();
      res.redirect(303, `/applications/${id}?done=${done}`);
    } catch (err) {
      const r = refusal(err, field);
      if (!r) throw err;
      await this.renderApplication(res, user, id, { ...r, values: body, form: done }, r.status);
    }
  }

  private async renderNewVacancy(res: Response, user: AuthUser, extra: Extra, status = 200): Promise<void> {
    const roles = await this.vacancies.rolesForNewVacancy(user);
    res.status(status).render('recruitment/views/vacancy-new.njk', { ...res.locals, roles, labels: RECRUITMENT_LABELS, ...extra });
  }

  private async renderApplyForPatient(res: Response, user: AuthUser, id: string, extra: Extra, status = 200): Promise<void> {
    const vacancy = await this.vacancies.get(user, id);
    const candidates = vacancy.status === 'OPEN' ? await this.applications.candidatesFor(user, id) : [];
    res.status(status).render('recruitment/views/apply-for-patient.njk', { ...res.locals, vacancy, candidates, labels: RECRUITMENT_LABELS, ...extra });
  }

  private async renderApplication(res: Response, user: AuthUser, id: string, extra: Extra, status = 200): Promise<void> {
    const application = withStage(await this.applications.get(user, id));
    const canAct = RECRUITER_ROLES.includes(user.role);
    const pendingInterview = application.interviews.find((i) => i.outcome === 'PENDING') ?? null;
    const open = application.status === 'SUBMITTED' || application.status === 'INTERVIEW';
    const values = extra.values ?? { ...datePartsOf('interviewOn', londonDate()), ...datePartsOf('startOn', londonDate()) };
    res.status(status).render('recruitment/views/application.njk', {
      ...res.locals,
      application,
      canAct,
      canSchedule: canAct && open && !pendingInterview,
      canOffer: canAct && open && !pendingInterview,
      pendingInterview,
      openOffer: application.offer?.status === 'MADE' ? application.offer : null,
      canWithdraw: canAct && ['SUBMITTED', 'INTERVIEW', 'OFFERED'].includes(application.status),
      labels: RECRUITMENT_LABELS,
      ...extra,
      values,
    });
  }

  private async renderPlacement(res: Response, user: AuthUser, id: string, extra: Extra, status = 200): Promise<void> {
    const placement = await this.placements.get(user, id);
    res.status(status).render('recruitment/views/placement.njk', {
      ...res.locals,
      placement,
      canEnd: RECRUITER_ROLES.includes(user.role) && placement.status === 'ACTIVE',
      // the roles that may draft a reference (src/references)
      canWriteReference: ['OT', 'ENTERPRISE_LEAD', 'EMPLOYMENT_SPECIALIST'].includes(user.role),
      labels: RECRUITMENT_LABELS,
      ...extra,
    });
  }
}
