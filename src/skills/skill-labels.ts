import { KIND_LABELS } from '../enterprises/enterprise.types';
import type { SkillCategory, SkillLevel, SkillLogSource, SkillLogStatus } from './skills.types';

/** Words for pages. */
export const SKILL_LABELS = {
  level: { INTRODUCED: 'Introduced', DEVELOPING: 'Developing', COMPETENT: 'Competent', PROFICIENT: 'Proficient' } satisfies Record<SkillLevel, string>,
  levelHint: {
    INTRODUCED: 'Level 1: you have been shown how and tried it with help',
    DEVELOPING: 'Level 2: you can do it with some prompting',
    COMPETENT: 'Level 3: you do it on your own, to the standard, most of the time',
    PROFICIENT: 'Level 4: you do it reliably and could show someone else',
  } satisfies Record<SkillLevel, string>,
  category: { EMPLOYABILITY: 'Employability', TECHNICAL: 'Technical' } satisfies Record<SkillCategory, string>,
  status: { PENDING: 'Waiting for verification', VERIFIED: 'Verified', REJECTED: 'Not verified' } satisfies Record<SkillLogStatus, string>,
  statusColour: { PENDING: 'yellow', VERIFIED: 'green', REJECTED: 'red' } satisfies Record<SkillLogStatus, string>,
  source: { SELF: 'Self-assessment', STAFF: 'Staff observation' } satisfies Record<SkillLogSource, string>,
  kind: KIND_LABELS,
};
