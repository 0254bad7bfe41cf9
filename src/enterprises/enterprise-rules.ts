import { leaveRank, type LeaveLevel } from '../patients/leave';
import { ZONE_MINIMUM_LEAVE, type LocationZone } from './enterprise.types';

/** Skill codes are lower-case slugs, e.g. "food-hygiene", so they match the skills framework. */
export const SKILL_CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type MinimumLeaveOutcome = { ok: true; level: LeaveLevel } | { ok: false; zoneMinimum: LeaveLevel };

/**
 * The minimum leave an enterprise asks of the patients who work in it. A zone needs at least
 * its own minimum (grounds work needs grounds leave); an enterprise may ask for more, never
 * less. With nothing requested: the zone's minimum for a new enterprise, and for an existing
 * one its current level raised to the zone's minimum if needed (never silently lowered).
 * `requested === null` asks for the zone's default explicitly.
 */
export function resolveMinimumLeave(zone: LocationZone, requested: LeaveLevel | null | undefined, current?: LeaveLevel): MinimumLeaveOutcome {
  const zoneMinimum = ZONE_MINIMUM_LEAVE[zone];
  if (requested === null) return { ok: true, level: zoneMinimum };
  if (requested === undefined) {
    const kept = current && leaveRank(current) > leaveRank(zoneMinimum) ? current : zoneMinimum;
    return { ok: true, level: kept };
  }
  if (leaveRank(requested) < leaveRank(zoneMinimum)) return { ok: false, zoneMinimum };
  return { ok: true, level: requested };
}

/** Positions may not drop below the placements already filling them. */
export function positionsAllowed(positions: number, activePlacements: number): boolean {
  return positions >= activePlacements;
}
