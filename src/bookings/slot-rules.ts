import { addDays } from '../common/dates';
import { londonInstant } from '../recruitment/london-time';
import { isoWeekday } from '../rota/time-rules';

export interface ServiceTimes {
  durationMinutes: number;
  bufferMinutes: number;
  minimumNoticeMinutes: number;
}

export interface Hours {
  weekday: number;
  opensAt: string;
  closesAt: string;
}

export interface Slot {
  startAt: Date;
  endAt: Date;
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The slots of a service on London dates from..to (inclusive): from each opening period,
 * back to back with the buffer between them, the last ending by closing time; none on a
 * closure day, none starting sooner than the minimum notice after `now`. Times are London
 * wall-clock, turned into instants day by day, so a slot is at 09:00 on both sides of a clock
 * change.
 */
export function slotsBetween(from: string, to: string, service: ServiceTimes, hours: Hours[], closedOn: Set<string>, now: Date): Slot[] {
  const out: Slot[] = [];
  const earliest = now.getTime() + service.minimumNoticeMinutes * 60_000;
  const step = service.durationMinutes + service.bufferMinutes;
  for (let date = from; date <= to; date = addDays(date, 1)) {
    if (closedOn.has(date)) continue;
    const weekday = isoWeekday(date);
    const periods = hours.filter((h) => h.weekday === weekday).sort((a, b) => a.opensAt.localeCompare(b.opensAt));
    for (const p of periods) {
      const close = minutesOf(p.closesAt);
      for (let start = minutesOf(p.opensAt); start + service.durationMinutes <= close; start += step) {
        const startAt = londonInstant(date, hhmm(start));
        if (!startAt) continue;
        // Wall-clock end: a slot across a clock change is still "09:00 to 10:00" on the board.
        const endAt = londonInstant(date, hhmm(start + service.durationMinutes)) ?? new Date(startAt.getTime() + service.durationMinutes * 60_000);
        if (startAt.getTime() < earliest) continue;
        out.push({ startAt, endAt });
      }
    }
  }
  return out;
}

/** Free places in each slot, given the live bookings' start instants. */
export function withFreePlaces(slots: Slot[], capacity: number, bookedStarts: Date[]): (Slot & { free: number })[] {
  const taken = new Map<number, number>();
  for (const s of bookedStarts) taken.set(s.getTime(), (taken.get(s.getTime()) ?? 0) + 1);
  return slots.map((s) => ({ ...s, free: Math.max(0, capacity - (taken.get(s.startAt.getTime()) ?? 0)) }));
}

/** A customer may cancel until the cut-off before the start; after that only the enterprise can. */
export function customerMayCancel(startAt: Date, cutoffMinutes: number, now: Date): boolean {
  return startAt.getTime() - cutoffMinutes * 60_000 >= now.getTime();
}
