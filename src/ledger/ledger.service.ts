import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { londonDate } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import type { Page } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { newId } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { EnterpriseAccess } from '../enterprises/enterprise-access';
import type { Enterprise } from '../enterprises/enterprise.entity';
import { LedgerAccount } from './account.entity';
import type { AccountDto, CreateAccountDto, JournalEntryDto, JournalQueryDto, PeriodDto, PostEntryDto, ReversalDto, VerifyDto } from './dto/ledger.dto';
import type { JournalEntry } from './journal-entry.entity';
import { LedgerPeriod } from './ledger-period.entity';
import { LedgerErrors } from './ledger.errors';
import { LedgerRepository } from './ledger.repository';
import { entryProblem, GENESIS_HASH, mirrorLines, monthOf } from './ledger-rules';
import type { EntrySource } from './ledger.types';
import { JournalPoster, type Posted, type PostedLine } from './posting';

export function toAccountDto(a: LedgerAccount): AccountDto {
  return { id: a.id, code: a.code, name: a.name, type: a.type, closed: a.closed };
}

export function toEntryDto(e: JournalEntry, lines: PostedLine[], reversedByEntryId?: string | null): JournalEntryDto {
  return {
    id: e.id,
    enterpriseId: e.enterpriseId,
    sequence: e.sequence,
    occurredOn: e.occurredOn,
    originalOn: e.originalOn,
    description: e.description,
    source: e.source,
    idempotencyKey: e.idempotencyKey,
    reversesEntryId: e.reversesEntryId,
    ...(reversedByEntryId !== undefined ? { reversedByEntryId } : {}),
    previousHash: e.previousHash,
    hash: e.hash,
    createdByUserId: e.createdByUserId,
    createdAt: new Date(e.createdAt).toISOString(),
    lines: lines.map(({ lineNo, accountCode, accountName, debitPence, creditPence }) => ({ lineNo, accountCode, accountName, debitPence, creditPence })),
  };
}

/** A posting from any part of the ledger (journal, everyday money, payroll, reinvestment). */
export interface EntryRequest {
  idempotencyKey: string;
  occurredOn: string;
  description: string;
  source: EntrySource;
  lines: { accountCode: string; debitPence?: number; creditPence?: number }[];
  postToNextOpenPeriod?: boolean;
  reversesEntryId?: string | null;
}

const VERIFY_BATCH = 500;

