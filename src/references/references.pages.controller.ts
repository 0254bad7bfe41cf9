import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { isId, ParseIdPipe } from '../common/validation/parse-id.pipe';
import { validateForm } from '../common/validation/validation';
import { ROLE_LABELS } from '../users/roles';
import { CreateReferenceDto, UpdateReferenceDto, WithdrawReferenceDto, type ReferenceDto } from './dto/references.dto';
import { longDate } from './reference-pdf';
import {
  formatCode,
  hoursText,
  levelLabel,
  rateText,
  REFERENCE_APPROVER_ROLES,
  REFERENCE_STAFF_READER_ROLES,
  REFERENCE_WITHDRAWER_ROLES,
  REFERENCE_WRITER_ROLES,
} from './reference-rules';
import { REFERENCE_STATUSES, type ReferenceStatus } from './reference.types';
import { ReferencesService } from './references.service';

type FormBody = Record<string, unknown>;
interface FormErrors {
  errors: Record<string, string>;
  errorList: { text: string; href: string }[];
}

const PAGE_SIZE = 25;
const FIELD_ORDER = ['placementId', 'statement', 'refereeName', 'refereeJobTitle', 'reason', 'showHospitalName'];

const STATUS_TAGS: Record<ReferenceStatus, { text: string; classes: string }> = {
  DRAFT: { text: 'Draft', classes: 'nhsuk-tag--yellow' },
  APPROVED: { text: 'Approved', classes: 'nhsuk-tag--green' },
  WITHDRAWN: { text: 'Withdrawn', classes: 'nhsuk-tag--grey' },
};

function text(body: FormBody, name: string): string {
  const v = body?.[name];
  return typeof v === 'string' ? v.trim() : '';
}

function toErrors(fieldErrors: Record<string, string>): FormErrors {
  const fields = Object.keys(fieldErrors).sort((a, b) => FIELD_ORDER.indexOf(a) - FIELD_ORDER.indexOf(b));
  return { errors: fieldErrors, errorList: fields.map((f) => ({ text: fieldErrors[f], href: `#${f}` })) };
}

/** A refusal (409/422) becomes messages on the page; anything else (404, 403, faults) is thrown on. */
function refusal(err: unknown, fallbackField: string): (FormErrors & { status: number }) | null {
  if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) return null;
  const errors: Record<string, string> = {};
  const details = Array.isArray(err.details) ? err.details : [];
  for (const d of details) if (d.field && !errors[d.field]) errors[d.field] = d.message;
  if (!Object.keys(errors).length) errors[fallbackField] = err.message;
  return { ...toErrors(errors), status: err.status };
}

/** The facts of a reference as page text (shared by staff and patient pages). */
function display(r: ReferenceDto) {
  const f = r.facts;
  return {
    code: formatCode(r.verificationCode),
    statusTag: STATUS_TAGS[r.status],
    startText: longDate(f.startOn),
    endText: f.endOn ? longDate(f.endOn) : 'Still in this role',
    hours: hoursText(f.minutesWorked),
    attendance: rateText(f.attendanceRatePercent),
    punctuality: rateText(f.punctualityRatePercent),
    skills: f.verifiedSkills.map((s) => ({ name: s.name, level: levelLabel(s.level) })),
    approvedText: r.approvedAt ? longDate(r.approvedAt.slice(0, 10)) : '',
  };
}

/**
 * Reference pages. Staff: the list, drafting (also from a placement: /references/new?placementId=),
 * editing and refreshing a draft, approval and withdrawal. Patients: their approved references,
 * the choice of naming the hospital, and the PDF download.
 */
@ApiExcludeController()
@Controller()
export class ReferencesPagesController {
  constructor(private readonly references: ReferencesService) {}

