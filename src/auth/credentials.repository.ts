import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { DB_KIND } from '../database/columns';
import { PREPARED } from '../database/pg-prepared';
import type { Role } from '../users/roles';
import { ApiToken } from './api-token.entity';
import { Session } from './session.entity';

/** A live session or token with its active user and the user's wards, as one query finds them. */
export interface Principal {
  credentialId: string;
  expiresAt: Date;
  /** Sessions only. */
  lastSeenAt: Date | null;
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  patientId: string | null;
  mustChangePassword: boolean;
  wardIds: string[];
  /** auth_generation's value in the same statement (a string: PostgreSQL's bigint). */
  generation: string;
}

interface PrincipalRow {
  credentialId: string;
  expiresAt: Date | string;
  lastSeenAt: Date | string | null;
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  patientId: string | null;
  mustChangePassword: boolean | number;
  wardId: string | null;
  generation: string | number;
}

/** SQLite hands raw instants back as UTC text ('YYYY-MM-DD HH:MM:SS.SSS'); pg as Dates. */
function instant(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value.replace(' ', 'T') + 'Z');
}

@Injectable()
export class CredentialsRepository {
  /**
   * A principal in one query on the unique token hash, joined to the (active) user and their
   * wards by primary keys, with the auth generation read in the same statement: PrincipalCache
   * keeps it only as long as that generation holds.
   */
  async findPrincipalByHash(em: EntityManager, kind: 'session' | 'token', tokenHash: string): Promise<Principal | null> {
    const table = kind === 'session' ? 'sessions' : 'api_tokens';
    const lastSeen = kind === 'session' ? 'c."lastSeenAt"' : 'NULL';
    const rows: PrincipalRow[] = await em.query(
      `${PREPARED}SELECT c.id AS "credentialId", c."expiresAt" AS "expiresAt", ${lastSeen} AS "lastSeenAt", u.id AS "userId", u.username AS "username",
         u."displayName" AS "displayName", u.role AS "role", u."patientId" AS "patientId", u."mustChangePassword" AS "mustChangePassword", w."wardId" AS "wardId",
         (SELECT g."value" FROM auth_generation g WHERE g.id = 1) AS "generation"
       FROM ${table} c
       INNER JOIN users u ON u.id = c."userId" AND u.active = ${DB_KIND === 'postgres' ? 'TRUE' : '1'}
       LEFT JOIN user_wards w ON w."userId" = u.id
       WHERE c."tokenHash" = ${DB_KIND === 'postgres' ? '$1' : '?'} AND c."revokedAt" IS NULL
       ORDER BY w."wardId"`,
      [tokenHash],
    );
    if (!rows.length) return null;
    const r = rows[0];
    return {
      credentialId: r.credentialId,
      expiresAt: instant(r.expiresAt),
      lastSeenAt: r.lastSeenAt === null ? null : instant(r.lastSeenAt),
      userId: r.userId,
      username: r.username,
      displayName: r.displayName,
      role: r.role,
      patientId: r.patientId,
      mustChangePassword: r.mustChangePassword === true || r.mustChangePassword === 1,
      wardIds: rows.flatMap((x) => (x.wardId === null ? [] : [x.wardId])),
      generation: String(r.generation),
    };
  }

  /** The auth generation now: bumped by the database on any change to a principal (migration AuthGeneration). */
  async authGeneration(em: EntityManager): Promise<string> {
    const rows: { value: string | number }[] = await em.query(`${PREPARED}SELECT "value" AS "value" FROM auth_generation WHERE id = 1`, []);
    if (!rows.length) throw new Error('auth_generation has no row');
    return String(rows[0].value);
  }

  findLiveSessionByHash(em: EntityManager, tokenHash: string): Promise<Session | null> {
    return em.findOne(Session, { where: { tokenHash, revokedAt: IsNull() } });
  }

  findLiveTokenByHash(em: EntityManager, tokenHash: string): Promise<ApiToken | null> {
    return em.findOne(ApiToken, { where: { tokenHash, revokedAt: IsNull() } });
  }

  async revokeAllForUser(em: EntityManager, userId: string, at: Date): Promise<void> {
    await em.update(Session, { userId, revokedAt: IsNull() }, { revokedAt: at });
    await em.update(ApiToken, { userId, revokedAt: IsNull() }, { revokedAt: at });
  }
}
