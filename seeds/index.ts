import { foundationSeed } from './foundation.seed';
import type { DemoSeed } from './seed';

/** Demo data sets, loaded once each, in this order. Later areas append theirs. */
export const DEMO_SEEDS: DemoSeed[] = [foundationSeed];