  @Get('references')
  @Roles(...REFERENCE_STAFF_READER_ROLES)
  async list(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('status') status?: string, @Query('page') page?: string): Promise<void> {
    const state = REFERENCE_STATUSES.includes(status as ReferenceStatus) ? (status as ReferenceStatus) : undefined;
    const pageNo = Math.max(1, Math.floor(Number(page)) || 1);
    const result = await this.references.list(user, { status: state, limit: PAGE_SIZE, offset: (pageNo - 1) * PAGE_SIZE });
    res.render('references/views/list.njk', {
      ...res.locals,
      items: result.items.map((r) => ({ ...r, tag: STATUS_TAGS[r.status] })),
      total: result.total,
      status: state ?? '',
      pageNo,
      pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
      canWrite: REFERENCE_WRITER_ROLES.includes(user.role),
    });
  }

  @Get('references/new')
  @Roles(...REFERENCE_WRITER_ROLES)
  async newReference(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('placementId') placementId?: string): Promise<void> {
    const values = { placementId: placementId ?? '', refereeName: user.displayName, refereeJobTitle: ROLE_LABELS[user.role] };
    await this.renderNew(res, user, { values });
  }

  @Post('references/new')
  @Roles(...REFERENCE_WRITER_ROLES)
  async create(@CurrentUser() user: AuthUser, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const input = { placementId: text(body, 'placementId'), statement: text(body, 'statement'), refereeName: text(body, 'refereeName'), refereeJobTitle: text(body, 'refereeJobTitle') };
    const form = await validateForm(CreateReferenceDto, input);
    const errors = { ...form.errors };
    if (errors.placementId) errors.placementId = 'Choose the placement the reference is for';
    if (Object.keys(errors).length) return this.renderNew(res, user, { ...toErrors(errors), values: input }, 422);
    try {
      const created = await this.references.create(user, form.value);
      res.redirect(303, `/references/${created.id}?done=drafted`);
    } catch (err) {
      if (err instanceof AppError && err.status === 404) {
        return this.renderNew(res, user, { ...toErrors({ placementId: 'Choose a placement of a patient you work with' }), values: { ...input, placementId: '' } }, 422);
      }
      const r = refusal(err, 'placementId');
      if (!r) throw err;
      await this.renderNew(res, user, { ...r, values: input }, r.status);
    }
  }

  @Get('references/:id')
  @Roles(...REFERENCE_STAFF_READER_ROLES)
  async show(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response, @Query('done') done?: string): Promise<void> {
    await this.renderShow(res, user, id, { done });
  }

  @Get('references/:id/edit')
  @Roles(...REFERENCE_WRITER_ROLES)
  async edit(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const { reference } = await this.references.getForPage(user, id);
    if (reference.status !== 'DRAFT') return res.redirect(303, `/references/${id}`);
    res.render('references/views/edit.njk', { ...res.locals, reference, values: { statement: reference.statement, refereeName: reference.refereeName, refereeJobTitle: reference.refereeJobTitle } });
  }

