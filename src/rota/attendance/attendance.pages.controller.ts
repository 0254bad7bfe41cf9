import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../../common/auth-decorators';
import { addDays, isValidDate, londonDate } from '../../common/dates';
import { AppError } from '../../common/errors/app-error';
import type { AuthUser } from '../../common/request-context';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import { londonTimeOfDay } from '../../recruitment/london-time';
import { ATTENDANCE_STATUSES, CANCELLATION_REASONS, type AttendanceStatus } from '../rota.types';
import { actualInstants, ATTENDANCE_LABELS, CANCELLATION_LABELS, isWorked, parseClock, weekOf } from './attendance-rules';
import { ATTENDANCE_RECORDERS, AttendanceService } from './attendance.service';
import { TimesheetsService } from './timesheets.service';
import { viewHelpers } from './view-helpers';

type FormBody = Record<string, unknown>;
type Errors = Record<string, string>;

const text = (body: FormBody, name: string) => (typeof body?.[name] === 'string' ? (body[name] as string).trim() : '');
const errorList = (errors: Errors) => Object.entries(errors).map(([field, message]) => ({ text: message, href: `#${field}` }));

/** A refusal from a service (409, 422) as field errors to show on the page; anything else is thrown on. */
function refusalErrors(err: unknown, fallbackField: string): { errors: Errors; status: number } | null {
  if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) return null;
  const errors: Errors = {};
  for (const d of Array.isArray(err.details) ? err.details : []) {
    const field = d.field && d.field !== 'assignmentId' ? d.field : fallbackField;
    if (!errors[field]) errors[field] = d.message;
  }
  if (!Object.keys(errors).length || err.code === 'ATTENDANCE_MISSING') return { errors: { [fallbackField]: err.message }, status: err.status };
  return { errors, status: err.status };
}

const statusItems = ATTENDANCE_STATUSES.map((s) => ({ value: s, text: ATTENDANCE_LABELS[s] }));
const reasonItems = CANCELLATION_REASONS.map((r) => ({ value: r, text: CANCELLATION_LABELS[r] }));

/** The attendance pages: today's shifts with quick recording, one assignment's form and history, and timesheets. */
@ApiExcludeController()
@Controller('attendance')
export class AttendancePagesController {
  constructor(
    private readonly attendance: AttendanceService,
    private readonly timesheets: TimesheetsService,
  ) {}

  @Get()
  @Roles(...ATTENDANCE_RECORDERS)
  async day(@CurrentUser() user: AuthUser, @Query('date') date: string | undefined, @Query('done') done: string | undefined, @Res() res: Response): Promise<void> {
    await this.renderDay(res, user, chosenDate(date), { done });
  }

  @Post('assignments/:id/as-planned')
  @Roles(...ATTENDANCE_RECORDERS)
  async asPlanned(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const date = chosenDate(text(body, 'date'));
    try {
      await this.attendance.recordAsPlanned(user, id);
      res.redirect(303, `/attendance?date=${date}&done=recorded`);
    } catch (err) {
      const r = refusalErrors(err, 'shifts');
      if (!r) throw err;
      await this.renderDay(res, user, date, { errors: { [`a-${id}`]: Object.values(r.errors)[0] } }, r.status);
    }
  }

  @Get('assignments/:id')
  @Roles(...ATTENDANCE_RECORDERS)
  async form(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const history = await this.attendance.history(user, id);
    const c = history.current;
    const values = c
      ? { status: c.status, actualStartAt: c.actualStartAt ? londonTimeOfDay(new Date(c.actualStartAt)) : '', actualEndAt: c.actualEndAt ? londonTimeOfDay(new Date(c.actualEndAt)) : '', reasonCode: c.reasonCode ?? '', reason: c.reason ?? '' }
      : { status: '', actualStartAt: londonTimeOfDay(new Date(history.startAt)), actualEndAt: londonTimeOfDay(new Date(history.endAt)), reasonCode: '', reason: '' };
    this.renderForm(res, history, values);
  }

  @Post('assignments/:id')
  @Roles(...ATTENDANCE_RECORDERS)
  async submit(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const history = await this.attendance.history(user, id);
    const values = { status: text(body, 'status'), actualStartAt: text(body, 'actualStartAt'), actualEndAt: text(body, 'actualEndAt'), reasonCode: text(body, 'reasonCode'), reason: text(body, 'reason') };
    const errors: Errors = {};
    const status = values.status as AttendanceStatus;
    if (!(ATTENDANCE_STATUSES as readonly string[]).includes(status)) errors.status = 'Choose what happened';
    let times: { actualStartAt: Date; actualEndAt: Date } | null = null;
    if (!errors.status && isWorked(status)) {
      const start = parseClock(values.actualStartAt);
      const end = parseClock(values.actualEndAt);
      if (!start) errors.actualStartAt = values.actualStartAt ? 'Enter the start time as hours and minutes, for example 10:05' : 'Enter the time the patient started';
      if (!end) errors.actualEndAt = values.actualEndAt ? 'Enter the finish time as hours and minutes, for example 13:00' : 'Enter the time the patient finished';
      if (start && end) times = actualInstants(londonDate(new Date(history.startAt)), start, end);
    }
    if (Object.keys(errors).length) return this.renderForm(res, history, values, errors, 422);
    try {
      // The form shows every field; only those that apply to the chosen status are sent.
      await this.attendance.record(user, id, {
        status,
        actualStartAt: times?.actualStartAt ?? null,
        actualEndAt: times?.actualEndAt ?? null,
        reasonCode: status === 'CANCELLED' ? values.reasonCode || null : null,
        reason: values.reason || null,
      });
      res.redirect(303, `/attendance?date=${londonDate(new Date(history.startAt))}&done=recorded`);
    } catch (err) {
      const r = refusalErrors(err, 'status');
      if (!r) throw err;
      this.renderForm(res, await this.attendance.history(user, id), values, r.errors, r.status);
    }
  }

