import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { addDays, isValidDate, londonDate } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import { poundsToPence } from '../common/money';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { barChart, CHART_COLOURS } from '../ledger/pages/bar-chart';
import { quarterOf } from '../outcomes/report-query';
import { BENEFITS_SITUATIONS } from '../patients/benefits-situation.entity';
import { cleanForm, FormSpec, handleForm, renderForm } from '../web/form-page';
import {
  AcceptReferralDto,
  AddPlanEntryDto,
  CreateEmployerContactDto,
  CreateEmployerDto,
  CreateFollowAlongDto,
  CreateOpportunityDto,
  CreateReferralDto,
  DeclineReferralDto,
  EndOpportunityDto,
  FourHoursDto,
  PlanCommentDto,
  RecordDisclosureDto,
  SetBenefitsSituationDto,
  SetSpecialistFteDto,
  StepDoneDto,
  UpdateCaseloadDto,
} from './dto/employment.dto';
import { CASELOAD_STATUSES, CONTACT_PURPOSES, DISCLOSURE_CHOICES, FOLLOW_ALONG_MODES, FOLLOW_ALONG_WITH, GOAL_KINDS, LABELS, OPPORTUNITY_END_REASONS, OPPORTUNITY_KINDS, REFERRAL_SOURCES } from './employment.types';
import { EmploymentService } from './employment.service';
import { FIDELITY_LABELS } from './fidelity';
import { FidelityService } from './fidelity.service';
import { OutsideWorkService } from './outside-work.service';

const STAFF = ['ADMIN', 'OT', 'EMPLOYMENT_SPECIALIST'] as const;
const items = (values: readonly string[]) => values.map((v) => ({ value: v, text: LABELS[v] ?? v }));
const yesNo = [{ value: 'true', text: 'Yes' }, { value: 'false', text: 'No' }];
const record = (id: string) => `/employment/patients/${id}`;
const pounds = (v: Record<string, unknown>, key: string) => (v[key] === undefined ? v : { ...v, [key]: poundsToPence(v[key]) });

/** Employment support pages: caseload, a person's record, employers, fidelity and returns; the patient's plan and work outside. */
@ApiExcludeController()
@Controller()
export class EmploymentPagesController {
  constructor(
    private readonly employment: EmploymentService,
    private readonly outside: OutsideWorkService,
    private readonly fidelityService: FidelityService,
  ) {}

  @Get('employment/caseload')
  @Roles(...STAFF)
  @Render('employment/views/caseload.njk')
  async caseload(@CurrentUser() user: AuthUser, @Query('specialistUserId') specialistUserId?: string) {
    const specialists = await this.employment.specialists();
    const chosen = specialists.find((s) => s.userId === specialistUserId)?.userId;
    const result = await this.employment.caseload(user, chosen);
    const pending = await this.employment.pendingReferrals(user);
    const me = specialists.find((s) => s.userId === (result.specialistUserId ?? ''));
    return { result, pending, specialists, isAdmin: user.role === 'ADMIN', chosen: result.specialistUserId ?? '', heading: user.role === 'EMPLOYMENT_SPECIALIST' && !chosen ? 'My caseload' : me ? `Caseload of ${me.displayName}` : 'Caseloads', me, labels: LABELS, overdueCount: result.items.filter((i) => i.overdue).length, today: londonDate() };
  }

  @Get('employment/patients/:id')
  @Roles(...STAFF)
  @Render('employment/views/record.njk')
  async record(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string) {
    const r = await this.employment.record(user, id);
    const open = r.referrals.find((x) => x.status === 'PENDING' || (x.status === 'ACCEPTED' && !x.closedOn));
    return { r, open, labels: LABELS, today: londonDate(), canDecide: ['ADMIN', 'EMPLOYMENT_SPECIALIST'].includes(user.role) };
  }

  // ---- forms on a person's record ----

