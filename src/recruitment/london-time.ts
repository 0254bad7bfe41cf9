const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function londonParts(at: Date): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of LONDON_PARTS.formatToParts(at)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** Minutes London is ahead of UTC at an instant (0 in winter, 60 in summer). */
export function londonOffsetMinutes(at: Date): number {
  const p = londonParts(at);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

/**
 * The instant of a London wall-clock date (YYYY-MM-DD) and time (HH:MM), as people type it in
 * forms. An autumn time that happens twice resolves to the first (BST) one; a spring time the
 * clocks skip resolves an hour later. Null when the input is not a real date and time.
 */
export function londonInstant(date: string, time: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  const wall = new Date(`${date}T${time}:00Z`);
  if (Number.isNaN(wall.getTime()) || wall.toISOString().slice(0, 10) !== date) return null;
  // London is UTC+0 or UTC+1: try both, earliest first.
  for (const offset of [60, 0]) {
    const at = new Date(wall.getTime() - offset * 60000);
    const p = londonParts(at);
    if (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) === wall.getTime()) return at;
  }
  return new Date(wall.getTime() - londonOffsetMinutes(new Date(wall.getTime() - 12 * 3600000)) * 60000);
}

/** The London wall-clock time (HH:MM) of an instant. */
export function londonTimeOfDay(at: Date): string {
  const p = londonParts(at);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}
