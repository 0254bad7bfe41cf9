import type { DemoSeed } from './seed';

/** Demo enterprises and work roles (filled in by the enterprises work). */
export const enterprisesSeed: DemoSeed = {
  name: '2026-11-enterprises',
  async run() {
    // nothing yet
  },
};
