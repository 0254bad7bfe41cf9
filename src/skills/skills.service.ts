import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { newId } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { isUniqueViolation } from '../recruitment/recruitment.errors';
import type { CreateSkillDto, SkillDto, UpdateSkillDto } from './dto/skills.dto';
import { Skill } from './skill.entity';
import { SkillErrors } from './skills.errors';
import { toSkillDto } from './skills.mappers';
import { SkillsRepository } from './skills.repository';
import type { LevelDescriptors, SkillCategory } from './skills.types';

/**
 * The skills framework: seeded, edited by admins. A skill is never deleted (skill logs and
 * work roles' prerequisites refer to it); it can be taken out of use and brought back.
 */
@Injectable()
export class SkillsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: SkillsRepository,
    private readonly audit: AuditService,
  ) {}

  list(q: { includeInactive?: boolean; category?: SkillCategory } = {}): Promise<SkillDto[]> {
    return this.uow.read(async (em) => (await this.repo.findSkills(em, q)).map(toSkillDto));
  }

  get(id: string): Promise<SkillDto> {
    return this.uow.read(async (em) => {
      const s = await this.repo.findSkill(em, id);
      if (!s) throw AppError.notFound('Skill');
      return toSkillDto(s);
    });
  }

  create(user: AuthUser, dto: CreateSkillDto): Promise<SkillDto> {
    return this.uow.run(async (em) => {
      assertAdmin(user);
      if (await this.repo.findSkillByCode(em, dto.code)) throw SkillErrors.codeTaken();
      const now = new Date();
      const skill: Skill = Object.assign(new Skill(), {
        id: newId(),
        code: dto.code,
        name: dto.name,
        category: dto.category,
        description: dto.description,
        enterpriseKinds: dto.category === 'EMPLOYABILITY' ? [] : (dto.enterpriseKinds ?? []),
        levelDescriptors: descriptors(dto.levelDescriptors),
        active: true,
        createdAt: now,
        updatedAt: now,
      });
      try {
        await em.insert(Skill, skill);
      } catch (err) {
        if (isUniqueViolation(err)) throw SkillErrors.codeTaken();
        throw err;
      }
      await this.audit.record({ action: 'skill.create', entityType: 'skill', entityId: skill.id, detail: { code: skill.code } });
      return toSkillDto(skill);
    });
  }

  /** Edits a skill; `active: false` takes it out of use (never deleted). Its code never changes. */
  update(user: AuthUser, id: string, dto: UpdateSkillDto): Promise<SkillDto> {
    return this.uow.run(async (em) => {
      assertAdmin(user);
      const skill = await this.repo.findSkill(em, id, this.uow.lockMode());
      if (!skill) throw AppError.notFound('Skill');
      const changes: Partial<Skill> = {};
      if (dto.name !== undefined) changes.name = dto.name;
      if (dto.category !== undefined) changes.category = dto.category;
      if (dto.description !== undefined) changes.description = dto.description;
      if (dto.enterpriseKinds !== undefined) changes.enterpriseKinds = dto.enterpriseKinds;
      if ((changes.category ?? skill.category) === 'EMPLOYABILITY') changes.enterpriseKinds = [];
      if (dto.levelDescriptors !== undefined) changes.levelDescriptors = descriptors(dto.levelDescriptors);
      if (dto.active !== undefined) changes.active = dto.active;
      const fields = Object.keys(changes).filter((k) => JSON.stringify((changes as Record<string, unknown>)[k]) !== JSON.stringify((skill as unknown as Record<string, unknown>)[k]));
      if (!fields.length) return toSkillDto(skill);
      const updated = Object.assign(skill, changes, { updatedAt: new Date() });
      await em.update(Skill, { id }, { ...changes, updatedAt: updated.updatedAt });
      const action = dto.active === false && fields.includes('active') ? 'skill.deactivate' : dto.active === true && fields.includes('active') ? 'skill.activate' : 'skill.update';
      await this.audit.record({ action, entityType: 'skill', entityId: id, detail: { fields } });
      return toSkillDto(updated);
    });
  }
}

function assertAdmin(user: AuthUser): void {
  if (user.role !== 'ADMIN') throw AppError.forbidden('Only an admin can change the skills framework');
}

function descriptors(d: LevelDescriptors): LevelDescriptors {
  return { INTRODUCED: d.INTRODUCED, DEVELOPING: d.DEVELOPING, COMPETENT: d.COMPETENT, PROFICIENT: d.PROFICIENT };
}
