import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CredentialsRepository } from '../auth/credentials.repository';
import { checkPassword } from '../auth/password-policy';
import { PasswordService } from '../auth/password.service';
import { AppError } from '../common/errors/app-error';
import type { Page } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { newId } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { Patient } from '../patients/patient.entity';
import { Ward } from '../wards/ward.entity';
import type { CreateUserDto, UpdateUserDto, UserDto } from './dto/users.dto';
import { User } from './user.entity';
import { UsersRepository } from './users.repository';

export const WORDS = 'amber birch cedar delta ember fjord grove harbour iris juniper kestrel lantern meadow nettle orchard pebble quarry river saffron thistle umber valley willow yarrow'.split(' ');

/** Three random words and a number; drawn again when the policy refuses it (e.g. it holds the username). */
export function temporaryPassword(username?: string): string {
  const pick = () => WORDS[randomInt(WORDS.length)];
  for (;;) {
    const password = `${pick()}-${pick()}-${pick()}-${randomInt(100, 1000)}`;
    if (checkPassword(password, { username }).ok) return password;
  }
}

export function toUserDto(u: User, wardIds: string[]): UserDto {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    active: u.active,
    wardIds,
    patientId: u.patientId,
    mustChangePassword: u.mustChangePassword,
    lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

/** Admin management of accounts: create, change, deactivate, reset. */
@Injectable()
export class UsersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UsersRepository,
    private readonly credentials: CredentialsRepository,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
  ) {}

  list(q: { limit: number; offset: number; role?: string; q?: string }): Promise<Page<UserDto>> {
    return this.uow.read(async (em) => {
      const [rows, total] = await this.users.findPage(em, q);
      const wards = await this.users.findWardIdsForUsers(em, rows.map((r) => r.id));
      return { items: rows.map((r) => toUserDto(r, wards.get(r.id) ?? [])), total, limit: q.limit, offset: q.offset };
    });
  }

  get(id: string): Promise<UserDto> {
    return this.uow.read(async (em) => {
      const u = await this.users.findById(em, id);
      if (!u) throw AppError.notFound('User');
      return toUserDto(u, await this.users.findWardIds(em, id));
    });
  }

  async create(dto: CreateUserDto): Promise<{ user: UserDto; temporaryPassword?: string }> {
    const generated = dto.password ? undefined : temporaryPassword(dto.username);
    const password = dto.password ?? generated!;
    const policy = checkPassword(password, { username: dto.username });
    if (!policy.ok) throw AppError.validation(policy.problems.join('; '), policy.problems.map((message) => ({ field: 'password', message })));
    const hash = await this.passwords.hash(password);
    return this.uow.run(async (em) => {
      if (await this.users.findByUsername(em, dto.username)) {
        throw AppError.conflict('USERNAME_TAKEN', 'That username is already in use', [{ field: 'username', message: 'That username is already in use' }]);
      }
      await this.checkLinks(em, dto.role, dto.wardIds ?? [], dto.patientId ?? null);
      if (dto.patientId && (await em.findOne(User, { where: { patientId: dto.patientId } }))) {
        throw AppError.conflict('PATIENT_ALREADY_LINKED', 'That patient already has an account', [{ field: 'patientId', message: 'That patient already has an account' }]);
      }
      const now = new Date();
      const user = em.create(User, {
        id: newId(),
        username: dto.username.toLowerCase(),
        displayName: dto.displayName.trim(),
        role: dto.role,
        passwordHash: hash,
        active: true,
        patientId: dto.patientId ?? null,
        failedSignIns: 0,
        lockedUntil: null,
        mustChangePassword: true,
        passwordChangedAt: null,
        lastSignInAt: null,
        createdAt: now,
        updatedAt: now,
      });
      await em.insert(User, user);
      await this.users.replaceWards(em, user.id, dto.wardIds ?? []);
      await this.audit.record({ action: 'user.create', entityType: 'user', entityId: user.id, patientId: user.patientId, detail: { role: user.role } });
      return { user: toUserDto(user, [...new Set(dto.wardIds ?? [])].sort()), ...(generated ? { temporaryPassword: generated } : {}) };
    });
  }

  update(actor: AuthUser, id: string, dto: UpdateUserDto): Promise<UserDto> {
    return this.uow.run(async (em) => {
      const u = await this.users.findById(em, id);
      if (!u) throw AppError.notFound('User');
      if (dto.role && dto.role !== u.role) {
        if (u.id === actor.id) throw AppError.validation('You cannot change your own role', [{ field: 'role', message: 'You cannot change your own role' }]);
        if ((dto.role === 'PATIENT') !== (u.role === 'PATIENT')) {
          throw AppError.validation('A patient account cannot become a staff account, or the reverse', [{ field: 'role', message: 'Create a new account instead' }]);
        }
      }
      const wardIds = dto.wardIds ?? (await this.users.findWardIds(em, id));
      await this.checkLinks(em, dto.role ?? u.role, wardIds, u.patientId);
      const changed = Object.keys(dto).filter((k) => (dto as Record<string, unknown>)[k] !== undefined);
      if (dto.displayName) u.displayName = dto.displayName.trim();
      if (dto.role) u.role = dto.role;
      u.updatedAt = new Date();
      await em.save(u);
      if (dto.wardIds) await this.users.replaceWards(em, id, dto.wardIds);
      if (dto.role || dto.wardIds) await this.credentials.revokeAllForUser(em, id, new Date()); // access changed: sign in again
      await this.audit.record({ action: 'user.update', entityType: 'user', entityId: id, detail: { fields: changed } });
      return toUserDto(u, [...new Set(wardIds)].sort());
    });
  }

  setActive(actor: AuthUser, id: string, active: boolean): Promise<UserDto> {
    return this.uow.run(async (em) => {
      const u = await this.users.findById(em, id);
      if (!u) throw AppError.notFound('User');
      if (u.id === actor.id && !active) throw AppError.validation('You cannot deactivate your own account');
      u.active = active;
      u.updatedAt = new Date();
      if (active) {
        u.failedSignIns = 0;
        u.lockedUntil = null;
      }
      await em.save(u);
      if (!active) await this.credentials.revokeAllForUser(em, id, new Date());
      await this.audit.record({ action: active ? 'user.reactivate' : 'user.deactivate', entityType: 'user', entityId: id });
      return toUserDto(u, await this.users.findWardIds(em, id));
    });
  }

  async resetPassword(id: string): Promise<{ temporaryPassword: string }> {
    const existing = await this.uow.read((em) => this.users.findById(em, id));
    if (!existing) throw AppError.notFound('User');
    const password = temporaryPassword(existing.username);
    const hash = await this.passwords.hash(password);
    return this.uow.run(async (em) => {
      const u = await this.users.findById(em, id);
      if (!u) throw AppError.notFound('User');
      const now = new Date();
      Object.assign(u, { passwordHash: hash, mustChangePassword: true, failedSignIns: 0, lockedUntil: null, passwordChangedAt: now, updatedAt: now });
      await em.save(u);
      await this.credentials.revokeAllForUser(em, id, now);
      await this.audit.record({ action: 'user.reset-password', entityType: 'user', entityId: id });
      return { temporaryPassword: password };
    });
  }

  private async checkLinks(em: EntityManager, role: string, wardIds: string[], patientId: string | null): Promise<void> {
    if (role === 'PATIENT') {
      if (!patientId) throw AppError.validation('A PATIENT account needs patientId', [{ field: 'patientId', message: 'Choose the patient record this account belongs to' }]);
      if (wardIds.length) throw AppError.validation('A PATIENT account has no ward assignments', [{ field: 'wardIds', message: 'Patients are not assigned to wards as staff' }]);
      const patient = await em.findOne(Patient, { where: { id: patientId } });
      if (!patient) throw AppError.validation('No such patient', [{ field: 'patientId', message: 'No such patient' }]);
    } else if (patientId) {
      throw AppError.validation('Only PATIENT accounts link to a patient record', [{ field: 'patientId', message: 'Only PATIENT accounts link to a patient record' }]);
    }
    const unique = [...new Set(wardIds)];
    if (unique.length) {
      const found = await em.count(Ward, { where: { id: In(unique) } });
      if (found !== unique.length) throw AppError.validation('Unknown ward', [{ field: 'wardIds', message: 'One or more wards do not exist' }]);
    }
  }
}
