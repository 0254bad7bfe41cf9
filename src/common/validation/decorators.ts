import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min, ValidateBy } from 'class-validator';
import { isValidDate } from '../dates';

/** An id field: a UUID. */
export function IdField(description: string, optional = false): PropertyDecorator {
  return applyDecorators(
    optional ? ApiPropertyOptional({ description, format: 'uuid' }) : ApiProperty({ description, format: 'uuid' }),
    ...(optional ? [IsOptional()] : []),
    IsUUID('all', { message: `${description} must be an id (UUID)` }),
  );
}

/** A money amount in integer pence. */
export function PenceField(description: string, { min = 0, max = 100_000_000, optional = false } = {}): PropertyDecorator {
  return applyDecorators(
    optional ? ApiPropertyOptional({ description, type: 'integer', minimum: min, maximum: max }) : ApiProperty({ description, type: 'integer', minimum: min, maximum: max }),
    ...(optional ? [IsOptional()] : []),
    IsInt({ message: `${description} must be a whole number of pence` }),
    Min(min),
    Max(max),
  );
}

/** A calendar date, YYYY-MM-DD. */
export function DateField(description: string, optional = false): PropertyDecorator {
  return applyDecorators(
    optional ? ApiPropertyOptional({ description, format: 'date', example: '2026-04-06' }) : ApiProperty({ description, format: 'date', example: '2026-04-06' }),
    ...(optional ? [IsOptional()] : []),
    ValidateBy({ name: 'isRealDate', validator: { validate: (v) => typeof v === 'string' && isValidDate(v), defaultMessage: () => `${description} must be a real date as YYYY-MM-DD` } }),
  );
}
