import { Body, Controller, Get, Inject, Optional, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { isId, ParseIdPipe } from '../common/validation/parse-id.pipe';
import { validateForm } from '../common/validation/validation';
import { LEAVE_LABELS, LEAVE_LEVELS } from '../patients/leave';
import { ACTIVITIES, ACTIVITY_LABELS } from '../patients/restrictions';
import { SitesService } from '../wards/sites.service';
import { WardsService } from '../wards/wards.service';
import { CreateEnterpriseDto, UpdateEnterpriseDto } from './dto/enterprises.dto';
import { CreateWorkRoleDto, UpdateWorkRoleDto } from './dto/work-roles.dto';
import {
  addError,
  addServiceError,
  enterpriseFormValues,
  enterpriseInput,
  enterpriseValuesOf,
  type EnterpriseFormValues,
  type FormBody,
  type FormErrors,
  roleFormValues,
  roleInput,
  roleValuesOf,
  type RoleFormValues,
  withBlankSkillRows,
} from './enterprise-forms';
import { LOW_STOCK, type LowStockProvider } from './enterprise-stock';
import { ENTERPRISE_KINDS, ENTERPRISE_STATUSES, KIND_LABELS, LOCATION_ZONES, SKILL_LEVELS, ZONE_MINIMUM_LEAVE } from './enterprise.types';
import { ENTERPRISE_READERS } from './enterprises.controller';
import { EnterprisesService } from './enterprises.service';
import { WorkRolesService } from './work-roles.service';

const ZONE_LABELS: Record<string, string> = { WARD: 'On the ward', GROUNDS: 'In the hospital grounds', COMMUNITY: 'In the community' };
const STATUS_LABELS: Record<string, string> = { ACTIVE: 'Active', PAUSED: 'Paused', CLOSED: 'Closed' };
const SKILL_LEVEL_LABELS: Record<string, string> = { INTRODUCED: '1 – Introduced', DEVELOPING: '2 – Developing', COMPETENT: '3 – Competent', PROFICIENT: '4 – Proficient' };

/** Labels the templates use to show codes as words. */
const LABELS = { kind: KIND_LABELS, zone: ZONE_LABELS, leave: LEAVE_LABELS, status: STATUS_LABELS, activity: ACTIVITY_LABELS, skillLevel: SKILL_LEVEL_LABELS };

function noErrors(): FormErrors {
  return { errors: {}, errorList: [] };
}

@ApiExcludeController()
@Controller('enterprises')
export class EnterprisesPagesController {
  constructor(
    private readonly enterprises: EnterprisesService,
    private readonly roles: WorkRolesService,
    private readonly sites: SitesService,
    private readonly wards: WardsService,
    @Optional() @Inject(LOW_STOCK) private readonly stock?: LowStockProvider,
  ) {}

  @Get()
  @Roles(...ENTERPRISE_READERS)
  @Render('enterprises/views/list.njk')
  async list(@CurrentUser() user: AuthUser, @Query('status') status?: string, @Query('page') page?: string) {
    const pageNo = Math.max(1, Math.floor(Number(page)) || 1);
    const statusFilter = (ENTERPRISE_STATUSES as readonly string[]).includes(status ?? '') ? (status as (typeof ENTERPRISE_STATUSES)[number]) : undefined;
    const mine = user.role === 'ENTERPRISE_LEAD' ? (await this.enterprises.list(user, { limit: 200, offset: 0, mine: true })).items : [];
    const result = await this.enterprises.list(user, { limit: 25, offset: (pageNo - 1) * 25, status: statusFilter });
    const link = (n: number) => `/enterprises?page=${n}${statusFilter ? `&status=${statusFilter}` : ''}`;
    return {
      mine,
      result,
      statusFilter: statusFilter ?? '',
      statusItems: [{ value: '', text: 'Any status' }, ...ENTERPRISE_STATUSES.map((s) => ({ value: s, text: STATUS_LABELS[s], selected: s === statusFilter }))],
      previous: pageNo > 1 ? link(pageNo - 1) : null,
      next: pageNo * 25 < result.total ? link(pageNo + 1) : null,
      canCreate: user.role === 'ADMIN',
      labels: LABELS,
    };
  }

  @Get('new')
  @Roles('ADMIN')
  async newPage(@Res() res: Response): Promise<void> {
    const sites = (await this.sites.list({ limit: 200, offset: 0 })).items;
    await this.renderEnterpriseForm(res, 200, 'new', { ...enterpriseFormValues({}), siteId: sites.length === 1 ? sites[0].id : '' }, noErrors());
  }

  @Post('new')
  @Roles('ADMIN')
  async create(@CurrentUser() user: AuthUser, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const values = enterpriseFormValues(body);
    const form = await validateForm(CreateEnterpriseDto, enterpriseInput(values, 'new'));
    if (!form.errorList.length) {
      try {
        const created = await this.enterprises.create(user, form.value);
        res.redirect(303, `/enterprises/${created.id}?done=created`);
        return;
      } catch (err) {
        addServiceError(form, err, (f) => f, 'name');
      }
    }
    await this.renderEnterpriseForm(res, 422, 'new', values, form);
  }

  @Get(':id')
  @Roles(...ENTERPRISE_READERS)
  @Render('enterprises/views/show.njk')
  async show(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Query('done') done?: string) {
    const details = await this.enterprises.details(user, id);
    // Those who restock (the enterprise's leads and admins) see what is below its reorder level.
    const lowStock = details.canManage && this.stock ? await this.stock.lowStock(id) : [];
    return { ...details, lowStock, done: done ?? '', isAdmin: user.role === 'ADMIN', labels: LABELS };
  }

  @Get(':id/edit')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async editPage(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const enterprise = await this.enterprises.findManageable(user, id);
    await this.renderEnterpriseForm(res, 200, 'edit', enterpriseValuesOf(enterprise), noErrors(), enterprise.id);
  }

  @Post(':id/edit')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async edit(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const current = await this.enterprises.findManageable(user, id);
    const values = { ...enterpriseFormValues(body), siteId: current.siteId };
    const form = await validateForm(UpdateEnterpriseDto, enterpriseInput(values, 'edit'));
    if (!form.errorList.length) {
      try {
        await this.enterprises.update(user, id, form.value);
        res.redirect(303, `/enterprises/${id}?done=updated`);
        return;
      } catch (err) {
        addServiceError(form, err, (f) => f, 'name');
      }
    }
    await this.renderEnterpriseForm(res, 422, 'edit', values, form, id);
  }

  @Get(':id/leads')
  @Roles('ADMIN')
  async leadsPage(@Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const enterprise = await this.enterprises.get(id);
    await this.renderLeadsForm(res, 200, enterprise.id, enterprise.name, enterprise.leadUserIds, noErrors());
  }

  @Post(':id/leads')
  @Roles('ADMIN')
  async setLeads(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const enterprise = await this.enterprises.get(id);
    const raw = body.userIds === undefined ? [] : Array.isArray(body.userIds) ? body.userIds.map(String) : [String(body.userIds)];
    const form = noErrors();
    const userIds = raw.filter(isId).map((u) => u.toLowerCase());
    if (userIds.length !== raw.length) addError(form, 'userIds', 'Choose leads from the list');
    if (!form.errorList.length) {
      try {
        await this.enterprises.setLeads(user, id, userIds);
        res.redirect(303, `/enterprises/${id}?done=leads`);
        return;
      } catch (err) {
        addServiceError(form, err, () => 'userIds', 'userIds');
      }
    }
    await this.renderLeadsForm(res, 422, id, enterprise.name, userIds, form);
  }

  @Get(':id/roles/new')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async newRolePage(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const enterprise = await this.enterprises.findManageable(user, id);
    const values: RoleFormValues = { title: '', duties: '', hourlyRate: '', activities: [], skills: [], positions: '', patientsPerSupervisor: '', active: 'true' };
    this.renderRoleForm(res, 200, { enterprise, values, form: noErrors() });
  }

  @Post(':id/roles/new')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async createRole(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const enterprise = await this.enterprises.findManageable(user, id);
    const values = roleFormValues(body);
    const { input, formFieldOf, messageFor } = roleInput(values, 'new');
    const form = await this.validateRole(CreateWorkRoleDto, { ...input, enterpriseId: id }, formFieldOf, messageFor);
    if (!form.errorList.length) {
      try {
        await this.roles.create(user, form.value as CreateWorkRoleDto);
        res.redirect(303, `/enterprises/${id}?done=role-created`);
        return;
      } catch (err) {
        addServiceError(form, err, formFieldOf, 'title');
      }
    }
    this.renderRoleForm(res, 422, { enterprise, values, form });
  }

  @Get(':id/roles/:roleId/edit')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async editRolePage(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Param('roleId', ParseIdPipe) roleId: string, @Res() res: Response): Promise<void> {
    const { enterprise, role } = await this.manageableRole(user, id, roleId);
    this.renderRoleForm(res, 200, { enterprise, role, values: roleValuesOf(role), form: noErrors() });
  }

  @Post(':id/roles/:roleId/edit')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async editRole(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Param('roleId', ParseIdPipe) roleId: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const { enterprise, role } = await this.manageableRole(user, id, roleId);
    const values = roleFormValues(body);
    const { input, formFieldOf, messageFor } = roleInput(values, 'edit');
    const form = await this.validateRole(UpdateWorkRoleDto, input, formFieldOf, messageFor);
    if (!form.errorList.length) {
      try {
        await this.roles.update(user, roleId, form.value as UpdateWorkRoleDto);
        res.redirect(303, `/enterprises/${id}?done=role-updated`);
        return;
      } catch (err) {
        addServiceError(form, err, formFieldOf, 'title');
      }
    }
    this.renderRoleForm(res, 422, { enterprise, role, values, form });
  }

  /** The role, when it belongs to this enterprise and the caller may change it; 404 for a role of another enterprise. */
  private async manageableRole(user: AuthUser, enterpriseId: string, roleId: string) {
    const role = await this.roles.findManageable(user, roleId);
    if (role.enterpriseId !== enterpriseId) throw AppError.notFound('Work role');
    return { role, enterprise: await this.enterprises.get(enterpriseId) };
  }

  /** Validates a role form and words each error for the page, beside its field. */
  private async validateRole<T extends object>(cls: new () => T, input: Record<string, unknown>, formFieldOf: (f: string) => string, messageFor: (f: string, m: string) => string) {
    const checked = await validateForm(cls, input);
    const form = { value: checked.value, ...noErrors() };
    for (const [field, message] of Object.entries(checked.errors)) {
      const formField = formFieldOf(field);
      addError(form, formField, messageFor(formField, message));
    }
    return form;
  }

  private async renderEnterpriseForm(res: Response, status: number, mode: 'new' | 'edit', values: EnterpriseFormValues, form: FormErrors, id?: string): Promise<void> {
    const sites = (await this.sites.list({ limit: 200, offset: 0 })).items;
    const wards = await this.wards.listAll();
    const leadCandidates = mode === 'new' ? await this.enterprises.leadCandidates() : [];
    const siteName = sites.find((s) => s.id === values.siteId)?.name ?? '';
    res.status(status).render('enterprises/views/enterprise-form.njk', {
      ...res.locals,
      mode,
      id,
      values,
      siteName,
      errors: form.errors,
      errorList: form.errorList,
      kindItems: [{ value: '', text: 'Choose a kind' }, ...ENTERPRISE_KINDS.map((k) => ({ value: k, text: KIND_LABELS[k], selected: values.kind === k }))],
      siteItems: [...(sites.length === 1 ? [] : [{ value: '', text: 'Choose a site' }]), ...sites.map((s) => ({ value: s.id, text: s.name, selected: values.siteId === s.id }))],
      wardItems: [
        { value: '', text: 'No particular ward', selected: !values.wardId },
        ...wards.filter((w) => mode === 'new' || w.siteId === values.siteId).map((w) => ({ value: w.id, text: mode === 'new' && sites.length > 1 ? `${w.name} (${w.siteName})` : w.name, selected: values.wardId === w.id })),
      ],
      zoneItems: LOCATION_ZONES.map((z) => ({ value: z, text: ZONE_LABELS[z], hint: { text: `Needs at least: ${LEAVE_LABELS[ZONE_MINIMUM_LEAVE[z]].toLowerCase()}` }, checked: values.locationZone === z })),
      leaveItems: [{ value: '', text: 'The least the zone needs', selected: !values.minimumLeave }, ...LEAVE_LEVELS.map((l) => ({ value: l, text: LEAVE_LABELS[l], selected: values.minimumLeave === l }))],
      statusItems: ENTERPRISE_STATUSES.map((s) => ({ value: s, text: STATUS_LABELS[s], checked: values.status === s })),
      leadItems: leadCandidates.map((u) => ({ value: u.id, text: `${u.displayName} (${u.username})`, checked: values.leadUserIds.includes(u.id) })),
    });
  }

  private async renderLeadsForm(res: Response, status: number, id: string, name: string, chosen: string[], form: FormErrors): Promise<void> {
    const candidates = await this.enterprises.leadCandidates();
    res.status(status).render('enterprises/views/leads.njk', {
      ...res.locals,
      id,
      name,
      errors: form.errors,
      errorList: form.errorList,
      leadItems: candidates.map((u) => ({ value: u.id, text: `${u.displayName} (${u.username})`, checked: chosen.includes(u.id) })),
    });
  }

  private renderRoleForm(res: Response, status: number, v: { enterprise: { id: string; name: string }; role?: { id: string; activePlacements: number }; values: RoleFormValues; form: FormErrors }): void {
    res.status(status).render('enterprises/views/role-form.njk', {
      ...res.locals,
      enterprise: v.enterprise,
      role: v.role,
      values: v.values,
      errors: v.form.errors,
      errorList: v.form.errorList,
      activityItems: ACTIVITIES.map((a) => ({ value: a, text: ACTIVITY_LABELS[a], checked: v.values.activities.includes(a) })),
      skillRows: withBlankSkillRows(v.values.skills).map((s, i) => ({
        ...s,
        index: i,
        levelItems: [{ value: '', text: 'Choose a level' }, ...SKILL_LEVELS.map((l) => ({ value: l, text: SKILL_LEVEL_LABELS[l], selected: s.level === l }))],
      })),
      activeItems: [
        { value: 'true', text: 'Active', hint: { text: 'Vacancies can be opened for this role' }, checked: v.values.active !== 'false' },
        { value: 'false', text: 'Inactive', hint: { text: 'No new vacancies; people in the role keep their placements' }, checked: v.values.active === 'false' },
      ],
    });
  }
}
