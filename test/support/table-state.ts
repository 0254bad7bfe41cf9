import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * Tables a refused request may legitimately change: the audit trail and session bookkeeping
 * (auth_generation is the counter the sessions' last-seen writes bump, src/auth/principal-cache.ts).
 */
export const VOLATILE_TABLES: ReadonlySet<string> = new Set(['audit_events', 'sessions', 'rate_limits', 'api_tokens', 'auth_generation', 'seed_runs', 'migrations', 'typeorm_metadata']);

/**
 * What the suites that send refused writes (the access matrix, the fuzzing) compare before and
 * after: every table's row count, and a hash of every table's whole content, the volatile tables
 * aside. Each is one statement, with the rows turned into text and sorted by the database
 * itself (PostgreSQL: the row's text form, SQLite: quote() of every column): taken around
 * every batch of writes, reading every row into JavaScript objects took 50 of the PostgreSQL
 * fuzzing suite's 90 seconds.
 */
export class TableState {
  private names?: string[];
  private contentSql?: string;

  constructor(private readonly ds: DataSource) {}

  private get postgres(): boolean {
    return this.ds.options.type === 'postgres';
  }

  /** The tables compared, sorted (no table is made or dropped while a suite runs). */
  async tableNames(): Promise<string[]> {
    if (!this.names) {
      const rows: { name: string }[] = this.postgres
        ? await this.ds.query(`SELECT tablename AS "name" FROM pg_tables WHERE schemaname = current_schema()`)
        : await this.ds.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
      this.names = rows.map((r) => r.name).filter((n) => !VOLATILE_TABLES.has(n)).sort();
    }
    return this.names;
  }

  /** "table=count ..." for every table, in one statement. */
  async rowCounts(): Promise<string> {
    const names = await this.tableNames();
    const [row] = await this.ds.query(`SELECT ${names.map((n, i) => `(SELECT COUNT(*) FROM ${quote(n)}) AS "c${i}"`).join(', ')}`);
    return names.map((n, i) => `${n}=${Number(row[`c${i}`])}`).join(' ');
  }

  /** Each table's content hash (its rows, sorted, and their number), in one statement. */
  async contentHashes(): Promise<Map<string, string>> {
    const names = await this.tableNames();
    this.contentSql ??= await this.buildContentSql(names);
    const [row] = await this.ds.query(this.contentSql);
    return new Map(names.map((n, i) => [n, createHash('sha256').update(`${Number(row[`n${i}`])}\n${String(row[`h${i}`] ?? '')}`).digest('hex')]));
  }

  /** One hash of every table's row count and content. */
  async snapshot(): Promise<string> {
    const h = createHash('sha256');
    for (const [name, hash] of await this.contentHashes()) h.update(`${name}:${hash}\n`);
    return h.digest('hex');
  }

  private async buildContentSql(names: string[]): Promise<string> {
    if (this.postgres) {
      // md5 of the sorted rows' text on the server: only a hash per table comes back.
      return `SELECT ${names
        .map((n, i) => `(SELECT COUNT(*) FROM ${quote(n)}) AS "n${i}", (SELECT md5(COALESCE(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE "C"), '')) FROM ${quote(n)} t) AS "h${i}"`)
        .join(', ')}`;
    }
    const parts: string[] = [];
    for (const [i, n] of names.entries()) {
      const columns: { name: string }[] = await this.ds.query(`SELECT name FROM pragma_table_info('${n.replace(/'/g, "''")}')`);
      const text = columns.map((c) => `quote(${quote(c.name)})`).join(` || ',' || `);
      parts.push(`(SELECT COUNT(*) FROM ${quote(n)}) AS "n${i}", (SELECT group_concat(r, char(10)) FROM (SELECT ${text} AS r FROM ${quote(n)} ORDER BY r)) AS "h${i}"`);
    }
    return `SELECT ${parts.join(', ')}`;
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
