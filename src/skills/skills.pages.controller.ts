import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AnyRole, CurrentUser, Roles } from '../common/auth-decorators';
import { londonDate } from '../common/dates';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { validateForm } from '../common/validation/validation';
import { ENTERPRISE_KINDS, KIND_LABELS } from '../enterprises/enterprise.types';
import { cleanForm, handleForm, renderForm, type FormField, type FormSpec } from '../web/form-page';
import { CreateSkillLogDto } from './dto/skill-logs.dto';
import { SkillFormDto } from './dto/skills.dto';
import { dateFromParts, datePartsOf, logFormErrors, refusal, safeReturn, text, toFormErrors, type FormBody, type FormErrors } from './page-forms';
import { SkillLogsService } from './skill-logs.service';
import { SKILL_LABELS } from './skill-labels';
import { SKILL_OBSERVER_ROLES, SKILL_VERIFIER_ROLES } from './skill-rules';
import { SkillsService } from './skills.service';
import { SKILL_LEVELS } from './skills.types';

const QUEUE_PAGE_SIZE = 20;
const STAFF_READERS = ['ADMIN', 'OT', 'ENTERPRISE_LEAD', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST'] as const;
const DATE_FIELDS = ['occurredOn'];

type Extra = Partial<FormErrors> & { values?: FormBody; done?: string };

function skillFormFields(withCode: boolean): FormField[] {
  return [
    ...(withCode ? [{ name: 'code', label: 'Code', hint: 'A short, permanent name: lower-case letters and digits joined by hyphens, for example food-hygiene. Work roles’ prerequisite skills use it.', width: 20 } as FormField] : []),
    { name: 'name', label: 'Name', width: 30 },
    {
      name: 'category',
      label: 'Kind of skill',
      type: 'radios',
      items: [
        { value: 'EMPLOYABILITY', text: 'Employability', hint: 'Useful in any job, such as timekeeping or teamwork' },
        { value: 'TECHNICAL', text: 'Technical', hint: 'Practised in a kind of enterprise, such as food hygiene in a café' },
      ],
    },
    { name: 'description', label: 'Description', type: 'textarea' },
    { name: 'enterpriseKinds', label: 'Kinds of enterprise where it is practised', hint: 'For technical skills; leave empty for employability skills', type: 'checkboxes', items: ENTERPRISE_KINDS.map((k) => ({ value: k, text: KIND_LABELS[k] })) },
    ...SKILL_LEVELS.map((l, i) => ({ name: l, label: `Level ${i + 1}: ${SKILL_LABELS.level[l].toLowerCase()}`, hint: 'In plain English: what someone at this level can do', type: 'textarea' }) as FormField),
  ];
}

function skillInput(values: Record<string, unknown>) {
  return {
    name: values.name as string,
    category: values.category as 'EMPLOYABILITY' | 'TECHNICAL',
    description: values.description as string,
    enterpriseKinds: (values.enterpriseKinds as never[]) ?? [],
    levelDescriptors: { INTRODUCED: values.INTRODUCED as string, DEVELOPING: values.DEVELOPING as string, COMPETENT: values.COMPETENT as string, PROFICIENT: values.PROFICIENT as string },
  };
}

/**
 * Skills pages: the patient's "My skills", the staff verification queue, a patient's skills for
 * staff, and the framework (admins edit it).
 */
@ApiExcludeController()
@Controller()
export class SkillsPagesController {
  constructor(
    private readonly skills: SkillsService,
    private readonly logs: SkillLogsService,
  ) {}

  // ---- the patient's own page

  @Get('my/skills')
  @Roles('PATIENT')
  async mySkills(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('done') done?: string): Promise<void> {
    await this.renderMySkills(res, user, { done, values: datePartsOf('occurredOn', londonDate()) });
  }

  @Post('my/skills')
  @Roles('PATIENT')
  async logMine(@CurrentUser() user: AuthUser, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const failed = await this.submitLog(user, body, undefined);
    if (!failed) return res.redirect(303, '/my/skills?done=logged#pending');
    await this.renderMySkills(res, user, { ...failed, values: body }, failed.status);
  }

  // ---- staff: the verification queue

  @Get('skills/verification')
  @Roles(...SKILL_VERIFIER_ROLES)
  async queue(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('page') page?: string, @Query('done') done?: string): Promise<void> {
    await this.renderQueue(res, user, Math.max(1, Math.min(9999, Number(page) || 1)), { done });
  }

  @Post('skills/verification/:id/verify')
  @Roles(...SKILL_VERIFIER_ROLES)
  async verify(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    await this.decide(res, user, id, body, 'verified', () => this.logs.verify(user, id, text(body, 'comment') || undefined));
  }

  @Post('skills/verification/:id/reject')
  @Roles(...SKILL_VERIFIER_ROLES)
  async reject(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const comment = text(body, 'comment');
    if (!comment) return this.afterRefusal(res, user, id, body, { ...toFormErrors({ [`comment-${id}`]: 'Say why the entry is not verified, so the patient knows what to work on' }), status: 422 });
    await this.decide(res, user, id, body, 'rejected', () => this.logs.reject(user, id, comment));
  }

  // ---- staff: one patient's skills

  @Get('patients/:id/skills')
  @Roles(...STAFF_READERS)
  async patientSkills(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response, @Query('done') done?: string): Promise<void> {
    await this.renderPatientSkills(res, user, id, { done, values: datePartsOf('occurredOn', londonDate()) });
  }

  @Post('patients/:id/skills')
  @Roles(...SKILL_OBSERVER_ROLES)
  async logObservation(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const failed = await this.submitLog(user, body, id);
    if (!failed) return res.redirect(303, `/patients/${id}/skills?done=logged`);
    await this.renderPatientSkills(res, user, id, { ...failed, values: body }, failed.status);
  }

  // ---- the framework

  @Get('skills/framework')
  @AnyRole()
  async framework(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('done') done?: string): Promise<void> {
    const skills = await this.skills.list({ includeInactive: true });
    res.render('skills/views/framework.njk', { ...res.locals, skills, isAdmin: user.role === 'ADMIN', done, labels: SKILL_LABELS });
  }

  @Get('skills/framework/new')
  @Roles('ADMIN')
  newSkill(@Res() res: Response): void {
    renderForm(res, this.skillForm(null), { category: 'TECHNICAL', enterpriseKinds: [] });
  }

  @Post('skills/framework/new')
  @Roles('ADMIN')
  async createSkill(@CurrentUser() user: AuthUser, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const form = this.skillForm(null);
    await handleForm(res, form, SkillFormDto, cleanForm(body, form.fields), async (v) => {
      const created = await this.skills.create(user, { code: v.code ?? '', ...skillInput(v as unknown as Record<string, unknown>) });
      return `/skills/framework/${created.id}?done=created`;
    }, (v) => ({ ...v, code: v.code ?? '' }));
  }

  @Get('skills/framework/:id')
  @AnyRole()
  async showSkill(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response, @Query('done') done?: string): Promise<void> {
    const skill = await this.skills.get(id);
    res.render('skills/views/skill.njk', { ...res.locals, skill, isAdmin: user.role === 'ADMIN', done, labels: SKILL_LABELS, levels: SKILL_LEVELS, backHref: '/skills/framework' });
  }

  @Get('skills/framework/:id/edit')
  @Roles('ADMIN')
  async editSkill(@Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const skill = await this.skills.get(id);
    renderForm(res, this.skillForm(skill), { name: skill.name, category: skill.category, description: skill.description, enterpriseKinds: skill.enterpriseKinds, ...skill.levelDescriptors });
  }

  @Post('skills/framework/:id/edit')
  @Roles('ADMIN')
  async updateSkill(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const skill = await this.skills.get(id);
    const form = this.skillForm(skill);
    await handleForm(res, form, SkillFormDto, cleanForm(body, form.fields), async (v) => {
      await this.skills.update(user, id, skillInput(v as unknown as Record<string, unknown>));
      return `/skills/framework/${id}?done=updated`;
    });
  }

  @Post('skills/framework/:id/deactivate')
  @Roles('ADMIN')
  async deactivate(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    await this.skills.update(user, id, { active: false });
    res.redirect(303, `/skills/framework/${id}?done=deactivated`);
  }

  @Post('skills/framework/:id/activate')
  @Roles('ADMIN')
  async activate(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    await this.skills.update(user, id, { active: true });
    res.redirect(303, `/skills/framework/${id}?done=activated`);
  }

  // ---- helpers

  private skillForm(skill: { id: string; name: string; code: string } | null): FormSpec {
    return skill
      ? { title: `Edit ${skill.name}`, caption: `Skill code ${skill.code}`, action: `/skills/framework/${skill.id}/edit`, submit: 'Save changes', cancel: `/skills/framework/${skill.id}`, fields: skillFormFields(false) }
      : { title: 'Add a skill', caption: 'Skills framework', intro: 'Each level needs a plain-English descriptor, so patients and staff agree what it means.', action: '/skills/framework/new', submit: 'Add skill', cancel: '/skills/framework', fields: skillFormFields(true) };
  }

  /** Validates and logs an entry; returns the form errors when refused, null when logged. */
  private async submitLog(user: AuthUser, body: FormBody, patientId: string | undefined): Promise<(FormErrors & { status: number }) | null> {
    const input = {
      ...(patientId ? { patientId } : {}),
      skillId: text(body, 'skillId'),
      level: text(body, 'level'),
      evidence: text(body, 'evidence'),
      occurredOn: dateFromParts(body, 'occurredOn'),
      ...(text(body, 'shiftId') ? { shiftId: text(body, 'shiftId') } : {}),
    };
    const form = await validateForm(CreateSkillLogDto, input);
    const fieldErrors = logFormErrors(input, form.errors);
    if (Object.keys(fieldErrors).length) return { ...toFormErrors(fieldErrors, DATE_FIELDS), status: 422 };
    try {
      await this.logs.create(user, form.value);
      return null;
    } catch (err) {
      const r = refusal(err, 'skillId', DATE_FIELDS);
      if (!r) throw err;
      return r;
    }
  }

  private async decide(res: Response, user: AuthUser, id: string, body: FormBody, done: string, fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      const r = refusal(err, `comment-${id}`);
      if (!r) throw err;
      return this.afterRefusal(res, user, id, body, { ...toFormErrors(Object.fromEntries(Object.entries(r.errors).map(([f, m]) => [f === 'comment' ? `comment-${id}` : f, m]))), status: r.status });
    }
    const back = safeReturn(text(body, 'returnTo'), '/skills/verification');
    res.redirect(303, `${back}${back.includes('?') ? '&' : '?'}done=${done}`);
  }

  /** Shows the page the decision came from again, with the reason it was refused. */
  private async afterRefusal(res: Response, user: AuthUser, id: string, body: FormBody, r: FormErrors & { status: number }): Promise<void> {
    const back = safeReturn(text(body, 'returnTo'), '/skills/verification');
    const errors = Object.fromEntries(Object.entries(r.errors).map(([f, m]) => [f.startsWith('comment-') ? f : `comment-${id}`, m]));
    const extra = { ...toFormErrors(errors), values: { [`comment-${id}`]: text(body, 'comment') } };
    const patient = /^\/patients\/([0-9a-f-]{36})\/skills$/.exec(back);
    if (patient) return this.renderPatientSkills(res, user, patient[1], extra, r.status);
    const page = Number(/page=(\d+)/.exec(back)?.[1] ?? 1);
    await this.renderQueue(res, user, page, extra, r.status);
  }

  private async renderMySkills(res: Response, user: AuthUser, extra: Extra, status = 200): Promise<void> {
    const data = await this.logs.forPatient(user, user.patientId ?? '');
    const shifts = await this.logs.shiftsWorked(user, data.patient.id);
    res.status(status).render('skills/views/my-skills.njk', { ...res.locals, ...data, shifts, labels: SKILL_LABELS, levels: SKILL_LEVELS, ...extra });
  }

  private async renderPatientSkills(res: Response, user: AuthUser, patientId: string, extra: Extra, status = 200): Promise<void> {
    const data = await this.logs.forPatient(user, patientId);
    const canLog = SKILL_OBSERVER_ROLES.includes(user.role);
    const shifts = canLog ? await this.logs.shiftsWorked(user, patientId) : [];
    res.status(status).render('skills/views/patient-skills.njk', {
      ...res.locals,
      ...data,
      shifts,
      canLog,
      canVerify: SKILL_VERIFIER_ROLES.includes(user.role),
      returnTo: `/patients/${patientId}/skills`,
      labels: SKILL_LABELS,
      levels: SKILL_LEVELS,
      backHref: `/patients/${patientId}`,
      ...extra,
    });
  }

  private async renderQueue(res: Response, user: AuthUser, pageNo: number, extra: Extra, status = 200): Promise<void> {
    const result = await this.logs.list(user, { status: 'PENDING', limit: QUEUE_PAGE_SIZE, offset: (pageNo - 1) * QUEUE_PAGE_SIZE });
    res.status(status).render('skills/views/verification.njk', {
      ...res.locals,
      result,
      pageNo,
      pages: Math.max(1, Math.ceil(result.total / QUEUE_PAGE_SIZE)),
      returnTo: pageNo > 1 ? `/skills/verification?page=${pageNo}` : '/skills/verification',
      labels: SKILL_LABELS,
      ...extra,
    });
  }
}
