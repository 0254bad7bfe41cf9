import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { londonDate } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { newId } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { EnterpriseAccess } from '../enterprises/enterprise-access';
import { WorkRole } from '../enterprises/work-role.entity';
import { Placement } from '../recruitment/placement.entity';
import type { CreateProposalDto, OpportunitiesDto, ProposalDto, ProposalListDto, ReinvestmentTraceDto, SpendProposalDto } from './dto/reinvestment.dto';
import { LedgerErrors } from './ledger.errors';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';
import { CODES, PURPOSE_EXPENSE_CODE, reserveEntry, spendEntry } from './money-entries';
import { ReinvestmentProposal } from './reinvestment-proposal.entity';
import { ReinvestmentRepository } from './reinvestment.repository';
import { ReportsService } from './reports.service';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toProposalDto(p: ReinvestmentProposal): ProposalDto {
  return {
    id: p.id,
    enterpriseId: p.enterpriseId,
    amountPence: p.amountPence,
    purpose: p.purpose,
    title: p.title,
    opportunities: p.opportunities,
    status: p.status,
    leadApprovedByUserId: p.leadApprovedByUserId,
    leadApprovedAt: iso(p.leadApprovedAt),
    adminApprovedByUserId: p.adminApprovedByUserId,
    adminApprovedAt: iso(p.adminApprovedAt),
    rejectedByUserId: p.rejectedByUserId,
    rejectionReason: p.rejectionReason,
    reserveEntryId: p.reserveEntryId,
    spendEntryId: p.spendEntryId,
    fundedWorkRoleIds: p.fundedWorkRoleIds,
    fundedPlacementIds: p.fundedPlacementIds,
    createdAt: new Date(p.createdAt).toISOString(),
  };
}

/**
 * Reinvestment proposals: approved by a lead of the enterprise AND an admin, in either order
 * (two approvals by two people, since one user has one role); the second approval moves the
 * amount to the reinvestment reserve, spending posts from it. Rejection needs a reason.
 */
