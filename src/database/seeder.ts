import { DEMO_SEEDS } from '../../seeds';
import type { DemoSeed } from '../../seeds/seed';
import type { PasswordService } from '../auth/password.service';
import { SeedRun } from './seed-run.entity';
import type { UnitOfWork } from './unit-of-work';

/**
 * Runs each demo data set (all of them, or the first few: the tests build a database as it was
 * after one set) once, in order, each in one transaction with its marker row, so a
 * second start loads nothing twice and a failed load leaves nothing half-written.
 */
export async function runDemoSeeds(uow: UnitOfWork, passwords: PasswordService, demoPassword: string, seeds: readonly DemoSeed[] = DEMO_SEEDS): Promise<string[]> {
  const done: string[] = [];
  for (const seed of seeds) {
    const already = await uow.read((em) => em.findOne(SeedRun, { where: { name: seed.name } }));
    if (already) continue;
    const hashes = seed.needsPasswords ? await Promise.all(seed.needsPasswords.map(() => passwords.hash(demoPassword))) : [];
    await uow.run(async (em) => {
      if (await em.findOne(SeedRun, { where: { name: seed.name } })) return;
      await seed.run(em, { passwordHashes: hashes, now: new Date() });
      await em.insert(SeedRun, { name: seed.name, appliedAt: new Date() });
      done.push(seed.name);
    });
  }
  return done;
}
