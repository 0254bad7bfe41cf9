import type { EntityManager } from 'typeorm';

export interface DemoSeed {
  /** Unique and never renamed: it marks the data set as loaded. */
  name: string;
  /** One demo-password hash is made for each entry (argon2 is slow on purpose). */
  needsPasswords?: string[];
  run(em: EntityManager, ctx: { passwordHashes: string[]; now: Date }): Promise<void>;
}
