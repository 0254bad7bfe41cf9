import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../common/request-context';
import { instantParam } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { PatientAccess } from '../patients/patient-access';
import { Patient } from '../patients/patient.entity';
import { Assignment } from './assignment.entity';
import type { AssignmentDto } from './dto/rota.dto';
import { toAssignmentDto } from './shifts.service';

/** The "needs review" list: future bookings a clinical change has put in question. */
@Injectable()
export class ReviewService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: PatientAccess,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser): Promise<AssignmentDto[]> {
    const rows = await this.uow.read(async (em) => {
      const qb = em
        .createQueryBuilder(Assignment, 'a')
        .innerJoin(Patient, 'p', 'p.id = a.patientId')
        .addSelect('p.displayName', 'patientName')
        .where("a.status = 'NEEDS_REVIEW'")
        .andWhere('a.startAt > :now', { now: instantParam(new Date()) })
        .orderBy('a.startAt', 'ASC')
        .take(500);
      this.access.applyScope(qb, user, 'p');
      const { entities, raw } = await qb.getRawAndEntities();
      return entities.map((a, i) => toAssignmentDto(a, String(raw[i].patientName)));
    });
    await this.audit.recordPatientReads('assignment.needs-review.read', [...new Set(rows.map((r) => r.patientId))], 'assignment');
    return rows;
  }
}
