import { Injectable } from '@nestjs/common';
import { EntityManager, In, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { AuditEvent } from '../audit/audit-event.entity';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { UnitOfWork } from '../database/unit-of-work';
import { Credential } from '../credentials/credential.entity';
import { EmployerDisclosure } from '../employment/disclosure.entity';
import { EmployerContact } from '../employment/employer-contact.entity';
import { FollowAlongContact } from '../employment/follow-along-contact.entity';
import { OutsideOpportunity } from '../employment/opportunity.entity';
import { PlanEntry } from '../employment/plan-entry.entity';
import { EmploymentReferral } from '../employment/referral.entity';
import { Enterprise } from '../enterprises/enterprise.entity';
import { WorkRole } from '../enterprises/work-role.entity';
import { PatientDemographics } from '../outcomes/patient-demographics.entity';
import { BenefitsLimit } from '../patients/benefits-limit.entity';
import { BenefitsSituationRecord } from '../patients/benefits-situation.entity';
import { LeaveEvent } from '../patients/leave-event.entity';
import { Patient } from '../patients/patient.entity';
import { VocationalProfile } from '../patients/vocational-profile.entity';
import { WardStay } from '../patients/ward-stay.entity';
import { WorkRestriction } from '../patients/work-restriction.entity';
import { Application } from '../recruitment/application.entity';
import { Interview } from '../recruitment/interview.entity';
import { Offer } from '../recruitment/offer.entity';
import { Placement } from '../recruitment/placement.entity';
import { Reference } from '../references/reference.entity';
import { Assignment } from '../rota/assignment.entity';
import { AttendanceRecord } from '../rota/attendance-record.entity';
import { currentRecords } from '../rota/attendance/attendance-rules';
import { TimesheetLine } from '../rota/timesheet-line.entity';
import { SkillLog } from '../skills/skill-log.entity';
import { TillPayment } from '../tills/till-payment.entity';
import { TillSaleLine } from '../tills/till-sale-line.entity';
import { TillSale } from '../tills/till-sale.entity';
import { Skill } from '../skills/skill.entity';
import { User } from '../users/user.entity';
import { Ward } from '../wards/ward.entity';

type Row = Record<string, unknown>;

/** Everything WardWorks holds about one patient (UK GDPR article 15), section by section. */
export interface SubjectAccessExport {
  exportedAt: string;
  patient: Row;
  ward: { id: string; name: string } | null;
  /** The patient's stays on wards, with dates (transfers). */
  wardHistory: Row[];
  account: Row | null;
  leave: Row[];
  restrictions: Row[];
  benefitsLimits: Row[];
  benefitsSituations: Row[];
  vocationalProfile: Row | null;
  demographics: Row | null;
  applications: Row[];
  interviews: Row[];
  offers: Row[];
  placements: Row[];
  assignments: Row[];
  attendance: Row[];
  pay: { totalPaidPence: number; timesheetLines: Row[] };
  skillLogs: Row[];
  references: Row[];
  credentials: Row[];
  /** Purchases at the café and shop tills paid from the patient's own account, and refunds to it. */
  tillPurchases: Row[];
  /** Employment support beyond the hospital (IPS). */
  employmentReferrals: Row[];
  employmentPlan: Row[];
  outsideOpportunities: Row[];
  employerContacts: Row[];
  followAlongContacts: Row[];
  employerDisclosures: Row[];
  /** Who read or changed the patient's records, and when. */
  auditEvents: Row[];
}

/** The section titles, in order, for the PDF and the privacy notice. */
export const EXPORT_SECTIONS: [keyof SubjectAccessExport, string][] = [
  ['patient', 'Your record'],
  ['ward', 'Your ward'],
  ['wardHistory', 'Wards you have been on'],
  ['account', 'Your sign-in account'],
  ['leave', 'Leave (section 17)'],
  ['restrictions', 'Work restrictions'],
  ['benefitsLimits', 'Benefits limits'],
  ['benefitsSituations', 'Benefits situation'],
  ['vocationalProfile', 'Vocational profile'],
  ['demographics', 'Equality monitoring'],
  ['applications', 'Job applications'],
  ['interviews', 'Interviews'],
  ['offers', 'Job offers'],
  ['placements', 'Jobs (placements)'],
  ['assignments', 'Shifts booked'],
  ['attendance', 'Attendance records'],
  ['pay', 'Pay'],
  ['skillLogs', 'Skills'],
  ['references', 'References'],
  ['credentials', 'Credentials'],
  ['tillPurchases', 'Purchases from your own account at the café and shop'],
  ['employmentReferrals', 'Employment support: referrals and caseload'],
  ['employmentPlan', 'Employment support: your plan'],
  ['outsideOpportunities', 'Work, education, training and volunteering outside'],
  ['employerContacts', 'Contacts with employers about you'],
  ['followAlongContacts', 'Support after a start'],
  ['employerDisclosures', 'What you chose to tell each employer'],
  ['auditEvents', 'Who looked at or changed your records'],
];

/** A plain object of a row's columns (relations are never loaded here), with instants as ISO strings. */
function plain(row: object | null): Row | null {
  if (!row) return null;
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) if (v !== undefined) out[k] = v instanceof Date ? v.toISOString() : v;
  return out;
}
const plainAll = (rows: object[]) => rows.map((r) => plain(r)!);

