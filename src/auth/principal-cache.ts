import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { CredentialsRepository, type Principal } from './credentials.repository';

/** At most this many principals are kept; the oldest go first. */
const MAX_ENTRIES = 10_000;

/**
 * The principals (session or token, user, wards) this app instance has resolved, kept while the
 * database's auth generation still has the value it had when each was read.
 *
 * The database bumps that generation in the same transaction as any change to a principal
 * (triggers of migration AuthGeneration: revocation, sign-out, expiry, deletion, last-seen,
 * a user's role, activity, name, patient link, password-change flag, wards). A cached principal
 * is used only after a read of the generation that started after the request arrived has
 * returned the cached value; so whatever committed before the request arrived -- on this
 * instance, on another one sharing the PostgreSQL database, or by a script -- counts for it.
 *
 * That read is shared: one runs at a time, and every request that arrives while it runs waits
 * for the next one, which starts when it ends. Under load one short primary-key read serves
 * all the requests that arrived during the previous one, instead of a join per request.
 */
@Injectable()
export class PrincipalCache {
  private readonly entries = new Map<string, Principal>();
  /** The generation every entry was read at. */
  private generation: bigint | null = null;
  private running: Promise<bigint> | null = null;
  private queued: Promise<bigint> | null = null;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly credentials: CredentialsRepository,
  ) {}

  /** The live principal of a credential's hash, or null; from the cache when the generation still holds. */
  async resolve(kind: 'session' | 'token', tokenHash: string): Promise<Principal | null> {
    const key = kind === 'session' ? `s:${tokenHash}` : `t:${tokenHash}`;
    if (this.entries.has(key)) {
      const now = await this.freshGeneration();
      this.advance(now);
      const hit = this.entries.get(key);
      if (hit) return hit;
    }
    const found = await this.uow.readStatement((em) => this.credentials.findPrincipalByHash(em, kind, tokenHash));
    if (found) this.remember(key, found);
    return found;
  }

  /** For tests and monitoring. */
  get size(): number {
    return this.entries.size;
  }

  private remember(key: string, p: Principal): void {
    const g = BigInt(p.generation);
    this.advance(g);
    // read before a change another request has already seen: not kept
    if (this.generation !== g) return;
    Object.freeze(p.wardIds);
    Object.freeze(p);
    this.entries.delete(key);
    this.entries.set(key, p);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** A newer generation empties the cache; an older one (a read that started earlier) changes nothing. */
  private advance(g: bigint): void {
    if (this.generation === null || g > this.generation) {
      this.entries.clear();
      this.generation = g;
    }
  }

  /** The generation as read by a query that started after this call. */
  private freshGeneration(): Promise<bigint> {
    if (!this.running) return this.startRead();
    // the running read may have started before this request arrived: wait for the next one
    this.queued ??= this.running.then(
      () => this.startQueued(),
      () => this.startQueued(),
    );
    return this.queued;
  }

  private startQueued(): Promise<bigint> {
    this.queued = null;
    return this.running ?? this.startRead();
  }

  private startRead(): Promise<bigint> {
    const read = this.uow.readStatement((em) => this.credentials.authGeneration(em)).then(BigInt);
    const running = read.finally(() => {
      if (this.running === running) this.running = null;
    });
    this.running = running;
    return running;
  }
}
