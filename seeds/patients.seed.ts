import type { DemoSeed } from './seed';

export const patientsSeed: DemoSeed = {
  name: '2026-11-patients',
  async run() {
    // nothing yet
  },
};
