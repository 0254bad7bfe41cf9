import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../../common/auth-decorators';
import { addDays, londonDate } from '../../common/dates';
import { AppError } from '../../common/errors/app-error';
import type { AuthUser } from '../../common/request-context';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import { validateForm } from '../../common/validation/validation';
import { cleanForm, handleForm, renderForm, type FormSpec } from '../../web/form-page';
import { londonInstant } from '../../recruitment/london-time';
import { BookingService } from '../booking.service';
import { CancelDto, UpdateShiftStaffDto } from '../dto/rota.dto';
import { ShiftsService } from '../shifts.service';
import { weekStartOn } from '../time-rules';
import { PatternForm, patternFormInput, renameFields, requireRealDate, ShiftForm, shiftFormInput } from './rota-page-forms';
import { BOOKER_ROLES, mondayOf, PLANNER_ROLES, RotaPagesService, type ShiftView } from './rota-pages.service';
import type { RoleOption, StaffOption } from './rota-pages.repository';

type FormBody = Record<string, unknown>;
const text = (body: FormBody, name: string) => (typeof body?.[name] === 'string' ? (body[name] as string).trim() : '');
const list = (body: FormBody, name: string) => {
  const v = body?.[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String).filter(Boolean);
};

/** What a re-rendered shift page shows about the form that was refused. */
interface ShiftPageState {
  done?: string;
  errors?: Record<string, string>;
  errorList?: { text: string; href: string }[];
  values?: FormBody;
  /** The cancel-booking or cancel-shift form to show open. */
  open?: string;
}

const DAYS = [
  { value: '1', text: 'Monday' },
  { value: '2', text: 'Tuesday' },
  { value: '3', text: 'Wednesday' },
  { value: '4', text: 'Thursday' },
  { value: '5', text: 'Friday' },
  { value: '6', text: 'Saturday' },
  { value: '7', text: 'Sunday' },
];

/** "Created 10 shifts, skipped 1 closure day" after a pattern. */
function createdBanner(created?: string, skipped?: string): string | null {
  if (!/^\d{1,3}$/.test(created ?? '')) return null;
  const n = Number(created);
  const k = /^\d{1,3}$/.test(skipped ?? '') ? Number(skipped) : 0;
  return `Created ${n} shift${n === 1 ? '' : 's'}${k ? `, skipped ${k} closure day${k === 1 ? '' : 's'}` : ''}`;
}

const roleItems = (roles: RoleOption[]) => roles.map((r) => ({ value: r.id, text: `${r.enterpriseName}: ${r.title}` }));
const staffItems = (staff: StaffOption[]) => staff.map((s) => ({ value: s.id, text: s.displayName }));

/** OT rota board, shift pages with the booking panel, shift and pattern forms, and the needs-review list. */
@ApiExcludeController()
@Controller('rota')
export class RotaPagesController {
  constructor(
    private readonly pages: RotaPagesService,
    private readonly shifts: ShiftsService,
    private readonly booking: BookingService,
  ) {}

  @Get()
  @Roles(...PLANNER_ROLES)
  async board(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('enterpriseId') enterpriseId?: string, @Query('week') week?: string, @Query('created') created?: string, @Query('skipped') skipped?: string): Promise<void> {
    const view = await this.pages.board(user, { enterpriseId, week });
    const link = (w: string) => `/rota?${new URLSearchParams({ ...(view.enterprise ? { enterpriseId: view.enterprise.id } : {}), week: w }).toString()}`;
    res.render('rota/pages/views/board.njk', {
      ...res.locals,
      ...view,
      previousHref: link(view.previousWeek),
      nextHref: link(view.nextWeek),
      thisWeekHref: view.weekStartOn === view.thisWeek ? null : link(view.thisWeek),
      banner: createdBanner(created, skipped),
      canBook: user.role === 'OT' || user.role === 'ENTERPRISE_LEAD',
    });
  }

