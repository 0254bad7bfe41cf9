import { AppError } from '../common/errors/app-error';
import type { DecisionRefusal, LogRefusal } from './skill-rules';

/** Errors of the skills area, each with a stable code. */
export const SkillErrors = {
  codeTaken(): AppError {
    const message = 'A skill with that code already exists';
    return AppError.conflict('SKILL_CODE_TAKEN', message, [{ field: 'code', message }]);
  },
  unknownSkill(): AppError {
    return AppError.validation('No such skill', [{ field: 'skillId', message: 'Choose a skill from the framework' }]);
  },
  skillInactive(): AppError {
    const message = 'This skill is no longer in use; choose another';
    return AppError.conflict('SKILL_INACTIVE', message, [{ field: 'skillId', message }]);
  },
  patientRequired(): AppError {
    return AppError.validation('Say which patient the observation is about', [{ field: 'patientId', message: 'Choose the patient' }]);
  },
  entry(refusals: LogRefusal[]): AppError {
    return AppError.validation(refusals.map((r) => r.message).join('; '), refusals.map((r) => ({ field: r.field, message: r.message })));
  },
  decision(r: DecisionRefusal): AppError {
    const detail = r.code === 'COMMENT_REQUIRED' ? { field: 'comment', code: r.code, message: r.message } : { code: r.code, message: r.message };
    return new AppError(r.code, r.message, r.status, [detail]);
  },
};
