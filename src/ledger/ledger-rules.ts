import { createHash } from 'node:crypto';
import type { ErrorDetail } from '../common/errors/app-error';
import type { AccountType, EntrySource } from './ledger.types';

/** previousHash of the first entry of every enterprise's chain. */
export const GENESIS_HASH = '0'.repeat(64);

export interface LineInput {
  accountCode: string;
  debitPence?: number;
  creditPence?: number;
}

/** What a journal entry says, as asked for: the basis of the idempotency check. */
export interface EntryContent {
  /** The date asked for (before any explicit move to the next open period). */
  occurredOn: string;
  description: string;
  source: EntrySource;
  reversesEntryId: string | null;
  lines: { accountCode: string; debitPence: number; creditPence: number }[];
}

/** The stored facts the chain hash covers. */
export interface ChainFacts {
  enterpriseId: string;
  sequence: number;
  occurredOn: string;
  originalOn: string | null;
  idempotencyKey: string;
  contentHash: string;
  createdByUserId: string;
  lines: { lineNo: number; accountId: string; debitPence: number; creditPence: number }[];
}

export interface LineCheck {
  ok: boolean;
  code?: 'LEDGER_TOO_FEW_LINES' | 'LEDGER_LINE_ONE_SIDE' | 'LEDGER_UNBALANCED';
  message?: string;
  details?: ErrorDetail[];
  debitPence: number;
  creditPence: number;
}

const isPositiveInt = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n > 0;
const isZeroOrAbsent = (n: unknown) => n === undefined || n === null || n === 0;

/**
 * Double-entry rules for the lines of one entry: at least two lines; each line has exactly one
 * side, a whole number of pence above zero; debits equal credits.
 */
export function checkLines(lines: LineInput[]): LineCheck {
  let debitPence = 0;
  let creditPence = 0;
  const sideErrors: ErrorDetail[] = [];
  lines.forEach((l, i) => {
    const debitOk = isPositiveInt(l.debitPence) && isZeroOrAbsent(l.creditPence);
    const creditOk = isPositiveInt(l.creditPence) && isZeroOrAbsent(l.debitPence);
    if (!debitOk && !creditOk) {
      sideErrors.push({ field: `lines.${i}`, code: 'LEDGER_LINE_ONE_SIDE', message: `Line ${i + 1} must have either a debit or a credit: a whole number of pence above zero, and not both` });
      return;
    }
    debitPence += debitOk ? (l.debitPence as number) : 0;
    creditPence += creditOk ? (l.creditPence as number) : 0;
  });
  if (lines.length < 2) {
    return { ok: false, code: 'LEDGER_TOO_FEW_LINES', message: 'A journal entry needs at least two lines', details: [{ field: 'lines', message: 'A journal entry needs at least two lines' }], debitPence, creditPence };
  }
  if (sideErrors.length) return { ok: false, code: 'LEDGER_LINE_ONE_SIDE', message: sideErrors.map((e) => e.message).join('; '), details: sideErrors, debitPence, creditPence };
  if (debitPence !== creditPence) {
    return {
      ok: false,
      code: 'LEDGER_UNBALANCED',
      message: `Debits (${debitPence} pence) do not equal credits (${creditPence} pence)`,
      details: [{ field: 'lines', message: 'Debits must equal credits', debitPence, creditPence, differencePence: debitPence - creditPence }],
      debitPence,
      creditPence,
    };
  }
  return { ok: true, debitPence, creditPence };
}