  @Get('needs-review')
  @Roles('OT')
  async needsReview(@CurrentUser() user: AuthUser, @Res() res: Response): Promise<void> {
    res.render('rota/pages/views/needs-review.njk', { ...res.locals, rows: await this.pages.needsReview(user) });
  }

  // ---- creating shifts ----

  @Get('shifts/new')
  @Roles(...PLANNER_ROLES)
  async newShift(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('workRoleId') workRoleId?: string, @Query('date') date?: string): Promise<void> {
    renderForm(res, await this.shiftSpec(user), { workRoleId, date: date ?? londonDate(), startTime: '10:00', endTime: '13:00', capacity: '2' });
  }

  @Post('shifts/new')
  @Roles(...PLANNER_ROLES)
  async createShift(@CurrentUser() user: AuthUser, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const form = await this.shiftSpec(user);
    await handleForm(
      res,
      form,
      ShiftForm,
      cleanForm(body, form.fields),
      async (v) => {
        requireRealDate(v.date, 'date');
        try {
          const shift = await this.shifts.create(user, {
            workRoleId: v.workRoleId,
            startAt: londonInstant(v.date, v.startTime)!.toISOString(),
            endAt: londonInstant(v.date, v.endTime)!.toISOString(),
            capacity: v.capacity,
            supervisorUserId: v.supervisorUserId,
            escortUserIds: v.escortUserIds?.length ? v.escortUserIds : undefined,
            locationNote: v.locationNote,
            publish: v.publish,
          });
          return `/rota/shifts/${shift.id}?done=created`;
        } catch (err) {
          throw renameFields(err, { startAt: 'startTime', endAt: 'endTime' });
        }
      },
      shiftFormInput,
    );
  }

  @Get('patterns/new')
  @Roles(...PLANNER_ROLES)
  async newPattern(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('workRoleId') workRoleId?: string): Promise<void> {
    const nextMonday = addDays(weekStartOn(new Date()), 7);
    renderForm(res, await this.patternSpec(user), { workRoleId, weekdays: ['1', '2', '3', '4', '5'], startTime: '10:00', endTime: '13:00', capacity: '2', fromOn: nextMonday, weeks: '4' });
  }

  @Post('patterns/new')
  @Roles(...PLANNER_ROLES)
  async createPattern(@CurrentUser() user: AuthUser, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const form = await this.patternSpec(user);
    const roles = await this.pages.formOptions(user);
    await handleForm(
      res,
      form,
      PatternForm,
      cleanForm(body, form.fields),
      async (v) => {
        requireRealDate(v.fromOn, 'fromOn');
        const result = await this.shifts.createPattern(user, { ...v, publish: v.publish });
        const enterpriseId = roles.roles.find((r) => r.id === v.workRoleId)?.enterpriseId;
        const qs = new URLSearchParams({ ...(enterpriseId ? { enterpriseId } : {}), week: mondayOf(v.fromOn), created: String(result.shiftIds.length), skipped: String(result.skipped.length) });
        return `/rota?${qs.toString()}`;
      },
      patternFormInput,
    );
  }

  // ---- one shift ----

  @Get('shifts/:id')
  @Roles(...PLANNER_ROLES)
  async shift(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response, @Query('done') done?: string): Promise<void> {
    await this.renderShift(res, user, id, { done });
  }

