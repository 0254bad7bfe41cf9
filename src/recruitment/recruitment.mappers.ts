import type { AuthUser } from '../common/request-context';
import type { Application } from './application.entity';
import type { ApplicationDto, InterviewDto, OfferDto } from './dto/applications.dto';
import type { PlacementDto } from './dto/placements.dto';
import type { VacancyDto } from './dto/vacancies.dto';
import type { Interview } from './interview.entity';
import type { Offer } from './offer.entity';
import type { Placement } from './placement.entity';
import { applicationStage, vacancyState } from './recruitment-rules';
import type { Vacancy } from './vacancy.entity';

/** Entities (with their joined work role, enterprise and patient) to response DTOs. */
export function toVacancyDto(v: Vacancy, today: string): VacancyDto {
  const role = v.workRole!;
  const enterprise = role.enterprise!;
  return {
    id: v.id,
    workRoleId: v.workRoleId,
    roleTitle: role.title,
    duties: role.duties,
    hourlyRatePence: role.hourlyRatePence,
    activities: role.activities,
    enterpriseId: role.enterpriseId,
    enterpriseName: enterprise.name,
    locationZone: enterprise.locationZone,
    description: v.description,
    opensOn: v.opensOn,
    closesOn: v.closesOn,
    positions: v.positions,
    status: vacancyState(v, role.active, today),
    createdAt: v.createdAt.toISOString(),
  };
}

export function toInterviewDto(i: Interview): InterviewDto {
  return {
    id: i.id,
    applicationId: i.applicationId,
    scheduledAt: i.scheduledAt.toISOString(),
    panel: i.panel,
    outcome: i.outcome,
    feedback: i.feedback,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

export function toOfferDto(o: Offer): OfferDto {
  return {
    id: o.id,
    applicationId: o.applicationId,
    startOn: o.startOn,
    terms: o.terms,
    status: o.status,
    madeAt: o.madeAt.toISOString(),
    respondedAt: o.respondedAt ? o.respondedAt.toISOString() : null,
  };
}

/** Restriction conflicts are clinical information: staff see them, the patient never does. */
export function toApplicationDto(a: Application, viewer: AuthUser, interviews: Interview[], offers: Offer[], placementId: string | null): ApplicationDto {
  const role = a.vacancy!.workRole!;
  const latestOffer = offers.length ? offers[offers.length - 1] : null;
  return {
    id: a.id,
    vacancyId: a.vacancyId,
    patientId: a.patientId,
    patientDisplayName: a.patient!.displayName,
    workRoleId: role.id,
    roleTitle: role.title,
    enterpriseId: role.enterpriseId,
    enterpriseName: role.enterprise!.name,
    statement: a.statement,
    status: a.status,
    stage: applicationStage(a, interviews).label,
    ...(viewer.role === 'PATIENT' ? {} : { restrictionConflicts: a.restrictionConflicts ?? [] }),
    submittedAt: a.submittedAt.toISOString(),
    outcomeNote: a.outcomeNote,
    updatedAt: a.updatedAt.toISOString(),
    interviews: interviews.map(toInterviewDto),
    offer: latestOffer ? toOfferDto(latestOffer) : null,
    placementId,
  };
}

/** The staff note on an ending may be clinical: not sent to the patient. */
export function toPlacementDto(p: Placement, viewer: AuthUser): PlacementDto {
  const role = p.workRole!;
  return {
    id: p.id,
    patientId: p.patientId,
    patientDisplayName: p.patient!.displayName,
    workRoleId: p.workRoleId,
    roleTitle: role.title,
    hourlyRatePence: role.hourlyRatePence,
    enterpriseId: role.enterpriseId,
    enterpriseName: role.enterprise!.name,
    applicationId: p.applicationId,
    startOn: p.startOn,
    endOn: p.endOn,
    status: p.status,
    endReason: p.endReason,
    ...(viewer.role === 'PATIENT' ? {} : { endNote: p.endNote }),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