/** Lines with both sides as numbers (0 for the empty side). */
export function normaliseLines(lines: LineInput[]): EntryContent['lines'] {
  return lines.map((l) => ({ accountCode: l.accountCode, debitPence: l.debitPence ?? 0, creditPence: l.creditPence ?? 0 }));
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Canonical text of an entry's content: a fixed-order JSON array, so the same content always hashes the same. */
export function canonicalContent(c: EntryContent): string {
  return JSON.stringify(['ww-ledger-content/1', c.occurredOn, c.description, c.source, c.reversesEntryId, c.lines.map((l) => [l.accountCode, l.debitPence, l.creditPence])]);
}

export function contentHashOf(c: EntryContent): string {
  return sha256(canonicalContent(c));
}

/** Canonical text of a stored entry for the chain: sequence, dates, key, content hash, lines. */
export function canonicalChainFacts(f: ChainFacts): string {
  return JSON.stringify([
    'ww-ledger-entry/1',
    f.enterpriseId,
    f.sequence,
    f.occurredOn,
    f.originalOn,
    f.idempotencyKey,
    f.contentHash,
    f.createdByUserId,
    [...f.lines].sort((a, b) => a.lineNo - b.lineNo).map((l) => [l.lineNo, l.accountId, l.debitPence, l.creditPence]),
  ]);
}

/** Entry hash = sha256(previousHash + canonical facts): each entry seals the one before it. */
export function chainHashOf(previousHash: string, f: ChainFacts): string {
  return sha256(previousHash + canonicalChainFacts(f));
}

/** The mirror of an entry's lines: every debit becomes a credit and the other way round. */
export function mirrorLines(lines: EntryContent['lines']): EntryContent['lines'] {
  return lines.map((l) => ({ accountCode: l.accountCode, debitPence: l.creditPence, creditPence: l.debitPence }));
}

// ---- periods ----

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The first month at or after `month` that is not closed. */
export function firstOpenMonthFrom(month: string, closed: ReadonlySet<string>): string {
  let m = month;
  while (closed.has(m)) m = nextMonth(m);
  return m;
}

// ---- reports ----

/** The natural side of an account type: assets and expenses grow with debits, the rest with credits. */
export function isDebitNatured(type: AccountType): boolean {
  return type === 'ASSET' || type === 'EXPENSE';
}

/** An account's balance on its natural side, from summed debits and credits. */
export function naturalBalance(type: AccountType, debitPence: number, creditPence: number): number {
  return isDebitNatured(type) ? debitPence - creditPence : creditPence - debitPence;
}

/**
 * Surplus free for reinvestment: income less expenses to date, plus what the Retained surplus
 * account holds on its credit side (opening balances, reserve released) — which already
 * counts down every amount moved to the reinvestment reserve.
 */
export function availableSurplus(incomeLessExpensesPence: number, retainedSurplusCreditBalancePence: number): number {
  return incomeLessExpensesPence + retainedSurplusCreditBalancePence;
}

// ---- verifying the chain ----

export interface StoredEntry {
  id: string;
  enterpriseId: string;
  sequence: number;
  occurredOn: string;
  originalOn: string | null;
  description: string;
  source: EntrySource;
  idempotencyKey: string;
  contentHash: string;
  previousHash: string;
  hash: string;
  reversesEntryId: string | null;
  createdByUserId: string;
}

export interface StoredLine {
  lineNo: number;
  enterpriseId: string;
  occurredOn: string;
  accountId: string;
  accountCode: string;
  debitPence: number;
  creditPence: number;
}

/**
 * What is wrong with a stored entry, recomputed from its stored fields and lines, given the
 * sequence and previous hash the chain expects at its place; null when it is sound.
 */
export function entryProblem(e: StoredEntry, lines: StoredLine[], expectedSequence: number, expectedPreviousHash: string): string | null {
  if (e.sequence !== expectedSequence) return `sequence ${e.sequence} where ${expectedSequence} was expected (an entry is missing)`;
  if (e.previousHash !== expectedPreviousHash) return 'previousHash does not match the hash of the entry before';
  const ordered = [...lines].sort((a, b) => a.lineNo - b.lineNo);
  const content = {
    occurredOn: e.originalOn ?? e.occurredOn,
    description: e.description,
    source: e.source,
    reversesEntryId: e.reversesEntryId,
    lines: ordered.map((l) => ({ accountCode: l.accountCode, debitPence: l.debitPence, creditPence: l.creditPence })),
  };
  if (contentHashOf(content) !== e.contentHash) return 'the content (date, description, accounts or amounts) does not match its hash';
  const hash = chainHashOf(e.previousHash, { ...e, lines: ordered });
  if (hash !== e.hash) return 'the entry hash does not match its content and the previous hash';
  if (!checkLines(ordered).ok) return 'the lines do not balance';
  // Lines carry a copy of the date and enterprise for the report aggregates: they must agree.
  if (ordered.some((l) => l.occurredOn !== e.occurredOn || l.enterpriseId !== e.enterpriseId)) return 'a line’s date or enterprise differs from its entry’s';
  return null;
}
