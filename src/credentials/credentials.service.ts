import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import type { Page } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { UnitOfWork } from '../database/unit-of-work';
import { Enterprise } from '../enterprises/enterprise.entity';
import { PatientAccess } from '../patients/patient-access';
import { Patient } from '../patients/patient.entity';
import { SkillLog } from '../skills/skill-log.entity';
import { Skill } from '../skills/skill.entity';
import type { Role } from '../users/roles';
import { Credential, type CredentialStatus } from './credential.entity';
import { CredentialErrors, DEFAULT_ISSUER_KEY, issueCredential, issuerId } from './credential-issuer';
import { CREDENTIALS_CONFIG } from './credentials.tokens';
import type { CredentialsConfig } from './credentials-config';
import type { CredentialDto, CredentialStatusDto, CredentialSummaryDto, EligibleSkillLog, IssuedCredentialDto, IssuerProfileDto, SigningKeysDto } from './dto/credentials.dto';
import { MIN_CREDENTIAL_RANK, OB_CONTEXTS, type OpenBadgeCredential } from './open-badge';
import { KeysFromEnvironmentError, SigningKeyStore } from './signing-keys';

/** Staff who issue credentials for patients they can see. A patient may ask for their own. */
export const CREDENTIAL_ISSUER_ROLES: Role[] = ['OT', 'ENTERPRISE_LEAD', 'EMPLOYMENT_SPECIALIST'];
/** Staff who revoke a credential (issued in error, or its skill log entry no longer stands). */
export const CREDENTIAL_REVOKER_ROLES: Role[] = ['OT', 'ENTERPRISE_LEAD', 'ADMIN'];
/** Staff who read credentials in their scope. Ward staff and commissioners do not. */
export const CREDENTIAL_READER_ROLES: Role[] = ['ADMIN', ...CREDENTIAL_ISSUER_ROLES];

export interface CredentialListQuery {
  limit: number;
  offset: number;
  patientId?: string;
  status?: CredentialStatus;
}

function toSummary(c: Credential, skillName: string, level: SkillLog['level']): CredentialSummaryDto {
  const vc = c.credential as unknown as OpenBadgeCredential;
  return {
    id: c.id,
    patientId: c.patientId,
    skillLogId: c.skillLogId,
    status: c.status,
    name: vc.name,
    skillName,
    level,
    issuerName: vc.issuer?.name,
    keyId: c.keyId,
    issuedAt: c.issuedAt.toISOString(),
    validUntil: c.validUntil ? c.validUntil.toISOString() : null,
    revokedAt: c.revokedAt ? c.revokedAt.toISOString() : null,
    revokedReason: c.revokedReason,
  };
}