  @Post('references/:id/edit')
  @Roles(...REFERENCE_WRITER_ROLES)
  async update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const input = { statement: text(body, 'statement'), refereeName: text(body, 'refereeName'), refereeJobTitle: text(body, 'refereeJobTitle') };
    const form = await validateForm(UpdateReferenceDto, input);
    const rerender = async (errors: FormErrors, status: number) => {
      const { reference } = await this.references.getForPage(user, id);
      res.status(status).render('references/views/edit.njk', { ...res.locals, reference, values: input, ...errors });
    };
    if (Object.keys(form.errors).length) return rerender(toErrors(form.errors), 422);
    try {
      await this.references.update(user, id, form.value);
      res.redirect(303, `/references/${id}?done=saved`);
    } catch (err) {
      if (err instanceof AppError && err.code === 'VALIDATION_FAILED' && /Nothing to change/.test(err.message)) return res.redirect(303, `/references/${id}`);
      const r = refusal(err, 'statement');
      if (!r) throw err;
      await rerender(r, r.status);
    }
  }

  @Post('references/:id/refresh')
  @Roles(...REFERENCE_WRITER_ROLES)
  async refresh(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    await this.attempt(res, user, id, 'refreshed', 'refresh', () => this.references.update(user, id, { refreshFacts: true }));
  }

  @Post('references/:id/approve')
  @Roles(...REFERENCE_APPROVER_ROLES)
  async approve(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    await this.attempt(res, user, id, 'approved', 'approve', () => this.references.approve(user, id));
  }

  @Post('references/:id/withdraw')
  @Roles(...REFERENCE_WITHDRAWER_ROLES)
  async withdraw(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const input = { reason: text(body, 'reason') };
    const form = await validateForm(WithdrawReferenceDto, input);
    if (Object.keys(form.errors).length) return this.renderShow(res, user, id, { ...toErrors(form.errors), values: input }, 422);
    await this.attempt(res, user, id, 'withdrawn', 'reason', () => this.references.withdraw(user, id, form.value.reason), input);
  }

  @Get('my/references')
  @Roles('PATIENT')
  async mine(@CurrentUser() user: AuthUser, @Res() res: Response): Promise<void> {
    const result = await this.references.list(user, { limit: 200, offset: 0 });
    res.render('references/views/my-list.njk', { ...res.locals, items: result.items.map((r) => ({ ...r, approvedText: r.approvedAt ? longDate(r.approvedAt.slice(0, 10)) : '' })) });
  }

  @Get('my/references/:id')
  @Roles('PATIENT')
  async myReference(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response, @Query('done') done?: string): Promise<void> {
    await this.renderMine(res, user, id, { done });
  }

  /** Saves the patient's choice, then downloads the PDF (or just saves, with "save"). */
  @Post('my/references/:id/disclosure')
  @Roles('PATIENT')
  async disclose(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const choice = text(body, 'showHospitalName');
    if (choice !== 'yes' && choice !== 'no') {
      return this.renderMine(res, user, id, { ...toErrors({ showHospitalName: 'Choose which name your reference shows' }), values: {} }, 422);
    }
    await this.references.disclose(user, id, choice === 'yes');
    res.redirect(303, text(body, 'then') === 'save' ? `/my/references/${id}?done=saved` : `/api/references/${id}/pdf`);
  }

  private async attempt(res: Response, user: AuthUser, id: string, done: string, field: string, change: () => Promise<unknown>, values: FormBody = {}): Promise<void> {
    try {
      await change();
      res.redirect(303, `/references/${id}?done=${done}`);
    } catch (err) {
      const r = refusal(err, field);
      if (!r) throw err;
      await this.renderShow(res, user, id, { ...r, values }, r.status);
    }
  }

  private async renderNew(res: Response, user: AuthUser, extra: Partial<FormErrors> & { values: FormBody }, status = 200): Promise<void> {
    const placementId = String(extra.values.placementId ?? '');
    const placement = placementId && isId(placementId) ? await this.references.placementChoice(user, placementId.toLowerCase()) : null;
    if (placementId && !placement) throw AppError.notFound('Placement');
    const choices = placement ? [] : await this.references.placementChoices(user);
    res.status(status).render('references/views/new.njk', { ...res.locals, placement, choices, ...extra });
  }

  private async renderShow(res: Response, user: AuthUser, id: string, extra: Partial<FormErrors> & { done?: string; values?: FormBody }, status = 200): Promise<void> {
    const page = await this.references.getForPage(user, id);
    res.status(status).render('references/views/show.njk', { ...res.locals, ...page, d: display(page.reference), values: {}, ...extra });
  }

  private async renderMine(res: Response, user: AuthUser, id: string, extra: Partial<FormErrors> & { done?: string; values?: FormBody }, status = 200): Promise<void> {
    const { reference } = await this.references.getForPage(user, id);
    res.status(status).render('references/views/my-show.njk', {
      ...res.locals,
      reference,
      d: display(reference),
      values: { showHospitalName: reference.showHospitalName ? 'yes' : 'no' },
      ...extra,
    });
  }
}
