import { enterprisesSeed } from './enterprises.seed';
import { foundationSeed } from './foundation.seed';
import { ledgerSeed } from './ledger.seed';
import { patientsSeed } from './patients.seed';
import { recruitmentSeed } from './recruitment.seed';
import { rotaSeed } from './rota.seed';
import { credentialsSeed } from './credentials.seed';
import { employmentSeed } from './employment.seed';
import { outcomesSeed } from './outcomes.seed';
import { referencesSeed } from './references.seed';
import { skillRecordsSeed } from './skill-records.seed';
import { skillsSeed } from './skills.seed';
import { ordersSeed } from './orders.seed';
import { tillsSeed } from './tills.seed';
import { wardHistorySeed } from './ward-history.seed';
import type { DemoSeed } from './seed';

/** Demo data sets, loaded once each, in this order. Later areas append theirs. */
export const DEMO_SEEDS: DemoSeed[] = [foundationSeed, patientsSeed, enterprisesSeed, recruitmentSeed, skillsSeed, rotaSeed, ledgerSeed, skillRecordsSeed, outcomesSeed, referencesSeed, credentialsSeed, ordersSeed, employmentSeed, tillsSeed, wardHistorySeed];
