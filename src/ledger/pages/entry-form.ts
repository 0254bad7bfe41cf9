import type { Response } from 'express';
import { AppError } from '../../common/errors/app-error';
import { poundsToPence } from '../../common/money';
import { validateForm } from '../../common/validation/validation';
import type { FormField, FormSpec } from '../../web/form-page';

export const ENTRY_FORM = 'ledger/views/entry-form.njk';

export interface EntryField extends Omit<FormField, 'type'> {
  type?: FormField['type'] | 'checkbox';
}

export interface EntryFormSpec extends Omit<FormSpec, 'fields'> {
  fields: EntryField[];
}

export function renderEntryForm(res: Response, form: EntryFormSpec, values: Record<string, unknown>, hidden: Record<string, string>, errors?: Record<string, string>, status = 200): void {
  const order = form.fields.map((f) => f.name);
  const errorList = errors ? Object.entries(errors).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)).map(([f, text]) => ({ text, href: `#${f}` })) : undefined;
  res.status(status).render(ENTRY_FORM, { ...res.locals, form, values, hidden, errors, errorList, backHref: form.cancel });
}

/** Posted form fields, trimmed; blank ones left out. */
export function formValues(body: Record<string, unknown>, fields: EntryField[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const raw = body?.[f.name];
    const v = Array.isArray(raw) ? raw[0] : raw;
    if (typeof v === 'string' && v.trim() !== '') out[f.name] = v.trim();
  }
  return out;
}

/** The hidden idempotency key of a form, as posted (a fresh one if it was tampered with). */
export function postedKey(body: Record<string, unknown>, fallback: string): string {
  const k = body?.idempotencyKey;
  return typeof k === 'string' && /^form-[0-9a-f-]{36}$/.test(k) ? k : fallback;
}

/** "12.50" (pounds) to pence for the DTO; a non-amount stays NaN so validation reports it. */
export function amountInput(values: Record<string, string>): number | undefined {
  return values.amount === undefined ? undefined : poundsToPence(values.amount);
}

/** Friendlier words for the form than the API's, keyed by form field. */
const FORM_MESSAGES: Record<string, string> = {
  amount: 'Enter an amount in pounds and pence, like 12.50, more than £0',
  occurredOn: 'Enter a real date, like 2026-11-23',
};

/**
 * Validates the form's DTO, runs the action and redirects; validation errors and the service's
 * own errors (422, 409) re-render the form with an error summary, keeping the same key.
 * `fieldOf` maps a DTO property to the form field that shows its error.
 */
export async function handleEntryForm<T extends object>(
  res: Response,
  form: EntryFormSpec,
  dto: new () => T,
  values: Record<string, string>,
  hidden: Record<string, string>,
  input: Record<string, unknown>,
  action: (value: T) => Promise<string>,
  fieldOf: Record<string, string> = {},
): Promise<void> {
  const field = (name: string | undefined) => {
    const top = (name ?? '').split('.')[0];
    const f = fieldOf[top] ?? top;
    return form.fields.some((x) => x.name === f) ? f : form.fields[0].name;
  };
  const result = await validateForm(dto, input);
  if (result.errorList.length) {
    const errors: Record<string, string> = {};
    for (const [name, message] of Object.entries(result.errors)) {
      const f = field(name);
      errors[f] ??= FORM_MESSAGES[f] ?? message;
    }
    return renderEntryForm(res, form, values, hidden, errors, 422);
  }
  try {
    res.redirect(303, await action(result.value));
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500 || err.status === 404 || err.status === 403) throw err;
    const errors: Record<string, string> = {};
    const details = Array.isArray(err.details) ? err.details : [];
    for (const d of details) errors[field(d.field)] ??= d.message;
    if (!Object.keys(errors).length) errors[form.fields[0].name] = err.message;
    renderEntryForm(res, form, values, hidden, errors, err.status === 409 ? 409 : 422);
  }
}
