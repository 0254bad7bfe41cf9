import type { DemoSeed } from './seed';

/** A published rota for this week and next, with attendance for past days (filled in by the rota work). */
export const rotaSeed: DemoSeed = {
  name: '2026-11-rota',
  async run() {
    // nothing yet
  },
};
