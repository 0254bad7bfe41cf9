import type { SkillLogDto } from './dto/skill-logs.dto';
import type { SkillDto } from './dto/skills.dto';
import type { SkillLog } from './skill-log.entity';
import type { Skill } from './skill.entity';
import { SKILL_LEVELS } from './skills.types';

export function toSkillDto(s: Skill): SkillDto {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    category: s.category,
    description: s.description,
    enterpriseKinds: s.enterpriseKinds ?? [],
    levelDescriptors: s.levelDescriptors,
    levels: [...SKILL_LEVELS],
    active: !!s.active,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** An entry with its patient and skill joined; names of the staff from `names`. */
export function toSkillLogDto(l: SkillLog, names: Map<string, string>): SkillLogDto {
  return {
    id: l.id,
    patientId: l.patientId,
    patientDisplayName: l.patient?.displayName ?? '',
    skillId: l.skillId,
    skillCode: l.skill?.code ?? '',
    skillName: l.skill?.name ?? '',
    level: l.level,
    levelRank: l.levelRank,
    evidence: l.evidence,
    occurredOn: l.occurredOn,
    shiftId: l.shiftId,
    source: l.source,
    createdByUserId: l.createdByUserId,
    createdByName: names.get(l.createdByUserId) ?? 'Former user',
    createdAt: l.createdAt.toISOString(),
    status: l.status,
    reviewedByUserId: l.reviewedByUserId,
    reviewedByName: l.reviewedByUserId ? (names.get(l.reviewedByUserId) ?? 'Former user') : null,
    reviewedAt: l.reviewedAt ? l.reviewedAt.toISOString() : null,
    reviewComment: l.reviewComment,
  };
}