  @Get('employment/patients/:id/refer')
  @Roles(...STAFF)
  async referForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    await this.employment.assertReferable(user, id);
    renderForm(res, this.referSpec(id), { referredOn: londonDate() });
  }

  @Post('employment/patients/:id/refer')
  @Roles(...STAFF)
  async refer(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = this.referSpec(id);
    await handleForm(res, form, CreateReferralDto, cleanForm(body, form.fields), async (v) => (await this.employment.createReferral(user, v), record(id)), (v) => ({ ...v, patientId: id }));
  }

  @Get('employment/referrals/:id/accept')
  @Roles('ADMIN', 'EMPLOYMENT_SPECIALIST')
  async acceptForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    await this.employment.assertReferralEditable(user, id);
    renderForm(res, await this.acceptSpec(id), { acceptedOn: londonDate(), specialistUserId: user.role === 'EMPLOYMENT_SPECIALIST' ? user.id : '', outOfWorkWhenAccepted: 'true' });
  }

  @Post('employment/referrals/:id/accept')
  @Roles('ADMIN', 'EMPLOYMENT_SPECIALIST')
  async accept(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = await this.acceptSpec(id);
    await handleForm(res, form, AcceptReferralDto, cleanForm(body, form.fields), async (v) => record((await this.employment.accept(user, id, v)).patientId));
  }

  @Get('employment/referrals/:id/decline')
  @Roles('ADMIN', 'EMPLOYMENT_SPECIALIST')
  async declineForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    await this.employment.assertReferralEditable(user, id);
    renderForm(res, this.declineSpec(id), { declinedOn: londonDate() });
  }

  @Post('employment/referrals/:id/decline')
  @Roles('ADMIN', 'EMPLOYMENT_SPECIALIST')
  async decline(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = this.declineSpec(id);
    await handleForm(res, form, DeclineReferralDto, cleanForm(body, form.fields), async (v) => record((await this.employment.decline(user, id, v)).patientId));
  }

  @Get('employment/referrals/:id/update')
  @Roles(...STAFF)
  async updateForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    await this.employment.assertReferralEditable(user, id);
    renderForm(res, this.updateSpec(id));
  }

  @Post('employment/referrals/:id/update')
  @Roles(...STAFF)
  async update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = this.updateSpec(id);
    await handleForm(res, form, UpdateCaseloadDto, cleanForm(body, form.fields), async (v) => record((await this.employment.updateCaseload(user, id, v)).patientId));
  }

  @Get('employment/patients/:id/plan/new')
  @Roles(...STAFF)
  async planForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    await this.employment.assertEditable(user, id);
    renderForm(res, this.planSpec(id));
  }

  @Post('employment/patients/:id/plan/new')
  @Roles(...STAFF)
  async addPlan(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = this.planSpec(id);
    await handleForm(res, form, AddPlanEntryDto, cleanForm(body, form.fields), async (v) => (await this.employment.addPlanEntry(user, id, v), record(id) + '#plan'));
  }

  @Post('employment/patients/:id/plan/:entryId/done')
  @Roles(...STAFF)
  async stepDone(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Param('entryId', ParseIdPipe) entryId: string, @Res() res: Response): Promise<void> {
    await this.employment.stepDone(user, id, entryId, Object.assign(new StepDoneDto(), { doneOn: londonDate() }));
    res.redirect(303, record(id) + '#plan');
  }

  @Get('employment/patients/:id/opportunities/new')
  @Roles(...STAFF)
  async opportunityForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    await this.employment.assertEditable(user, id);
    renderForm(res, await this.opportunitySpec(id), { startsOn: londonDate() });
  }

  @Post('employment/patients/:id/opportunities/new')
  @Roles(...STAFF)
  async addOpportunity(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = await this.opportunitySpec(id);
    await handleForm(res, form, CreateOpportunityDto, cleanForm(body, form.fields), async (v) => (await this.outside.createOpportunity(user, id, v), record(id) + '#opportunities'), (v) => pounds(v, 'hourlyPayPence'));
  }

  @Get('employment/patients/:id/opportunities/:oid/end')
  @Roles(...STAFF)
  async endForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Param('oid', ParseIdPipe) oid: string, @Res() res: Response): Promise<void> {
    await this.employment.assertEditable(user, id);
    renderForm(res, this.endSpec(id, oid), { endsOn: londonDate() });
  }

  @Post('employment/patients/:id/opportunities/:oid/end')
  @Roles(...STAFF)
  async end(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Param('oid', ParseIdPipe) oid: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = this.endSpec(id, oid);
    await handleForm(res, form, EndOpportunityDto, cleanForm(body, form.fields), async (v) => (await this.outside.endOpportunity(user, id, oid, v), record(id) + '#opportunities'));
  }

  @Get('employment/patients/:id/opportunities/:oid/four-hours')
  @Roles(...STAFF)
  async fourHoursForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Param('oid', ParseIdPipe) oid: string, @Res() res: Response): Promise<void> {
    await this.employment.assertEditable(user, id);
    renderForm(res, this.fourHoursSpec(id, oid), { fourHoursWorkedOn: londonDate() });
  }

  @Post('employment/patients/:id/opportunities/:oid/four-hours')
  @Roles(...STAFF)
  async fourHours(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Param('oid', ParseIdPipe) oid: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = this.fourHoursSpec(id, oid);
    await handleForm(res, form, FourHoursDto, cleanForm(body, form.fields), async (v) => (await this.outside.recordFourHours(user, id, oid, v), record(id) + '#opportunities'));
  }

  @Get('employment/patients/:id/disclosures/new')
  @Roles(...STAFF)
  async disclosureForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    await this.employment.assertEditable(user, id);
    renderForm(res, await this.disclosureSpec(id), { decidedOn: londonDate() });
  }

  @Post('employment/patients/:id/disclosures/new')
  @Roles(...STAFF)
  async addDisclosure(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = await this.disclosureSpec(id);
    await handleForm(res, form, RecordDisclosureDto, cleanForm(body, form.fields), async (v) => (await this.outside.recordDisclosure(user, id, v), record(id) + '#contacts'));
  }

  @Get('employment/specialists/:userId/fte')
  @Roles('ADMIN')
  async fteForm(@Param('userId', ParseIdPipe) userId: string, @Res() res: Response): Promise<void> {
    const s = (await this.employment.specialists()).find((x) => x.userId === userId);
    if (!s) throw AppError.notFound('Employment specialist');
    renderForm(res, this.fteSpec(userId, s.displayName), { fte: s.fte === null ? '' : String(s.fte) });
  }

  @Post('employment/specialists/:userId/fte')
  @Roles('ADMIN')
  async setFte(@Param('userId', ParseIdPipe) userId: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const s = (await this.employment.specialists()).find((x) => x.userId === userId);
    if (!s) throw AppError.notFound('Employment specialist');
    const form = this.fteSpec(userId, s.displayName);
    await handleForm(res, form, SetSpecialistFteDto, cleanForm(body, form.fields), async (v) => (await this.employment.setFte(userId, v), '/employment/caseload'));
  }

  @Get('employment/patients/:id/follow-along/new')
  @Roles(...STAFF)
  async followAlongForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    renderForm(res, await this.followAlongSpec(user, id), { contactedOn: londonDate() });
  }

  @Post('employment/patients/:id/follow-along/new')
  @Roles(...STAFF)
  async addFollowAlong(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = await this.followAlongSpec(user, id);
    await handleForm(res, form, CreateFollowAlongDto, cleanForm(body, form.fields), async (v) => (await this.outside.createFollowAlong(user, id, v), record(id) + '#follow-along'));
  }

  @Get('employment/patients/:id/benefits')
  @Roles(...STAFF)
  async benefitsForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    await this.employment.assertEditable(user, id);
    renderForm(res, this.benefitsSpec(id), { effectiveFrom: londonDate(), workAllowanceMonthlyPence: '411.00' });
  }

  @Post('employment/patients/:id/benefits')
  @Roles(...STAFF)
  async setBenefits(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = this.benefitsSpec(id);
    await handleForm(res, form, SetBenefitsSituationDto, cleanForm(body, form.fields), async (v) => (await this.employment.setBenefitsSituation(user, id, v), record(id) + '#benefits'), (v) => pounds(v, 'workAllowanceMonthlyPence'));
  }

  // ---- employers ----

  @Get('employment/employers')
  @Roles(...STAFF)
  @Render('employment/views/employers.njk')
  async employers() {
    return { employers: await this.outside.employers() };
  }

  @Get('employment/employers/new')
  @Roles(...STAFF)
  employerForm(@Res() res: Response): void {
    renderForm(res, this.employerSpec());
  }

  @Post('employment/employers/new')
  @Roles(...STAFF)
  async addEmployer(@CurrentUser() user: AuthUser, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = this.employerSpec();
    await handleForm(res, form, CreateEmployerDto, cleanForm(body, form.fields), async (v) => (await this.outside.createEmployer(user, v), '/employment/employers'));
  }

  @Get('employment/employer-contacts/new')
  @Roles('EMPLOYMENT_SPECIALIST', 'OT')
  async contactForm(@Query('patientId') patientId: string | undefined, @Res() res: Response): Promise<void> {
    renderForm(res, await this.contactSpec(patientId), { contactedOn: londonDate(), faceToFace: 'true' });
  }

  @Post('employment/employer-contacts/new')
  @Roles('EMPLOYMENT_SPECIALIST', 'OT')
  async addContact(@CurrentUser() user: AuthUser, @Query('patientId') patientId: string | undefined, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = await this.contactSpec(patientId);
    const pid = patientId && /^[0-9a-f-]{36}$/i.test(patientId) ? patientId : undefined;
    await handleForm(res, form, CreateEmployerContactDto, cleanForm(body, form.fields), async (v) => (await this.outside.createContact(user, v), pid ? record(pid) + '#contacts' : '/employment/employers'), (v) => (pid ? { ...v, patientId: pid } : v));
  }

  // ---- fidelity and returns ----

  @Get('employment/fidelity')
  @Roles('ADMIN', 'COMMISSIONER', 'EMPLOYMENT_SPECIALIST', 'OT')
  async fidelity(@CurrentUser() user: AuthUser, @Query() q: Record<string, string>, @Res() res: Response): Promise<void> {
    const today = londonDate();
    const values = { from: q.from ?? addDays(today, -90), to: q.to ?? today };
    const errors: Record<string, string> = {};
    if (!isValidDate(values.from)) errors.from = 'Enter a real date as YYYY-MM-DD';
    if (!isValidDate(values.to)) errors.to = 'Enter a real date as YYYY-MM-DD';
    let report = null;
    if (!Object.keys(errors).length) {
      try {
        report = await this.fidelityService.fidelity(user, values.from, values.to);
      } catch (e) {
        if (!(e instanceof AppError) || e.status !== 422) throw e;
        errors.to = e.message;
      }
    }
    const errorList = Object.entries(errors).map(([f, text]) => ({ text, href: `#${f}` }));
    const percentKeys = ['firstFaceToFaceEmployerContactWithin30DaysPercent', 'followAlongInFirstMonthPercent', 'benefitsPlanningBeforeStartPercent', 'competitiveJobStartsPercent', 'employmentRatePercent'];
    const rows = (report?.items ?? []).map((i) => ({ key: i.key, label: FIDELITY_LABELS[i.key] ?? i.key, value: i.value === null ? 'Not enough data' : String(i.value), score: i.score ?? '' }));
    const percents = (report?.items ?? []).filter((i) => percentKeys.includes(i.key));
    const chart = report ? barChart(percents.map((_, n) => String(n + 1)), [{ name: 'Per cent', values: percents.map((i) => (typeof i.value === 'number' ? i.value : 0)), colour: CHART_COLOURS.blue }], (v) => `${v}%`) : null;
    res.status(errorList.length ? 422 : 200).render('employment/views/fidelity.njk', {
      ...res.locals, report, rows, chart, chartRows: percents.map((i, n) => ({ n: n + 1, label: FIDELITY_LABELS[i.key], value: i.value === null ? 'Not enough data' : `${i.value}%` })),
      values, errors, errorList, quarter: quarterOf(values.to), canReturn: ['ADMIN', 'COMMISSIONER'].includes(user.role),
    });
  }

  @Get('employment/returns')
  @Roles('ADMIN', 'COMMISSIONER')
  @Render('employment/views/returns.njk')
  returns(@CurrentUser() user: AuthUser, @Query('quarter') quarter?: string) {
    const current = quarterOf(londonDate());
    const chosen = quarter && /^\d{4}-Q[1-4]$/.test(quarter) ? quarter : current;
    const quarters: string[] = [];
    for (let d = londonDate(), i = 0; i < 8; i++, d = addDays(d, -91)) if (!quarters.includes(quarterOf(d))) quarters.push(quarterOf(d));
    return { quarters: quarters.map((x) => ({ value: x, text: x, selected: x === chosen })), chosen, csvHref: `/api/employment/returns/quarterly.csv?quarter=${chosen}`, suppressed: user.role === 'COMMISSIONER' };
  }

  // ---- the patient's own pages ----

  @Get('my/plan')
  @Roles('PATIENT')
  async myPlan(@CurrentUser() user: AuthUser, @Res() res: Response): Promise<void> {
    await this.renderMyPlan(user, res);
  }

  @Post('my/plan')
  @Roles('PATIENT')
  async myComment(@CurrentUser() user: AuthUser, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const text = typeof body?.text === 'string' ? body.text.trim() : '';
    if (!text) return this.renderMyPlan(user, res, { text: 'Enter your comment' }, 422);
    if (text.length > 2000) return this.renderMyPlan(user, res, { text: 'Keep your comment under 2000 characters' }, 422);
    await this.employment.comment(user, Object.assign(new PlanCommentDto(), { text }));
    res.redirect(303, '/my/plan?done=1');
  }

  @Post('my/plan/refer')
  @Roles('PATIENT')
  async referMyself(@CurrentUser() user: AuthUser, @Res() res: Response): Promise<void> {
    if (!user.patientId) throw AppError.notFound('Patient');
    await this.employment.createReferral(user, Object.assign(new CreateReferralDto(), { patientId: user.patientId, referredOn: londonDate(), source: 'SELF' as const }));
    res.redirect(303, '/my/plan?done=referred');
  }

  @Get('my/work-outside')
  @Roles('PATIENT')
  @Render('employment/views/my-work-outside.njk')
  async myWorkOutside(@CurrentUser() user: AuthUser) {
    if (!user.patientId) throw AppError.notFound('Patient');
    const r = await this.employment.record(user, user.patientId);
    return { opportunities: r.opportunities, followAlong: r.followAlong, benefits: r.benefits, labels: LABELS };
  }

  private async renderMyPlan(user: AuthUser, res: Response, errors?: Record<string, string>, status = 200): Promise<void> {
    if (!user.patientId) throw AppError.notFound('Patient');
    const plan = await this.employment.plan(user, user.patientId);
    const openReferral = await this.employment.ownOpenReferral(user);
    const errorList = errors ? Object.entries(errors).map(([f, text]) => ({ text, href: `#${f}` })) : undefined;
    res.status(status).render('employment/views/my-plan.njk', {
      ...res.locals, labels: LABELS, errors, errorList, done: res.req.query.done === '1', referred: res.req.query.done === 'referred', openReferral,
      strengths: plan.filter((e) => e.kind === 'STRENGTH'), goals: plan.filter((e) => e.kind === 'GOAL'), steps: plan.filter((e) => e.kind === 'STEP'),
      reviews: plan.filter((e) => e.kind === 'REVIEW'), comments: plan.filter((e) => e.kind === 'COMMENT'),
    });
  }

  // ---- form specs ----

  private referSpec(id: string): FormSpec {
    return { title: 'Refer to employment support', action: `${record(id)}/refer`, submit: 'Refer', cancel: record(id), fields: [
      { name: 'referredOn', label: 'Referred on', type: 'date' },
      { name: 'source', label: 'Who made the referral', type: 'radios', items: items(REFERRAL_SOURCES) },
    ] };
  }

  private async acceptSpec(id: string): Promise<FormSpec> {
    const specialists = await this.employment.specialists();
    return { title: 'Accept onto a caseload', action: `/employment/referrals/${id}/accept`, submit: 'Accept', fields: [
      { name: 'specialistUserId', label: 'Employment specialist', type: 'select', items: specialists.map((s) => ({ value: s.userId, text: s.displayName })) },
      { name: 'acceptedOn', label: 'Accepted on', type: 'date' },
      { name: 'outOfWorkWhenAccepted', label: 'Out of work when accepted?', type: 'radios', items: yesNo },
    ] };
  }

  private declineSpec(id: string): FormSpec {
    return { title: 'Decline the referral', intro: 'Employment support excludes no one who wants to work: a decline is reported with its reason.', action: `/employment/referrals/${id}/decline`, submit: 'Decline', fields: [
      { name: 'reason', label: 'Reason', type: 'textarea' },
      { name: 'declinedOn', label: 'Declined on', type: 'date' },
    ] };
  }

  private updateSpec(id: string): FormSpec {
    return { title: 'Update the caseload entry', action: `/employment/referrals/${id}/update`, submit: 'Save', fields: [
      { name: 'status', label: 'Status', type: 'select', items: items(CASELOAD_STATUSES) },
      { name: 'closedReason', label: 'Reason for closing', type: 'textarea', hint: 'Needed when closing' },
      { name: 'profileStartedOn', label: 'Vocational profile started on', type: 'date' },
      { name: 'benefitsPlanningOfferedOn', label: 'Benefits planning offered on', type: 'date' },
      { name: 'benefitsPlanningDoneOn', label: 'Benefits planning done on', type: 'date' },
    ] };
  }

  private planSpec(id: string): FormSpec {
    return { title: 'Add to the plan', intro: 'The person reads their plan on their own pages and can comment on it.', action: `${record(id)}/plan/new`, submit: 'Add', cancel: record(id), fields: [
      { name: 'kind', label: 'What to add', type: 'radios', items: items(['STRENGTH', 'GOAL', 'STEP', 'REVIEW']) },
      { name: 'text', label: 'Text', type: 'textarea' },
      { name: 'goalKind', label: 'Kind of goal', type: 'select', items: items(GOAL_KINDS), hint: 'Goals only' },
      { name: 'dueOn', label: 'Due on', type: 'date', hint: 'Steps only.' },
      { name: 'patientWords', label: 'In the person’s own words', type: 'textarea', hint: 'Reviews only' },
    ] };
  }

  private async opportunitySpec(id: string): Promise<FormSpec> {
    const employers = await this.outside.employers();
    return { title: 'Record a start outside', warning: 'While detained, a start needs unescorted community leave on the start date.', action: `${record(id)}/opportunities/new`, submit: 'Record the start', cancel: record(id), fields: [
      { name: 'kind', label: 'Kind', type: 'radios', items: items(OPPORTUNITY_KINDS) },
      { name: 'title', label: 'Title', width: 30 },
      { name: 'employerId', label: 'Employer or provider', type: 'select', items: employers.map((e) => ({ value: e.id, text: e.name })) },
      { name: 'startsOn', label: 'Starts on', type: 'date' },
      { name: 'hoursPerWeek', label: 'Hours a week', type: 'number' },
      { name: 'hourlyPayPence', label: 'Hourly pay', type: 'money', hint: 'Jobs only' },
      { name: 'competitive', label: 'Competitive (open to anyone, at least the minimum wage)?', type: 'radios', items: yesNo },
      { name: 'fourHoursWorkedOn', label: 'Day the first 4 hours of paid work were done', type: 'date', hint: 'Jobs only; a job start counts from then.' },
    ] };
  }

  private async followAlongSpec(user: AuthUser, id: string): Promise<FormSpec> {
    const r = await this.employment.record(user, id);
    return { title: 'Record follow-along support', action: `${record(id)}/follow-along/new`, submit: 'Record', cancel: record(id), fields: [
      { name: 'opportunityId', label: 'Which start', type: 'select', items: r.opportunities.map((o) => ({ value: o.id, text: `${o.title} (${o.startsOn})` })) },
      { name: 'contactedOn', label: 'Date', type: 'date' },
      { name: 'mode', label: 'How', type: 'radios', items: items(FOLLOW_ALONG_MODES) },
      { name: 'withWhom', label: 'With whom', type: 'radios', items: items(FOLLOW_ALONG_WITH) },
      { name: 'note', label: 'Note', type: 'textarea' },
    ] };
  }

  private benefitsSpec(id: string): FormSpec {
    return { title: 'Benefits situation', intro: 'The rota’s hours and earnings caps follow it: no benefits and Universal Credit have no hard cap; legacy benefits keep the permitted-work caps; not known uses the site default.', action: `${record(id)}/benefits`, submit: 'Save', cancel: record(id), fields: [
      { name: 'situation', label: 'Situation', type: 'radios', items: items(BENEFITS_SITUATIONS) },
      { name: 'effectiveFrom', label: 'From', type: 'date' },
      { name: 'workAllowanceMonthlyPence', label: 'Universal Credit work allowance a month', type: 'money', hint: 'Universal Credit only; £0 if none applies' },
      { name: 'note', label: 'Note', type: 'textarea' },
    ] };
  }

  private endSpec(id: string, oid: string): FormSpec {
    return { title: 'End a start outside', action: `${record(id)}/opportunities/${oid}/end`, submit: 'Record the end', cancel: record(id), fields: [
      { name: 'endsOn', label: 'Ended on', type: 'date' },
      { name: 'endReason', label: 'Reason', type: 'radios', items: items(OPPORTUNITY_END_REASONS) },
    ] };
  }

  private fourHoursSpec(id: string, oid: string): FormSpec {
    return { title: 'First 4 hours of paid work', intro: 'A job start counts once the person has done 4 hours of paid work.', action: `${record(id)}/opportunities/${oid}/four-hours`, submit: 'Save', cancel: record(id), fields: [
      { name: 'fourHoursWorkedOn', label: 'Day the first 4 hours were done', type: 'date' },
    ] };
  }

  private async disclosureSpec(id: string): Promise<FormSpec> {
    const employers = await this.outside.employers();
    return { title: 'What the person tells an employer', intro: 'References for this employer follow the choice: the hospital is named only if the person disclosed it.', action: `${record(id)}/disclosures/new`, submit: 'Record the choice', cancel: record(id), fields: [
      { name: 'employerId', label: 'Employer', type: 'select', items: employers.map((e) => ({ value: e.id, text: e.name })) },
      { name: 'choice', label: 'What the person chooses to disclose', type: 'radios', items: items(DISCLOSURE_CHOICES) },
      { name: 'decidedOn', label: 'Decided on', type: 'date' },
      { name: 'note', label: 'Note', type: 'textarea' },
    ] };
  }

  private fteSpec(userId: string, name: string): FormSpec {
    return { title: 'Working time', caption: name, intro: 'Full-time equivalent, for caseload per full-time specialist (1 = full time, 0.6 = three days a week).', action: `/employment/specialists/${userId}/fte`, submit: 'Save', cancel: '/employment/caseload', fields: [
      { name: 'fte', label: 'Full-time equivalent', type: 'number' },
    ] };
  }

  private employerSpec(): FormSpec {
    return { title: 'Add an employer', action: '/employment/employers/new', submit: 'Add', cancel: '/employment/employers', fields: [
      { name: 'name', label: 'Name', width: 30 },
      { name: 'sector', label: 'Sector', width: 20 },
      { name: 'contact', label: 'Contact', width: 30 },
      { name: 'notes', label: 'Notes', type: 'textarea' },
    ] };
  }

  private async contactSpec(patientId?: string): Promise<FormSpec> {
    const employers = await this.outside.employers();
    const pid = patientId && /^[0-9a-f-]{36}$/i.test(patientId) ? patientId : undefined;
    return { title: 'Record an employer contact', caption: pid ? 'For a person' : 'Job development', action: `/employment/employer-contacts/new${pid ? `?patientId=${pid}` : ''}`, submit: 'Record', cancel: pid ? record(pid) : '/employment/employers', fields: [
      { name: 'employerId', label: 'Employer', type: 'select', items: employers.map((e) => ({ value: e.id, text: e.name })) },
      { name: 'contactedOn', label: 'Date', type: 'date' },
      { name: 'faceToFace', label: 'Face to face?', type: 'radios', items: yesNo },
      { name: 'purpose', label: 'Purpose', type: 'radios', items: items(CONTACT_PURPOSES) },
      { name: 'note', label: 'Note', type: 'textarea' },
    ] };
  }
}