  @Get('timesheets')
  @Roles('ENTERPRISE_LEAD', 'ADMIN')
  async timesheetPage(@CurrentUser() user: AuthUser, @Query() query: Record<string, string>, @Res() res: Response): Promise<void> {
    await this.renderTimesheet(res, user, query.enterpriseId, query.week, { done: query.done });
  }

  @Post('timesheets/approve')
  @Roles('ENTERPRISE_LEAD')
  async approve(@CurrentUser() user: AuthUser, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const enterpriseId = text(body, 'enterpriseId');
    const week = text(body, 'weekStartOn');
    try {
      await this.timesheets.approve(user, enterpriseId, week);
      res.redirect(303, `/attendance/timesheets?${new URLSearchParams({ enterpriseId, week, done: 'approved' })}`);
    } catch (err) {
      const r = refusalErrors(err, 'approve');
      if (!r) throw err;
      await this.renderTimesheet(res, user, enterpriseId, week, { errors: r.errors }, r.status);
    }
  }

  // ---- rendering ----

  private async renderDay(res: Response, user: AuthUser, date: string, extra: { done?: string; errors?: Errors }, status = 200): Promise<void> {
    const shifts = await this.attendance.day(user, date);
    const today = londonDate();
    res.status(status).render('rota/attendance/views/attendance.njk', {
      ...res.locals,
      ...viewHelpers,
      date,
      today,
      previousDate: addDays(date, -1),
      nextDate: date < today ? addDays(date, 1) : null,
      shifts,
      labels: ATTENDANCE_LABELS,
      reasonLabels: CANCELLATION_LABELS,
      isLead: user.role === 'ENTERPRISE_LEAD',
      done: extra.done,
      errors: extra.errors,
      errorList: extra.errors ? errorList(extra.errors) : undefined,
    });
  }

  private renderForm(res: Response, history: Awaited<ReturnType<AttendanceService['history']>>, values: Record<string, string>, errors?: Errors, status = 200): void {
    const date = londonDate(new Date(history.startAt));
    res.status(status).render('rota/attendance/views/record.njk', {
      ...res.locals,
      ...viewHelpers,
      history,
      date,
      values,
      errors,
      errorList: errors ? errorList(errors) : undefined,
      statusItems,
      reasonItems,
      labels: ATTENDANCE_LABELS,
      reasonLabels: CANCELLATION_LABELS,
      backHref: `/attendance?date=${date}`,
    });
  }

  private async renderTimesheet(res: Response, user: AuthUser, enterpriseId: string | undefined, week: string | undefined, extra: { done?: string; errors?: Errors }, status = 200): Promise<void> {
    const enterprises = await this.timesheets.enterprisesFor(user);
    const thisWeek = weekOf(londonDate());
    const weeks = Array.from({ length: 13 }, (_, i) => addDays(thisWeek, -7 * i));
    const chosenEnterprise = enterprises.find((e) => e.id === enterpriseId) ?? (enterprises.length === 1 ? enterprises[0] : undefined);
    const chosenWeek = week && weeks.includes(week) ? week : isValidDate(week ?? '') && week! <= thisWeek ? weekOf(week!) : addDays(thisWeek, -7);
    const sheet = chosenEnterprise ? await this.timesheets.get(user, chosenEnterprise.id, chosenWeek) : null;
    res.status(status).render('rota/attendance/views/timesheets.njk', {
      ...res.locals,
      ...viewHelpers,
      enterprises,
      weeks: weeks.includes(chosenWeek) ? weeks : [...weeks, chosenWeek],
      enterpriseId: chosenEnterprise?.id ?? '',
      week: chosenWeek,
      sheet,
      canApprove: user.role === 'ENTERPRISE_LEAD' && !!sheet && sheet.status === 'OPEN',
      weekOver: addDays(chosenWeek, 7) <= londonDate(),
      labels: ATTENDANCE_LABELS,
      done: extra.done,
      errors: extra.errors,
      errorList: extra.errors ? errorList(extra.errors) : undefined,
    });
  }
}

/** The day asked for, if it is a real date not after today; otherwise today. */
function chosenDate(date: string | undefined): string {
  const today = londonDate();
  return date && isValidDate(date) && date <= today ? date : today;
}
