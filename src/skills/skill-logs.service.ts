import { Injectable } from '@nestjs/common';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { addDays, londonDate } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import type { Page } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { newId } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { PatientAccess } from '../patients/patient-access';
import type { Patient } from '../patients/patient.entity';
import type { CreateSkillLogDto, SkillLogDto } from './dto/skill-logs.dto';
import type { SkillDto } from './dto/skills.dto';
import { SkillLog } from './skill-log.entity';
import { decisionRefusal, highestVerifiedLevels, logRefusals, mayDecide, SKILL_OBSERVER_ROLES, sourceFor } from './skill-rules';
import { SkillErrors } from './skills.errors';
import { toSkillDto, toSkillLogDto } from './skills.mappers';
import { SkillsRepository, type PatientScope, type SkillLogFilter, type WorkedShift } from './skills.repository';
import { levelRank, type SkillLevel } from './skills.types';

export interface SkillSummary {
  skill: SkillDto;
  /** The highest verified level, with its descriptor and the date it was first shown. */
  highest: { level: SkillLevel; rank: number; descriptor: string; occurredOn: string } | null;
  pendingCount: number;
}

export interface PatientSkills {
  patient: { id: string; displayName: string };
  /** Skills with a verified level, highest first. */
  verified: SkillSummary[];
  /** Every entry, newest first. */
  timeline: (SkillLogDto & { mayDecide: boolean })[];
  pending: (SkillLogDto & { mayDecide: boolean })[];
  /** Active skills of the framework, to log against. */
  framework: SkillDto[];
}

/**
 * Skill log entries: made by a patient (self-assessment) or by staff who can see the patient
 * (observation), PENDING until a verifier who can see the patient verifies or rejects it.
 * Entries are never edited or deleted (the database refuses it too); a decision is made once.
 * Every read of entries is audited.
 */
