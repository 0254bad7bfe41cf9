import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isValidDate } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import { newId } from '../database/columns';
import type { LedgerAccount } from './account.entity';
import { JournalEntry } from './journal-entry.entity';
import { JournalLine } from './journal-line.entity';
import { LedgerErrors } from './ledger.errors';
import { LedgerRepository, type LockMode } from './ledger.repository';
import { chainHashOf, checkLines, contentHashOf, firstOpenMonthFrom, GENESIS_HASH, monthOf, normaliseLines, type LineInput } from './ledger-rules';
import type { EntrySource } from './ledger.types';

export interface PostRequest {
  enterpriseId: string;
  userId: string;
  idempotencyKey: string;
  occurredOn: string;
  description: string;
  source: EntrySource;
  lines: LineInput[];
  reversesEntryId?: string | null;
  /** An explicit, recorded choice: date an entry that falls in a closed month on the first day of the next open one. */
  postToNextOpenPeriod?: boolean;
}

export interface PostedLine {
  lineNo: number;
  accountCode: string;
  accountName: string;
  debitPence: number;
  creditPence: number;
}

export interface Posted {
  entry: JournalEntry;
  lines: PostedLine[];
  /** false when the same request was already posted: the original is returned. */
  created: boolean;
}

/**
 * Posts journal entries: the double-entry rules, idempotency, closed periods and the hash
 * chain, inside the caller's transaction. The enterprise row is locked first (on PostgreSQL;
 * SQLite units of work are already serialized), so the idempotency check, the period check and
 * reading the head of the chain all happen while no other posting of that enterprise can run.
 * Access checks and auditing are the caller's.
 */
@Injectable()
export class JournalPoster {
  constructor(private readonly repo: LedgerRepository) {}

  async post(em: EntityManager, req: PostRequest, lock: LockMode): Promise<Posted> {
    if (!isValidDate(req.occurredOn)) throw AppError.validation('occurredOn is not a real date', [{ field: 'occurredOn', message: 'occurredOn must be a real date as YYYY-MM-DD' }]);
    const check = checkLines(req.lines);
    if (!check.ok) throw LedgerErrors.lines(check.code!, check.message!, check.details);

    const enterprise = await this.repo.lockEnterprise(em, req.enterpriseId, lock);
    if (!enterprise) throw AppError.notFound('Enterprise');

    const content = { occurredOn: req.occurredOn, description: req.description, source: req.source, reversesEntryId: req.reversesEntryId ?? null, lines: normaliseLines(req.lines) };
    const contentHash = contentHashOf(content);
    const existing = await this.repo.findEntryByKey(em, req.enterpriseId, req.idempotencyKey);
    if (existing) {
      if (existing.contentHash !== contentHash) throw LedgerErrors.idempotencyConflict(existing.id);
      return { entry: existing, lines: await this.linesOf(em, existing.id), created: false };
    }

    const accounts = await this.repo.ensureAccounts(em, req.enterpriseId);
    const byCode = new Map(accounts.map((a) => [a.code, a]));
    const unknown: { field: string; code: string }[] = [];
    const closed: { field: string; code: string }[] = [];
    content.lines.forEach((l, i) => {
      const a = byCode.get(l.accountCode);
      if (!a) unknown.push({ field: `lines.${i}.accountCode`, code: l.accountCode });
      else if (a.closed) closed.push({ field: `lines.${i}.accountCode`, code: l.accountCode });
    });
    if (unknown.length) throw LedgerErrors.unknownAccount(unknown);
    if (closed.length) throw LedgerErrors.accountClosed(closed);

    let occurredOn = req.occurredOn;
    let originalOn: string | null = null;
    const month = monthOf(req.occurredOn);
    const closedMonths = await this.repo.findClosedMonthsFrom(em, req.enterpriseId, month);
    if (closedMonths.has(month)) {
      const open = firstOpenMonthFrom(month, closedMonths);
      if (!req.postToNextOpenPeriod) throw LedgerErrors.periodClosed(month, open);
      occurredOn = `${open}-01`;
      originalOn = req.occurredOn;
    }

    const last = await this.repo.findLastEntry(em, req.enterpriseId);
    const sequence = (last?.sequence ?? 0) + 1;
    const previousHash = last?.hash ?? GENESIS_HASH;
    const entryId = newId();
    const lines = content.lines.map(
      (l, i) =>
        ({ id: newId(), entryId, enterpriseId: req.enterpriseId, accountId: (byCode.get(l.accountCode) as LedgerAccount).id, lineNo: i + 1, occurredOn, debitPence: l.debitPence, creditPence: l.creditPence }) as JournalLine,
    );
    const hash = chainHashOf(previousHash, { enterpriseId: req.enterpriseId, sequence, occurredOn, originalOn, idempotencyKey: req.idempotencyKey, contentHash, createdByUserId: req.userId, lines });
    const entry = {
      id: entryId,
      enterpriseId: req.enterpriseId,
      sequence,
      occurredOn,
      originalOn,
      description: req.description,
      source: req.source,
      idempotencyKey: req.idempotencyKey,
      contentHash,
      previousHash,
      hash,
      reversesEntryId: req.reversesEntryId ?? null,
      createdByUserId: req.userId,
      createdAt: new Date(),
    } as JournalEntry;
    await this.repo.insertEntry(em, entry, lines);
    return {
      entry,
      created: true,
      lines: lines.map((l) => {
        const a = byCode.get(content.lines[l.lineNo - 1].accountCode)!;
        return { lineNo: l.lineNo, accountCode: a.code, accountName: a.name, debitPence: l.debitPence, creditPence: l.creditPence };
      }),
    };
  }

  async linesOf(em: EntityManager, entryId: string): Promise<PostedLine[]> {
    return (await this.repo.findLines(em, [entryId])).map(({ lineNo, accountCode, accountName, debitPence, creditPence }) => ({ lineNo, accountCode, accountName, debitPence, creditPence }));
  }
}
