import { AppError, type ErrorDetail } from '../common/errors/app-error';
import { applicationStage } from './recruitment-rules';
import type { ApplicationDto } from './dto/applications.dto';

/** Dates in forms are NHS date inputs: three fields named `<name>-day`, `-month`, `-year`. */
export const DATE_FIELDS = ['opensOn', 'closesOn', 'startOn', 'endOn', 'interviewOn'];

export type FormBody = Record<string, unknown>;

export function text(body: FormBody, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v.trim() : '';
}

/** YYYY-MM-DD from the three date fields, or '' when any is missing (so validation names the field). */
export function dateFromParts(body: FormBody, name: string): string {
  const [day, month, year] = ['day', 'month', 'year'].map((p) => text(body, `${name}-${p}`));
  if (!day || !month || !year || !/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return '';
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** The three date fields for a YYYY-MM-DD date, to prefill a form. */
export function datePartsOf(name: string, date: string | null | undefined): Record<string, string> {
  if (!date) return {};
  const [year, month, day] = date.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year };
}

export interface FormErrors {
  errors: Record<string, string>;
  errorList: { text: string; href: string }[];
}

export function formErrors(details: ErrorDetail[], fallbackField: string): FormErrors {
  const out: FormErrors = { errors: {}, errorList: [] };
  for (const d of details) {
    const field = d.field ?? fallbackField;
    if (out.errors[field]) continue;
    out.errors[field] = d.message;
    out.errorList.push({ text: d.message, href: `#${DATE_FIELDS.includes(field) ? `${field}-day` : field}` });
  }
  return out;
}

/**
 * A refused form submission (a rule break or a validation error) becomes messages to show on
 * the re-rendered page; anything else (not found, forbidden, a fault) is thrown on.
 */
export function refusal(err: unknown, fallbackField: string): (FormErrors & { status: number }) | null {
  if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) return null;
  const details = Array.isArray(err.details) && err.details.length ? err.details : [{ field: fallbackField, message: err.message }];
  return { ...formErrors(details, fallbackField), status: err.status };
}

/** An application with the colour of its stage tag. */
export function withStage<T extends ApplicationDto>(a: T): T & { stageColour: string } {
  return { ...a, stageColour: applicationStage(a, a.interviews).colour };
}
