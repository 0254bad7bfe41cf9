import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { UsersRepository } from '../../users/users.repository';
import { AppError } from '../../common/errors/app-error';
import { currentContext, type AuthUser } from '../../common/request-context';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { newId } from '../../database/columns';
import { UnitOfWork } from '../../database/unit-of-work';
import { EnterpriseAccess } from '../../enterprises/enterprise-access';
import { PatientAccess } from '../../patients/patient-access';
import { Patient } from '../../patients/patient.entity';
import { User } from '../../users/user.entity';
import type { Shift } from '../shift.entity';
import { AttendanceRepository } from './attendance.repository';
import { CalendarFeed } from './calendar-feed.entity';
import { CalendarService, FEED_FUTURE_DAYS, FEED_PAST_DAYS } from './calendar.service';
import { icsCalendar, type IcsEvent } from './ics';

const DAY_MS = 86_400_000;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** The path a private feed answers at; the token is the only credential. */
export const FEED_PATH = '/api/calendar-feeds';

/**
 * Private calendar feed addresses, for calendar apps that cannot sign in: each user has at most
 * one, a 256-bit random token of which only the sha256 is stored. Making a new address replaces
 * the old one (which stops working), and deleting it revokes it; a deactivated user's feed
 * answers 404. A patient's feed is their own shifts (by reference name); a staff feed is the
 * shifts they supervise or escort, of enterprises they lead, and of patients on their wards,
 * naming only patients the staff member may see: anyone else is only counted.
 */
