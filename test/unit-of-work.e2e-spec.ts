import { Like } from 'typeorm';
import { newId } from '../src/database/columns';
import { Site } from '../src/wards/site.entity';
import { createTestApp, TestApp } from './support/test-app';

// Booting the app on a busy machine can pass Jest's default 5 s (the project-level testTimeout is not applied).
jest.setTimeout(60_000);

/** Lets other queued work interleave, as a real request awaiting I/O would. */
const tick = () => new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 3)));

class Rollback extends Error {}

function site(name: string): Site {
  return { id: newId(), name, defaultWeeklyEarningsCapPence: null, defaultWeeklyHoursCapMinutes: null, createdAt: new Date() } as Site;
}

describe('unit of work (the one serialized path to the database)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('keeps every acknowledged write and no rolled-back one when commits, rollbacks and reads run at once', async () => {
    const committed: string[] = [];
    const rolledBack: string[] = [];
    const leaks: string[][] = [];

    const writes = Array.from({ length: 30 }, async (_, i) => {
      const name = i % 3 === 0 ? `uow-rb-${i}` : `uow-ok-${i}`;
      try {
        await t.uow.run(async (em) => {
          await tick();
          await em.insert(Site, site(name));
          await tick();
          // an implicit unit of work (save) and a second row, so a half-applied rollback shows
          await em.save(Site, site(`${name}-b`));
          await tick();
          if (name.startsWith('uow-rb-')) throw new Rollback(name);
        });
        committed.push(name, `${name}-b`);
      } catch (err) {
        if (!(err instanceof Rollback)) throw err;
        rolledBack.push(name, `${name}-b`);
      }
    });
    const reads = Array.from({ length: 15 }, async () => {
      await tick();
      const seen = await t.uow.read((em) => em.find(Site, { where: { name: Like('uow-rb-%') } }));
      leaks.push(seen.map((s) => s.name));
    });
    await Promise.all([...writes, ...reads]);

    expect(committed).toHaveLength(40);
    expect(rolledBack).toHaveLength(20);
    const stored = await t.uow.read((em) => em.find(Site, { where: { name: Like('uow-%') } }));
    const names = stored.map((s) => s.name).sort();
    expect(names).toEqual([...committed].sort());
    for (const name of rolledBack) expect(names).not.toContain(name);
    // no read ever observed another unit of work's uncommitted (later rolled-back) rows
    expect(leaks).toHaveLength(15);
    expect(leaks.flat()).toEqual([]);
  });

  it('runs a nested uow.run inside the outer transaction, so both roll back together', async () => {
    let inner: unknown;
    let outer: unknown;
    await expect(
      t.uow.run(async (em) => {
        outer = em;
        await em.insert(Site, site('nested-outer'));
        await t.uow.run(async (em2) => {
          inner = em2;
          await em2.insert(Site, site('nested-inner'));
        });
        throw new Rollback('after the nested unit of work returned');
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(inner).toBe(outer);
    const left = await t.uow.read((em) => em.find(Site, { where: { name: Like('nested-%') } }));
    expect(left).toEqual([]);
  });

  it('commits a nested uow.run together with its outer transaction', async () => {
    await t.uow.run(async (em) => {
      await em.insert(Site, site('nested-commit-outer'));
      await t.uow.run((em2) => em2.insert(Site, site('nested-commit-inner')));
    });
    const names = (await t.uow.read((em) => em.find(Site, { where: { name: Like('nested-commit-%') } }))).map((s) => s.name).sort();
    expect(names).toEqual(['nested-commit-inner', 'nested-commit-outer']);
  });

  it('refuses a write from inside a read-only unit of work', async () => {
    await expect(t.uow.read(() => t.uow.run((em) => em.insert(Site, site('write-in-read'))))).rejects.toThrow('read-only');
    const left = await t.uow.read((em) => em.count(Site, { where: { name: 'write-in-read' } }));
    expect(left).toBe(0);
  });
});
