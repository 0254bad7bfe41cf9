import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** Trimmed text that is not blank; `label` reads in messages as forms show them ("Enter a description"). */
export function Text(label: string, max: number, opts: { optional?: boolean; description?: string; example?: string } = {}): PropertyDecorator {
  const doc = { description: opts.description, example: opts.example, maxLength: max };
  return applyDecorators(
    opts.optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    ...(opts.optional ? [IsOptional()] : []),
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString({ message: `Enter ${label}` }),
    MinLength(1, { message: `Enter ${label}` }),
    MaxLength(max, { message: `${label.replace(/^(a|an|the) /, '').replace(/^./, (c) => c.toUpperCase())} must be ${max} characters or fewer` }),
  );
}

/** An idempotency key: the client's name for one posting, so a retry is recognised. */
export function IdempotencyKey(optional = false): PropertyDecorator {
  return Text('an idempotency key', 120, { optional, description: 'Unique per enterprise: a retry with the same key and content returns the original entry', example: 'till-2026-11-23' });
}

export function OptionalFlag(description: string): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional({ description }), IsOptional(), IsBoolean());
}
