import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, RefColumn } from '../database/columns';
import { LedgerAccount } from './account.entity';
import { JournalEntry } from './journal-entry.entity';

/** One side of a journal entry. Append-only. occurredOn is copied for period aggregates. */
@Entity('journal_lines')
@Index('ix_journal_lines_entry', ['entryId'])
@Index('ix_journal_lines_account_date', ['enterpriseId', 'accountId', 'occurredOn'])
@Index('ix_journal_lines_date', ['enterpriseId', 'occurredOn'])
export class JournalLine {
  @IdColumn() id: string;
  @RefColumn() entryId: string;
  @ManyToOne(() => JournalEntry, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'entryId' }) entry?: JournalEntry;
  @RefColumn() enterpriseId: string;
  @RefColumn() accountId: string;
  @ManyToOne(() => LedgerAccount, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'accountId' }) account?: LedgerAccount;
  @Column({ type: 'integer' }) lineNo: number;
  @Column({ type: 'date' }) occurredOn: string;
  @Column({ type: 'integer' }) debitPence: number;
  @Column({ type: 'integer' }) creditPence: number;
}
