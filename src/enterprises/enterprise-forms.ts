import { AppError } from '../common/errors/app-error';
import type { WorkRoleDto } from './dto/work-roles.dto';
import type { EnterpriseDto } from './dto/enterprises.dto';
import { parsePoundsToPence, parseWholeNumber, penceToPounds } from './form-values';

/**
 * Turning posted HTML forms into API-shaped input, and errors back into messages beside the
 * fields. Forms post text: money in pounds ("11.44"), numbers as digits, checkboxes as a
 * value or a list of values.
 */

export type FormBody = Record<string, unknown>;

export interface FormErrors {
  errors: Record<string, string>;
  errorList: { text: string; href: string }[];
}

export function text(body: FormBody, key: string): string {
  const v = body[key];
  if (Array.isArray(v)) return v.length ? String(v[0]) : '';
  return v === undefined || v === null ? '' : String(v);
}

export function list(body: FormBody, key: string): string[] {
  const v = body[key];
  if (v === undefined || v === null || v === '') return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

export function addError(form: FormErrors, field: string, message: string): void {
  if (form.errors[field]) return;
  form.errors[field] = message;
  form.errorList.push({ text: message, href: `#${field}` });
}

/**
 * A refusal from a service (409 name taken, 422 minimum leave too low ...) shown beside the
 * field it is about. Anything else (403, 404, 500) is not a form problem and is thrown on.
 */
export function addServiceError(form: FormErrors, err: unknown, toFormField: (field: string) => string, fallbackField: string): void {
  if (!(err instanceof AppError) || err.status >= 500 || err.status === 403 || err.status === 404) throw err;
  const details = Array.isArray(err.details) && err.details.length ? err.details : [{ field: fallbackField, message: err.message }];
  for (const d of details) addError(form, toFormField(d.field ?? fallbackField), d.message);
}

// ---- Enterprise form -------------------------------------------------------------------

export interface EnterpriseFormValues {
  name: string;
  kind: string;
  businessNeed: string;
  siteId: string;
  wardId: string;
  locationZone: string;
  minimumLeave: string;
  referenceName: string;
  openingTimes: string;
  status: string;
  leadUserIds: string[];
}

export function enterpriseFormValues(body: FormBody): EnterpriseFormValues {
  return {
    name: text(body, 'name'),
    kind: text(body, 'kind'),
    businessNeed: text(body, 'businessNeed'),
    siteId: text(body, 'siteId'),
    wardId: text(body, 'wardId'),
    locationZone: text(body, 'locationZone'),
    minimumLeave: text(body, 'minimumLeave'),
    referenceName: text(body, 'referenceName'),
    openingTimes: text(body, 'openingTimes'),
    status: text(body, 'status'),
    leadUserIds: list(body, 'leadUserIds'),
  };
}

export function enterpriseValuesOf(e: EnterpriseDto): EnterpriseFormValues {
  return { ...e, wardId: e.wardId ?? '', openingTimes: e.openingTimes ?? '', leadUserIds: e.leadUserIds };
}

/** Input for CreateEnterpriseDto (mode new) or UpdateEnterpriseDto (mode edit). */
export function enterpriseInput(v: EnterpriseFormValues, mode: 'new' | 'edit'): Record<string, unknown> {
  const common = {
    name: v.name,
    kind: v.kind,
    businessNeed: v.businessNeed,
    wardId: v.wardId || null,
    locationZone: v.locationZone,
    minimumLeave: v.minimumLeave || null,
    referenceName: v.referenceName,
    openingTimes: v.openingTimes,
  };
  return mode === 'new' ? { ...common, siteId: v.siteId, leadUserIds: v.leadUserIds } : { ...common, status: v.status };
}

// ---- Work role form --------------------------------------------------------------------

export interface SkillRow {
  skillCode: string;
  level: string;
}

export interface RoleFormValues {
  title: string;
  duties: string;
  hourlyRate: string;
  activities: string[];
  skills: SkillRow[];
  positions: string;
  patientsPerSupervisor: string;
  active: string;
}

/** Rows for prerequisite skills: the ones there are, with at least one blank row and `minimum` rows in all. */
export function withBlankSkillRows(rows: SkillRow[], minimum = 3): SkillRow[] {
  const blank = () => ({ skillCode: '', level: '' });
  const out = [...rows];
  if (!out.some((r) => !r.skillCode && !r.level)) out.push(blank());
  while (out.length < minimum) out.push(blank());
  return out;
}

export function roleFormValues(body: FormBody): RoleFormValues {
  const codes = list(body, 'skillCode');
  const levels = list(body, 'skillLevel');
  const skills = Array.from({ length: Math.max(codes.length, levels.length) }, (_, i) => ({ skillCode: (codes[i] ?? '').trim().toLowerCase(), level: levels[i] ?? '' }));
  return {
    title: text(body, 'title'),
    duties: text(body, 'duties'),
    hourlyRate: text(body, 'hourlyRate'),
    activities: list(body, 'activities'),
    skills,
    positions: text(body, 'positions'),
    patientsPerSupervisor: text(body, 'patientsPerSupervisor'),
    active: text(body, 'active') || 'true',
  };
}

export function roleValuesOf(r: WorkRoleDto): RoleFormValues {
  return {
    title: r.title,
    duties: r.duties,
    hourlyRate: penceToPounds(r.hourlyRatePence),
    activities: [...r.activities],
    skills: r.prerequisiteSkills.map((s) => ({ skillCode: s.skillCode, level: s.level })),
    positions: String(r.positions),
    patientsPerSupervisor: String(r.patientsPerSupervisor),
    active: r.active ? 'true' : 'false',
  };
}

const ROLE_FIELD_MESSAGES: Record<string, string> = {
  hourlyRate: 'Enter an hourly rate between £0.01 and £1,000.00, in pounds and pence, like 11.44',
  positions: 'Enter the number of positions, a whole number from 1 to 100',
  patientsPerSupervisor: 'Enter how many patients one supervisor can oversee, a whole number from 1 to 50',
};

/**
 * Input for CreateWorkRoleDto / UpdateWorkRoleDto, and a function that names the form field
 * (and the page's message) for an error about a DTO field. Blank skill rows are left out;
 * rows keep their position on the page so errors land beside the right row.
 */
export function roleInput(v: RoleFormValues, mode: 'new' | 'edit'): { input: Record<string, unknown>; formFieldOf: (field: string) => string; messageFor: (formField: string, message: string) => string } {
  const used = v.skills.map((s, row) => ({ ...s, row })).filter((s) => s.skillCode || s.level);
  const number = (s: string) => parseWholeNumber(s) ?? (s.trim() || undefined);
  const input: Record<string, unknown> = {
    title: v.title,
    duties: v.duties,
    hourlyRatePence: parsePoundsToPence(v.hourlyRate) ?? (v.hourlyRate.trim() || undefined),
    activities: v.activities,
    prerequisiteSkills: used.map((s) => ({ skillCode: s.skillCode, level: s.level })),
    positions: number(v.positions),
    patientsPerSupervisor: number(v.patientsPerSupervisor),
    ...(mode === 'edit' ? { active: v.active === 'true' } : {}),
  };
  if (mode === 'edit') {
    // Every field of the edit form is sent; an emptied one must be refused, not ignored.
    for (const k of ['hourlyRatePence', 'positions', 'patientsPerSupervisor']) if (input[k] === undefined) input[k] = '';
  }
  const formFieldOf = (field: string): string => {
    const m = /^prerequisiteSkills\.(\d+)\.(skillCode|level)$/.exec(field);
    if (m) return `${m[2] === 'level' ? 'skillLevel' : 'skillCode'}-${used[Number(m[1])]?.row ?? 0}`;
    if (field.startsWith('prerequisiteSkills')) return `skillCode-${used[0]?.row ?? 0}`;
    if (field === 'hourlyRatePence') return 'hourlyRate';
    return field.split('.')[0];
  };
  const messageFor = (formField: string, message: string) => (formField.startsWith('skillLevel-') ? 'Choose the level needed for this skill' : (ROLE_FIELD_MESSAGES[formField] ?? message));
  return { input, formFieldOf, messageFor };
}