@Injectable()
export class SkillLogsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: SkillsRepository,
    private readonly patients: PatientAccess,
    private readonly audit: AuditService,
  ) {}

  private scope(user: AuthUser): PatientScope {
    return <T extends object>(qb: SelectQueryBuilder<T>) => this.patients.applyScope(qb, user, 'p');
  }

  /** The patient the entry is about: a patient themself (any other id is "not found"), or a patient the staff member can see. */
  private async subject(em: EntityManager, user: AuthUser, patientId?: string): Promise<Patient> {
    if (user.role === 'PATIENT') {
      if (!user.patientId || (patientId && patientId !== user.patientId)) throw AppError.notFound('Patient');
      return this.patients.findVisible(em, user, user.patientId);
    }
    if (!SKILL_OBSERVER_ROLES.includes(user.role)) throw AppError.forbidden('Your role cannot log skills');
    if (!patientId) throw SkillErrors.patientRequired();
    return this.patients.findVisible(em, user, patientId);
  }

  create(user: AuthUser, dto: CreateSkillLogDto): Promise<SkillLogDto> {
    return this.uow.run(async (em) => {
      const patient = await this.subject(em, user, dto.patientId);
      const skill = await this.repo.findSkill(em, dto.skillId);
      if (!skill) throw SkillErrors.unknownSkill();
      if (!skill.active) throw SkillErrors.skillInactive();
      const found = dto.shiftId ? await this.repo.findShiftOfPatient(em, dto.shiftId, patient.id) : null;
      const refusals = logRefusals({
        occurredOn: dto.occurredOn,
        today: londonDate(),
        shiftGiven: !!dto.shiftId,
        shift: found ? { date: londonDate(found.shift.startAt), patientBooked: found.booked } : null,
      });
      if (refusals.length) throw SkillErrors.entry(refusals);
      const log: SkillLog = Object.assign(new SkillLog(), {
        id: newId(),
        patientId: patient.id,
        skillId: skill.id,
        level: dto.level,
        levelRank: levelRank(dto.level),
        evidence: dto.evidence,
        occurredOn: dto.occurredOn,
        shiftId: dto.shiftId ?? null,
        source: sourceFor(user.role),
        createdByUserId: user.id,
        createdAt: new Date(),
        status: 'PENDING',
        reviewedByUserId: null,
        reviewedAt: null,
        reviewComment: null,
      });
      await em.insert(SkillLog, log);
      await this.audit.record({ action: 'skill-log.create', entityType: 'skill-log', entityId: log.id, patientId: patient.id, detail: { skill: skill.code, level: log.level, source: log.source } });
      return toSkillLogDto(Object.assign(log, { patient, skill }), await this.repo.userNames(em, [user.id]));
    });
  }

  list(user: AuthUser, q: SkillLogFilter): Promise<Page<SkillLogDto & { mayDecide: boolean }>> {
    return this.uow.run(async (em) => {
      if (user.role === 'PATIENT' && q.patientId && q.patientId !== user.patientId) throw AppError.notFound('Patient');
      if (q.patientId) await this.patients.findVisible(em, user, q.patientId);
      const [rows, total] = await this.repo.findLogPage(em, q, this.scope(user));
      await this.audit.recordPatientReads('skill-log.list', [...new Set(rows.map((r) => r.patientId))]);
      const names = await this.repo.userNames(em, rows.flatMap((r) => [r.createdByUserId, r.reviewedByUserId]));
      return { items: rows.map((r) => ({ ...toSkillLogDto(r, names), mayDecide: mayDecide(user, r) })), total, limit: q.limit, offset: q.offset };
    });
  }

  get(user: AuthUser, id: string): Promise<SkillLogDto> {
    return this.uow.run(async (em) => {
      const log = await this.repo.findLog(em, id, this.scope(user));
      if (!log) throw AppError.notFound('Skill log entry');
      await this.audit.record({ action: 'skill-log.read', entityType: 'skill-log', entityId: id, patientId: log.patientId });
      return toSkillLogDto(log, await this.repo.userNames(em, [log.createdByUserId, log.reviewedByUserId]));
    });
  }

  verify(user: AuthUser, id: string, comment?: string): Promise<SkillLogDto> {
    return this.decide(user, id, 'VERIFY', comment);
  }

  reject(user: AuthUser, id: string, comment: string): Promise<SkillLogDto> {
    return this.decide(user, id, 'REJECT', comment);
  }

  /** PENDING -> VERIFIED or REJECTED, once, by a verifier who can see the patient and did not make the entry. */
  private decide(user: AuthUser, id: string, decision: 'VERIFY' | 'REJECT', comment?: string): Promise<SkillLogDto> {
    return this.uow.run(async (em) => {
      const visible = await this.repo.findLog(em, id, this.scope(user));
      if (!visible) throw AppError.notFound('Skill log entry');
      const locked = await this.repo.lockLog(em, id, this.uow.lockMode());
      if (!locked) throw AppError.notFound('Skill log entry');
      const refusal = decisionRefusal(user, locked, decision, comment);
      if (refusal) throw SkillErrors.decision(refusal);
      const changes = { status: decision === 'VERIFY' ? ('VERIFIED' as const) : ('REJECTED' as const), reviewedByUserId: user.id, reviewedAt: new Date(), reviewComment: comment?.trim() || null };
      await em.update(SkillLog, { id, status: 'PENDING' }, changes);
      await this.audit.record({
        action: decision === 'VERIFY' ? 'skill-log.verify' : 'skill-log.reject',
        entityType: 'skill-log',
        entityId: id,
        patientId: locked.patientId,
        detail: { skill: visible.skill?.code, level: locked.level },
      });
      const log = Object.assign(visible, changes);
      return toSkillLogDto(log, await this.repo.userNames(em, [log.createdByUserId, log.reviewedByUserId]));
    });
  }

  /** One patient's skills for their pages: highest verified levels, the timeline, pending entries. Audited. */
  forPatient(user: AuthUser, patientId: string): Promise<PatientSkills> {
    return this.uow.run(async (em) => {
      const patient = await this.patients.findVisible(em, user, patientId);
      const logs = await this.repo.findLogsOfPatient(em, patientId, this.scope(user));
      const framework = await this.repo.findSkills(em, { includeInactive: true });
      await this.audit.record({ action: 'skill-log.read-patient', entityType: 'patient', entityId: patientId, patientId, detail: { entries: logs.length } });
      const names = await this.repo.userNames(em, logs.flatMap((l) => [l.createdByUserId, l.reviewedByUserId]));
      const timeline = logs.map((l) => ({ ...toSkillLogDto(l, names), mayDecide: mayDecide(user, l) }));
      const highest = highestVerifiedLevels(logs);
      const pendingBySkill = new Map<string, number>();
      for (const l of logs) if (l.status === 'PENDING') pendingBySkill.set(l.skillId, (pendingBySkill.get(l.skillId) ?? 0) + 1);
      const verified: SkillSummary[] = framework
        .filter((s) => highest.has(s.id))
        .map((s) => {
          const h = highest.get(s.id)!;
          return { skill: toSkillDto(s), highest: { level: h.level, rank: h.rank, descriptor: s.levelDescriptors[h.level], occurredOn: h.entry.occurredOn }, pendingCount: pendingBySkill.get(s.id) ?? 0 };
        })
        .sort((a, b) => b.highest!.rank - a.highest!.rank || a.skill.name.localeCompare(b.skill.name));
      return {
        patient: { id: patient.id, displayName: patient.displayName },
        verified,
        timeline,
        pending: timeline.filter((t) => t.status === 'PENDING'),
        framework: framework.filter((s) => s.active).map(toSkillDto),
      };
    });
  }

  /** Shifts the patient was booked on that started in the last four weeks, to link an entry to. */
  shiftsWorked(user: AuthUser, patientId: string): Promise<WorkedShift[]> {
    return this.uow.read(async (em) => {
      await this.patients.findVisible(em, user, patientId);
      return this.repo.findShiftsWorked(em, patientId, new Date(addDays(londonDate(), -28) + 'T00:00:00Z'), new Date());
    });
  }
}
