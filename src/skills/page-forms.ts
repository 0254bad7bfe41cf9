import { isValidDate } from '../common/dates';
import { AppError } from '../common/errors/app-error';

export type FormBody = Record<string, unknown>;

export interface FormErrors {
  errors: Record<string, string>;
  errorList: { text: string; href: string }[];
}

export function text(body: FormBody, name: string): string {
  const v = body?.[name];
  return typeof v === 'string' ? v.trim() : '';
}

/** YYYY-MM-DD from an NHS date input (`<name>-day`, `-month`, `-year`), or '' when incomplete. */
export function dateFromParts(body: FormBody, name: string): string {
  const [day, month, year] = ['day', 'month', 'year'].map((p) => text(body, `${name}-${p}`));
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return '';
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

export function datePartsOf(name: string, date: string): Record<string, string> {
  const [year, month, day] = date.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year };
}

/** The element an error summary links to: the first input of a date, the field itself otherwise. */
const anchor = (field: string, dateFields: string[]) => `#${dateFields.includes(field) ? `${field}-day` : field}`;

export function toFormErrors(fieldErrors: Record<string, string>, dateFields: string[] = []): FormErrors {
  const errors: Record<string, string> = {};
  const errorList: { text: string; href: string }[] = [];
  for (const [field, message] of Object.entries(fieldErrors)) {
    if (!message || errors[field]) continue;
    errors[field] = message;
    errorList.push({ text: message, href: anchor(field, dateFields) });
  }
  return { errors, errorList };
}

/** A refused submission (409 or 422) as messages for the page; anything else is thrown on. */
export function refusal(err: unknown, fallbackField: string, dateFields: string[] = []): (FormErrors & { status: number }) | null {
  if (!(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) return null;
  const details = Array.isArray(err.details) && err.details.length ? err.details : [{ field: fallbackField, message: err.message }];
  const fieldErrors: Record<string, string> = {};
  for (const d of details) {
    const field = d.field ?? fallbackField;
    if (!fieldErrors[field]) fieldErrors[field] = d.message;
  }
  return { ...toFormErrors(fieldErrors, dateFields), status: err.status };
}

/** Plain-English messages for the skill log form, from the validator's field errors. */
export function logFormErrors(input: { occurredOn: string }, validation: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  if (validation.skillId) out.skillId = 'Choose the skill';
  if (validation.level) out.level = 'Choose the level';
  if (validation.evidence) out.evidence = validation.evidence;
  if (!input.occurredOn) out.occurredOn = 'Enter the date as a day, month and year';
  else if (!isValidDate(input.occurredOn)) out.occurredOn = 'The date must be a real date';
  if (validation.shiftId) out.shiftId = 'Choose a shift from the list';
  if (validation.patientId) out.patientId = 'Choose the patient';
  return out;
}

/** Only pages of this area are valid places to return to after a decision. */
export function safeReturn(value: string, fallback: string): string {
  return /^\/(skills\/verification(\?page=\d{1,4})?|patients\/[0-9a-f-]{36}\/skills)$/.test(value) ? value : fallback;
}