/**
 * Subject access: an admin, or the patient for themself, exports everything held about one
 * patient as JSON (and a PDF made from it). Every query is by the patient's own id or by ids
 * of the patient's own records, so nothing of another patient can enter; the export is audited.
 */
@Injectable()
export class SubjectAccessService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async export(user: AuthUser, patientId: string, format: 'json' | 'pdf'): Promise<SubjectAccessExport> {
    if (user.role === 'PATIENT' && user.patientId !== patientId) throw AppError.notFound('Patient');
    if (user.role !== 'PATIENT' && user.role !== 'ADMIN') throw AppError.forbidden();
    const result = await this.uow.read((em) => this.gather(em, patientId));
    await this.audit.record({ action: 'patient.export', entityType: 'patient', entityId: patientId, patientId, detail: { format } });
    return result;
  }

  private async gather(em: EntityManager, patientId: string): Promise<SubjectAccessExport> {
    const patient = await em.findOneBy(Patient, { id: patientId });
    if (!patient) throw AppError.notFound('Patient');
    const mine = <T extends ObjectLiteral>(entity: EntityTarget<T>, order: Record<string, 'ASC'>) => em.find(entity, { where: { patientId } as never, order: order as never });
    const byIds = <T extends ObjectLiteral>(entity: EntityTarget<T>, column: string, ids: string[]) => (ids.length ? em.find(entity, { where: { [column]: In(ids) } as never }) : Promise.resolve([] as T[]));

    const ward = await em.findOneBy(Ward, { id: patient.wardId });
    const account = await em.findOne(User, { where: { patientId }, select: { id: true, username: true, displayName: true, role: true, active: true, createdAt: true, lastSignInAt: true, passwordChangedAt: true } });
    const applications = await mine(Application, { submittedAt: 'ASC' });
    const placements = await mine(Placement, { startOn: 'ASC' });
    const assignments = await mine(Assignment, { startAt: 'ASC' });
    const attendance = await byIds(AttendanceRecord, 'assignmentId', assignments.map((a) => a.id));
    const current = currentRecords(attendance);
    const skillLogs = await mine(SkillLog, { occurredOn: 'ASC' });
    const skills = new Map((await byIds(Skill, 'id', [...new Set(skillLogs.map((l) => l.skillId))])).map((s) => [s.id, s.name]));
    const roleIds = [...new Set(placements.map((p) => p.workRoleId))];
    const roles = new Map((await byIds(WorkRole, 'id', roleIds)).map((r) => [r.id, r]));
    const enterprises = new Map((await byIds(Enterprise, 'id', [...new Set([...roles.values()].map((r) => r.enterpriseId))])).map((e) => [e.id, e.name]));
    const credentials = await mine(Credential, { issuedAt: 'ASC' });
    const audit = await em.find(AuditEvent, { where: { patientId }, order: { occurredAt: 'ASC', id: 'ASC' } });
    const stays = await mine(WardStay, { fromAt: 'ASC' });
    const stayWards = new Map((await byIds(Ward, 'id', [...new Set(stays.map((x) => x.wardId))])).map((x) => [x.id, x.name]));
    // Till purchases: only payments from this patient's own account, then those sales' lines (a
    // sale paid partly by someone else shows the whole basket, as on the receipt, never who else paid).
    const payments = (await mine(TillPayment, { id: 'ASC' })).filter((x) => x.method === 'PATIENT_ACCOUNT');
    const sales = new Map((await byIds(TillSale, 'id', [...new Set(payments.map((x) => x.saleId))])).map((x) => [x.id, x]));
    const saleLines = await byIds(TillSaleLine, 'saleId', [...sales.keys()]);
    const saleEnterprises = new Map((await byIds(Enterprise, 'id', [...new Set([...sales.values()].map((x) => x.enterpriseId))])).map((e) => [e.id, e.name]));
    const tillPurchases = payments
      .map((pay) => {
        const sale = sales.get(pay.saleId)!;
        return {
          saleId: sale.id,
          kind: sale.kind,
          at: sale.createdAt.toISOString(),
          enterpriseName: saleEnterprises.get(sale.enterpriseId) ?? null,
          amountPence: sale.kind === 'SALE' ? pay.amountPence : -pay.amountPence,
          items: saleLines
            .filter((l) => l.saleId === sale.id)
            .sort((a, b) => a.lineNo - b.lineNo)
            .map((l) => ({ productName: l.productName, quantity: l.quantity, unitPricePence: l.unitPricePence })),
          reason: sale.reason,
        };
      })
      .sort((a, b) => a.at.localeCompare(b.at));

    return {
      exportedAt: new Date().toISOString(),
      patient: plain(patient)!,
      ward: ward ? { id: ward.id, name: ward.name } : null,
      wardHistory: stays.map((x) => ({ ...plain(x), wardName: stayWards.get(x.wardId) ?? null })),
      account: plain(account),
      leave: plainAll(await mine(LeaveEvent, { recordedAt: 'ASC' })),
      restrictions: plainAll(await mine(WorkRestriction, { createdAt: 'ASC' })),
      benefitsLimits: plainAll(await mine(BenefitsLimit, { recordedAt: 'ASC' })),
      benefitsSituations: plainAll(await mine(BenefitsSituationRecord, { recordedAt: 'ASC' })),
      vocationalProfile: plain(await em.findOneBy(VocationalProfile, { patientId })),
      demographics: plain(await em.findOneBy(PatientDemographics, { patientId })),
      applications: plainAll(applications),
      interviews: plainAll(await byIds(Interview, 'applicationId', applications.map((a) => a.id))),
      offers: plainAll(await byIds(Offer, 'applicationId', applications.map((a) => a.id))),
      placements: placements.map((p) => ({ ...plain(p), roleTitle: roles.get(p.workRoleId)?.title ?? null, enterpriseName: enterprises.get(roles.get(p.workRoleId)?.enterpriseId ?? '') ?? null })),
      assignments: plainAll(assignments),
      attendance: attendance.sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime()).map((r) => ({ ...plain(r), current: current.get(r.assignmentId)?.id === r.id })),
      pay: {
        totalPaidPence: [...current.values()].reduce((n, r) => n + r.payPence, 0),
        timesheetLines: plainAll(await mine(TimesheetLine, { assignmentId: 'ASC' })),
      },
      skillLogs: skillLogs.map((l) => ({ ...plain(l), skillName: skills.get(l.skillId) ?? null })),
      references: plainAll(await mine(Reference, { createdAt: 'ASC' })),
      credentials: plainAll(credentials),
      tillPurchases,
      employmentReferrals: plainAll(await mine(EmploymentReferral, { referredOn: 'ASC' })),
      employmentPlan: plainAll(await mine(PlanEntry, { createdAt: 'ASC' })),
      outsideOpportunities: plainAll(await mine(OutsideOpportunity, { startsOn: 'ASC' })),
      employerContacts: plainAll(await mine(EmployerContact, { contactedOn: 'ASC' })),
      followAlongContacts: plainAll(await mine(FollowAlongContact, { contactedOn: 'ASC' })),
      employerDisclosures: plainAll(await mine(EmployerDisclosure, { recordedAt: 'ASC' })),
      auditEvents: audit.map((e) => ({ ...plain(e), detail: e.detail ? JSON.parse(e.detail) : null })),
    };
  }
}
