import { SKILL_LEVELS, type SkillLevel } from '../enterprises/enterprise.types';

export { SKILL_LEVELS, type SkillLevel };

export const SKILL_CATEGORIES = ['EMPLOYABILITY', 'TECHNICAL'] as const;
export type SkillCategory = (typeof SKILL_CATEGORIES)[number];

export const SKILL_LOG_STATUSES = ['PENDING', 'VERIFIED', 'REJECTED'] as const;
export type SkillLogStatus = (typeof SKILL_LOG_STATUSES)[number];

/** Who made the entry: the patient (self-assessment) or a member of staff (observation). */
export const SKILL_LOG_SOURCES = ['SELF', 'STAFF'] as const;
export type SkillLogSource = (typeof SKILL_LOG_SOURCES)[number];

/** 1 (INTRODUCED) to 4 (PROFICIENT). */
export function levelRank(level: SkillLevel): number {
  return SKILL_LEVELS.indexOf(level) + 1;
}

export function levelOfRank(rank: number): SkillLevel {
  const level = SKILL_LEVELS[rank - 1];
  if (!level) throw new Error(`No skill level of rank ${rank}`);
  return level;
}

export type LevelDescriptors = Record<SkillLevel, string>;
