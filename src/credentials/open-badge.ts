import { createHash } from 'node:crypto';
import { levelRank, type LevelDescriptors, type SkillLevel } from '../skills/skills.types';

/** VC Data Model 2.0 and Open Badges 3.0 (context 3.0.3), in that order (OB 3.0 §8.1). */
export const OB_CONTEXTS = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'] as const;
export const OB_TYPES = ['VerifiableCredential', 'OpenBadgeCredential'] as const;
/** The credential status type this service answers at `credentialStatus.id`. */
export const STATUS_TYPE = 'WardWorksCredentialStatus';

/** A verified skill at COMPETENT (rank 3) or above can be issued (DESIGN.md, credentials). */
export const MIN_CREDENTIAL_RANK = 3;

export const LEVEL_NAMES: Record<SkillLevel, string> = {
  INTRODUCED: 'Introduced',
  DEVELOPING: 'Developing',
  COMPETENT: 'Competent',
  PROFICIENT: 'Proficient',
};

export interface IdentityObject {
  type: 'IdentityObject';
  identityHash: string;
  identityType: 'name';
  hashed: true;
  salt: string;
}

export interface OpenBadgeCredential {
  '@context': string[];
  id: string;
  type: string[];
  issuer: { id: string; type: ['Profile']; name: string };
  validFrom: string;
  validUntil?: string;
  name: string;
  description: string;
  credentialSubject: {
    type: ['AchievementSubject'];
    identifier: IdentityObject[];
    achievement: {
      id: string;
      type: ['Achievement'];
      achievementType: 'Competency';
      name: string;
      description: string;
      criteria: { narrative: string };
    };
  };
  evidence: { type: ['Evidence']; name: string; narrative: string }[];
  credentialStatus: { id: string; type: string };
}

export interface BadgeInput {
  credentialId: string;
  issuedAt: Date;
  validUntil?: Date | null;
  issuer: { id: string; name: string };
  /** The recipient's name; only its salted hash goes into the credential. */
  recipientName: string;
  salt: string;
  skill: { id: string; name: string; description: string; levelDescriptors: LevelDescriptors };
  level: SkillLevel;
  evidence: { text: string; occurredOn: string };
  /** Names and words that would reveal the hospital (site, wards, the enterprise's own name ...). */
  settingNames: string[];
  statusUrl: string;
}

export interface Refusal {
  code: string;
  message: string;
}

/** Why a skill log entry cannot be issued as a credential, or null when it can. */
export function credentialEligibility(log: { status: string; levelRank: number }): Refusal | null {
  if (log.status !== 'VERIFIED') {
    return { code: 'NOT_VERIFIED', message: log.status === 'REJECTED' ? 'This skill log entry was rejected, so it cannot become a credential' : 'This skill log entry has not been verified by staff yet' };
  }
  if (log.levelRank < MIN_CREDENTIAL_RANK) return { code: 'LEVEL_TOO_LOW', message: 'Only skills verified at Competent or Proficient can become a credential' };
  return null;
}

/**
 * The identity that is hashed: the name as recorded, trimmed, single-spaced, lower case (NFC),
 * so an employer who knows the candidate's name gets the same hash.
 */
export function normaliseName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** OB 3.0 IdentityObject.identityHash: "sha256$" + hex(sha256(identity + salt)). */
export function identityHash(identity: string, salt: string): string {
  return 'sha256$' + createHash('sha256').update(identity + salt, 'utf8').digest('hex');
}

