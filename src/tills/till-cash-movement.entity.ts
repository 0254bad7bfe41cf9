import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, PenceColumn, RefColumn } from '../database/columns';
import type { CashMovementKind } from './tills.types';

/** Cash put into (IN) or taken out of (OUT) the drawer during a session, with a reason. */
@Entity('till_cash_movements')
@Index('ix_till_cash_movements_session', ['sessionId'])
export class TillCashMovement {
  @IdColumn() id: string;
  @RefColumn() sessionId: string;
  @Column({ type: 'varchar', length: 4 }) kind: CashMovementKind;
  @PenceColumn() amountPence: number;
  @Column({ type: 'text' }) reason: string;
  @RefColumn() byUserId: string;
  @InstantColumn() createdAt: Date;
}
