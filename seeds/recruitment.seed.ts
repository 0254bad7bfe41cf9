import type { DemoSeed } from './seed';

export const recruitmentSeed: DemoSeed = {
  name: '2026-11-recruitment',
  async run() {
    // nothing yet
  },
};
