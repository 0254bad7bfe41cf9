import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { UnitOfWork } from '../database/unit-of-work';
import { toCsv } from '../ledger/csv';
import { quarterRange } from '../outcomes/report-query';
import { isSmall, PRIMARY } from '../outcomes/suppression';
import { EmploymentRepository } from './employment.repository';
import { fidelityItems, isCountedJobStart, onCaseloadOn, suppressItems, type FidelityInput, type ReportedValue } from './fidelity';

export interface FidelityReport {
  from: string;
  to: string;
  suppressed: boolean;
  items: { key: string; value: ReportedValue; score?: number }[];
}

const MAX_PERIOD_DAYS = 3 * 366;

/** Fidelity and the quarterly return: aggregates only, suppressed for commissioners. */
@Injectable()
export class FidelityService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: EmploymentRepository,
    private readonly audit: AuditService,
  ) {}

  async fidelity(user: AuthUser, from: string, to: string): Promise<FidelityReport> {
    if (to < from) throw AppError.validation('The period ends before it starts', [{ field: 'to', message: 'Must be on or after the start' }]);
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_PERIOD_DAYS) throw AppError.validation('Choose a period of at most three years', [{ field: 'from', message: 'At most three years' }]);
    const items = fidelityItems(await this.facts(from, to));
    const suppressed = user.role === 'COMMISSIONER';
    await this.audit.record({ action: 'employment.fidelity.read', detail: { from, to, suppressed } });
    return { from, to, suppressed, items: suppressed ? suppressItems(items) : items.map((i) => ({ key: i.key, value: i.value, ...(i.score !== undefined ? { score: i.score } : {}) })) };
  }

  /**
   * The quarterly return as CSV. In the service (admins): one row per person on the caseload
   * in the quarter, by a pseudonymous reference. Commissioners: the same measures as counts,
   * with counts of 1 to 4 shown as "<5".
   */
  async quarterlyCsv(user: AuthUser, quarter: string): Promise<{ filename: string; csv: string }> {
    const range = quarterRange(quarter);
    if (!range) throw AppError.validation('quarter must look like 2026-Q3', [{ field: 'quarter', message: 'Use the form 2026-Q3' }]);
    const { from, to } = range;
    const f = await this.facts(from, to);
    const rows = this.personRows(f);
    const filename = `employment-return-${quarter}.csv`;
    if (user.role === 'COMMISSIONER') {
      const count = (n: number): string | number => (isSmall(n) ? PRIMARY : n);
      const measures: [string, number][] = [
        ['people on the caseload', rows.length],
        ['referrals received', f.referrals.filter((r) => r.referredOn >= from && r.referredOn <= to).length],
        ['referrals accepted', rows.filter((r) => r.acceptedOn >= from && r.acceptedOn <= to).length],
        ['referrals declined (all with a reason)', f.referrals.filter((r) => r.status === 'DECLINED' && r.declinedOn && r.declinedOn >= from && r.declinedOn <= to).length],
        ['vocational profiles started', rows.filter((r) => r.profileStartedOn && r.profileStartedOn >= from && r.profileStartedOn <= to).length],
        ['people with a first employer contact', rows.filter((r) => r.firstEmployerContactOn && r.firstEmployerContactOn >= from && r.firstEmployerContactOn <= to).length],
        ['job starts', rows.reduce((s, r) => s + r.jobStarts.length, 0)],
        ['people with a job start', rows.filter((r) => r.jobStarts.length).length],
        ['education starts', rows.reduce((s, r) => s + r.education.length, 0)],
        ['training starts', rows.reduce((s, r) => s + r.training.length, 0)],
        ['volunteering starts', rows.reduce((s, r) => s + r.volunteering.length, 0)],
        ['closures', rows.filter((r) => r.closedOn && r.closedOn >= from && r.closedOn <= to).length],
      ];
      await this.audit.record({ action: 'employment.return.read', detail: { quarter, suppressed: true } });
      return { filename, csv: toCsv(['quarter', 'measure', 'value'], measures.map(([m, n]) => [quarter, m, count(n)])) };
    }
    await this.audit.recordPatientReads('employment.return.read', [...new Set(rows.map((r) => r.patientId))]);
    return {
      filename,
      csv: toCsv(
        ['quarter', 'person', 'referred_on', 'accepted_on', 'vocational_profile_started_on', 'first_employer_contact_on', 'job_start_dates', 'job_hours_per_week', 'education_starts', 'training_starts', 'volunteering_starts', 'closed_on', 'closure_reason'],
        rows.map((r) => [
          quarter, r.personRef, r.referredOn, r.acceptedOn, r.profileStartedOn, r.firstEmployerContactOn,
          r.jobStarts.map((s) => s.startsOn).join(' '), r.jobStarts.map((s) => String(s.minutesPerWeek / 60)).join(' '),
          r.education.join(' '), r.training.join(' '), r.volunteering.join(' '), r.closedOn, r.closedReason,
        ]),
      ),
    };
  }

  private personRows(f: Awaited<ReturnType<FidelityService['facts']>>) {
    const { from, to } = f;
    const within = (d: string) => d >= from && d <= to;
    return f.referrals
      .filter((r) => r.status === 'ACCEPTED' && r.acceptedOn && r.acceptedOn <= to && (r.closedOn === null || r.closedOn >= from))
      .sort((a, b) => a.acceptedOn!.localeCompare(b.acceptedOn!) || a.id.localeCompare(b.id))
      .map((r) => {
        const starts = f.starts.filter((s) => s.patientId === r.patientId && within(s.startsOn) && s.startsOn >= r.acceptedOn!);
        const first = f.contacts.filter((c) => c.patientId === r.patientId && c.contactedOn >= r.acceptedOn!).map((c) => c.contactedOn).sort()[0] ?? null;
        const on = (kind: string) => starts.filter((s) => s.kind === kind).map((s) => s.startsOn);
        return {
          patientId: r.patientId,
          personRef: `R-${r.id.slice(0, 8).toUpperCase()}`,
          referredOn: r.referredOn,
          acceptedOn: r.acceptedOn!,
          profileStartedOn: r.profileStartedOn,
          firstEmployerContactOn: first,
          jobStarts: starts.filter((s) => isCountedJobStart(s, to)),
          education: on('EDUCATION'),
          training: on('TRAINING'),
          volunteering: on('VOLUNTEERING'),
          closedOn: r.closedOn,
          closedReason: r.closedReason,
          onCaseloadAtEnd: onCaseloadOn(r, to),
        };
      });
  }

  private async facts(from: string, to: string) {
    return this.uow.read(async (em) => {
      const referrals = await this.repo.findReferralFacts(em, from, to);
      const patientIds = [...new Set(referrals.map((r) => r.patientId))];
      const starts = await this.repo.findStartFacts(em, from, to, patientIds);
      const input: Omit<FidelityInput, 'referrals' | 'starts'> & { referrals: typeof referrals; starts: typeof starts } = {
        from,
        to,
        referrals,
        contacts: await this.repo.findContactFacts(em, from, to, patientIds),
        starts,
        followAlong: await this.repo.findFollowAlongFacts(em, starts.map((s) => s.id)),
        specialists: await this.repo.findSpecialistFacts(em),
      };
      return input;
    });
  }
}
