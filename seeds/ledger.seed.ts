import type { DemoSeed } from './seed';

/** A year of trading per demo enterprise, payroll and reinvestment (filled in by the ledger work). */
export const ledgerSeed: DemoSeed = {
  name: '2026-11-ledger',
  async run() {
    // nothing yet
  },
};
