import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { User } from '../users/user.entity';

/** A bearer token for API clients; stored hashed, revocable. */
@Entity('api_tokens')
@Index('ix_api_tokens_user', ['userId'])
export class ApiToken {
  @IdColumn() id: string;
  @Column({ type: 'varchar', length: 64, unique: true }) tokenHash: string;
  @RefColumn() userId: string;
  @ManyToOne(() => User, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'userId' }) user?: User;
  @InstantColumn() createdAt: Date;
  @InstantColumn() expiresAt: Date;
  @InstantColumn({ nullable: true }) revokedAt: Date | null;
}
