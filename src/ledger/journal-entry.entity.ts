import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { Enterprise } from '../enterprises/enterprise.entity';
import type { EntrySource } from './ledger.types';

/**
 * A journal entry. Append-only (database triggers refuse UPDATE and DELETE); a mistake is put
 * right by a reversing entry. Entries are numbered and hash-chained per enterprise.
 */
@Entity('journal_entries')
@Index('ux_journal_entries_sequence', ['enterpriseId', 'sequence'], { unique: true })
@Index('ux_journal_entries_idempotency', ['enterpriseId', 'idempotencyKey'], { unique: true })
@Index('ix_journal_entries_occurred', ['enterpriseId', 'occurredOn'])
export class JournalEntry {
  @IdColumn() id: string;
  @RefColumn() enterpriseId: string;
  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'enterpriseId' }) enterprise?: Enterprise;
  @Column({ type: 'integer' }) sequence: number;
  @Column({ type: 'date' }) occurredOn: string;
  /** When the entry was dated into a later open period than it occurred in, by a recorded choice. */
  @Column({ type: 'date', nullable: true }) originalOn: string | null;
  @Column({ type: 'varchar', length: 300 }) description: string;
  @Column({ type: 'varchar', length: 20 }) source: EntrySource;
  @Column({ type: 'varchar', length: 120 }) idempotencyKey: string;
  /** sha256 of the canonical content, to tell a retry from a different entry with the same key. */
  @Column({ type: 'varchar', length: 64 }) contentHash: string;
  @Column({ type: 'varchar', length: 64 }) previousHash: string;
  @Column({ type: 'varchar', length: 64 }) hash: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) reversesEntryId: string | null;
  @RefColumn() createdByUserId: string;
  @InstantColumn() createdAt: Date;
}
