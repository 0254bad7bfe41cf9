import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Enterprise } from './enterprise.entity';

@Entity('enterprise_leads')
@Index('ix_enterprise_leads_user', ['userId'])
export class EnterpriseLead {
  @PrimaryColumn({ type: 'varchar', length: 36 }) enterpriseId: string;
  @ManyToOne(() => Enterprise, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'enterpriseId' }) enterprise?: Enterprise;
  @PrimaryColumn({ type: 'varchar', length: 36 }) userId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'userId' }) user?: User;
}
