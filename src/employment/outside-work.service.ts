import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { newId } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { leaveOn } from '../patients/leave';
import { PatientsRepository } from '../patients/patients.repository';
import type { CreateEmployerContactDto, CreateEmployerDto, CreateFollowAlongDto, CreateOpportunityDto, EndOpportunityDto, FourHoursDto, RecordDisclosureDto } from './dto/employment.dto';
import { EmployerContact } from './employer-contact.entity';
import { EmployerDisclosure } from './disclosure.entity';
import { Employer } from './employer.entity';
import { EmploymentAccess } from './employment-access';
import { EmploymentRepository } from './employment.repository';
import { toOpportunityView } from './employment.service';
import { FollowAlongContact } from './follow-along-contact.entity';
import { OutsideOpportunity } from './opportunity.entity';
import { communityStartRefusal } from './outside-rules';

/** Employers, employer contacts, outside opportunities, follow-along and disclosure choices. */
@Injectable()
export class OutsideWorkService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: EmploymentAccess,
    private readonly repo: EmploymentRepository,
    private readonly patients: PatientsRepository,
    private readonly audit: AuditService,
  ) {}

  async employers(): Promise<Employer[]> {
    return this.uow.read((em) => em.find(Employer, { order: { name: 'ASC' } }));
  }

  async createEmployer(user: AuthUser, dto: CreateEmployerDto): Promise<Employer> {
    return this.uow.run(async (em) => {
      const e = em.create(Employer, { id: newId(), name: dto.name, sector: dto.sector ?? null, contact: dto.contact ?? null, notes: dto.notes ?? null, createdByUserId: user.id, createdAt: new Date() });
      await em.insert(Employer, e);
      await this.audit.record({ action: 'employment.employer.create', entityType: 'employer', entityId: e.id });
      return e;
    });
  }

  async createContact(user: AuthUser, dto: CreateEmployerContactDto): Promise<EmployerContact> {
    return this.uow.run(async (em) => {
      if (!(await em.findOne(Employer, { where: { id: dto.employerId } }))) throw AppError.validation('No such employer', [{ field: 'employerId', message: 'Choose an employer' }]);
      if (dto.patientId) await this.access.findEditable(em, user, dto.patientId);
      const c = em.create(EmployerContact, { id: newId(), employerId: dto.employerId, patientId: dto.patientId ?? null, specialistUserId: user.id, contactedOn: dto.contactedOn, faceToFace: dto.faceToFace, purpose: dto.purpose, note: dto.note ?? null, createdAt: new Date() });
      await em.insert(EmployerContact, c);
      await this.audit.record({ action: 'employment.employer-contact.create', entityType: 'employer_contact', entityId: c.id, patientId: c.patientId, detail: { purpose: c.purpose } });
      return c;
    });
  }

  async opportunities(user: AuthUser, patientId: string): Promise<ReturnType<typeof toOpportunityView>[]> {
    const rows = await this.uow.read(async (em) => {
      await this.access.findVisible(em, user, patientId);
      return em.find(OutsideOpportunity, { where: { patientId }, order: { startsOn: 'DESC' } });
    });
    await this.audit.record({ action: 'employment.opportunities.read', entityType: 'patient', entityId: patientId, patientId });
    return rows.map(toOpportunityView);
  }

  /** A start outside: refused with LEAVE_INSUFFICIENT while detained without unescorted community leave on the start date. */
  async createOpportunity(user: AuthUser, patientId: string, dto: CreateOpportunityDto): Promise<ReturnType<typeof toOpportunityView>> {
    if (dto.kind === 'JOB' && dto.hourlyPayPence === undefined) throw AppError.validation('A job needs its hourly pay', [{ field: 'hourlyPayPence', message: 'Enter the hourly pay' }]);
    if (dto.kind !== 'JOB' && dto.fourHoursWorkedOn) throw AppError.validation('Only jobs count hours of paid work', [{ field: 'fourHoursWorkedOn', message: 'Leave this blank unless it is a job' }]);
    if (dto.fourHoursWorkedOn && dto.fourHoursWorkedOn < dto.startsOn) throw AppError.validation('Before the start', [{ field: 'fourHoursWorkedOn', message: 'Must be on or after the start date' }]);
    return this.uow.run(async (em) => {
      const patient = await this.access.findEditable(em, user, patientId);
      if (dto.employerId && !(await em.findOne(Employer, { where: { id: dto.employerId } }))) throw AppError.validation('No such employer', [{ field: 'employerId', message: 'Choose an employer' }]);
      const leave = leaveOn(await this.patients.findLeaveEventsUpTo(em, patientId, dto.startsOn), dto.startsOn);
      const refusal = communityStartRefusal(patient.status, leave);
      if (refusal) throw new AppError('LEAVE_INSUFFICIENT', refusal, 409, [{ code: 'LEAVE_INSUFFICIENT', field: 'startsOn', message: refusal, leaveOnStart: leave.effectiveLevel }]);
      const now = new Date();
      const o = em.create(OutsideOpportunity, {
        id: newId(), patientId, kind: dto.kind, employerId: dto.employerId ?? null, title: dto.title, startsOn: dto.startsOn, endsOn: null, endReason: null,
        minutesPerWeek: Math.round(dto.hoursPerWeek * 60), hourlyPayPence: dto.hourlyPayPence ?? null,
        competitive: dto.competitive, fourHoursWorkedOn: dto.fourHoursWorkedOn ?? null, detainedAtStart: patient.status !== 'DISCHARGED', createdByUserId: user.id, createdAt: now, updatedAt: now,
      });
      await em.insert(OutsideOpportunity, o);
      const open = await this.repo.findOpenReferral(em, patientId);
      if (open && open.status === 'ACCEPTED' && (open.caseloadStatus === 'ENGAGED' || open.caseloadStatus === 'JOB_SEARCH')) {
        open.caseloadStatus = 'IN_WORK';
        open.updatedAt = now;
        await em.save(open);
      }
      await this.audit.record({ action: 'employment.opportunity.create', entityType: 'outside_opportunity', entityId: o.id, patientId, detail: { kind: o.kind } });
      return toOpportunityView(o);
    });
  }

  async endOpportunity(user: AuthUser, patientId: string, id: string, dto: EndOpportunityDto): Promise<ReturnType<typeof toOpportunityView>> {
    return this.changeOpportunity(user, patientId, id, 'employment.opportunity.end', (o) => {
      if (o.endsOn) throw AppError.conflict('ALREADY_ENDED', 'This has already ended');
      if (dto.endsOn < o.startsOn) throw AppError.validation('Ends before it starts', [{ field: 'endsOn', message: 'Must be on or after the start date' }]);
      o.endsOn = dto.endsOn;
      o.endReason = dto.endReason;
    });
  }

  async recordFourHours(user: AuthUser, patientId: string, id: string, dto: FourHoursDto): Promise<ReturnType<typeof toOpportunityView>> {
    return this.changeOpportunity(user, patientId, id, 'employment.opportunity.four-hours', (o) => {
      if (o.kind !== 'JOB') throw AppError.validation('Only jobs count hours of paid work', [{ field: 'fourHoursWorkedOn', message: 'Only for jobs' }]);
      if (dto.fourHoursWorkedOn < o.startsOn) throw AppError.validation('Before the start', [{ field: 'fourHoursWorkedOn', message: 'Must be on or after the start date' }]);
      o.fourHoursWorkedOn = dto.fourHoursWorkedOn;
    });
  }

  async createFollowAlong(user: AuthUser, patientId: string, dto: CreateFollowAlongDto): Promise<FollowAlongContact> {
    return this.uow.run(async (em) => {
      await this.access.findEditable(em, user, patientId);
      const o = await em.findOne(OutsideOpportunity, { where: { id: dto.opportunityId, patientId } });
      if (!o) throw AppError.validation('No such start for this person', [{ field: 'opportunityId', message: 'Choose one of this person’s starts' }]);
      if (dto.contactedOn < o.startsOn) throw AppError.validation('Follow-along comes after the start', [{ field: 'contactedOn', message: 'Must be on or after the start date' }]);
      const f = em.create(FollowAlongContact, { id: newId(), patientId, opportunityId: o.id, contactedOn: dto.contactedOn, mode: dto.mode, withWhom: dto.withWhom, note: dto.note ?? null, byUserId: user.id, createdAt: new Date() });
      await em.insert(FollowAlongContact, f);
      await this.audit.record({ action: 'employment.follow-along.create', entityType: 'follow_along_contact', entityId: f.id, patientId });
      return f;
    });
  }

  async recordDisclosure(user: AuthUser, patientId: string, dto: RecordDisclosureDto): Promise<EmployerDisclosure> {
    return this.uow.run(async (em) => {
      await this.access.findEditable(em, user, patientId);
      if (!(await em.findOne(Employer, { where: { id: dto.employerId } }))) throw AppError.validation('No such employer', [{ field: 'employerId', message: 'Choose an employer' }]);
      const d = em.create(EmployerDisclosure, { id: newId(), patientId, employerId: dto.employerId, choice: dto.choice, decidedOn: dto.decidedOn, note: dto.note ?? null, recordedByUserId: user.id, recordedAt: new Date() });
      await em.insert(EmployerDisclosure, d);
      await this.audit.record({ action: 'employment.disclosure', entityType: 'employer_disclosure', entityId: d.id, patientId, detail: { choice: d.choice } });
      return d;
    });
  }

  private async changeOpportunity(user: AuthUser, patientId: string, id: string, action: string, change: (o: OutsideOpportunity) => void): Promise<ReturnType<typeof toOpportunityView>> {
    return this.uow.run(async (em) => {
      await this.access.findEditable(em, user, patientId);
      const o = await em.findOne(OutsideOpportunity, { where: { id, patientId } });
      if (!o) throw AppError.notFound('Opportunity');
      change(o);
      o.updatedAt = new Date();
      await em.save(o);
      await this.audit.record({ action, entityType: 'outside_opportunity', entityId: o.id, patientId });
      return toOpportunityView(o);
    });
  }
}
