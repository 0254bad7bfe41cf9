/**
 * Parsing of what people type into forms. Money is parsed as text into integer pence, never
 * through floating point ("0.29" * 100 is 28.999999999999996).
 */

const POUNDS = /^£?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** "11.44", "£11.44", "11.4", "11", "1,144.00" -> pence; anything else (negative, 3 decimals, words) -> null. */
export function parsePoundsToPence(text: string): number | null {
  const m = POUNDS.exec(text.trim());
  if (!m) return null;
  const pounds = Number(m[1].replace(/,/g, ''));
  const pence = Number((m[2] ?? '').padEnd(2, '0'));
  const total = pounds * 100 + pence;
  return Number.isSafeInteger(total) ? total : null;
}

/** 1144 -> "11.44", for a form field (no currency sign, no thousands separator). */
export function penceToPounds(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "3" -> 3; "", "3.5", "-1", "three" -> null. */
export function parseWholeNumber(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,9}$/.test(t)) return null;
  return Number(t);
}

/** A weekly hours amount as minutes: "16" -> 960, "15:59" -> 959, "15h 59m"-style text -> null. */
export function parseHoursAndMinutes(text: string): number | null {
  const m = /^(\d{1,3})(?::([0-5]\d))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 60 + Number(m[2] ?? '0');
}

/** 959 -> "15:59", 960 -> "16:00". */
export function minutesToHoursAndMinutes(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}
