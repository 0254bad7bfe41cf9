import type { Database, Statement } from 'sqlite3';
import { DataSource, EntityManager } from 'typeorm';
import { SQLITE_DRIVER } from './data-source-options';
import { ENTITIES } from './entities';

/** sqlite3's OPEN_READONLY flag: a reader can never write, whatever a bug asks of it. */
const SQLITE_OPEN_READONLY = 0x00000001;

/** Statements each reader keeps prepared, the least recently used finalized first. */
const PREPARED_PER_READER = 100;

type RowsCallback = (err: Error | null, rows: unknown[]) => void;

/**
 * Makes a reader's connection keep its statements prepared: TypeORM's sqlite driver runs every
 * read through `Database#all`, which parses and plans the SQL afresh each time (for the rota
 * week that was half the cost of the query). Reads repeat the same SQL with other parameters,
 * so each reader keeps a statement per SQL text and binds the new parameters. A reader only
 * reads (it is opened read-only), and runs one unit of work at a time.
 */
export class PreparedStatements {
  private readonly statements = new Map<string, { statement: Statement; prepared: boolean }>();
  private readonly all: Database['all'];

  constructor(private readonly db: Database) {
    this.all = db.all;
    // an own property: TypeORM calls databaseConnection.all(sql, parameters, handler)
    (db as unknown as { all: unknown }).all = (sql: string, params: unknown, callback: RowsCallback) => {
      this.run(sql, params, callback);
      return db;
    };
  }

  private run(sql: string, params: unknown, callback: RowsCallback): void {
    const found = this.statements.get(sql);
    if (found?.prepared) {
      this.statements.delete(sql); // most recently used last
      this.statements.set(sql, found);
      if (Array.isArray(params) && params.length) found.statement.all(params, callback);
      else found.statement.all(callback);
      return;
    }
    if (!found) {
      const entry = { statement: null as unknown as Statement, prepared: false };
      entry.statement = this.db.prepare(sql, (err: Error | null) => {
        if (!err) {
          entry.prepared = true;
          return;
        }
        if (this.statements.get(sql) === entry) this.statements.delete(sql);
        entry.statement.finalize(); // now, not whenever the garbage collector gets to it
      });
      this.statements.set(sql, entry);
      if (this.statements.size > PREPARED_PER_READER) {
        const [oldest, old] = this.statements.entries().next().value as [string, { statement: Statement }];
        this.statements.delete(oldest);
        old.statement.finalize(); // after any step still queued on it
      }
    }
    // not prepared yet (or it failed): the plain path, which reports any error of the SQL itself
    this.all.call(this.db, sql, params, callback);
  }

  /** Finalizes every statement: a connection with live statements cannot close. */
  async finalizeAll(): Promise<void> {
    const all = [...this.statements.values()];
    this.statements.clear();
    await Promise.all(all.map(({ statement }) => new Promise<void>((resolve) => statement.finalize(() => resolve()))));
  }
}

/**
 * A small pool of read-only SQLite connections beside the app's one writer connection.
 *
 * In WAL mode readers never block the writer nor each other, and each read runs in its own
 * read transaction on a connection of its own, so it sees one committed snapshot: never
 * another unit of work's open transaction (TypeORM's sqlite driver has one connection per
 * DataSource, hence one DataSource per reader). A read holds its reader until it ends; when
 * all are busy (several long reports at once) the next read waits for the first one free.
 */
export class SqliteReaders {
  private readers: DataSource[] = [];
  private prepared: PreparedStatements[] = [];
  private idle: DataSource[] = [];
  private readonly waiting: ((reader: DataSource) => void)[] = [];
  private opening: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly path: string,
    private readonly size: number,
  ) {}

  /** `snapshot: false` for one SQL statement, which is its own snapshot: no BEGIN/COMMIT round trips. */
  async read<T>(fn: (em: EntityManager) => Promise<T>, snapshot = true): Promise<T> {
    const reader = await this.acquire();
    try {
      return await (snapshot ? reader.transaction(fn) : fn(reader.manager));
    } finally {
      this.release(reader);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.opening?.catch(() => undefined);
    const readers = this.readers;
    this.readers = [];
    this.idle = [];
    await Promise.all(this.prepared.map((p) => p.finalizeAll()));
    this.prepared = [];
    await Promise.all(readers.filter((r) => r.isInitialized).map((r) => r.destroy()));
  }

  private async acquire(): Promise<DataSource> {
    if (this.closed) throw new Error('The database readers are closed');
    if (!this.opening) this.opening = this.open();
    await this.opening;
    const reader = this.idle.pop();
    if (reader) return reader;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(reader: DataSource): void {
    const next = this.waiting.shift();
    if (next) next(reader);
    else if (!this.closed) this.idle.push(reader);
  }

  /** Opened on the first read, after migrations have made the schema. */
  private async open(): Promise<void> {
    for (let i = 0; i < this.size; i++) {
      const reader = new DataSource({
        type: 'sqlite',
        driver: SQLITE_DRIVER,
        database: this.path,
        flags: SQLITE_OPEN_READONLY,
        entities: ENTITIES,
        synchronize: false,
        migrationsRun: false,
        logging: false,
        busyTimeout: 5000,
      });
      await reader.initialize();
      this.prepared.push(new PreparedStatements((reader.driver as unknown as { databaseConnection: Database }).databaseConnection));
      this.readers.push(reader);
      this.idle.push(reader);
    }
  }
}
