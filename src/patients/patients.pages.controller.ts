import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { londonDate } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import { hoursToMinutes, penceToPounds, poundsToPence } from '../common/money';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { cleanForm, FormSpec, handleForm, renderForm } from '../web/form-page';
import { formatPence } from '../web/nunjucks';
import { londonInstant } from '../recruitment/london-time';
import { WardsService } from '../wards/wards.service';
import {
  AddRestrictionDto,
  CreatePatientDto,
  LiftRestrictionDto,
  RecordLeaveDto,
  ReinstateLeaveDto,
  SetBenefitsLimitsDto,
  SuspendLeaveDto,
  TransferFormDto,
  VocationalProfileDto,
} from './dto/patients.dto';
import { LEAVE_LABELS, LEAVE_LEVELS } from './leave';
import { PatientsService } from './patients.service';
import { ACTIVITY_LABELS, RESTRICTION_LABELS, RESTRICTIONS } from './restrictions';
import { VOCATIONAL_STAGES } from './vocational-profile.entity';

export const STAGE_LABELS: Record<string, string> = {
  ENGAGEMENT: 'Engagement',
  VOCATIONAL_PROFILING: 'Vocational profiling',
  IN_WORK_ROLE: 'In a work role',
  JOB_SEARCH_OUTSIDE: 'Looking for work outside',
  IN_EDUCATION_OR_TRAINING: 'In education or training',
  MOVED_ON: 'Moved on',
};

const leaveItems = LEAVE_LEVELS.map((l) => ({ value: l, text: LEAVE_LABELS[l] }));
const base = (id: string) => `/patients/${id}`;

@ApiExcludeController()
@Controller('patients')
export class PatientsPagesController {
  constructor(
    private readonly patients: PatientsService,
    private readonly wards: WardsService,
  ) {}

