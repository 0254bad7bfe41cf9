import { Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { UnitOfWork } from '../database/unit-of-work';
import { RateLimit } from './rate-limit.entity';

/**
 * Rate-limit counters in the database, so limits hold across several app instances
 * (DESIGN.md: rate limits never live in process memory).
 */
@Injectable()
export class DbThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly uow: UnitOfWork) {}

  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const id = `${throttlerName}:${key}`.slice(0, 200);
    return this.uow.run(async (em) => {
      const now = new Date();
      const repo = em.getRepository(RateLimit);
      let row = await repo.findOne({ where: { key: id }, lock: this.uow.lockMode() });
      if (!row) {
        await em.createQueryBuilder().insert().into(RateLimit).values({ key: id, hits: 0, windowEndsAt: new Date(now.getTime() + ttl), blockedUntil: null }).orIgnore().execute();
        row = await repo.findOneOrFail({ where: { key: id }, lock: this.uow.lockMode() });
      }
      if (row.blockedUntil && row.blockedUntil > now) {
        return { totalHits: row.hits, timeToExpire: secondsUntil(row.windowEndsAt, now), isBlocked: true, timeToBlockExpire: secondsUntil(row.blockedUntil, now) };
      }
      if (row.windowEndsAt <= now) {
        row.hits = 0;
        row.windowEndsAt = new Date(now.getTime() + ttl);
        row.blockedUntil = null;
      }
      row.hits += 1;
      if (row.hits > limit) row.blockedUntil = new Date(now.getTime() + blockDuration);
      await repo.save(row);
      const blocked = row.hits > limit;
      return {
        totalHits: row.hits,
        timeToExpire: secondsUntil(row.windowEndsAt, now),
        isBlocked: blocked,
        timeToBlockExpire: blocked && row.blockedUntil ? secondsUntil(row.blockedUntil, now) : 0,
      };
    });
  }
}

function secondsUntil(at: Date, now: Date): number {
  return Math.max(0, Math.ceil((at.getTime() - now.getTime()) / 1000));
}
