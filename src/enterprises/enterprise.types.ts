import type { LeaveLevel } from '../patients/leave';

export const ENTERPRISE_KINDS = ['CAFE', 'SHOP', 'CAR_VALET', 'HORTICULTURE', 'LAUNDRY', 'CATERING', 'POST_ROOM', 'RECYCLING', 'OTHER'] as const;
export type EnterpriseKind = (typeof ENTERPRISE_KINDS)[number];

export const LOCATION_ZONES = ['WARD', 'GROUNDS', 'COMMUNITY'] as const;
export type LocationZone = (typeof LOCATION_ZONES)[number];

export const ENTERPRISE_STATUSES = ['ACTIVE', 'PAUSED', 'CLOSED'] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];

/** The least leave a zone needs unless the enterprise asks for more. */
export const ZONE_MINIMUM_LEAVE: Record<LocationZone, LeaveLevel> = {
  WARD: 'NONE',
  GROUNDS: 'ESCORTED_GROUNDS',
  COMMUNITY: 'ESCORTED_COMMUNITY',
};

export const KIND_LABELS: Record<EnterpriseKind, string> = {
  CAFE: 'Café',
  SHOP: 'Shop',
  CAR_VALET: 'Car valet',
  HORTICULTURE: 'Horticulture',
  LAUNDRY: 'Laundry',
  CATERING: 'Catering',
  POST_ROOM: 'Post room',
  RECYCLING: 'Recycling',
  OTHER: 'Other',
};

export const SKILL_LEVELS = ['INTRODUCED', 'DEVELOPING', 'COMPETENT', 'PROFICIENT'] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

export interface PrerequisiteSkill {
  skillCode: string;
  level: SkillLevel;
}
