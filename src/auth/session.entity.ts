import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { User } from '../users/user.entity';

/** A browser session. Stored in the database so that several app instances share it. */
@Entity('sessions')
@Index('ix_sessions_user', ['userId'])
export class Session {
  @IdColumn() id: string;
  /** sha256 of the cookie value; the value itself is never stored. */
  @Column({ type: 'varchar', length: 64, unique: true }) tokenHash: string;
  @RefColumn() userId: string;
  @ManyToOne(() => User, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'userId' }) user?: User;
  @InstantColumn() createdAt: Date;
  @InstantColumn() lastSeenAt: Date;
  @InstantColumn() expiresAt: Date;
  @InstantColumn({ nullable: true }) revokedAt: Date | null;
}
