import { Column, Entity } from 'typeorm';
import { IdColumn, InstantColumn } from '../database/columns';
import type { EnterpriseKind } from '../enterprises/enterprise.types';
import type { LevelDescriptors, SkillCategory } from './skills.types';

/** A skill of the framework (seeded, editable by admin). Never deleted, only made inactive. */
@Entity('skills')
export class Skill {
  @IdColumn() id: string;
  /** Stable slug, e.g. food-hygiene; work roles' prerequisite skills refer to it. */
  @Column({ type: 'varchar', length: 40, unique: true }) code: string;
  @Column({ type: 'varchar', length: 80 }) name: string;
  @Column({ type: 'varchar', length: 16 }) category: SkillCategory;
  @Column({ type: 'text' }) description: string;
  /** The kinds of enterprise where it is practised; empty for employability skills. */
  @Column({ type: 'simple-json' }) enterpriseKinds: EnterpriseKind[];
  /** A plain-English descriptor for each level. */
  @Column({ type: 'simple-json' }) levelDescriptors: LevelDescriptors;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
}