  @Get()
  @Roles('ADMIN', 'OT', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST')
  @Render('patients/views/list.njk')
  async list(@CurrentUser() user: AuthUser, @Query() query: Record<string, string>) {
    const pageNo = Math.max(1, Number(query.page) || 1);
    const leave = (LEAVE_LEVELS as readonly string[]).includes(query.leave) ? (query.leave as (typeof LEAVE_LEVELS)[number]) : undefined;
    const allWards = await this.wards.listAll();
    const myWards = user.role === 'ADMIN' ? allWards : allWards.filter((w) => user.wardIds.includes(w.id));
    const wardId = myWards.some((w) => w.id === query.wardId) ? query.wardId : undefined;
    const result = await this.patients.list(user, { q: query.q?.trim() || undefined, wardId, leave, status: 'ACTIVE', limit: 25, offset: (pageNo - 1) * 25 });
    const qs = (p: number) => new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(wardId ? { wardId } : {}), ...(leave ? { leave } : {}), page: String(p) }).toString();
    return {
      result,
      filters: { q: query.q ?? '', wardId: wardId ?? '', leave: leave ?? '' },
      wards: myWards,
      leaveItems,
      leaveLabels: LEAVE_LABELS,
      restrictionLabels: RESTRICTION_LABELS,
      canAdd: ['ADMIN', 'OT', 'WARD_STAFF'].includes(user.role),
      previous: pageNo > 1 ? `/patients?${qs(pageNo - 1)}` : null,
      next: pageNo * 25 < result.total ? `/patients?${qs(pageNo + 1)}` : null,
    };
  }

  @Get('new')
  @Roles('ADMIN', 'OT', 'WARD_STAFF')
  async newPage(@CurrentUser() user: AuthUser, @Res() res: Response): Promise<void> {
    renderForm(res, await this.createForm(user));
  }

  @Post('new')
  @Roles('ADMIN', 'OT', 'WARD_STAFF')
  async create(@CurrentUser() user: AuthUser, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = await this.createForm(user);
    await handleForm(res, form, CreatePatientDto, cleanForm(body, form.fields), async (v) => base((await this.patients.create(user, v)).id));
  }

  @Get(':id')
  @Roles('ADMIN', 'OT', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST', 'ENTERPRISE_LEAD')
  @Render('patients/views/show.njk')
  async show(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string) {
    const patient = await this.patients.get(user, id);
    const work = await this.patients.workHistory(user, id);
    const wardHistory = await this.patients.wardHistory(user, id);
    const b = patient.benefitsLimits;
    const hours = (m: number) => `${Math.round((m / 60) * 10) / 10} hours`;
    return {
      patient,
      work,
      wardStays: [...wardHistory.stays].reverse(),
      restrictionsText: patient.restrictionsInForce.map((r) => RESTRICTION_LABELS[r]).join(', ') || 'None',
      limitsText:
        `${b.weeklyEarningsCapPence !== null ? `${formatPence(b.weeklyEarningsCapPence)} earnings` : 'No earnings cap'}, ` +
        `${b.weeklyHoursCapMinutes !== null ? `${hours(b.weeklyHoursCapMinutes)} a week` : 'no hours cap'}` +
        ` (${b.source === 'SITE_DEFAULT' ? 'site default' : b.source === 'NO_CAP' ? 'no cap' : b.source === 'NO_BENEFITS' ? 'no benefits' : b.source === 'UNIVERSAL_CREDIT' ? 'Universal Credit' : 'custom'})`,
      today: londonDate(),
      leaveLabels: LEAVE_LABELS,
      restrictionLabels: RESTRICTION_LABELS,
      activityLabels: ACTIVITY_LABELS,
      stageLabels: STAGE_LABELS,
      canEditClinical: ['OT', 'WARD_STAFF'].includes(user.role),
      canEditVocational: ['OT', 'EMPLOYMENT_SPECIALIST'].includes(user.role),
      canMove: ['ADMIN', 'OT', 'WARD_STAFF'].includes(user.role),
    };
  }

  @Get(':id/leave')
  @Roles('OT', 'WARD_STAFF')
  async leaveForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const p = await this.patients.get(user, id);
    renderForm(res, this.leaveSpec(id, p.displayName), { effectiveFrom: londonDate() });
  }

  @Post(':id/leave')
  @Roles('OT', 'WARD_STAFF')
  async recordLeave(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = this.leaveSpec(id);
    await handleForm(res, form, RecordLeaveDto, cleanForm(body, form.fields), async (v) => {
      await this.patients.recordLeave(user, id, v);
      return base(id) + '#leave';
    });
  }

  @Get(':id/leave/suspend')
  @Roles('OT', 'WARD_STAFF')
  async suspendForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const p = await this.patients.get(user, id);
    renderForm(res, this.suspendSpec(id, p.displayName), { effectiveFrom: londonDate() });
  }

  @Post(':id/leave/suspend')
  @Roles('OT', 'WARD_STAFF')
  async suspend(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = this.suspendSpec(id);
    await handleForm(res, form, SuspendLeaveDto, cleanForm(body, form.fields), async (v) => {
      await this.patients.suspendLeave(user, id, v);
      return base(id) + '#leave';
    });
  }

  @Get(':id/leave/reinstate')
  @Roles('OT', 'WARD_STAFF')
  async reinstateForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const p = await this.patients.get(user, id);
    renderForm(res, this.reinstateSpec(id, p.displayName), { effectiveFrom: londonDate() });
  }

  @Post(':id/leave/reinstate')
  @Roles('OT', 'WARD_STAFF')
  async reinstate(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = this.reinstateSpec(id);
    await handleForm(res, form, ReinstateLeaveDto, cleanForm(body, form.fields), async (v) => {
      await this.patients.reinstateLeave(user, id, v);
      return base(id) + '#leave';
    });
  }

  @Get(':id/restrictions/new')
  @Roles('OT', 'WARD_STAFF')
  async restrictionForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const p = await this.patients.get(user, id);
    renderForm(res, this.restrictionSpec(id, p.displayName), { effectiveFrom: londonDate() });
  }

  @Post(':id/restrictions/new')
  @Roles('OT', 'WARD_STAFF')
  async addRestriction(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = this.restrictionSpec(id);
    await handleForm(res, form, AddRestrictionDto, cleanForm(body, form.fields), async (v) => {
      await this.patients.addRestriction(user, id, v);
      return base(id) + '#restrictions';
    });
  }

  @Get(':id/restrictions/:rid/lift')
  @Roles('OT', 'WARD_STAFF')
  async liftForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Param('rid', ParseIdPipe) rid: string, @Res() res: Response): Promise<void> {
    const p = await this.patients.get(user, id);
    const r = p.restrictions.find((x) => x.id === rid);
    renderForm(res, this.liftSpec(id, rid, p.displayName, r ? RESTRICTION_LABELS[r.restriction] : undefined), { liftedOn: londonDate() });
  }

  @Post(':id/restrictions/:rid/lift')
  @Roles('OT', 'WARD_STAFF')
  async lift(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Param('rid', ParseIdPipe) rid: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = this.liftSpec(id, rid);
    await handleForm(res, form, LiftRestrictionDto, cleanForm(body, form.fields), async (v) => {
      await this.patients.liftRestriction(user, id, rid, v);
      return base(id) + '#restrictions';
    });
  }

  @Get(':id/benefits')
  @Roles('OT', 'EMPLOYMENT_SPECIALIST')
  async benefitsForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const p = await this.patients.get(user, id);
    const b = p.benefitsLimits;
    renderForm(res, this.benefitsSpec(id, p.displayName), {
      mode: b.source,
      weeklyEarningsCapPence: b.source === 'CUSTOM' ? penceToPounds(b.weeklyEarningsCapPence) : '',
      weeklyHoursCapMinutes: b.source === 'CUSTOM' && b.weeklyHoursCapMinutes !== null ? String(Math.round((b.weeklyHoursCapMinutes / 60) * 100) / 100) : '',
      effectiveFrom: londonDate(),
    });
  }

  @Post(':id/benefits')
  @Roles('OT', 'EMPLOYMENT_SPECIALIST')
  async setBenefits(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = this.benefitsSpec(id);
    await handleForm(
      res,
      form,
      SetBenefitsLimitsDto,
      cleanForm(body, form.fields),
      async (v) => {
        await this.patients.setBenefitsLimits(user, id, v);
        return base(id) + '#benefits';
      },
      (v) => ({
        ...v,
        weeklyEarningsCapPence: v.mode === 'CUSTOM' && v.weeklyEarningsCapPence !== undefined ? poundsToPence(v.weeklyEarningsCapPence) : undefined,
        weeklyHoursCapMinutes: v.mode === 'CUSTOM' && v.weeklyHoursCapMinutes !== undefined ? hoursToMinutes(v.weeklyHoursCapMinutes) : undefined,
      }),
    );
  }

  @Get(':id/profile')
  @Roles('OT', 'EMPLOYMENT_SPECIALIST')
  async profileForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const p = await this.patients.get(user, id);
    renderForm(res, this.profileSpec(id, p.displayName), { ...p.vocationalProfile });
  }

  @Post(':id/profile')
  @Roles('OT', 'EMPLOYMENT_SPECIALIST')
  async setProfile(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = this.profileSpec(id);
    const values = cleanForm(body, form.fields);
    await handleForm(res, form, VocationalProfileDto, values, async (v) => {
      // blank text fields clear them
      await this.patients.setVocationalProfile(user, id, { workPreferences: '', goals: '', strengths: '', nextReviewOn: undefined, ...v });
      return base(id) + '#profile';
    });
  }

  @Get(':id/move')
  @Roles('ADMIN', 'OT', 'WARD_STAFF')
  async moveForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const p = await this.patients.get(user, id);
    renderForm(res, await this.moveSpec(id, p.displayName, p.wardId), {});
  }

  @Post(':id/move')
  @Roles('ADMIN', 'OT', 'WARD_STAFF')
  async move(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = await this.moveSpec(id);
    await handleForm(res, form, TransferFormDto, cleanForm(body, form.fields), async (v) => {
      const [date, time] = v.movedAt ? v.movedAt.split(' ') : [];
      const at = date ? londonInstant(date, time) : null;
      if (v.movedAt && !at) throw AppError.validation('Enter a real time', [{ field: 'movedAt', message: 'Enter the time of the move like 2026-11-23 14:30' }]);
      const moved = await this.patients.transfer(user, id, { wardId: v.wardId, reason: v.reason, effectiveAt: at ? at.toISOString() : undefined });
      return user.role === 'ADMIN' || user.wardIds.includes(moved.wardId) ? base(id) + '#wards' : '/patients?moved=1';
    });
  }

  // ---- form specs ----

  private async createForm(user: AuthUser): Promise<FormSpec> {
    const wards = (await this.wards.listAll()).filter((w) => user.role === 'ADMIN' || user.wardIds.includes(w.id));
    return {
      title: 'Add a patient',
      action: '/patients/new',
      submit: 'Add patient',
      cancel: '/patients',
      fields: [
        { name: 'displayName', label: 'Name as the patient likes to be called' },
        { name: 'hospitalNumber', label: 'Hospital number', width: 10 },
        { name: 'wardId', label: 'Ward', type: 'select', items: wards.map((w) => ({ value: w.id, text: `${w.name} (${w.siteName})` })) },
      ],
    };
  }

  private leaveSpec(id: string, name?: string): FormSpec {
    return {
      title: 'Record section 17 leave',
      caption: name,
      intro: 'Each change is kept as a new dated record. The newest record in force on a date applies.',
      action: `/patients/${id}/leave`,
      submit: 'Record leave',
      cancel: base(id),
      fields: [
        { name: 'level', label: 'Leave level', type: 'radios', items: leaveItems },
        { name: 'effectiveFrom', label: 'Effective from', type: 'date' },
        { name: 'effectiveUntil', label: 'Effective until (optional)', type: 'date' },
        { name: 'grantedBy', label: 'Granted by (optional)', hint: 'The responsible clinician' },
        { name: 'note', label: 'Note (optional)', type: 'textarea' },
      ],
    };
  }

  private suspendSpec(id: string, name?: string): FormSpec {
    return {
      title: 'Suspend leave',
      caption: name,
      warning: 'While leave is suspended the patient cannot be booked for work off the ward. Future bookings that break the rules will be flagged for review.',
      action: `/patients/${id}/leave/suspend`,
      submit: 'Suspend leave',
      submitClasses: 'nhsuk-button--warning',
      cancel: base(id),
      fields: [
        { name: 'reason', label: 'Reason', type: 'textarea' },
        { name: 'effectiveFrom', label: 'From', type: 'date' },
        { name: 'effectiveUntil', label: 'Until (optional)', type: 'date', hint: 'Leave blank until it is reinstated.' },
      ],
    };
  }

  private reinstateSpec(id: string, name?: string): FormSpec {
    return {
      title: 'Reinstate leave',
      caption: name,
      action: `/patients/${id}/leave/reinstate`,
      submit: 'Reinstate leave',
      cancel: base(id),
      fields: [
        { name: 'reason', label: 'Reason', type: 'textarea' },
        { name: 'effectiveFrom', label: 'From', type: 'date' },
      ],
    };
  }

  private restrictionSpec(id: string, name?: string): FormSpec {
    return {
      title: 'Add a work restriction',
      caption: name,
      action: `/patients/${id}/restrictions/new`,
      submit: 'Add restriction',
      cancel: base(id),
      fields: [
        { name: 'restriction', label: 'Restriction', type: 'radios', items: RESTRICTIONS.map((r) => ({ value: r, text: RESTRICTION_LABELS[r] })) },
        { name: 'effectiveFrom', label: 'From', type: 'date' },
        { name: 'effectiveUntil', label: 'Until (optional)', type: 'date' },
        { name: 'reason', label: 'Reason', type: 'textarea', hint: 'The clinical team’s reason. Staff booking work will see the restriction, not this reason.' },
      ],
    };
  }

  private liftSpec(id: string, rid: string, name?: string, what?: string): FormSpec {
    return {
      title: what ? `Lift restriction: ${what}` : 'Lift restriction',
      caption: name,
      action: `/patients/${id}/restrictions/${rid}/lift`,
      submit: 'Lift restriction',
      cancel: base(id),
      fields: [
        { name: 'liftedOn', label: 'Lifted from', type: 'date' },
        { name: 'reason', label: 'Reason', type: 'textarea' },
      ],
    };
  }

  private benefitsSpec(id: string, name?: string): FormSpec {
    return {
      title: 'Benefits limits',
      caption: name,
      intro: 'Permitted work: under 16 hours a week and a weekly earnings limit. Record the outcome of benefits counselling here.',
      action: `/patients/${id}/benefits`,
      submit: 'Save limits',
      cancel: base(id),
      fields: [
        {
          name: 'mode',
          label: 'Which limits apply?',
          type: 'radios',
          items: [
            { value: 'SITE_DEFAULT', text: 'The site default' },
            { value: 'CUSTOM', text: 'Custom limits', hint: 'Fill in one or both below' },
            { value: 'NO_CAP', text: 'No cap', hint: 'For example, the patient receives no benefits' },
          ],
        },
        { name: 'weeklyEarningsCapPence', label: 'Weekly earnings cap (custom only)', type: 'money' },
        { name: 'weeklyHoursCapMinutes', label: 'Weekly hours cap (custom only)', type: 'number', suffix: 'hours', hint: 'For example 15.5' },
        { name: 'effectiveFrom', label: 'From', type: 'date' },
        { name: 'note', label: 'Note (optional)', type: 'textarea' },
      ],
    };
  }

  private profileSpec(id: string, name?: string): FormSpec {
    return {
      title: 'Vocational profile',
      caption: name,
      action: `/patients/${id}/profile`,
      submit: 'Save profile',
      cancel: base(id),
      fields: [
        { name: 'workPreferences', label: 'Work preferences', type: 'textarea', hint: 'What kind of work the patient would like to do' },
        { name: 'goals', label: 'Goals', type: 'textarea' },
        { name: 'strengths', label: 'Strengths', type: 'textarea' },
        { name: 'stage', label: 'Stage', type: 'select', noBlank: true, items: VOCATIONAL_STAGES.map((s) => ({ value: s, text: STAGE_LABELS[s] })) },
        { name: 'nextReviewOn', label: 'Next review (optional)', type: 'date' },
      ],
    };
  }

  private async moveSpec(id: string, name?: string, currentWardId?: string): Promise<FormSpec> {
    const wards = (await this.wards.listAll()).filter((w) => w.id !== currentWardId);
    return {
      title: 'Transfer to another ward',
      caption: name,
      intro: 'The ward history keeps every stay with its dates: reports count each shift on the ward the patient was on at the time.',
      warning: 'After the transfer, only staff assigned to the new ward can see this patient. Staff of this ward will no longer see them.',
      action: `/patients/${id}/move`,
      submit: 'Transfer patient',
      cancel: base(id),
      fields: [
        { name: 'wardId', label: 'New ward', type: 'select', items: wards.map((w) => ({ value: w.id, text: `${w.name} (${w.siteName})` })) },
        { name: 'movedAt', label: 'When the patient moved (optional)', type: 'datetime', hint: 'Leave blank for now.' },
        { name: 'reason', label: 'Reason (optional)', type: 'textarea' },
      ],
    };
  }
}
