import { EntityManager } from 'typeorm';
import { londonDate } from '../common/dates';
import { Enterprise } from '../enterprises/enterprise.entity';
import { WorkRole } from '../enterprises/work-role.entity';
import { leaveOn } from '../patients/leave';
import { Patient } from '../patients/patient.entity';
import { PatientsRepository } from '../patients/patients.repository';
import { Site } from '../wards/site.entity';
import { Ward } from '../wards/ward.entity';
import type { BookingFacts } from './booking-rules';
import type { VerifiedSkillsProvider } from './booking.service';
import { RotaRepository } from './rota.repository';
import { Shift } from './shift.entity';
import { minutesBetween, payPence, weekStartOn } from './time-rules';

/**
 * The facts for one booking decision, each a bounded, indexed query. Used by BookingService
 * and by the demo-data seed (which runs without the Nest container).
 */
export async function gatherBookingFacts(
  em: EntityManager,
  deps: { rota: RotaRepository; patients: PatientsRepository; skills?: VerifiedSkillsProvider },
  shift: Shift,
  patientId: string,
): Promise<BookingFacts> {
  const date = londonDate(shift.startAt);
  const role = await em.findOneByOrFail(WorkRole, { id: shift.workRoleId });
  const enterprise = await em.findOneByOrFail(Enterprise, { id: shift.enterpriseId });
  const patient = await em.findOneByOrFail(Patient, { id: patientId });
  const ward = await em.findOneByOrFail(Ward, { id: patient.wardId });
  const site = await em.findOneByOrFail(Site, { id: ward.siteId });
  const minutes = minutesBetween(shift.startAt, shift.endAt);
  return {
    shift: { status: shift.status, startAt: shift.startAt, capacity: shift.capacity, supervisorUserId: shift.supervisorUserId, escortUserIds: shift.escortUserIds, minutes, payPence: payPence(minutes, role.hourlyRatePence) },
    role: { activities: role.activities, prerequisiteSkills: role.prerequisiteSkills, patientsPerSupervisor: role.patientsPerSupervisor, title: role.title },
    enterprise: { name: enterprise.name, minimumLeave: enterprise.minimumLeave, status: enterprise.status },
    patientActive: patient.status === 'ACTIVE',
    hasActivePlacement: !!(await deps.rota.findActivePlacementOn(em, patientId, shift.workRoleId, date)),
    overlapping: await deps.rota.findOverlappingAssignments(em, patientId, shift.startAt, shift.endAt, shift.id),
    leave: leaveOn(await deps.patients.findLeaveEventsUpTo(em, patientId, date), date),
    restrictions: await deps.patients.findRestrictionCodesInForce(em, patientId, date),
    verifiedSkills: deps.skills ? await deps.skills.verifiedLevels(em, patientId, date) : null,
    week: await deps.rota.findWeekTotals(em, patientId, weekStartOn(shift.startAt), shift.id),
    caps: await deps.patients.findCapsOn(em, site, patientId, date),
    weekApproved: await deps.rota.isWeekApproved(em, shift.enterpriseId, weekStartOn(shift.startAt)),
    liveOnShift: (await deps.rota.countLiveOnShift(em, shift.id)) - ((await deps.rota.findLiveAssignment(em, shift.id, patientId)) ? 1 : 0),
  };
}
