import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { Enterprise } from '../enterprises/enterprise.entity';
import type { AccountType } from './ledger.types';

/** An account in an enterprise's ledger. Never deleted, only closed. */
@Entity('ledger_accounts')
@Index('ux_ledger_accounts_code', ['enterpriseId', 'code'], { unique: true })
export class LedgerAccount {
  @IdColumn() id: string;
  @RefColumn() enterpriseId: string;
  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'enterpriseId' }) enterprise?: Enterprise;
  @Column({ type: 'varchar', length: 12 }) code: string;
  @Column({ type: 'varchar', length: 80 }) name: string;
  @Column({ type: 'varchar', length: 10 }) type: AccountType;
  @Column({ type: 'boolean', default: false }) closed: boolean;
  @InstantColumn() createdAt: Date;
}