/** A stable urn:uuid for an achievement (a skill at a level), the same for every credential of it. */
export function achievementUrn(skillId: string, level: SkillLevel): string {
  const h = createHash('sha256').update(`wardworks-achievement:${skillId}:${level}`).digest('hex');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Words that would tell a reader the work was done in a hospital or secure setting. */
const SETTING_WORDS = ['hospital', 'ward', 'wards', 'forensic', 'secure unit', 'medium secure', 'low secure', 'high secure', 'psychiatric', 'mental health', 'patient', 'patients', 'nhs', 'section 17', 'detained', 'clinical team'];

/** True when the text names the hospital, a ward, the enterprise's own name or the setting. */
export function disclosesSetting(text: string, names: string[]): boolean {
  const hay = ` ${text.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  return [...SETTING_WORDS, ...names]
    .map((n) => n.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim())
    .filter((n) => n.length >= 2)
    .some((n) => hay.includes(` ${n} `));
}

const DATE_LONG = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

function longDate(on: string): string {
  return DATE_LONG.format(new Date(`${on}T12:00:00Z`));
}

/** An instant at whole seconds: the JWT's nbf (seconds) must equal validFrom (OB 3.0 §8.2.4.1). */
export function toSecond(d: Date): Date {
  return new Date(Math.floor(d.getTime() / 1000) * 1000);
}

function isoSeconds(d: Date): string {
  return toSecond(d).toISOString().replace('.000Z', 'Z');
}

/**
 * The unsigned Open Badges 3.0 OpenBadgeCredential (a W3C Verifiable Credential, data model 2.0)
 * for a verified skill log entry. The recipient is identified only by a salted hash of their
 * name; nothing in it names the hospital: the issuer is the enterprise's reference name (or the
 * configured issuer name), and evidence text that would reveal the setting is replaced by a
 * neutral sentence rather than rewritten.
 */
export function buildOpenBadgeCredential(input: BadgeInput): OpenBadgeCredential {
  const levelName = LEVEL_NAMES[input.level];
  const title = `${input.skill.name} — ${levelName}`;
  const descriptor = input.skill.levelDescriptors?.[input.level]?.trim() || `${levelName} level of ${input.skill.name}`;
  const evidenceText = input.evidence.text.trim();
  const narrative =
    evidenceText && !disclosesSetting(evidenceText, input.settingNames)
      ? evidenceText
      : `Observed at work on ${longDate(input.evidence.occurredOn)} and verified by a supervisor.`;
  const credential: OpenBadgeCredential = {
    '@context': [...OB_CONTEXTS],
    id: `urn:uuid:${input.credentialId}`,
    type: [...OB_TYPES],
    issuer: { id: input.issuer.id, type: ['Profile'], name: input.issuer.name },
    validFrom: isoSeconds(input.issuedAt),
    name: title,
    description: `${input.skill.name} shown at the ${levelName} level (level ${levelRank(input.level)} of 4: Introduced, Developing, Competent, Proficient) in paid work, and verified by a supervisor.`,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityHash: identityHash(normaliseName(input.recipientName), input.salt), identityType: 'name', hashed: true, salt: input.salt }],
      achievement: {
        id: achievementUrn(input.skill.id, input.level),
        type: ['Achievement'],
        achievementType: 'Competency',
        name: title,
        description: descriptor,
        criteria: {
          narrative:
            `${input.skill.description.trim()} Level ${levelName}: ${descriptor} ` +
            'Shown in real, paid work and verified by a supervisor who observed it.',
        },
      },
    },
    evidence: [{ type: ['Evidence'], name: `Shown on ${longDate(input.evidence.occurredOn)}`, narrative }],
    credentialStatus: { id: input.statusUrl, type: STATUS_TYPE },
  };
  if (input.validUntil) credential.validUntil = isoSeconds(input.validUntil);
  return credential;
}

/**
 * The JWT claims OB 3.0 §8.2 ("JSON Web Token Proof Format", JWT Payload Format) asks for beside
 * the credential itself: iss = issuer.id, jti = id, nbf = validFrom, exp = validUntil. `sub` is
 * credentialSubject.id, which this credential does not have (the recipient is an IdentityObject).
 */
export function jwtClaims(credential: OpenBadgeCredential): { iss: string; jti: string; nbf: number; exp?: number } {
  const claims: { iss: string; jti: string; nbf: number; exp?: number } = {
    iss: credential.issuer.id,
    jti: credential.id,
    nbf: Math.floor(Date.parse(credential.validFrom) / 1000),
  };
  if (credential.validUntil) claims.exp = Math.floor(Date.parse(credential.validUntil) / 1000);
  return claims;
}
