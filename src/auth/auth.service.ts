import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { newId } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { ApiToken } from './api-token.entity';
import { CredentialsRepository, type Principal } from './credentials.repository';
import { checkPassword } from './password-policy';
import { PasswordService } from './password.service';
import { PrincipalCache } from './principal-cache';
import { Session } from './session.entity';

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Sessions touch lastSeenAt at most this often, to keep reads cheap. */
const TOUCH_EVERY_MS = 60_000;

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly users: UsersRepository,
    private readonly credentials: CredentialsRepository,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
  ) {}

  /**
   * Checks a username and password. Repeated failures lock the account for a short time
   * (SIGN_IN_MAX_FAILURES, SIGN_IN_LOCKOUT_MINUTES); the answer never says which part was wrong.
   */
  async verifyCredentials(username: string, password: string): Promise<User> {
    const name = (username ?? '').trim().toLowerCase();
    const user = await this.uow.read((em) => this.users.findByUsername(em, name));
    const now = new Date();
    if (!user || !user.active) {
      await this.passwords.verifyDummy(password ?? '');
      await this.audit.record({ action: 'auth.sign-in-failed', detail: { username: name.slice(0, 64), reason: user ? 'inactive' : 'unknown' } });
      throw invalidCredentials();
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      await this.audit.record({ action: 'auth.sign-in-locked', entityType: 'user', entityId: user.id });
      throw accountLocked(user.lockedUntil, now);
    }
    const ok = await this.passwords.verify(user.passwordHash, password ?? '');
    // The failure count must commit, so the error is thrown after the unit of work, not in it.
    const outcome = await this.uow.run(async (em): Promise<User | 'failed' | { lockedUntil: Date }> => {
      const fresh = await em.findOneOrFail(User, { where: { id: user.id }, lock: this.uow.lockMode() });
      // re-checked under the row lock: concurrent guesses may have locked the account meanwhile
      if (fresh.lockedUntil && fresh.lockedUntil > now) return { lockedUntil: fresh.lockedUntil };
      if (!ok) {
        fresh.failedSignIns += 1;
        if (fresh.failedSignIns >= this.config.signInMaxFailures) {
          fresh.lockedUntil = new Date(now.getTime() + this.config.signInLockoutMinutes * 60_000);
          fresh.failedSignIns = 0;
        }
        fresh.updatedAt = now;
        await em.save(fresh);
        await this.audit.record({ action: 'auth.sign-in-failed', entityType: 'user', entityId: user.id, detail: { locked: !!fresh.lockedUntil && fresh.lockedUntil > now } });
        return 'failed';
      }
      fresh.failedSignIns = 0;
      fresh.lockedUntil = null;
      fresh.lastSignInAt = now;
      fresh.updatedAt = now;
      await em.save(fresh);
      return fresh;
    });
    if (outcome === 'failed') throw invalidCredentials();
    if (!(outcome instanceof User)) throw accountLocked(outcome.lockedUntil, now);
    return outcome;
  }

  /**
   * Signs in with a new random session id (never one the browser brought: no session fixation).
   * The session the browser came with, if any, is revoked.
   */
  async signIn(username: string, password: string, previousCookieValue?: string): Promise<{ cookieValue: string; user: User }> {
    const user = await this.verifyCredentials(username, password);
    const cookieValue = randomBytes(32).toString('base64url');
    const now = new Date();
    await this.uow.run(async (em) => {
      if (previousCookieValue) await em.update(Session, { tokenHash: sha256(previousCookieValue), revokedAt: IsNull() }, { revokedAt: now });
      await em.insert(Session, {
        id: newId(),
        tokenHash: sha256(cookieValue),
        userId: user.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + this.config.sessionAbsoluteHours * 3_600_000),
        revokedAt: null,
      });
      await this.audit.record({ action: 'auth.sign-in', entityType: 'user', entityId: user.id, userId: user.id, username: user.username, detail: { via: 'session' } });
    });
    return { cookieValue, user };
  }

  async issueToken(username: string, password: string): Promise<{ accessToken: string; expiresAt: string; tokenType: 'Bearer' }> {
    const user = await this.verifyCredentials(username, password);
    const accessToken = 'ww_' + randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.tokenTtlMinutes * 60_000);
    await this.uow.run(async (em) => {
      const id = newId();
      await em.insert(ApiToken, { id, tokenHash: sha256(accessToken), userId: user.id, createdAt: now, expiresAt, revokedAt: null });
      await this.audit.record({ action: 'auth.token-issued', entityType: 'api_token', entityId: id, userId: user.id, username: user.username });
    });
    return { accessToken, expiresAt: expiresAt.toISOString(), tokenType: 'Bearer' };
  }

  /**
   * Resolves a session cookie to a user, enforcing idle and absolute expiry: from the principal
   * cache while the database's auth generation holds, otherwise one query.
   */
  async userForSession(cookieValue: string): Promise<AuthUser | null> {
    const now = new Date();
    const found = await this.principals.resolve('session', sha256(cookieValue));
    if (!found || found.expiresAt <= now || !found.lastSeenAt) return null;
    if (now.getTime() - found.lastSeenAt.getTime() > this.config.sessionIdleMinutes * 60_000) return null;
    // last-seen is written at most once a minute, so a page view is not a write
    if (now.getTime() - found.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await this.uow.run((em) => em.update(Session, { id: found.credentialId }, { lastSeenAt: now }));
    }
    return { ...authUser(found, 'session'), sessionId: found.credentialId };
  }

  /** Resolves a bearer token to a user: from the principal cache while it holds, otherwise one query. */
  async userForToken(token: string): Promise<AuthUser | null> {
    const found = await this.principals.resolve('token', sha256(token));
    if (!found || found.expiresAt <= new Date()) return null;
    return { ...authUser(found, 'token'), tokenId: found.credentialId };
  }

  async signOut(user: AuthUser): Promise<void> {
    await this.uow.run(async (em) => {
      if (user.sessionId) await em.update(Session, { id: user.sessionId }, { revokedAt: new Date() });
      if (user.tokenId) await em.update(ApiToken, { id: user.tokenId }, { revokedAt: new Date() });
      await this.audit.record({ action: user.tokenId ? 'auth.token-revoked' : 'auth.sign-out', entityType: 'user', entityId: user.id });
    });
  }

  /** Changes the caller's own password; other sessions and tokens are revoked. */
  async changePassword(user: AuthUser, currentPassword: string, newPassword: string): Promise<void> {
    const record = await this.uow.read((em) => this.users.findById(em, user.id));
    if (!record || !(await this.passwords.verify(record.passwordHash, currentPassword ?? ''))) {
      throw new AppError('INVALID_CREDENTIALS', 'Your current password is not right', 422, [{ field: 'currentPassword', message: 'Your current password is not right' }]);
    }
    const policy = checkPassword(newPassword, { username: record.username });
    if (!policy.ok) throw AppError.validation(policy.problems.join('; '), policy.problems.map((message) => ({ field: 'newPassword', message })));
    if (await this.passwords.verify(record.passwordHash, newPassword)) {
      throw AppError.validation('Choose a password you have not used here', [{ field: 'newPassword', message: 'Choose a password you have not used here' }]);
    }
    const hash = await this.passwords.hash(newPassword);
    await this.uow.run(async (em) => {
      const now = new Date();
      await em.update(User, { id: user.id }, { passwordHash: hash, passwordChangedAt: now, mustChangePassword: false, updatedAt: now });
      await this.credentials.revokeAllForUser(em, user.id, now);
      // keep the session or token this change was made with
      if (user.sessionId) await em.update(Session, { id: user.sessionId }, { revokedAt: null });
      if (user.tokenId) await em.update(ApiToken, { id: user.tokenId }, { revokedAt: null });
      await this.audit.record({ action: 'auth.password-changed', entityType: 'user', entityId: user.id });
    });
  }
}

function authUser(p: Principal, via: AuthUser['via']): AuthUser {
  return { id: p.userId, username: p.username, displayName: p.displayName, role: p.role, wardIds: [...p.wardIds], patientId: p.patientId, mustChangePassword: p.mustChangePassword, via };
}

function accountLocked(lockedUntil: Date, now: Date): AppError {
  return new AppError('ACCOUNT_LOCKED', 'Too many failed sign-in attempts. Try again later.', 429, {
    retryAfterSeconds: Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000),
  });
}

function invalidCredentials(): AppError {
  return new AppError('INVALID_CREDENTIALS', 'The username or password is not right', 401);
}
