import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

/** pg's client class, as much of it as is used here (pg ships no types in this project). */
type PgClientClass = new (...args: unknown[]) => object;
const { Client } = createRequire(__filename)('pg') as { Client: PgClientClass };

/**
 * Marks a frequent read to run as a named prepared statement on PostgreSQL: each pooled
 * connection parses and plans it once, then only binds and executes it (planning the rota week
 * took longer than running it). On SQLite the marker is a comment; its readers keep every
 * statement prepared anyway (sqlite-readers.ts). Only for SQL whose text is fixed and whose
 * tables' columns do not change while the app runs.
 */
export const PREPARED = '/* prepared */ ';

const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `ww_${createHash('sha256').update(text).digest('hex').slice(0, 40)}`;
    if (names.size < 1000) names.set(text, name);
  }
  return name;
}

/** The pool's client class (pg Pool's `Client` option): a marked query with parameters goes out named. */
export class PreparingClient extends Client {}

const plainQuery = Client.prototype.query as (...args: unknown[]) => unknown;
(PreparingClient.prototype as unknown as { query: unknown }).query = function query(this: object, ...args: unknown[]): unknown {
  const [text, values] = args;
  if (args.length === 2 && typeof text === 'string' && text.startsWith(PREPARED) && Array.isArray(values)) {
    return plainQuery.call(this, { name: nameOf(text), text, values });
  }
  return plainQuery.apply(this, args);
};
