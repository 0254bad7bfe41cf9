import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../../database/columns';
import { User } from '../../users/user.entity';

/**
 * A user's private calendar feed address: one per user, a long random token of which only the
 * sha256 is stored. Making a new one replaces it, so the previous address stops working.
 */
@Entity('calendar_feeds')
@Index('ux_calendar_feeds_user', ['userId'], { unique: true })
@Index('ux_calendar_feeds_token', ['tokenHash'], { unique: true })
export class CalendarFeed {
  @IdColumn() id: string;
  @RefColumn() userId: string;
  @ManyToOne(() => User, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'userId' }) user?: User;
  @Column({ type: 'varchar', length: 64 }) tokenHash: string;
  @InstantColumn() createdAt: Date;
}
