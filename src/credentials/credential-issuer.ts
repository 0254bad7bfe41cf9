import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AppError } from '../common/errors/app-error';
import { newId } from '../database/columns';
import { Enterprise } from '../enterprises/enterprise.entity';
import { Patient } from '../patients/patient.entity';
import { Shift } from '../rota/shift.entity';
import { SkillLog } from '../skills/skill-log.entity';
import { Skill } from '../skills/skill.entity';
import { Site } from '../wards/site.entity';
import { Ward } from '../wards/ward.entity';
import { Credential } from './credential.entity';
import type { CredentialsConfig } from './credentials-config';
import { buildOpenBadgeCredential, credentialEligibility, jwtClaims, toSecond, type OpenBadgeCredential } from './open-badge';
import { SIGNING_ALG, type SigningKey, type SigningKeyStore } from './signing-keys';

export const DEFAULT_ISSUER_KEY = 'default';

export const CredentialErrors = {
  notEligible: (code: string, message: string) => new AppError('CREDENTIAL_NOT_ELIGIBLE', message, 422, [{ code, field: 'skillLogId', message }]),
  exists: (credentialId: string) =>
    new AppError('CREDENTIAL_EXISTS', 'This skill log entry already has an active credential', 409, [{ code: 'CREDENTIAL_EXISTS', field: 'skillLogId', message: 'This skill log entry already has an active credential', credentialId }]),
  alreadyRevoked: () => new AppError('CREDENTIAL_REVOKED', 'This credential has already been revoked', 409),
};

export function issuerId(config: Pick<CredentialsConfig, 'publicUrl'>, enterpriseId: string | null): string {
  return `${config.publicUrl}/api/issuers/${enterpriseId ?? DEFAULT_ISSUER_KEY}`;
}

export function statusUrl(config: Pick<CredentialsConfig, 'publicUrl'>, credentialId: string): string {
  return `${config.publicUrl}/api/credentials/${credentialId}/status`;
}

/**
 * Signs a credential as a VC-JWT, in the form Open Badges 3.0 §8.2 ("JSON Web Token Proof
 * Format") documents for VC data model 2.0: the JWT payload is the OpenBadgeCredential itself
 * plus the claims iss, jti, nbf (and exp); the JOSE header holds only alg, kid and typ, and typ,
 * when present, "MUST be set to JWT" (so not "vc+jwt"). kid is the key's RFC 7638 thumbprint,
 * published with the public key at /.well-known/jwks.json.
 */
export function signCredential(credential: OpenBadgeCredential, key: SigningKey): Promise<string> {
  return new SignJWT({ ...credential, ...jwtClaims(credential) } as unknown as Record<string, unknown>)
    .setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: 'JWT' })
    .sign(key.privateKey);
}

export interface IssueInput {
  skillLogId: string;
  actorUserId: string;
  now: Date;
}

/**
 * Issues one credential for a skill log entry inside the caller's transaction (the service after
 * its access check, and the demo seed). Locks the skill log entry on PostgreSQL so concurrent
 * requests for it take turns; the unique index (skillLogId, activeKey) backs "one active
 * credential per skill log entry".
 */
export async function issueCredential(em: EntityManager, keys: SigningKeyStore, config: CredentialsConfig, input: IssueInput): Promise<Credential> {
  const postgres = em.connection.options.type === 'postgres';
  const log = await em.findOne(SkillLog, { where: { id: input.skillLogId }, lock: postgres ? { mode: 'pessimistic_write' } : undefined });
  if (!log) throw AppError.notFound('Skill log entry');
  const refusal = credentialEligibility(log);
  if (refusal) throw CredentialErrors.notEligible(refusal.code, refusal.message);
  const existing = await em.findOne(Credential, { where: { skillLogId: log.id, activeKey: 'A' } });
  if (existing) throw CredentialErrors.exists(existing.id);

  const skill = await em.findOneOrFail(Skill, { where: { id: log.skillId } });
  const patient = await em.findOneOrFail(Patient, { where: { id: log.patientId } });
  const ward = await em.findOneOrFail(Ward, { where: { id: patient.wardId } });
  const site = await em.findOneOrFail(Site, { where: { id: ward.siteId } });
  const wards = await em.find(Ward, { where: { siteId: ward.siteId } });
  const shift = log.shiftId ? await em.findOne(Shift, { where: { id: log.shiftId } }) : null;
  const enterprise = shift ? await em.findOne(Enterprise, { where: { id: shift.enterpriseId } }) : null;
  const siteEnterprises = await em.find(Enterprise, { where: { siteId: site.id } });

  const id = newId();
  const issuedAt = toSecond(input.now);
  const credential = buildOpenBadgeCredential({
    credentialId: id,
    issuedAt,
    issuer: { id: issuerId(config, enterprise?.id ?? null), name: enterprise?.referenceName ?? config.issuerName },
    recipientName: patient.displayName,
    salt: randomBytes(16).toString('hex'),
    skill,
    level: log.level,
    evidence: { text: log.evidence, occurredOn: log.occurredOn },
    settingNames: [
      site.name,
      ...wards.map((w) => w.name),
      ...siteEnterprises.filter((e) => e.name !== e.referenceName).map((e) => e.name),
      patient.hospitalNumber,
      patient.displayName,
    ],
    statusUrl: statusUrl(config, id),
  });
  const key = await keys.current();
  const jwt = await signCredential(credential, key);
  const row: Credential = Object.assign(new Credential(), {
    id,
    patientId: log.patientId,
    skillLogId: log.id,
    status: 'ACTIVE',
    activeKey: 'A',
    keyId: key.kid,
    jwt,
    credential: credential as unknown as Record<string, unknown>,
    issuedAt,
    validUntil: null,
    issuedByUserId: input.actorUserId,
    revokedByUserId: null,
    revokedAt: null,
    revokedReason: null,
  });
  // The simple-json column is an open record, which TypeORM's deep-partial type cannot follow.
  await em.insert(Credential, row as QueryDeepPartialEntity<Credential>);
  return row;
}