/** Accounts, the journal (posting, reversal, verification) and closed periods of an enterprise's ledger. */
@Injectable()
export class LedgerService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: LedgerRepository,
    private readonly poster: JournalPoster,
    private readonly access: EnterpriseAccess,
    private readonly audit: AuditService,
  ) {}

  /** The enterprise when the caller is one of its leads or an admin (404 missing, 403 not theirs). */
  manageable(em: EntityManager, user: AuthUser, enterpriseId: string): Promise<Enterprise> {
    return this.access.findManageable(em, user, enterpriseId);
  }

  // ---- accounts ----

  async accounts(user: AuthUser, enterpriseId: string): Promise<AccountDto[]> {
    return this.uow.run(async (em) => {
      await this.manageable(em, user, enterpriseId);
      const accounts = await this.repo.findAccounts(em, enterpriseId);
      if (accounts.length) return accounts.map(toAccountDto);
      await this.repo.lockEnterprise(em, enterpriseId, this.uow.lockMode());
      return (await this.repo.ensureAccounts(em, enterpriseId)).map(toAccountDto);
    });
  }

  async addAccount(user: AuthUser, enterpriseId: string, dto: CreateAccountDto): Promise<AccountDto> {
    return this.uow.run(async (em) => {
      await this.manageable(em, user, enterpriseId);
      await this.repo.lockEnterprise(em, enterpriseId, this.uow.lockMode());
      const accounts = await this.repo.ensureAccounts(em, enterpriseId);
      if (accounts.some((a) => a.code === dto.code)) throw LedgerErrors.accountCodeTaken(dto.code);
      const account = { id: newId(), enterpriseId, code: dto.code, name: dto.name, type: dto.type, closed: false, createdAt: new Date() } as LedgerAccount;
      await em.insert(LedgerAccount, account);
      await this.audit.record({ action: 'ledger.account.create', entityType: 'ledger_account', entityId: account.id, detail: { enterpriseId, code: dto.code, type: dto.type } });
      return toAccountDto(account);
    });
  }

  /** Accounts are never deleted: a closed one keeps its history and takes no new lines. */
  async closeAccount(user: AuthUser, enterpriseId: string, code: string): Promise<AccountDto> {
    return this.uow.run(async (em) => {
      await this.manageable(em, user, enterpriseId);
      await this.repo.lockEnterprise(em, enterpriseId, this.uow.lockMode());
      await this.repo.ensureAccounts(em, enterpriseId);
      const account = await this.repo.findAccountByCode(em, enterpriseId, code);
      if (!account) throw AppError.notFound('Account');
      if (!account.closed) {
        account.closed = true;
        await em.update(LedgerAccount, { id: account.id }, { closed: true });
        await this.audit.record({ action: 'ledger.account.close', entityType: 'ledger_account', entityId: account.id, detail: { enterpriseId, code } });
      }
      return toAccountDto(account);
    });
  }

  // ---- posting ----

  /** Posts a manual journal entry. `created` is false when the same request was posted before. */
  async postManual(user: AuthUser, enterpriseId: string, dto: PostEntryDto): Promise<{ entry: JournalEntryDto; created: boolean }> {
    return this.postAs(user, enterpriseId, { ...dto, source: 'MANUAL' });
  }

  /** Posts an entry for the caller after the access check, in one transaction with its audit event. */
  async postAs(user: AuthUser, enterpriseId: string, req: EntryRequest): Promise<{ entry: JournalEntryDto; created: boolean }> {
    return this.uow.run(async (em) => {
      await this.manageable(em, user, enterpriseId);
      const posted = await this.postIn(em, user, enterpriseId, req);
      return { entry: toEntryDto(posted.entry, posted.lines), created: posted.created };
    });
  }

  /** Posts inside the caller's unit of work (access already checked), with its audit event. */
  async postIn(em: EntityManager, user: AuthUser, enterpriseId: string, req: EntryRequest): Promise<Posted> {
    const posted = await this.poster.post(em, { ...req, enterpriseId, userId: user.id }, this.uow.lockMode());
    if (posted.created) {
      await this.audit.record({ action: 'ledger.entry.post', entityType: 'journal_entry', entityId: posted.entry.id, detail: { enterpriseId, source: req.source, sequence: posted.entry.sequence, movedFrom: posted.entry.originalOn ?? undefined } });
    }
    return posted;
  }

  async reverse(user: AuthUser, entryId: string, dto: ReversalDto): Promise<{ entry: JournalEntryDto; created: boolean }> {
    return this.uow.run(async (em) => {
      const original = await this.repo.findEntry(em, entryId);
      if (!original) throw AppError.notFound('Journal entry');
      await this.manageable(em, user, original.enterpriseId);
      await this.repo.lockEnterprise(em, original.enterpriseId, this.uow.lockMode());
      const key = dto.idempotencyKey ?? `reversal:${original.id}`;
      const retried = dto.idempotencyKey ? await this.repo.findEntryByKey(em, original.enterpriseId, key) : null;
      if (!retried) {
        const earlier = await this.repo.findReversalOf(em, original.enterpriseId, original.id);
        if (earlier) throw LedgerErrors.alreadyReversed(earlier.id);
      }
      const lines = await this.poster.linesOf(em, original.id);
      const posted = await this.postIn(em, user, original.enterpriseId, {
        idempotencyKey: key,
        occurredOn: dto.occurredOn ?? londonDate(),
        description: dto.description ?? `Reversal of entry ${original.sequence}: ${original.description}`.slice(0, 300),
        source: 'REVERSAL',
        reversesEntryId: original.id,
        lines: mirrorLines(lines),
        postToNextOpenPeriod: dto.postToNextOpenPeriod,
      });
      return { entry: toEntryDto(posted.entry, posted.lines), created: posted.created };
    });
  }

  // ---- reading the journal ----

  async get(user: AuthUser, entryId: string): Promise<JournalEntryDto> {
    return this.uow.read(async (em) => {
      const entry = await this.repo.findEntry(em, entryId);
      if (!entry) throw AppError.notFound('Journal entry');
      await this.manageable(em, user, entry.enterpriseId);
      const reversal = await this.repo.findReversalOf(em, entry.enterpriseId, entry.id);
      return toEntryDto(entry, await this.poster.linesOf(em, entry.id), reversal?.id ?? null);
    });
  }

  async list(user: AuthUser, enterpriseId: string, q: JournalQueryDto): Promise<Page<JournalEntryDto>> {
    return this.uow.read(async (em) => {
      await this.manageable(em, user, enterpriseId);
      const limit = q.limit ?? 50;
      const offset = q.offset ?? 0;
      let accountId: string | undefined;
      if (q.accountCode) {
        const account = await this.repo.findAccountByCode(em, enterpriseId, q.accountCode);
        if (!account) return { items: [], total: 0, limit, offset };
        accountId = account.id;
      }
      const [entries, total] = await this.repo.findJournalPage(em, enterpriseId, { from: q.from, to: q.to, source: q.source, accountId, limit, offset });
      const ids = entries.map((e) => e.id);
      const lines = await this.repo.findLines(em, ids);
      const reversals = await this.repo.findReversalsOf(em, enterpriseId, ids);
      const byEntry = new Map<string, PostedLine[]>();
      for (const l of lines) byEntry.set(l.entryId, [...(byEntry.get(l.entryId) ?? []), l]);
      return { items: entries.map((e) => toEntryDto(e, byEntry.get(e.id) ?? [], reversals.get(e.id) ?? null)), total, limit, offset };
    });
  }

  /**
   * Recomputes the enterprise's hash chain from the stored rows, in batches: sequence numbers
   * without gaps, each previousHash equal to the hash before, each content and entry hash as
   * stored. Reports the first entry that fails.
   */
  async verify(user: AuthUser, enterpriseId: string): Promise<VerifyDto> {
    return this.uow.read(async (em) => {
      await this.manageable(em, user, enterpriseId);
      return this.verifyIn(em, enterpriseId);
    });
  }

  async verifyIn(em: EntityManager, enterpriseId: string): Promise<VerifyDto> {
    let previousHash = GENESIS_HASH;
    let sequence = 0;
    for (;;) {
      const batch = await this.repo.findEntriesAfter(em, enterpriseId, sequence, VERIFY_BATCH);
      if (!batch.length) break;
      const lines = await this.repo.findLines(em, batch.map((e) => e.id));
      const byEntry = new Map<string, typeof lines>();
      for (const l of lines) byEntry.set(l.entryId, [...(byEntry.get(l.entryId) ?? []), l]);
      for (const e of batch) {
        const problem = entryProblem(e, byEntry.get(e.id) ?? [], sequence + 1, previousHash);
        if (problem) return { valid: false, entries: await this.repo.countEntries(em, enterpriseId), firstBadEntryId: e.id, firstBadSequence: e.sequence, problem };
        previousHash = e.hash;
        sequence = e.sequence;
      }
    }
    return { valid: true, entries: sequence };
  }

  // ---- periods ----

  async periods(user: AuthUser, enterpriseId: string): Promise<PeriodDto[]> {
    return this.uow.read(async (em) => {
      await this.manageable(em, user, enterpriseId);
      return (await this.repo.findClosedPeriods(em, enterpriseId)).map(toPeriodDto);
    });
  }

  /** Closes a month for good: it takes no new entries. Serialized with postings by the enterprise lock. */
  async closePeriod(user: AuthUser, enterpriseId: string, month: string): Promise<PeriodDto> {
    return this.uow.run(async (em) => {
      await this.manageable(em, user, enterpriseId);
      await this.repo.lockEnterprise(em, enterpriseId, this.uow.lockMode());
      if (month > monthOf(londonDate())) throw LedgerErrors.periodNotEnded(month);
      const closed = await this.repo.findClosedPeriods(em, enterpriseId);
      if (closed.some((p) => p.month === month)) throw LedgerErrors.periodAlreadyClosed(month);
      const period = { id: newId(), enterpriseId, month, closedByUserId: user.id, closedAt: new Date() } as LedgerPeriod;
      await em.insert(LedgerPeriod, period);
      await this.audit.record({ action: 'ledger.period.close', entityType: 'ledger_period', entityId: period.id, detail: { enterpriseId, month } });
      return toPeriodDto(period);
    });
  }
}

export function toPeriodDto(p: LedgerPeriod): PeriodDto {
  return { month: p.month, closedAt: new Date(p.closedAt).toISOString(), closedByUserId: p.closedByUserId };
}
