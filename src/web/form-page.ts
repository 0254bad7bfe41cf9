import type { Response } from 'express';
import { validateForm } from '../common/validation/validation';
import { AppError } from '../common/errors/app-error';

export interface FormField {
  name: string;
  label: string;
  type?: 'text' | 'date' | 'textarea' | 'select' | 'radios' | 'checkboxes' | 'number' | 'money' | 'datetime';
  hint?: string;
  items?: { value: string; text: string; hint?: string }[];
  width?: number;
  suffix?: string;
  noBlank?: boolean;
}

export interface FormSpec {
  title: string;
  caption?: string;
  intro?: string;
  warning?: string;
  action: string;
  submit: string;
  submitClasses?: string;
  cancel?: string;
  fields: FormField[];
}

export const FORM_TEMPLATE = 'web/views/form.njk';

/** Renders a generic form page (web/views/form.njk). */
export function renderForm(res: Response, form: FormSpec, values: Record<string, unknown> = {}, errors?: Record<string, string>, status = 200): void {
  const errorList = errors ? Object.entries(errors).map(([f, text]) => ({ text, href: `#${f}` })) : undefined;
  res.status(status).render(FORM_TEMPLATE, { ...res.locals, form, values, errors, errorList, backHref: form.cancel });
}

/** Form fields arrive as strings; blank ones mean "not given". */
export function cleanForm(body: Record<string, unknown>, fields: FormField[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = body?.[f.name];
    if (f.type === 'checkboxes') out[f.name] = raw === undefined ? [] : Array.isArray(raw) ? raw.map(String) : [String(raw)];
    else if (typeof raw === 'string' && raw.trim() !== '') out[f.name] = raw.trim();
  }
  return out;
}

/**
 * Validates a posted form against its DTO, then runs the action. Validation errors and the
 * service's own field errors (AppError details) re-render the form with an error summary (422).
 */
export async function handleForm<T extends object>(
  res: Response,
  form: FormSpec,
  dto: new () => T,
  values: Record<string, unknown>,
  action: (value: T) => Promise<string>,
  toInput: (values: Record<string, unknown>) => Record<string, unknown> = (v) => v,
): Promise<void> {
  const result = await validateForm(dto, toInput(values));
  if (result.errorList.length) return renderForm(res, form, values, result.errors, 422);
  try {
    res.redirect(303, await action(result.value));
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500 || err.status === 404 || err.status === 403) throw err;
    const errors: Record<string, string> = {};
    const details = Array.isArray(err.details) ? err.details : [];
    for (const d of details) if (d.field && !errors[d.field]) errors[d.field] = d.message;
    if (!Object.keys(errors).length) errors[form.fields[0]?.name ?? 'form'] = err.message;
    renderForm(res, form, values, errors, err.status === 409 ? 409 : 422);
  }
}
