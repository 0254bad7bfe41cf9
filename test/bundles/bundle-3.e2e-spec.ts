import { runBundle } from '../support/run-bundle';

// Short e2e test files, run together (test/support/bundles.js says which and why).
runBundle(3);