@Injectable()
export class CalendarFeedsService {
  private readonly publicUrl: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly repo: AttendanceRepository,
    private readonly users: UsersRepository,
    private readonly patientAccess: PatientAccess,
    private readonly enterpriseAccess: EnterpriseAccess,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
  ) {
    this.publicUrl = config.publicUrl;
  }

  async create(user: AuthUser): Promise<{ url: string }> {
    const token = randomBytes(32).toString('base64url');
    await this.uow.run(async (em) => {
      // one feed per user: the user row's lock orders concurrent requests on PostgreSQL
      await em.findOne(User, { where: { id: user.id }, lock: this.uow.lockMode() });
      const existing = await em.findOneBy(CalendarFeed, { userId: user.id });
      if (existing) await em.update(CalendarFeed, { id: existing.id }, { tokenHash: sha256(token), createdAt: new Date() });
      else await em.insert(CalendarFeed, { id: newId(), userId: user.id, tokenHash: sha256(token), createdAt: new Date() });
      await this.audit.record({ action: existing ? 'calendar-feed.replace' : 'calendar-feed.create', entityType: 'user', entityId: user.id });
    });
    return { url: `${this.publicUrl}${FEED_PATH}/${token}.ics` };
  }

  async revoke(user: AuthUser): Promise<void> {
    await this.uow.run(async (em) => {
      const existing = await em.findOneBy(CalendarFeed, { userId: user.id });
      if (!existing) throw AppError.notFound('Calendar feed');
      await em.delete(CalendarFeed, { id: existing.id });
      await this.audit.record({ action: 'calendar-feed.revoke', entityType: 'user', entityId: user.id });
    });
  }

  /** The feed for a token, as its owner would see it now; 404 for an unknown, replaced or revoked token. */
  async feed(token: string): Promise<string> {
    const owner = await this.uow.read(async (em) => {
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
      const row = await em.findOneBy(CalendarFeed, { tokenHash: sha256(token) });
      if (!row) return null;
      const u = await this.users.findById(em, row.userId);
      if (!u || !u.active) return null;
      const owner: AuthUser = { id: u.id, username: u.username, displayName: u.displayName, role: u.role, wardIds: await this.users.findWardIds(em, u.id), patientId: u.patientId, mustChangePassword: false, via: 'token' };
      return owner;
    });
    if (!owner || owner.role === 'COMMISSIONER') throw AppError.notFound('Calendar feed');
    // the feed is read as its owner: audit entries name them
    const ctx = currentContext();
    if (ctx) ctx.user = owner;
    return owner.role === 'PATIENT' ? this.calendar.patientFeed(owner) : this.staffFeed(owner);
  }

  private async staffFeed(user: AuthUser): Promise<string> {
    const now = new Date();
    const from = new Date(now.getTime() - FEED_PAST_DAYS * DAY_MS);
    const to = new Date(now.getTime() + FEED_FUTURE_DAYS * DAY_MS);
    const { events, named } = await this.uow.read(async (em) => {
      const shifts = new Map<string, Shift>();
      const add = (list: Shift[]) => list.filter((s) => s.publishedAt !== null).forEach((s) => shifts.set(s.id, s));
      add(await this.repo.findShiftsStaffedBy(em, user.id, from, to));
      if (user.role === 'ENTERPRISE_LEAD') for (const id of await this.enterpriseAccess.enterpriseIdsLedBy(em, user.id)) add(await this.repo.findEnterpriseShifts(em, id, from, to));
      if (user.role !== 'ADMIN' && user.wardIds.length) {
        const onWards = await em.createQueryBuilder(Patient, 'p').select('p.id', 'id').where('p.wardId IN (:...wardIds)', { wardIds: user.wardIds }).getRawMany<{ id: string }>();
        const theirs = await this.repo.findLiveAssignmentsOfPatients(em, onWards.map((p) => p.id), from, to);
        add([...(await this.repo.shiftsById(em, theirs.map((a) => a.shiftId))).values()]);
      }
      const list = [...shifts.values()].sort((a, b) => a.startAt.getTime() - b.startAt.getTime() || a.id.localeCompare(b.id));
      const live = await this.repo.findAssignmentsForShifts(em, list.map((s) => s.id), true);
      const visible = await this.visiblePatients(em, user, live.map((a) => a.patientId));
      const roles = await this.repo.rolesById(em, list.map((s) => s.workRoleId));
      const enterprises = await this.repo.enterprisesById(em, list.map((s) => s.enterpriseId));
      const events = list.map((s): IcsEvent => {
        const onShift = s.status === 'CANCELLED' ? [] : live.filter((a) => a.shiftId === s.id);
        const names = onShift.filter((a) => visible.has(a.patientId)).map((a) => visible.get(a.patientId)!).sort();
        const others = onShift.length - names.length;
        const who = [names.length ? `Booked: ${names.join(', ')}` : '', others ? `${names.length ? 'and ' : 'Booked: '}${others} other patient${others === 1 ? '' : 's'}` : ''].filter(Boolean).join(' ');
        const duty = s.supervisorUserId === user.id ? 'You supervise this shift' : s.escortUserIds.includes(user.id) ? 'You are an escort on this shift' : '';
        return {
          uid: `staff-shift-${s.id}@wardworks`,
          startAt: s.startAt,
          endAt: s.endAt,
          summary: `${roles.get(s.workRoleId)?.title ?? 'Shift'}, ${enterprises.get(s.enterpriseId)?.name ?? ''} (${onShift.length}/${s.capacity} booked)`,
          description: [s.status === 'CANCELLED' ? `Cancelled${s.cancelReason ? `: ${s.cancelReason}` : ''}` : who || 'No one booked yet', duty].filter(Boolean).join('\n'),
          location: s.locationNote ?? undefined,
          status: s.status === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED',
          lastModifiedAt: s.updatedAt,
        };
      });
      const named = [...new Set(live.filter((a) => visible.has(a.patientId)).map((a) => a.patientId))];
      return { events, named };
    });
    await this.audit.recordPatientReads('calendar-feed.read', named, 'calendar');
    return icsCalendar({ name: 'My shifts at work', generatedAt: now, events });
  }

  /** Display names of the patients among `ids` that the user may see. */
  private async visiblePatients(em: EntityManager, user: AuthUser, ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 500) {
      const qb = em.createQueryBuilder(Patient, 'p').where('p.id IN (:...ids)', { ids: unique.slice(i, i + 500) });
      for (const p of await this.patientAccess.applyScope(qb, user, 'p').getMany()) out.set(p.id, p.displayName);
    }
    return out;
  }
}
