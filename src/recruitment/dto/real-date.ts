import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isValidDate } from '../../common/dates';

/**
 * A date that exists on the calendar. The shared DateField only checks the YYYY-MM-DD shape,
 * so 2026-02-30 passes it (and PostgreSQL then refuses it with a 500).
 */
export function RealDate(label: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'realDate',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || isValidDate(value),
        defaultMessage: () => `${label} must be a real date`,
      },
    },
    options,
  );
}
