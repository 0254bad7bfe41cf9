import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, PenceColumn, RefColumn } from '../database/columns';
import type { SessionStatus } from './tills.types';

/**
 * A till session: from opening with a float to closing with the counted cash.
 * `openKey` is "<enterpriseId>:<till>" while open and the session id once closed, so the
 * unique index allows one open session per till (enforced by the database, not by a check).
 */
@Entity('till_sessions')
@Index('ux_till_sessions_open', ['openKey'], { unique: true })
@Index('ix_till_sessions_till', ['enterpriseId', 'till', 'openedAt'])
export class TillSession {
  @IdColumn() id: string;
  @RefColumn() enterpriseId: string;
  @Column({ type: 'varchar', length: 40 }) till: string;
  @Column({ type: 'varchar', length: 80 }) openKey: string;
  @Column({ type: 'varchar', length: 8 }) status: SessionStatus;
  @PenceColumn() openingFloatPence: number;
  @PenceColumn({ nullable: true }) expectedCashPence: number | null;
  @PenceColumn({ nullable: true }) countedCashPence: number | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) journalEntryId: string | null;
  @RefColumn() openedByUserId: string;
  @InstantColumn() openedAt: Date;
  @Column({ type: 'varchar', length: 36, nullable: true }) closedByUserId: string | null;
  @InstantColumn({ nullable: true }) closedAt: Date | null;
}
