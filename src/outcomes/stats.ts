import { SMALL } from './suppression';

/** The median of a list (the mean of the middle two for an even count); null for none. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * A rate as a fraction 0..1 rounded to 3 places; null when there is no denominator, or, when
 * suppressing, when the people it is built on are fewer than 5 (a rate on 1-4 people can
 * reveal one person's record).
 */
export function rate(numerator: number, denominator: number, people: number, suppress: boolean): number | null {
  if (denominator <= 0) return null;
  if (suppress && people < SMALL) return null;
  return Math.round((numerator / denominator) * 1000) / 1000;
}

/** A figure about people (a median, a sum of their pay) shown only when built on 5 or more of them, when suppressing. */
export function guarded(value: number | null, people: number, suppress: boolean): number | null {
  if (value === null) return null;
  return suppress && people < SMALL ? null : value;
}
