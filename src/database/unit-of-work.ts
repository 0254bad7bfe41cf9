import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, OnApplicationShutdown, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AsyncMutex } from './async-mutex';
import { SqliteReaders } from './sqlite-readers';

interface Scope {
  manager: EntityManager;
  writable: boolean;
}

const PG_RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

/**
 * The one path to the database.
 *
 * SQLite (TypeORM's sqlite driver) shares a single connection between all query runners, so
 * two concurrent transactions interleave on it and acknowledged writes are lost (see
 * DESIGN.md, "Pitfalls"). Here every unit of work that may write is queued behind one FIFO
 * mutex on that one writer connection. Reads (`read`) go to a small pool of read-only
 * connections (WAL mode, DATABASE_READERS), each in a read transaction of its own: they see
 * only committed data and never wait behind a write or a long report. With no readers (0, an
 * in-memory database, or a UnitOfWork made outside Nest by the CLI and seeds) reads queue
 * behind the mutex as writes do.
 *
 * PostgreSQL: each write runs in a real transaction on its own pooled connection; the rules
 * take row locks (SELECT ... FOR UPDATE) where they check-then-write. Serialization failures
 * and deadlocks are retried a few times.
 *
 * Nested calls join the outer unit of work (tracked with AsyncLocalStorage).
 */
@Injectable()
export class UnitOfWork implements OnApplicationShutdown {
  private readonly mutex = new AsyncMutex();
  private readonly scope = new AsyncLocalStorage<Scope>();
  private readonly readers: SqliteReaders | null = null;

  constructor(
    readonly dataSource: DataSource,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
  ) {
    const db = config?.database;
    if (db?.kind === 'sqlite' && db.path !== ':memory:' && config!.databaseReaders > 0 && this.kind === 'sqlite') {
      this.readers = new SqliteReaders(db.path, config!.databaseReaders);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.readers?.close();
  }

  get kind(): 'sqlite' | 'postgres' {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /** Runs fn in one transaction. Everything it writes commits together or not at all. */
  async run<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    const current = this.scope.getStore();
    if (current?.writable) return fn(current.manager);
    if (current) throw new Error('UnitOfWork.run called inside a read-only unit of work');
    if (this.kind === 'sqlite') {
      return this.mutex.runExclusive(() =>
        this.dataSource.transaction((em) => this.scope.run({ manager: em, writable: true }, () => fn(em))),
      );
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction('READ COMMITTED', (em) =>
          this.scope.run({ manager: em, writable: true }, () => fn(em)),
        );
      } catch (err) {
        const code = (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code;
        if (attempt < 5 && code && PG_RETRYABLE.has(code)) {
          await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
          continue;
        }
        throw err;
      }
    }
  }

  /**
   * Runs fn with a manager for reads. Inside a unit of work it is that transaction's manager
   * (a read sees its own writes); otherwise one snapshot of committed data for all of fn's
   * statements: a read-only connection's read transaction on SQLite, a REPEATABLE READ READ ONLY
   * transaction on PostgreSQL (a report or a statement of accounts never mixes two states).
   * fn's statements run one after another (await each; no Promise.all on one manager): on
   * PostgreSQL they share one connection.
   */
  async read<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    const current = this.scope.getStore();
    if (current) return fn(current.manager);
    if (this.readers) return this.readers.read((em) => this.scope.run({ manager: em, writable: false }, () => fn(em)));
    if (this.kind === 'postgres') return this.readSnapshotPostgres(fn);
    return this.readWithoutReaders(fn);
  }

  /** One pool connection in a REPEATABLE READ READ ONLY transaction (one statement to open it, one to end it). */
  private async readSnapshotPostgres<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      let result: T;
      try {
        result = await this.scope.run({ manager: runner.manager, writable: false }, () => fn(runner.manager));
      } catch (err) {
        await runner.query('ROLLBACK');
        throw err;
      }
      await runner.query('COMMIT');
      return result;
    } finally {
      await runner.release();
    }
  }

  /**
   * A read of one SQL statement, or of statements that need not agree with each other (the
   * principal of every authenticated request, a page of the rota): each statement sees one
   * committed state by itself, so on SQLite this skips the read transaction's round trips.
   */
  async readStatement<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    const current = this.scope.getStore();
    if (current) return fn(current.manager);
    if (this.readers) return this.readers.read((em) => this.scope.run({ manager: em, writable: false }, () => fn(em)), false);
    return this.readWithoutReaders(fn);
  }

  private readWithoutReaders<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.kind === 'sqlite') {
      return this.mutex.runExclusive(() =>
        this.scope.run({ manager: this.dataSource.manager, writable: false }, () => fn(this.dataSource.manager)),
      );
    }
    return this.scope.run({ manager: this.dataSource.manager, writable: false }, () => fn(this.dataSource.manager));
  }

  /**
   * Row lock for check-then-write rules on PostgreSQL (SQLite is already serialized):
   * `em.findOne(X, { where, lock: uow.lockMode() })`.
   */
  lockMode(): { mode: 'pessimistic_write' } | undefined {
    return this.kind === 'postgres' ? { mode: 'pessimistic_write' } : undefined;
  }
}
