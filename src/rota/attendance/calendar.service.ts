import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../common/errors/app-error';
import type { AuthUser } from '../../common/request-context';
import { UnitOfWork } from '../../database/unit-of-work';
import { Enterprise } from '../../enterprises/enterprise.entity';
import { AttendanceRepository } from './attendance.repository';
import { icsCalendar, type IcsEvent } from './ics';

/** Feeds cover four weeks back and thirteen ahead: enough for a calendar, bounded in cost. */
export const FEED_PAST_DAYS = 28;
export const FEED_FUTURE_DAYS = 91;
const DAY_MS = 86_400_000;

/**
 * iCalendar feeds. A patient's own feed names each enterprise by its reference name, so a
 * calendar shared or synced outside never shows the forensic setting. An enterprise's feed
 * can end up in staff calendars, so it carries counts, never a patient's name.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: AttendanceRepository,
    private readonly audit: AuditService,
  ) {}

  async patientFeed(user: AuthUser): Promise<string> {
    if (!user.patientId) throw AppError.notFound('Patient');
    const patientId = user.patientId;
    const now = new Date();
    const events = await this.uow.read(async (em) => {
      const assignments = await this.repo.findPatientAssignments(em, patientId, new Date(now.getTime() - FEED_PAST_DAYS * DAY_MS), new Date(now.getTime() + FEED_FUTURE_DAYS * DAY_MS));
      const shifts = await this.repo.shiftsById(em, assignments.map((a) => a.shiftId));
      const roles = await this.repo.rolesById(em, [...shifts.values()].map((s) => s.workRoleId));
      const enterprises = await this.repo.enterprisesById(em, [...shifts.values()].map((s) => s.enterpriseId));
      const names = await this.repo.userNames(em, [...shifts.values()].map((s) => s.supervisorUserId ?? '').filter(Boolean));
      return assignments.map((a): IcsEvent => {
        const s = shifts.get(a.shiftId)!;
        const supervisor = s.supervisorUserId ? names.get(s.supervisorUserId) : undefined;
        const notes = [supervisor ? `Your supervisor: ${supervisor}` : '', a.status === 'NEEDS_REVIEW' ? 'Your occupational therapist is checking this shift with you.' : ''].filter(Boolean);
        return {
          uid: `assignment-${a.id}@wardworks`,
          startAt: a.startAt,
          endAt: a.endAt,
          summary: `${roles.get(s.workRoleId)?.title ?? 'Shift'} at ${enterprises.get(s.enterpriseId)?.referenceName ?? ''}`.trim(),
          description: notes.join('\n') || undefined,
          status: a.status === 'NEEDS_REVIEW' ? 'TENTATIVE' : 'CONFIRMED',
          lastModifiedAt: a.updatedAt,
        };
      });
    });
    await this.audit.recordPatientReads('calendar.read', [patientId], 'calendar');
    return icsCalendar({ name: 'My shifts', generatedAt: now, events });
  }

  /** Published shifts of an enterprise (cancelled ones as STATUS:CANCELLED so calendars drop them), with booking counts. */
  async enterpriseFeed(enterpriseId: string): Promise<string> {
    const now = new Date();
    return this.uow.read(async (em) => {
      const enterprise = await em.findOneBy(Enterprise, { id: enterpriseId });
      if (!enterprise) throw AppError.notFound('Enterprise');
      const shifts = (await this.repo.findEnterpriseShifts(em, enterpriseId, new Date(now.getTime() - FEED_PAST_DAYS * DAY_MS), new Date(now.getTime() + FEED_FUTURE_DAYS * DAY_MS))).filter((s) => s.publishedAt !== null);
      const live = await this.repo.findAssignmentsForShifts(em, shifts.map((s) => s.id), true);
      const booked = new Map<string, number>();
      for (const a of live) booked.set(a.shiftId, (booked.get(a.shiftId) ?? 0) + 1);
      const roles = await this.repo.rolesById(em, shifts.map((s) => s.workRoleId));
      const names = await this.repo.userNames(em, shifts.map((s) => s.supervisorUserId ?? '').filter(Boolean));
      const events = shifts.map((s): IcsEvent => {
        const n = s.status === 'CANCELLED' ? 0 : (booked.get(s.id) ?? 0);
        const description = [
          s.status === 'CANCELLED' ? `Cancelled${s.cancelReason ? `: ${s.cancelReason}` : ''}` : `Booked: ${n} of ${s.capacity} places (${Math.max(0, s.capacity - n)} free)`,
          s.supervisorUserId ? `Supervisor: ${names.get(s.supervisorUserId) ?? 'not named'}` : 'Supervisor: not named yet',
          `Escorts named: ${s.escortUserIds.length}`,
        ].join('\n');
        return {
          uid: `shift-${s.id}@wardworks`,
          startAt: s.startAt,
          endAt: s.endAt,
          summary: `${roles.get(s.workRoleId)?.title ?? 'Shift'}, ${enterprise.name} (${n}/${s.capacity} booked)`,
          description,
          location: s.locationNote ?? undefined,
          status: s.status === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED',
          lastModifiedAt: s.updatedAt,
        };
      });
      return icsCalendar({ name: `${enterprise.name} rota`, generatedAt: now, events });
    });
  }
}
