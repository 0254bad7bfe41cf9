import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';

const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Optional in a PATCH body, but not nullable: null is refused, a missing field is left unchanged. */
export function NotNullIfPresent(): PropertyDecorator {
  return ValidateIf((_o, v) => v !== undefined);
}

/**
 * Trimmed text, not blank. `label` names the field in messages that forms show as written
 * ("Enter a reference name").
 */
export function TextField(label: string, max: number, opts: { description?: string; example?: string; optional?: boolean } = {}): PropertyDecorator {
  const doc = { description: opts.description, example: opts.example, maxLength: max };
  return applyDecorators(
    opts.optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    ...(opts.optional ? [NotNullIfPresent()] : []),
    trim,
    IsString({ message: `Enter ${label}` }),
    MinLength(1, { message: `Enter ${label}` }),
    MaxLength(max, { message: `${label[0].toUpperCase()}${label.slice(1).replace(/^(a|an|the) /, '')} must be ${max} characters or fewer` }),
  );
}

/** Trimmed text that may be null or absent; blank becomes null. */
export function NullableTextField(label: string, max: number, description?: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, description, maxLength: max }),
    Transform(({ value }) => (typeof value === 'string' ? value.trim() || null : value)),
    IsOptional(),
    IsString({ message: `${label} must be text` }),
    MaxLength(max, { message: `${label} must be ${max} characters or fewer` }),
  );
}

/** A true/false query parameter ("true" / "false"). */
export function QueryBoolean(name: string, description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: Boolean, description }),
    IsOptional(),
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean({ message: `${name} must be true or false` }),
  );
}

/** Ids compare as lower case everywhere (PostgreSQL compares varchar case-sensitively). */
export const LowerCaseIds = (): PropertyDecorator =>
  Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.toLowerCase() : v)) : value));
