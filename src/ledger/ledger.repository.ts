import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, In, MoreThan, MoreThanOrEqual } from 'typeorm';
import { newId, toInt } from '../database/columns';
import { Enterprise } from '../enterprises/enterprise.entity';
import { LedgerAccount } from './account.entity';
import { JournalEntry } from './journal-entry.entity';
import { JournalLine } from './journal-line.entity';
import { LedgerPeriod } from './ledger-period.entity';
import { ACCOUNT_TEMPLATE, type AccountType, type EntrySource } from './ledger.types';

export type LockMode = { mode: 'pessimistic_write' } | undefined;

export interface AccountSums {
  accountId: string;
  debitPence: number;
  creditPence: number;
}

export interface LineWithAccount {
  entryId: string;
  enterpriseId: string;
  occurredOn: string;
  lineNo: number;
  accountId: string;
  accountCode: string;
  accountName: string;
  debitPence: number;
  creditPence: number;
}

export interface JournalFilter {
  from?: string;
  to?: string;
  source?: EntrySource;
  accountId?: string;
  limit: number;
  offset: number;
}

const isPg = (em: EntityManager) => em.connection.options.type === 'postgres';

/** Queries of the ledger. Aggregates run in the database; nothing here loads every line. */
@Injectable()
export class LedgerRepository {
  /** The enterprise row, locked FOR UPDATE on PostgreSQL: postings of one enterprise queue behind it. */
  lockEnterprise(em: EntityManager, enterpriseId: string, lock: LockMode): Promise<Enterprise | null> {
    return em.findOne(Enterprise, { where: { id: enterpriseId }, lock });
  }

  findAccounts(em: EntityManager, enterpriseId: string): Promise<LedgerAccount[]> {
    return em.find(LedgerAccount, { where: { enterpriseId }, order: { code: 'ASC' } });
  }

  /**
   * The enterprise's accounts, creating the template ones on first use. Call it with the
   * enterprise row locked (or on SQLite), so two first uses cannot both create them.
   */
  async ensureAccounts(em: EntityManager, enterpriseId: string): Promise<LedgerAccount[]> {
    const existing = await this.findAccounts(em, enterpriseId);
    const have = new Set(existing.map((a) => a.code));
    const missing = existing.length ? [] : ACCOUNT_TEMPLATE.filter((t) => !have.has(t.code));
    if (!missing.length) return existing;
    const now = new Date();
    const rows = missing.map((t) => ({ id: newId(), enterpriseId, code: t.code, name: t.name, type: t.type, closed: false, createdAt: now }) as LedgerAccount);
    await em.insert(LedgerAccount, rows);
    // Read back rather than trust `rows`: on SQLite, TypeORM's bulk insert merges the re-selected
    // defaults into the objects by position, and with the larger template it mixed them up.
    return this.findAccounts(em, enterpriseId);
  }

  findAccountByCode(em: EntityManager, enterpriseId: string, code: string): Promise<LedgerAccount | null> {
    return em.findOne(LedgerAccount, { where: { enterpriseId, code } });
  }

  findEntryByKey(em: EntityManager, enterpriseId: string, idempotencyKey: string): Promise<JournalEntry | null> {
    return em.findOne(JournalEntry, { where: { enterpriseId, idempotencyKey } });
  }

  findEntry(em: EntityManager, id: string): Promise<JournalEntry | null> {
    return em.findOne(JournalEntry, { where: { id } });
  }

  /** The head of the enterprise's chain (ux_journal_entries_sequence answers it from the index). */
  findLastEntry(em: EntityManager, enterpriseId: string): Promise<Pick<JournalEntry, 'sequence' | 'hash'> | null> {
    return em.findOne(JournalEntry, { select: { sequence: true, hash: true }, where: { enterpriseId }, order: { sequence: 'DESC' } });
  }

  countEntries(em: EntityManager, enterpriseId: string): Promise<number> {
    return em.count(JournalEntry, { where: { enterpriseId } });
  }

