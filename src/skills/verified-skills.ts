import { Global, Injectable, Module } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { toInt } from '../database/columns';
import { VERIFIED_SKILLS, type VerifiedSkillsProvider } from '../rota/booking.service';
import { SkillLog } from './skill-log.entity';
import { Skill } from './skill.entity';

/**
 * A patient's highest verified level (1-4) per skill code, from entries dated on or before the
 * day: one indexed, grouped query (ix_skill_logs_patient), bounded by the framework's size.
 */
@Injectable()
export class VerifiedSkillLevels implements VerifiedSkillsProvider {
  async verifiedLevels(em: EntityManager, patientId: string, onDate: string): Promise<Map<string, number>> {
    const rows: { code: string; rank: unknown }[] = await em
      .createQueryBuilder(SkillLog, 'l')
      .innerJoin(Skill, 's', 's.id = l.skillId')
      .select('s.code', 'code')
      .addSelect('MAX(l.levelRank)', 'rank')
      .where('l.patientId = :patientId', { patientId })
      .andWhere("l.status = 'VERIFIED'")
      .andWhere('l.occurredOn <= :onDate', { onDate })
      .groupBy('s.code')
      .getRawMany();
    return new Map(rows.map((r) => [r.code, toInt(r.rank)]));
  }
}

/** Global so that the rota's BookingService (which cannot import the skills module) sees it. */
@Global()
@Module({
  providers: [VerifiedSkillLevels, { provide: VERIFIED_SKILLS, useExisting: VerifiedSkillLevels }],
  exports: [VerifiedSkillLevels, VERIFIED_SKILLS],
})
export class VerifiedSkillsModule {}
