import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Ward } from '../wards/ward.entity';
import { User } from './user.entity';

/** A staff member's assignment to a ward: it decides which patients they can see. */
@Entity('user_wards')
@Index('ix_user_wards_ward', ['wardId'])
export class UserWard {
  @PrimaryColumn({ type: 'varchar', length: 36 }) userId: string;
  @ManyToOne(() => User, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'userId' }) user?: User;
  @PrimaryColumn({ type: 'varchar', length: 36 }) wardId: string;
  @ManyToOne(() => Ward, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'wardId' }) ward?: Ward;
}