  /** The entry that reverses the given one, if any. */
  findReversalOf(em: EntityManager, enterpriseId: string, entryId: string): Promise<JournalEntry | null> {
    return em.findOne(JournalEntry, { where: { enterpriseId, reversesEntryId: entryId } });
  }

  async findReversalsOf(em: EntityManager, enterpriseId: string, entryIds: string[]): Promise<Map<string, string>> {
    if (!entryIds.length) return new Map();
    const rows = await em.find(JournalEntry, { select: { id: true, reversesEntryId: true }, where: { enterpriseId, reversesEntryId: In(entryIds) } });
    return new Map(rows.map((r) => [r.reversesEntryId!, r.id]));
  }

  async insertEntry(em: EntityManager, entry: JournalEntry, lines: JournalLine[]): Promise<void> {
    await em.insert(JournalEntry, entry);
    await em.insert(JournalLine, lines);
  }

  /** Lines of some entries with their account code and name, in entry and line order. */
  async findLines(em: EntityManager, entryIds: string[]): Promise<LineWithAccount[]> {
    if (!entryIds.length) return [];
    const rows = await em
      .createQueryBuilder(JournalLine, 'l')
      .innerJoin(LedgerAccount, 'a', 'a.id = l.accountId')
      .select('l.entryId', 'entryId')
      .addSelect('l.enterpriseId', 'enterpriseId')
      .addSelect('CAST(l.occurredOn AS VARCHAR(10))', 'occurredOn')
      .addSelect('l.lineNo', 'lineNo')
      .addSelect('l.accountId', 'accountId')
      .addSelect('a.code', 'accountCode')
      .addSelect('a.name', 'accountName')
      .addSelect('l.debitPence', 'debitPence')
      .addSelect('l.creditPence', 'creditPence')
      .where('l.entryId IN (:...ids)', { ids: entryIds })
      .orderBy('l.entryId')
      .addOrderBy('l.lineNo')
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      entryId: String(r.entryId),
      enterpriseId: String(r.enterpriseId),
      occurredOn: String(r.occurredOn),
      lineNo: toInt(r.lineNo),
      accountId: String(r.accountId),
      accountCode: String(r.accountCode),
      accountName: String(r.accountName),
      debitPence: toInt(r.debitPence),
      creditPence: toInt(r.creditPence),
    }));
  }

  /** A page of the journal, newest first, with optional date, source and account filters. */
  findJournalPage(em: EntityManager, enterpriseId: string, f: JournalFilter): Promise<[JournalEntry[], number]> {
    const qb = em.createQueryBuilder(JournalEntry, 'e').where('e.enterpriseId = :enterpriseId', { enterpriseId });
    if (f.from) qb.andWhere('e.occurredOn >= :from', { from: f.from });
    if (f.to) qb.andWhere('e.occurredOn <= :to', { to: f.to });
    if (f.source) qb.andWhere('e.source = :source', { source: f.source });
    if (f.accountId) {
      qb.andWhere(
        new Brackets((w) =>
          w.where(`EXISTS (SELECT 1 FROM journal_lines jl WHERE jl."entryId" = e.id AND jl."accountId" = :accountId)`, { accountId: f.accountId }),
        ),
      );
    }
    return qb.orderBy('e.sequence', 'DESC').take(f.limit).skip(f.offset).getManyAndCount();
  }

  findClosedPeriods(em: EntityManager, enterpriseId: string): Promise<LedgerPeriod[]> {
    return em.find(LedgerPeriod, { where: { enterpriseId }, order: { month: 'ASC' } });
  }

  async findClosedMonthsFrom(em: EntityManager, enterpriseId: string, fromMonth: string): Promise<Set<string>> {
    const rows = await em.find(LedgerPeriod, { select: { month: true }, where: { enterpriseId, month: MoreThanOrEqual(fromMonth) } });
    return new Set(rows.map((r) => r.month));
  }

  /** Entries after a sequence number, in order, for walking the chain in batches. */
  findEntriesAfter(em: EntityManager, enterpriseId: string, afterSequence: number, limit: number): Promise<JournalEntry[]> {
    return em.find(JournalEntry, { where: { enterpriseId, sequence: MoreThan(afterSequence) }, order: { sequence: 'ASC' }, take: limit });
  }

  /**
   * Debits and credits summed per account over a date range (both ends inclusive, either
   * optional), in one grouped query on ix_journal_lines_date.
   */
  async sumByAccount(em: EntityManager, enterpriseId: string, range: { from?: string; to?: string }): Promise<AccountSums[]> {
    const qb = em
      .createQueryBuilder(JournalLine, 'l')
      .select('l.accountId', 'accountId')
      .addSelect('SUM(l.debitPence)', 'debitPence')
      .addSelect('SUM(l.creditPence)', 'creditPence')
      .where('l.enterpriseId = :enterpriseId', { enterpriseId });
    if (range.from) qb.andWhere('l.occurredOn >= :from', { from: range.from });
    if (range.to) qb.andWhere('l.occurredOn <= :to', { to: range.to });
    const rows = await qb.groupBy('l.accountId').getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({ accountId: String(r.accountId), debitPence: toInt(r.debitPence), creditPence: toInt(r.creditPence) }));
  }

  /** Income and expense per month ('YYYY-MM') over a date range, in one grouped query. */
  async sumByMonthAndType(em: EntityManager, enterpriseId: string, from: string, to: string): Promise<{ month: string; type: AccountType; debitPence: number; creditPence: number }[]> {
    const month = isPg(em) ? `to_char(l."occurredOn", 'YYYY-MM')` : `substr(l."occurredOn", 1, 7)`;
    const rows = await em
      .createQueryBuilder(JournalLine, 'l')
      .innerJoin(LedgerAccount, 'a', 'a.id = l.accountId')
      .select(month, 'month')
      .addSelect('a.type', 'type')
      .addSelect('SUM(l.debitPence)', 'debitPence')
      .addSelect('SUM(l.creditPence)', 'creditPence')
      .where('l.enterpriseId = :enterpriseId', { enterpriseId })
      .andWhere('l.occurredOn >= :from AND l.occurredOn <= :to', { from, to })
      .andWhere('a.type IN (:...types)', { types: ['INCOME', 'EXPENSE'] })
      .groupBy(month)
      .addGroupBy('a.type')
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({ month: String(r.month), type: r.type as AccountType, debitPence: toInt(r.debitPence), creditPence: toInt(r.creditPence) }));
  }

  /** Income and expense totals of one enterprise over a range, by account type. */
  async sumByType(em: EntityManager, enterpriseId: string, range: { from?: string; to?: string }): Promise<Map<AccountType, { debitPence: number; creditPence: number }>> {
    const qb = em
      .createQueryBuilder(JournalLine, 'l')
      .innerJoin(LedgerAccount, 'a', 'a.id = l.accountId')
      .select('a.type', 'type')
      .addSelect('SUM(l.debitPence)', 'debitPence')
      .addSelect('SUM(l.creditPence)', 'creditPence')
      .where('l.enterpriseId = :enterpriseId', { enterpriseId });
    if (range.from) qb.andWhere('l.occurredOn >= :from', { from: range.from });
    if (range.to) qb.andWhere('l.occurredOn <= :to', { to: range.to });
    const rows = await qb.groupBy('a.type').getRawMany<Record<string, unknown>>();
    return new Map(rows.map((r) => [r.type as AccountType, { debitPence: toInt(r.debitPence), creditPence: toInt(r.creditPence) }]));
  }

  /** The all-time balance of one account, debits less credits. */
  async accountNetDebit(em: EntityManager, accountId: string, enterpriseId: string): Promise<number> {
    const r = await em
      .createQueryBuilder(JournalLine, 'l')
      .select('SUM(l.debitPence)', 'd')
      .addSelect('SUM(l.creditPence)', 'c')
      .where('l.enterpriseId = :enterpriseId AND l.accountId = :accountId', { enterpriseId, accountId })
      .getRawOne<Record<string, unknown>>();
    return toInt(r?.d) - toInt(r?.c);
  }
}