@Injectable()
export class ReinvestmentService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: ReinvestmentRepository,
    private readonly ledgerRepo: LedgerRepository,
    private readonly ledger: LedgerService,
    private readonly reports: ReportsService,
    private readonly access: EnterpriseAccess,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, enterpriseId: string): Promise<ProposalListDto> {
    return this.uow.read(async (em) => {
      await this.access.findManageable(em, user, enterpriseId);
      return { availableSurplusPence: await this.reports.availableSurplusIn(em, enterpriseId), items: (await this.repo.findForEnterprise(em, enterpriseId)).map(toProposalDto) };
    });
  }

  async get(user: AuthUser, id: string): Promise<ProposalDto> {
    return this.uow.read(async (em) => toProposalDto(await this.proposalFor(em, user, id)));
  }

  async create(user: AuthUser, enterpriseId: string, dto: CreateProposalDto): Promise<ProposalDto> {
    return this.uow.run(async (em) => {
      await this.access.findManageable(em, user, enterpriseId);
      const now = new Date();
      const p = {
        id: newId(),
        enterpriseId,
        amountPence: dto.amountPence,
        purpose: dto.purpose,
        title: dto.title,
        opportunities: dto.opportunities,
        status: 'PROPOSED',
        leadApprovedByUserId: null,
        leadApprovedAt: null,
        adminApprovedByUserId: null,
        adminApprovedAt: null,
        rejectedByUserId: null,
        rejectionReason: null,
        reserveEntryId: null,
        spendEntryId: null,
        fundedWorkRoleIds: [],
        fundedPlacementIds: [],
        createdByUserId: user.id,
        createdAt: now,
        updatedAt: now,
      } as ReinvestmentProposal;
      await em.insert(ReinvestmentProposal, p);
      await this.audit.record({ action: 'reinvestment.propose', entityType: 'reinvestment_proposal', entityId: p.id, detail: { enterpriseId, amountPence: p.amountPence, purpose: p.purpose } });
      return toProposalDto(p);
    });
  }

  /** The lead's or the admin's approval; the second one moves the amount to the reinvestment reserve. */
  async approve(user: AuthUser, id: string): Promise<ProposalDto> {
    return this.uow.run(async (em) => {
      const p = await this.lockedProposal(em, user, id);
      if (p.status !== 'PROPOSED') throw LedgerErrors.proposalNotOpen(p.status);
      const now = new Date();
      if (user.role === 'ADMIN') {
        if (p.adminApprovedByUserId) throw LedgerErrors.alreadyApproved('admin');
        p.adminApprovedByUserId = user.id;
        p.adminApprovedAt = now;
      } else if (user.role === 'ENTERPRISE_LEAD') {
        if (p.leadApprovedByUserId) throw LedgerErrors.alreadyApproved('enterprise lead');
        p.leadApprovedByUserId = user.id;
        p.leadApprovedAt = now;
      } else {
        throw LedgerErrors.notAnApprover();
      }
      const available = await this.reports.availableSurplusIn(em, p.enterpriseId);
      if (p.amountPence > available) throw LedgerErrors.insufficientSurplus(available, p.amountPence);
      if (p.leadApprovedByUserId && p.adminApprovedByUserId) {
        const e = reserveEntry(p.amountPence, p.title);
        const posted = await this.ledger.postIn(em, user, p.enterpriseId, { ...e, idempotencyKey: `reinvestment:${p.id}:reserve`, occurredOn: londonDate(now), postToNextOpenPeriod: true });
        p.reserveEntryId = posted.entry.id;
        p.status = 'APPROVED';
      }
      p.updatedAt = now;
      await em.save(p);
      await this.audit.record({ action: 'reinvestment.approve', entityType: 'reinvestment_proposal', entityId: p.id, detail: { enterpriseId: p.enterpriseId, as: user.role, status: p.status } });
      return toProposalDto(p);
    });
  }

  async reject(user: AuthUser, id: string, reason: string): Promise<ProposalDto> {
    return this.uow.run(async (em) => {
      const p = await this.lockedProposal(em, user, id);
      if (p.status !== 'PROPOSED') throw LedgerErrors.proposalNotOpen(p.status);
      p.status = 'REJECTED';
      p.rejectedByUserId = user.id;
      p.rejectionReason = reason;
      p.updatedAt = new Date();
      await em.save(p);
      await this.audit.record({ action: 'reinvestment.reject', entityType: 'reinvestment_proposal', entityId: p.id, detail: { enterpriseId: p.enterpriseId } });
      return toProposalDto(p);
    });
  }

  /** Spends an approved proposal from the reserve (see spendEntry for the double entry). */
  async spend(user: AuthUser, id: string, dto: SpendProposalDto): Promise<ProposalDto> {
    return this.uow.run(async (em) => {
      const p = await this.lockedProposal(em, user, id);
      if (p.status !== 'APPROVED') throw LedgerErrors.proposalNotApproved(p.status);
      const expenseCode = dto.expenseAccountCode ?? PURPOSE_EXPENSE_CODE[p.purpose];
      const accounts = await this.ledgerRepo.ensureAccounts(em, p.enterpriseId);
      const expense = accounts.find((a) => a.code === expenseCode);
      if (!expense || expense.closed || !(expense.type === 'EXPENSE' || expense.type === 'ASSET')) throw LedgerErrors.badAccountForSpending(expenseCode);
      const e = spendEntry(p.amountPence, expenseCode, dto.paidFrom === 'CASH' ? CODES.cash : CODES.bank, p.title);
      const posted = await this.ledger.postIn(em, user, p.enterpriseId, { ...e, idempotencyKey: dto.idempotencyKey ?? `reinvestment:${p.id}:spend`, occurredOn: dto.spentOn ?? londonDate() });
      p.spendEntryId = posted.entry.id;
      p.status = 'SPENT';
      p.updatedAt = new Date();
      await em.save(p);
      await this.audit.record({ action: 'reinvestment.spend', entityType: 'reinvestment_proposal', entityId: p.id, detail: { enterpriseId: p.enterpriseId, expenseCode } });
      return toProposalDto(p);
    });
  }

  /** Records the work roles and placements an approved or spent reinvestment created. */
  async linkOpportunities(user: AuthUser, id: string, dto: OpportunitiesDto): Promise<ProposalDto> {
    return this.uow.run(async (em) => {
      const p = await this.lockedProposal(em, user, id);
      if (p.status !== 'APPROVED' && p.status !== 'SPENT') throw LedgerErrors.proposalNotApproved(p.status);
      const roleIds = dto.workRoleIds ?? p.fundedWorkRoleIds;
      const placementIds = dto.placementIds ?? p.fundedPlacementIds;
      const roles = roleIds.length ? await em.find(WorkRole, { select: { id: true }, where: { id: In(roleIds), enterpriseId: p.enterpriseId } }) : [];
      if (roles.length !== roleIds.length) throw AppError.validation('Every work role must belong to this enterprise', [{ field: 'workRoleIds', message: 'Every work role must belong to this enterprise' }]);
      if (placementIds.length) {
        const n = await em
          .createQueryBuilder(Placement, 'pl')
          .innerJoin(WorkRole, 'r', 'r.id = pl.workRoleId')
          .where('pl.id IN (:...ids)', { ids: placementIds })
          .andWhere('r.enterpriseId = :enterpriseId', { enterpriseId: p.enterpriseId })
          .getCount();
        if (n !== placementIds.length) throw AppError.validation('Every placement must be in a work role of this enterprise', [{ field: 'placementIds', message: 'Every placement must be in a work role of this enterprise' }]);
      }
      p.fundedWorkRoleIds = roleIds;
      p.fundedPlacementIds = placementIds;
      p.updatedAt = new Date();
      await em.save(p);
      await this.audit.record({ action: 'reinvestment.opportunities', entityType: 'reinvestment_proposal', entityId: p.id, detail: { enterpriseId: p.enterpriseId, roles: roleIds.length, placements: placementIds.length } });
      return toProposalDto(p);
    });
  }

  /** Surplus -> reinvestment -> opportunities for one enterprise (role titles and placement counts; no patient data). */
  async trace(user: AuthUser, enterpriseId: string): Promise<ReinvestmentTraceDto> {
    return this.uow.read(async (em) => {
      await this.access.findManageable(em, user, enterpriseId);
      const proposals = await this.repo.findForEnterprise(em, enterpriseId);
      const roleIds = [...new Set(proposals.flatMap((p) => p.fundedWorkRoleIds))];
      const roles = roleIds.length ? await em.find(WorkRole, { select: { id: true, title: true }, where: { id: In(roleIds) } }) : [];
      const titles = new Map(roles.map((r) => [r.id, r.title]));
      const byType = await this.ledgerRepo.sumByType(em, enterpriseId, {});
      const surplusToDatePence = (byType.get('INCOME')?.creditPence ?? 0) - (byType.get('INCOME')?.debitPence ?? 0) - ((byType.get('EXPENSE')?.debitPence ?? 0) - (byType.get('EXPENSE')?.creditPence ?? 0));
      const sum = (status: string) => proposals.filter((p) => p.status === status).reduce((t, p) => t + p.amountPence, 0);
      return {
        enterpriseId,
        surplusToDatePence,
        availableSurplusPence: await this.reports.availableSurplusIn(em, enterpriseId),
        reservedPence: sum('APPROVED'),
        reinvestedPence: sum('SPENT'),
        proposals: proposals
          .filter((p) => p.status === 'APPROVED' || p.status === 'SPENT')
          .map((p) => ({
            id: p.id,
            title: p.title,
            purpose: p.purpose,
            status: p.status,
            amountPence: p.amountPence,
            opportunities: p.opportunities,
            fundedWorkRoles: p.fundedWorkRoleIds.map((rid) => ({ id: rid, title: titles.get(rid) ?? '' })),
            placementsFunded: p.fundedPlacementIds.length,
          })),
      };
    });
  }

  private async proposalFor(em: EntityManager, user: AuthUser, id: string): Promise<ReinvestmentProposal> {
    const p = await this.repo.findProposal(em, id);
    if (!p) throw AppError.notFound('Reinvestment proposal');
    await this.access.findManageable(em, user, p.enterpriseId);
    return p;
  }

  /** The proposal re-read after locking its enterprise, so two approvals cannot cross. */
  private async lockedProposal(em: EntityManager, user: AuthUser, id: string): Promise<ReinvestmentProposal> {
    const p = await this.proposalFor(em, user, id);
    await this.ledgerRepo.lockEnterprise(em, p.enterpriseId, this.uow.lockMode());
    return (await this.repo.findProposal(em, id))!;
  }
}
