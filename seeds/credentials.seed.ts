import type { EntityManager } from 'typeorm';
import { Credential } from '../src/credentials/credential.entity';
import { issueCredential } from '../src/credentials/credential-issuer';
import { loadConfig } from '../src/config/app-config';
import { credentialsConfigOf } from '../src/credentials/credentials-config';
import { SigningKeyStore } from '../src/credentials/signing-keys';
import { SkillLog } from '../src/skills/skill-log.entity';
import { User } from '../src/users/user.entity';
import { DEMO_USERS } from './demo-users';
import type { DemoSeed } from './seed';

/**
 * One credential for the first demo patient, for their most recent skill verified at COMPETENT
 * or above (the skill-records seed makes one). Signed with the same key store, and the same
 * key directory or WARDWORKS_SIGNING_KEYS, as the running app. Without such a skill it issues
 * nothing.
 */
export const credentialsSeed: DemoSeed = {
  name: '2026-12-credentials',
  async run(em: EntityManager, { now }) {
    const demoPatient = DEMO_USERS.find((u) => u.role === 'PATIENT');
    const user = demoPatient ? await em.findOne(User, { where: { username: demoPatient.username } }) : null;
    if (!user?.patientId) return;
    const log = await em
      .createQueryBuilder(SkillLog, 'l')
      .where('l.patientId = :patientId', { patientId: user.patientId })
      .andWhere("l.status = 'VERIFIED'")
      .andWhere('l.levelRank >= 3')
      .andWhere(`NOT EXISTS (SELECT 1 FROM credentials c WHERE c."skillLogId" = l.id AND c."activeKey" = 'A')`)
      .orderBy('l.levelRank', 'DESC')
      .addOrderBy('l.occurredOn', 'DESC')
      .addOrderBy('l.id', 'ASC')
      .getOne();
    if (!log) return;
    // The demo patient has one credential: run again (e.g. by a test), this seed adds none.
    if (await em.count(Credential, { where: { patientId: user.patientId } })) return;
    const issuer = (log.reviewedByUserId && (await em.findOne(User, { where: { id: log.reviewedByUserId } }))) || (await em.findOne(User, { where: { username: 'ot' } }));
    const config = credentialsConfigOf(loadConfig(process.env));
    const keys = await SigningKeyStore.open(config);
    await issueCredential(em, keys, config, { skillLogId: log.id, actorUserId: issuer?.id ?? user.id, now });
  },
};
