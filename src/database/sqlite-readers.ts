import { DataSource, EntityManager } from 'typeorm';
import { SQLITE_DRIVER } from './data-source-options';
import { ENTITIES } from './entities';

/** sqlite3's OPEN_READONLY flag: a reader can never write, whatever a bug asks of it. */
const SQLITE_OPEN_READONLY = 0x00000001;

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
      this.readers.push(reader);
      this.idle.push(reader);
    }
  }
}
