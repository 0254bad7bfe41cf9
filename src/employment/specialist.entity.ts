import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';
import { User } from '../users/user.entity';

/** An employment specialist's working time, for caseload per full-time specialist. */
@Entity('employment_specialists')
export class EmploymentSpecialist {
  @PrimaryColumn({ type: 'varchar', length: 36 }) userId: string;
  @OneToOne(() => User, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'userId' }) user?: User;
  /** Hundredths of a full-time post: 100 = full time, 60 = three days a week. */
  @Column({ type: 'integer' }) fteHundredths: number;
  @InstantColumn() updatedAt: Date;
}