  @Post('shifts/:id/book')
  @Roles(...BOOKER_ROLES)
  async book(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const patientId = text(body, 'patientId');
    const overrideReason = text(body, 'overrideReason') || undefined;
    if (!/^[0-9a-f-]{36}$/i.test(patientId)) {
      return this.renderShift(res, user, id, { errorList: [{ text: 'Choose a patient to book', href: '#booking' }] }, 422);
    }
    if (text(body, 'override') === 'yes' && !overrideReason) {
      const field = `override-reason-${patientId}`;
      const message = 'Give the reason for going over the limit, for example the outcome of benefits counselling';
      return this.renderShift(res, user, id, { errors: { [field]: message }, errorList: [{ text: message, href: `#${field}` }] }, 422);
    }
    try {
      await this.booking.book(user, id, patientId, overrideReason);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 409) throw err;
      // Refused: show every broken rule in plain English; nothing was written.
      const reasons = Array.isArray(err.details) && err.details.length ? err.details.map((d) => d.message) : [err.message];
      return this.renderShift(res, user, id, { errorList: reasons.map((r) => ({ text: r, href: `#patient-${patientId}` })), values: { refusedPatientId: patientId } }, 409);
    }
    res.redirect(303, `/rota/shifts/${id}?done=booked`);
  }

  @Post('shifts/:id/assignments/:assignmentId/cancel')
  @Roles(...BOOKER_ROLES)
  async cancelBooking(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Param('assignmentId', ParseIdPipe) assignmentId: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const field = `cancel-reason-${assignmentId}`;
    const form = await validateForm(CancelDto, { reason: text(body, 'reason') });
    if (form.errors.reason) {
      return this.renderShift(res, user, id, { errors: { [field]: 'Give the reason for cancelling the booking' }, errorList: [{ text: 'Give the reason for cancelling the booking', href: `#${field}` }], open: assignmentId }, 422);
    }
    try {
      const a = await this.booking.cancel(user, assignmentId, form.value.reason);
      res.redirect(303, `/rota/shifts/${a.shiftId}?done=booking-cancelled`);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 409) throw err;
      return this.renderShift(res, user, id, { errorList: [{ text: err.message, href: '#booked' }] }, 409);
    }
  }

  @Post('shifts/:id/publish')
  @Roles(...PLANNER_ROLES)
  async publish(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    try {
      await this.shifts.publish(user, id);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 409) throw err;
      return this.renderShift(res, user, id, { errorList: [{ text: err.message, href: '#actions' }] }, 409);
    }
    res.redirect(303, `/rota/shifts/${id}?done=published`);
  }

  @Post('shifts/:id/cancel')
  @Roles(...PLANNER_ROLES)
  async cancelShift(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const form = await validateForm(CancelDto, { reason: text(body, 'reason') });
    if (form.errors.reason) {
      const message = 'Give the reason for cancelling the shift, for example a ward incident';
      return this.renderShift(res, user, id, { errors: { 'shift-cancel-reason': message }, errorList: [{ text: message, href: '#shift-cancel-reason' }], open: 'shift' }, 422);
    }
    try {
      await this.shifts.cancel(user, id, form.value.reason);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 409) throw err;
      return this.renderShift(res, user, id, { errorList: [{ text: err.message, href: '#actions' }] }, 409);
    }
    res.redirect(303, `/rota/shifts/${id}?done=shift-cancelled`);
  }

  @Post('shifts/:id/staff')
  @Roles(...PLANNER_ROLES)
  async staff(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const input = { supervisorUserId: text(body, 'supervisorUserId') || undefined, escortUserIds: list(body, 'escortUserIds') };
    const form = await validateForm(UpdateShiftStaffDto, input);
    const values = { supervisorUserId: input.supervisorUserId, escortUserIds: input.escortUserIds };
    if (form.errorList.length) {
      const errors = { ...(form.errors.supervisorUserId ? { supervisorUserId: 'Choose a supervisor from the list' } : {}), ...(form.errors.escortUserIds ? { escortUserIds: 'Choose escorts from the list' } : {}) };
      return this.renderShift(res, user, id, { errors, errorList: Object.entries(errors).map(([f, t]) => ({ text: t, href: `#${f}` })), values }, 422);
    }
    try {
      await this.shifts.setStaff(user, id, form.value);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 422) throw err;
      const details = Array.isArray(err.details) ? err.details : [];
      const errors: Record<string, string> = {};
      for (const d of details) if (d.field) errors[d.field] = d.message;
      if (!Object.keys(errors).length) errors.supervisorUserId = err.message;
      return this.renderShift(res, user, id, { errors, errorList: Object.entries(errors).map(([f, t]) => ({ text: t, href: `#${f}` })), values }, 422);
    }
    res.redirect(303, `/rota/shifts/${id}?done=staff`);
  }

  // ---- helpers ----

  private async renderShift(res: Response, user: AuthUser, id: string, state: ShiftPageState, status = 200): Promise<void> {
    const view: ShiftView = await this.pages.shiftView(user, id);
    const names = new Map([...view.eligible, ...view.ineligible].map((r) => [r.patientId, r.displayName]));
    // Name the patient in each refusal so the summary reads on its own.
    const refused = typeof state.values?.refusedPatientId === 'string' ? state.values.refusedPatientId : null;
    const errorList = refused && state.errorList ? state.errorList.map((e) => ({ ...e, text: `${names.get(refused) ?? 'The patient'} cannot be booked: ${e.text}` })) : state.errorList;
    res.status(status).render('rota/pages/views/shift.njk', {
      ...res.locals,
      ...view,
      ...state,
      errorList,
      refusedPatientId: refused,
      staffItems: staffItems(view.staff),
      backHref: `/rota?${new URLSearchParams({ enterpriseId: view.shift.enterpriseId, week: mondayOf(view.date) }).toString()}`,
    });
  }

  private async shiftSpec(user: AuthUser): Promise<FormSpec> {
    const { roles, staff } = await this.pages.formOptions(user);
    return {
      title: 'Add a shift',
      caption: 'Rota',
      intro: 'Times are UK time (the clock on the ward wall). A shift is a draft, seen only by planners, until it is published.',
      action: '/rota/shifts/new',
      submit: 'Add shift',
      cancel: '/rota',
      fields: [
        { name: 'workRoleId', label: 'Work role', type: 'select', items: roleItems(roles) },
        { name: 'date', label: 'Date', type: 'date' },
        { name: 'startTime', label: 'Start time', hint: '24-hour UK time, for example 10:00', width: 5 },
        { name: 'endTime', label: 'End time', hint: '24-hour UK time, for example 13:00', width: 5 },
        { name: 'capacity', label: 'Places', type: 'number', hint: 'How many patients can work this shift' },
        { name: 'supervisorUserId', label: 'Supervisor (optional)', type: 'select', hint: 'Patients can be booked once a supervisor is named', items: staffItems(staff) },
        { name: 'escortUserIds', label: 'Escorts (optional)', type: 'checkboxes', hint: 'Needed for patients with escorted leave', items: staffItems(staff) },
        { name: 'locationNote', label: 'Location note (optional)', width: 20 },
        { name: 'publish', label: 'Publish', type: 'checkboxes', items: [{ value: 'yes', text: 'Publish now, so patients and ward staff see it' }] },
      ],
    };
  }

  private async patternSpec(user: AuthUser): Promise<FormSpec> {
    const { roles, staff } = await this.pages.formOptions(user);
    return {
      title: 'Add a weekly pattern',
      caption: 'Rota',
      intro: 'Creates a shift on each chosen day for the number of weeks you give, skipping closure days. Times are UK time, also across a clock change.',
      action: '/rota/patterns/new',
      submit: 'Create shifts',
      cancel: '/rota',
      fields: [
        { name: 'workRoleId', label: 'Work role', type: 'select', items: roleItems(roles) },
        { name: 'weekdays', label: 'Days of the week', type: 'checkboxes', items: DAYS },
        { name: 'startTime', label: 'Start time', hint: '24-hour UK time, for example 10:00', width: 5 },
        { name: 'endTime', label: 'End time', hint: '24-hour UK time, for example 13:00', width: 5 },
        { name: 'capacity', label: 'Places', type: 'number', hint: 'How many patients can work each shift' },
        { name: 'supervisorUserId', label: 'Supervisor (optional)', type: 'select', items: staffItems(staff) },
        { name: 'fromOn', label: 'First date', type: 'date' },
        { name: 'weeks', label: 'Number of weeks', type: 'number', suffix: 'weeks', hint: 'From 1 to 26' },
        { name: 'publish', label: 'Publish', type: 'checkboxes', items: [{ value: 'yes', text: 'Publish now, so patients and ward staff see the shifts' }] },
      ],
    };
  }
}