/**
 * Open Badges 3.0 credentials for verified skills: issue (staff in scope, or the patient for
 * their own entry), read, download, revoke, and the public status and issuer answers.
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly patients: PatientAccess,
    private readonly audit: AuditService,
    private readonly keys: SigningKeyStore,
    @Inject(CREDENTIALS_CONFIG) private readonly config: CredentialsConfig,
  ) {}

  /**
   * Issues a credential for a verified skill log entry at COMPETENT or above. Staff issue for
   * patients in their scope; a patient for their own entries only (a staff member already
   * verified the skill, and whether to carry a credential is the patient's choice).
   */
  issue(user: AuthUser, skillLogId: string): Promise<IssuedCredentialDto> {
    return this.uow.run(async (em) => {
      if (user.role !== 'PATIENT' && !CREDENTIAL_ISSUER_ROLES.includes(user.role)) throw AppError.forbidden('Your role cannot issue credentials');
      const log = await em.findOne(SkillLog, { where: { id: skillLogId } });
      if (!log) throw AppError.notFound('Skill log entry');
      await this.patients.findVisible(em, user, log.patientId);
      const row = await issueCredential(em, this.keys, this.config, { skillLogId, actorUserId: user.id, now: new Date() });
      await this.audit.record({ action: 'credential.issue', entityType: 'credential', entityId: row.id, patientId: row.patientId, detail: { skillLogId, keyId: row.keyId } });
      return { id: row.id, jwt: row.jwt, credential: row.credential };
    });
  }

  list(user: AuthUser, q: CredentialListQuery): Promise<Page<CredentialSummaryDto>> {
    return this.uow.run(async (em) => {
      if (q.patientId) await this.patients.findVisible(em, user, q.patientId);
      const qb = this.scoped(em, user).orderBy('c.issuedAt', 'DESC').addOrderBy('c.id', 'ASC').offset(q.offset).limit(q.limit);
      if (q.patientId) qb.andWhere('c.patientId = :patientId', { patientId: q.patientId });
      if (q.status) qb.andWhere('c.status = :status', { status: q.status });
      const total = await qb.clone().offset(undefined).limit(undefined).orderBy().getCount();
      const { entities, raw } = await qb.getRawAndEntities();
      const items = entities.map((c) => {
        const r = raw.find((x) => (x.c_id ?? x.id) === c.id) as { skillName: string; level: SkillLog['level'] };
        return toSummary(c, r.skillName, r.level);
      });
      await this.audit.recordPatientReads('credential.list', [...new Set(items.map((i) => i.patientId))]);
      return { items, total, limit: q.limit, offset: q.offset };
    });
  }

  get(user: AuthUser, id: string, action = 'credential.read'): Promise<CredentialDto> {
    return this.uow.run(async (em) => {
      const { entities, raw } = await this.scoped(em, user).andWhere('c.id = :id', { id }).getRawAndEntities();
      const c = entities[0];
      if (!c) throw AppError.notFound('Credential');
      await this.audit.record({ action, entityType: 'credential', entityId: id, patientId: c.patientId });
      return { ...toSummary(c, raw[0].skillName, raw[0].level), jwt: c.jwt, credential: c.credential };
    });
  }

  /** Public: what an employer needs to know, nothing more. */
  status(id: string): Promise<CredentialStatusDto> {
    return this.uow.read(async (em) => {
      const c = await em.findOne(Credential, { where: { id }, select: { id: true, status: true, revokedAt: true } });
      if (!c) throw AppError.notFound('Credential');
      return c.status === 'REVOKED' && c.revokedAt ? { id: c.id, status: c.status, revokedAt: c.revokedAt.toISOString() } : { id: c.id, status: c.status };
    });
  }

  revoke(user: AuthUser, id: string, reason: string): Promise<CredentialDto> {
    return this.uow.run(async (em) => {
      const visible = await this.scoped(em, user).andWhere('c.id = :id', { id }).getOne();
      if (!visible) throw AppError.notFound('Credential');
      if (!CREDENTIAL_REVOKER_ROLES.includes(user.role)) throw AppError.forbidden('Only an OT, an enterprise lead or an admin can revoke a credential');
      const locked = await em.findOne(Credential, { where: { id }, lock: this.uow.lockMode() });
      if (!locked || locked.status === 'REVOKED') throw CredentialErrors.alreadyRevoked();
      const trimmed = reason.trim();
      if (!trimmed) throw AppError.validation('Give a reason', [{ field: 'reason', message: 'Give a reason' }]);
      // activeKey takes the credential's own id, freeing the skill log entry for a new credential.
      await em.update(Credential, { id }, { status: 'REVOKED', activeKey: id, revokedByUserId: user.id, revokedAt: new Date(), revokedReason: trimmed });
      await this.audit.record({ action: 'credential.revoke', entityType: 'credential', entityId: id, patientId: locked.patientId });
      return this.get(user, id);
    });
  }

  /** A patient's verified entries at COMPETENT or above with no active credential (for the pages). */
  eligible(user: AuthUser, patientId: string): Promise<EligibleSkillLog[]> {
    return this.uow.run(async (em) => {
      await this.patients.findVisible(em, user, patientId);
      const rows: { id: string; skillName: string; level: SkillLog['level']; occurredOn: string; evidence: string }[] = await em
        .createQueryBuilder(SkillLog, 'l')
        .innerJoin(Skill, 's', 's.id = l.skillId')
        .select(['l.id AS "id"', 's.name AS "skillName"', 'l.level AS "level"', 'l.occurredOn AS "occurredOn"', 'l.evidence AS "evidence"'])
        .where('l.patientId = :patientId', { patientId })
        .andWhere("l.status = 'VERIFIED'")
        .andWhere('l.levelRank >= :rank', { rank: MIN_CREDENTIAL_RANK })
        .andWhere(`NOT EXISTS (SELECT 1 FROM credentials c WHERE c."skillLogId" = l.id AND c."activeKey" = 'A')`)
        .orderBy('l.occurredOn', 'DESC')
        .addOrderBy('l.id', 'ASC')
        .getRawMany();
      await this.audit.record({ action: 'credential.eligible', entityType: 'patient', entityId: patientId, patientId });
      return rows.map((r) => ({ ...r, occurredOn: String(r.occurredOn).slice(0, 10) }));
    });
  }

  /** Patients the caller may issue for or revoke for, by name (for the staff page's chooser). */
  patientChoices(user: AuthUser): Promise<{ id: string; displayName: string }[]> {
    return this.uow.run(async (em) => {
      const qb = em.createQueryBuilder(Patient, 'p').where("p.status = 'ACTIVE'").orderBy('p.displayName', 'ASC').limit(500);
      const patients = await this.patients.applyScope(qb, user, 'p').getMany();
      await this.audit.recordPatientReads('credential.patient-choices', patients.map((p) => p.id));
      return patients.map((p) => ({ id: p.id, displayName: p.displayName }));
    });
  }

  /** Public: the issuer profile a credential's issuer.id points at. */
  issuerProfile(key: string): Promise<IssuerProfileDto> {
    return this.uow.read(async (em) => {
      const profile = (id: string | null, name: string): IssuerProfileDto => ({ '@context': [...OB_CONTEXTS], id: issuerId(this.config, id), type: ['Profile'], name });
      if (key === DEFAULT_ISSUER_KEY) return profile(null, this.config.issuerName);
      const e = /^[0-9a-f-]{36}$/i.test(key) ? await em.findOne(Enterprise, { where: { id: key.toLowerCase() } }) : null;
      if (!e) throw AppError.notFound('Issuer');
      return profile(e.id, e.referenceName);
    });
  }

  jwks() {
    return this.keys.publicJwks();
  }

  async signingKeys(): Promise<SigningKeysDto> {
    return { source: this.keys.source, keys: await this.keys.list() };
  }

  async rotateSigningKey(): Promise<SigningKeysDto> {
    try {
      const key = await this.keys.rotate();
      await this.audit.record({ action: 'credential.key-rotate', entityType: 'signing-key', detail: { kid: key.kid } });
    } catch (err) {
      if (err instanceof KeysFromEnvironmentError) throw new AppError('KEYS_FROM_ENVIRONMENT', err.message, 409);
      throw err;
    }
    return this.signingKeys();
  }

  /** Credentials joined to their patient (scoped) and skill log entry and skill. */
  private scoped(em: EntityManager, user: AuthUser): SelectQueryBuilder<Credential> {
    const qb = em
      .createQueryBuilder(Credential, 'c')
      .innerJoin(Patient, 'p', 'p.id = c.patientId')
      .innerJoin(SkillLog, 'l', 'l.id = c.skillLogId')
      .innerJoin(Skill, 's', 's.id = l.skillId')
      .addSelect('s.name', 'skillName')
      .addSelect('l.level', 'level');
    return this.patients.applyScope(qb, user, 'p');
  }
}
