import { ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AppError, ErrorDetail } from '../errors/app-error';
import { memoizeValidationMetadata } from './metadata-memo';

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) {
      out.push({ field, message: message.startsWith('property ') ? `${field} is not allowed` : message });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/** The one global pipe: unknown fields are an error, types are converted, failures are 422. */
export function createValidationPipe(): ValidationPipe {
  memoizeValidationMetadata();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      return AppError.validation(details.map((d) => d.message).join('; ') || 'Invalid request', details);
    },
  });
}

/** For HTML forms: validates a posted body against a DTO and returns field errors to render. */
export async function validateForm<T extends object>(
  cls: new () => T,
  body: unknown,
): Promise<{ value: T; errors: Record<string, string>; errorList: { text: string; href: string }[] }> {
  const plain = { ...((body as Record<string, unknown>) ?? {}) };
  delete plain._csrf;
  const value = plainToInstance(cls, plain, { enableImplicitConversion: false });
  const result = await validate(value, { whitelist: true, forbidNonWhitelisted: false });
  const errors: Record<string, string> = {};
  for (const d of flattenValidationErrors(result)) if (d.field && !errors[d.field]) errors[d.field] = d.message;
  return { value, errors, errorList: Object.entries(errors).map(([f, text]) => ({ text, href: `#${f}` })) };
}
