import { EmployerDisclosure } from '../employment/disclosure.entity';
import { hospitalNamedForEmployer } from '../employment/disclosure-rules';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { londonDate } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import type { Page } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { newId } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { PatientAccess } from '../patients/patient-access';
import type { CreateReferenceDto, ReferenceDto, UpdateReferenceDto } from './dto/references.dto';
import { gatherReferenceFacts, ReferenceFactsRepository } from './reference-facts';
import { renderReferencePdf } from './reference-pdf';
import {
  newVerificationCode,
  normaliseCode,
  publicView,
  REFERENCE_APPROVER_ROLES,
  REFERENCE_WITHDRAWER_ROLES,
  REFERENCE_WRITER_ROLES,
  selfApproval,
  statusRefusal,
  type PublicReference,
  type ReferenceAction,
} from './reference-rules';
import { Reference } from './reference.entity';
import type { ReferenceStatus } from './reference.types';
import { ReferenceErrors } from './references.errors';
import { ReferencesRepository, type PlacementChoice, type ReferenceRow } from './references.repository';

export interface ReferenceListQuery {
  patientId?: string;
  status?: ReferenceStatus;
  limit: number;
  offset: number;
}

/** What a page needs to offer the caller's next steps. */
export interface ReferenceAbilities {
  canEdit: boolean;
  canApprove: boolean;
  /** Why the caller may not approve (e.g. they wrote it), when that is the only obstacle. */
  approveBlockedReason: string | null;
  canWithdraw: boolean;
  canDownload: boolean;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const dateOf = (d: Date | null) => (d ? londonDate(d) : null);

function toDto(row: ReferenceRow, user: AuthUser): ReferenceDto {
  const r = row.reference;
  return {
    id: r.id,
    patientId: r.patientId,
    patientDisplayName: row.patientDisplayName,
    placementId: r.placementId,
    status: r.status,
    verificationCode: r.verificationCode,
    facts: r.facts,
    statement: r.statement,
    refereeName: r.refereeName,
    refereeJobTitle: r.refereeJobTitle,
    showHospitalName: r.showHospitalName,
    draftedByUserId: r.draftedByUserId,
    approvedByUserId: r.approvedByUserId,
    approvedAt: iso(r.approvedAt),
    withdrawnAt: iso(r.withdrawnAt),
    ...(user.role === 'PATIENT' ? {} : { withdrawnReason: r.withdrawnReason }),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The public content of a reference: what the verify page and the PDF show. */
export function publicOf(r: Reference): PublicReference | null {
  return publicView({
    status: r.status,
    verificationCode: r.verificationCode,
    facts: r.facts,
    statement: r.statement,
    refereeName: r.refereeName,
    refereeJobTitle: r.refereeJobTitle,
    showHospitalName: r.showHospitalName,
    approvedOn: dateOf(r.approvedAt),
    withdrawnOn: dateOf(r.withdrawnAt),
  });
}

/**
 * Employment references: staff draft one for a placement with facts from the records, an OT or
 * enterprise lead other than its writer approves it (which freezes it), staff may withdraw it;
 * the patient chooses whether the hospital is named and downloads it as a PDF; anyone holding
 * the code can check it. Every read of a reference is audited.
 */
@Injectable()
export class ReferencesService {
  private readonly facts = new ReferenceFactsRepository();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: ReferencesRepository,
    private readonly patients: PatientAccess,
    private readonly audit: AuditService,
  ) {}

  list(user: AuthUser, q: ReferenceListQuery): Promise<Page<ReferenceDto>> {
    return this.uow.run(async (em) => {
      if (q.patientId) await this.patients.findVisible(em, user, q.patientId);
      const [rows, total] = await this.repo.findPage(em, user, q);
      await this.audit.recordPatientReads('reference.list', [...new Set(rows.map((r) => r.reference.patientId))]);
      return { items: rows.map((r) => toDto(r, user)), total, limit: q.limit, offset: q.offset };
    });
  }

  get(user: AuthUser, id: string): Promise<ReferenceDto> {
    return this.uow.run(async (em) => {
      const row = await this.findVisible(em, user, id);
      await this.audit.record({ action: 'reference.read', entityType: 'reference', entityId: id, patientId: row.reference.patientId });
      return toDto(row, user);
    });
  }

  /** The reference with the caller's possible next steps (for the pages). */
  async getForPage(user: AuthUser, id: string): Promise<{ reference: ReferenceDto; abilities: ReferenceAbilities; draftedByName: string | null; approvedByName: string | null }> {
    return this.uow.run(async (em) => {
      const row = await this.findVisible(em, user, id);
      const r = row.reference;
      await this.audit.record({ action: 'reference.read', entityType: 'reference', entityId: id, patientId: r.patientId });
      const isApprover = REFERENCE_APPROVER_ROLES.includes(user.role) && r.status === 'DRAFT';
      const selfBlocked = isApprover && selfApproval(r.draftedByUserId, user.id);
      return {
        reference: toDto(row, user),
        abilities: {
          canEdit: REFERENCE_WRITER_ROLES.includes(user.role) && r.status === 'DRAFT',
          canApprove: isApprover && !selfBlocked,
          approveBlockedReason: selfBlocked ? ReferenceErrors.selfApproval().message : null,
          canWithdraw: REFERENCE_WITHDRAWER_ROLES.includes(user.role) && r.status === 'APPROVED',
          canDownload: r.status === 'APPROVED',
        },
        draftedByName: await this.repo.userName(em, r.draftedByUserId),
        approvedByName: r.approvedByUserId ? await this.repo.userName(em, r.approvedByUserId) : null,
      };
    });
  }

  /** The approved reference as a PDF, with the address to verify it. Audited as a download. */
  pdf(user: AuthUser, id: string, baseUrl: string, employerId?: string): Promise<{ filename: string; body: Buffer }> {
    return this.uow.run(async (em) => {
      const row = await this.findVisible(em, user, id);
      let showHospitalName = row.reference.showHospitalName;
      if (employerId) {
        // For one employer, the reference follows what the person chose to disclose to them.
        const disclosure = await em.findOne(EmployerDisclosure, { where: { patientId: row.reference.patientId, employerId }, order: { decidedOn: 'DESC', recordedAt: 'DESC' } });
        showHospitalName = hospitalNamedForEmployer(showHospitalName, disclosure?.choice ?? null);
      }
      const view = publicOf({ ...row.reference, showHospitalName });
      if (!view || view.status !== 'APPROVED') throw ReferenceErrors.notApproved();
      await this.audit.record({ action: 'reference.download', entityType: 'reference', entityId: id, patientId: row.reference.patientId, detail: { showHospitalName, ...(employerId ? { employerId } : {}) } });
      const body = await renderReferencePdf({ view, patientName: row.patientDisplayName, verifyUrl: verifyUrl(baseUrl, view.verificationCode) });
      return { filename: `reference-${view.verificationCode}.pdf`, body };
    });
  }

  /** Placements the caller could write a reference for (page helper). */
  placementChoices(user: AuthUser): Promise<PlacementChoice[]> {
    return this.uow.run(async (em) => {
      const choices = await this.repo.findPlacementChoices(em, user, 300);
      await this.audit.recordPatientReads('reference.placement-choices', [...new Set(choices.map((c) => c.patientId))]);
      return choices;
    });
  }

  placementChoice(user: AuthUser, placementId: string): Promise<PlacementChoice> {
    return this.uow.run(async (em) => {
      const p = await this.repo.findVisiblePlacement(em, user, placementId);
      if (!p) throw AppError.notFound('Placement');
      await this.audit.record({ action: 'placement.read', entityType: 'placement', entityId: p.id, patientId: p.patientId });
      return p;
    });
  }

  create(user: AuthUser, dto: CreateReferenceDto): Promise<ReferenceDto> {
    return this.uow.run(async (em) => {
      this.assertRole(user, REFERENCE_WRITER_ROLES, 'write references');
      const choice = await this.repo.findVisiblePlacement(em, user, dto.placementId);
      if (!choice) throw AppError.notFound('Placement');
      // Locks the placement so two drafts for it cannot both pass the one-at-a-time check.
      await this.repo.lockPlacement(em, dto.placementId, this.uow.lockMode());
      if (await this.repo.findLiveForPlacement(em, dto.placementId)) throw ReferenceErrors.exists();
      const facts = (await gatherReferenceFacts(em, this.facts, dto.placementId))!;
      const now = new Date();
      const reference = Object.assign(new Reference(), {
        id: newId(),
        patientId: choice.patientId,
        placementId: dto.placementId,
        status: 'DRAFT' as const,
        verificationCode: await this.freshCode(em),
        facts,
        statement: dto.statement,
        refereeName: dto.refereeName,
        refereeJobTitle: dto.refereeJobTitle,
        showHospitalName: false,
        draftedByUserId: user.id,
        approvedByUserId: null,
        approvedAt: null,
        withdrawnByUserId: null,
        withdrawnAt: null,
        withdrawnReason: null,
        createdAt: now,
        updatedAt: now,
      });
      await em.insert(Reference, reference);
      await this.audit.record({ action: 'reference.draft', entityType: 'reference', entityId: reference.id, patientId: reference.patientId, detail: { placementId: dto.placementId } });
      return toDto(await this.findVisible(em, user, reference.id), user);
    });
  }

  /**
   * Changes a draft: its words, and/or its facts filled in again from the records. Whoever
   * changes the words becomes the drafter, so the four-eyes rule covers the final text.
   */
  update(user: AuthUser, id: string, dto: UpdateReferenceDto): Promise<ReferenceDto> {
    return this.uow.run(async (em) => {
      this.assertRole(user, REFERENCE_WRITER_ROLES, 'change references');
      const r = await this.lockVisible(em, user, id, 'edit');
      const changes: Partial<Reference> = {};
      for (const key of ['statement', 'refereeName', 'refereeJobTitle'] as const) {
        if (dto[key] !== undefined && dto[key] !== r[key]) changes[key] = dto[key];
      }
      const wordsChanged = Object.keys(changes).length > 0;
      if (wordsChanged) changes.draftedByUserId = user.id;
      if (dto.refreshFacts) changes.facts = (await gatherReferenceFacts(em, this.facts, r.placementId))!;
      if (!wordsChanged && !dto.refreshFacts) throw ReferenceErrors.noChanges();
      changes.updatedAt = new Date();
      await em.update(Reference, { id }, changes);
      await this.audit.record({
        action: 'reference.update',
        entityType: 'reference',
        entityId: id,
        patientId: r.patientId,
        detail: { fields: Object.keys(changes).filter((k) => k !== 'updatedAt' && k !== 'draftedByUserId'), refreshedFacts: !!dto.refreshFacts },
      });
      return toDto(await this.findVisible(em, user, id), user);
    });
  }

  /** An OT or lead other than the drafter approves; the facts are frozen as they stand. */
  approve(user: AuthUser, id: string): Promise<ReferenceDto> {
    return this.uow.run(async (em) => {
      this.assertRole(user, REFERENCE_APPROVER_ROLES, 'approve references (an OT or enterprise lead does)');
      const r = await this.lockVisible(em, user, id, 'approve');
      if (selfApproval(r.draftedByUserId, user.id)) throw ReferenceErrors.selfApproval();
      const now = new Date();
      await em.update(Reference, { id }, { status: 'APPROVED', approvedByUserId: user.id, approvedAt: now, updatedAt: now });
      await this.audit.record({ action: 'reference.approve', entityType: 'reference', entityId: id, patientId: r.patientId });
      return toDto(await this.findVisible(em, user, id), user);
    });
  }

  withdraw(user: AuthUser, id: string, reason: string): Promise<ReferenceDto> {
    return this.uow.run(async (em) => {
      this.assertRole(user, REFERENCE_WITHDRAWER_ROLES, 'withdraw references');
      const r = await this.lockVisible(em, user, id, 'withdraw');
      const now = new Date();
      await em.update(Reference, { id }, { status: 'WITHDRAWN', withdrawnByUserId: user.id, withdrawnAt: now, withdrawnReason: reason, updatedAt: now });
      await this.audit.record({ action: 'reference.withdraw', entityType: 'reference', entityId: id, patientId: r.patientId });
      return toDto(await this.findVisible(em, user, id), user);
    });
  }

  /** The patient's own choice: name the hospital on the reference, or only the enterprise's reference name. */
  disclose(user: AuthUser, id: string, showHospitalName: boolean): Promise<ReferenceDto> {
    return this.uow.run(async (em) => {
      if (user.role !== 'PATIENT') throw AppError.forbidden('Only the patient chooses whether the hospital is named on their reference');
      const r = await this.lockVisible(em, user, id, 'disclose');
      if (r.showHospitalName !== showHospitalName) await em.update(Reference, { id }, { showHospitalName, updatedAt: new Date() });
      await this.audit.record({ action: 'reference.disclosure', entityType: 'reference', entityId: id, patientId: r.patientId, detail: { showHospitalName } });
      return toDto(await this.findVisible(em, user, id), user);
    });
  }

  /**
   * Public check of a code: the approved reference's public content, or that it was withdrawn.
   * Unknown codes and drafts are 404. Audited (the reader is anonymous; the address is kept).
   */
  verify(code: string): Promise<PublicReference> {
    return this.uow.run(async (em) => {
      const normal = normaliseCode(code);
      const r = normal ? await this.repo.findByCode(em, normal) : null;
      const view = r ? publicOf(r) : null;
      if (!r || !view) throw AppError.notFound('Reference');
      await this.audit.record({ action: 'reference.verify', entityType: 'reference', entityId: r.id, patientId: r.patientId, detail: { status: r.status } });
      return view;
    });
  }

  private assertRole(user: AuthUser, roles: string[], what: string): void {
    if (!roles.includes(user.role)) throw AppError.forbidden(`Your role cannot ${what}`);
  }

  private async findVisible(em: EntityManager, user: AuthUser, id: string): Promise<ReferenceRow> {
    const row = await this.repo.findVisible(em, user, id);
    if (!row) throw AppError.notFound('Reference');
    return row;
  }

  /** Visible to the caller, then locked and re-read; its status must allow the action. */
  private async lockVisible(em: EntityManager, user: AuthUser, id: string, action: ReferenceAction): Promise<Reference> {
    await this.findVisible(em, user, id);
    const r = (await this.repo.lock(em, id, this.uow.lockMode()))!;
    const refusal = statusRefusal(r.status, action);
    if (refusal) throw action === 'disclose' ? ReferenceErrors.notApproved() : ReferenceErrors.wrongStatus(refusal);
    return r;
  }

  private async freshCode(em: EntityManager): Promise<string> {
    for (;;) {
      const code = newVerificationCode();
      if (!(await this.repo.codeTaken(em, code))) return code;
    }
  }
}

/** The address printed on the PDF: `<base>/verify/<code>`. */
export function verifyUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/verify/${code}`;
}
