/**
 * "11.44" or "£1,144" (pounds, as typed in a form) to integer pence, exactly: no floating
 * point. Returns NaN when it is not an amount of money, so validation reports it.
 */
export function poundsToPence(input: unknown): number {
  if (typeof input !== 'string') return NaN;
  const s = input.trim().replace(/^£/, '').replace(/,/g, '');
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return NaN;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

/** Hours as typed ("15.5", "15:30") to whole minutes; NaN when not a duration. */
export function hoursToMinutes(input: unknown): number {
  if (typeof input !== 'string') return NaN;
  const s = input.trim();
  let m = /^(\d{1,3}):([0-5]\d)$/.exec(s);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return NaN;
  return Math.round(Number(m[1]) * 60 + (Number((m[2] ?? '0').padEnd(2, '0')) * 60) / 100);
}

export function penceToPounds(pence: number | null | undefined): string {
  if (pence === null || pence === undefined) return '';
  return `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
}
