import { BetterSqliteConnection, BetterSqliteDriver, BetterSqliteKnexDialect } from '@mikro-orm/better-sqlite';
import type { Configuration } from '@mikro-orm/core';

/** What knex's better-sqlite3 client needs of a statement (better-sqlite3's Statement). */
interface Statement {
  reader: boolean;
  readonly: boolean;
  all(bindings: unknown[]): unknown[];
  run(bindings: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  safeIntegers(on: boolean): unknown;
  /** rows as arrays (sqlRows) */
  raw(on: boolean): unknown;
  columns(): { name: string }[];
}
interface Connection {
  prepare(sql: string): Statement;
  /** better-sqlite3's transaction wrapper: `.immediate()` runs fn inside BEGIN IMMEDIATE … COMMIT (ROLLBACK on a throw) */
  transaction<F extends (...args: never[]) => unknown>(fn: F): { immediate: F };
  pragma(sql: string): unknown;
  close(): unknown;
  open: boolean;
  inTransaction: boolean;
  /** the file it opened (`:memory:` for none) */
  name: string;
}
interface QueryObject {
  sql?: string;
  bindings?: unknown[];
  options?: unknown;
  response?: unknown;
  context?: { lastID: number | bigint; changes: number };
}

/** The connection of each knex client (the pool of a SQLite file holds one). */
const connections = new WeakMap<object, Connection>();

/** Prepared statements kept per connection, most recently used last. */
export const STATEMENT_CACHE_SIZE = 500;
const caches = new WeakMap<Connection, Map<string, Statement>>();

function prepared(connection: Connection, sql: string): Statement {
  let cache = caches.get(connection);
  if (!cache) caches.set(connection, (cache = new Map()));
  const hit = cache.get(sql);
  if (hit) {
    cache.delete(sql);
    cache.set(sql, hit);
    return hit;
  }
  const statement = connection.prepare(unplannedParameters(sql));
  cache.set(sql, statement);
  if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return statement;
}

const PLANNED_PARAMETER = /\b(limit|offset|like) \?/gi;

/**
 * `limit ?`, `offset ?` and `like ?` as `limit +?`, `offset +?` and `like +?`: the same values, which SQLite's planner
 * does not read. The planner of the SQLite that better-sqlite3 12 builds (3.49) reads a LIMIT bound to a parameter,
 * and the pattern bound to a LIKE on a text column (for the LIKE optimisation), and a statement whose plan read a
 * parameter is marked to be prepared again whenever that parameter is bound: with better-sqlite3, which binds on
 * every run, a kept statement was parsed and planned again on every run. `perf` on the API under bench:api found it:
 * 6 % of the share-request list's CPU in SQLite's parser and planner below `sqlite3_step`. The list's page statement
 * took 96–132 µs a run with `limit ? offset ?` and 70–76 µs with `+?`, as with the numbers written in; a LIKE on the
 * audit trail's actions 20.6 µs against 12.8 µs (docs/performance.md § A bound LIMIT planned on every run). The unary
 * plus hides the parameter from the planner and changes nothing else: it returns its operand as it is. The LIKE
 * optimisation it gives up needs a NOCASE index, which the schema has none of. Knex writes `limit ?` and `like ?`,
 * and so do the platform's own statements; the statement cache's keys stay the text as written.
 */
export function unplannedParameters(sql: string): string {
  return sql.replace(PLANNED_PARAMETER, '$1 +?');
}

/**
 * knex's better-sqlite3 client prepares every statement anew. SQLite plans a statement when it is prepared, and for
 * a join that took 10–30× as long as running it (the session lookup: 220 µs to prepare, 18 µs to run; bench:api):
 * statements are kept per connection, keyed by their SQL text, least recently used dropped beyond
 * STATEMENT_CACHE_SIZE. SQLite re-prepares a kept statement by itself when the schema changes.
 */
class StatementCachingDialect extends BetterSqliteKnexDialect {
  async acquireRawConnection(): Promise<Connection> {
    const connection = (await super.acquireRawConnection()) as Connection;
    connections.set(this, connection);
    drivers.set(connection, (this as unknown as { driver: ReaderDriver }).driver);
    return connection;
  }

  async destroyRawConnection(connection: Connection): Promise<void> {
    const reader = readers.get(connection);
    if (reader?.open) reader.close();
    readers.delete(connection);
    await (super.destroyRawConnection as (c: Connection) => Promise<void>).call(this, connection);
  }

  async _query(connection: Connection, obj: QueryObject): Promise<QueryObject> {
    if (!obj.sql) throw new Error('The query is empty');
    if (!connection) throw new Error('No connection provided');
    const self = this as unknown as { _optSafeIntegers(o: unknown): boolean | undefined; _formatBindings(b: unknown[] | undefined): unknown[] };
    const safeIntegers = self._optSafeIntegers(obj.options);
    // a statement with its own integer mode is not shared (the mode would stick to the cached statement)
    const statement = safeIntegers === undefined ? prepared(connection, obj.sql) : connection.prepare(unplannedParameters(obj.sql));
    if (safeIntegers !== undefined) statement.safeIntegers(safeIntegers);
    const bindings = self._formatBindings(obj.bindings);
    if (statement.reader) {
      obj.response = statement.all(bindings);
      return obj;
    }
    const response = statement.run(bindings);
    obj.response = response;
    obj.context = { lastID: response.lastInsertRowid, changes: response.changes };
    return obj;
  }
}

class StatementCachingConnection extends BetterSqliteConnection {
  override createKnex(): void {
    // createKnexClient takes a knex client class (MikroORM passes BetterSqliteKnexDialect); its type says string
    this.client = this.createKnexClient(StatementCachingDialect as unknown as string);
    this.connected = true;
  }
}

/** MikroORM's better-sqlite3 driver with prepared statements kept per connection (see StatementCachingDialect). */
export class SqliteDriver extends BetterSqliteDriver {
  constructor(config: Configuration) {
    super(config);
    (this as unknown as { connection: BetterSqliteConnection }).connection = new StatementCachingConnection(this.config);
  }
}

/**
 * SQLite reads the database file through a memory map of up to this size (2 GiB less 64 KiB, the most this build of
 * SQLite maps) instead of a read() per page into each connection's 16 MB cache: the heavy reads of a city's year (a
 * million call records, 800,000 clocks in a 1.2 GB file) go to pages all over the file, and the system calls were
 * half of their CPU time (docs/performance.md § Heavy reads off the event loop). The mapped pages are the operating
 * system's page cache, shared by every connection and thread; writes go through the WAL as before.
 */
export const SQLITE_MMAP_SIZE = 0x7fff0000;

type ReaderDriver = new (file: string, options: { fileMustExist: boolean }) => Connection;
const drivers = new WeakMap<Connection, ReaderDriver>();
const readers = new WeakMap<Connection, Connection>();

/**
 * A second connection to the same file, for reads only (`query_only`), opened on first need. In WAL mode a reader
 * sees the last committed state while the writer's transaction is open, so a request's reads need not wait for
 * another request's transaction — the gateway's call records are written by group commit, a transaction open most
 * of the time under load (bench:gateway). None for an in-memory database (a second connection would be another one).
 */
function readerOf(main: Connection): Connection | null {
  const known = readers.get(main);
  if (known?.open) return known;
  const Driver = drivers.get(main);
  if (!Driver || !main.name || main.name === ':memory:' || main.name.startsWith('file::memory')) return null;
  const reader = new Driver(main.name, { fileMustExist: true });
  reader.pragma('query_only = ON');
  reader.pragma('busy_timeout = 5000');
  reader.pragma(`mmap_size = ${SQLITE_MMAP_SIZE}`);
  readers.set(main, reader);
  return reader;
}

/**
 * Runs a read-only statement on the SQLite connection at once, without waiting for it in knex's pool — on the reader
 * connection while another request's transaction is open on the main one (its uncommitted rows must not be read);
 * null when it cannot (the statement writes, the connection is not SQLite's, or an in-memory database is in a
 * transaction). better-sqlite3 is synchronous: nothing
 * else runs on the connection while the statement does. Under load every statement of a request otherwise queued
 * behind every other request's for the one connection (bench:api).
 */
export function readWithoutPool(knexClient: object, sql: string, bindings: readonly unknown[], arrays = false): unknown[] | null {
  const main = connections.get(knexClient);
  if (!main || !main.open) return null;
  // while a transaction is open on the connection (another request's, between its statements), read the committed
  // state on the reader connection instead of waiting for the transaction to end
  const connection = main.inTransaction ? readerOf(main) : main;
  if (!connection) return null;
  const statement = prepared(connection, sql);
  if (!statement.readonly || !statement.reader) return null;
  const values = sqliteValues(bindings);
  const make = arrays ? null : rowMakerOf(statement);
  if (!arrays && !make) return statement.all(values);
  // the rows come as arrays in the statement's column order; the statement is shared through the cache, so its mode
  // is put back at once (synchronous: nothing else runs on it meanwhile)
  statement.raw(true);
  let rows: unknown[][];
  try {
    rows = statement.all(values) as unknown[][];
  } finally {
    statement.raw(false);
  }
  return make ? rows.map(make) : rows;
}

type RowMaker = (row: unknown[]) => Record<string, unknown>;
const rowMakers = new WeakMap<Statement, RowMaker | null>();

/**
 * The objects of a statement's rows, made in JavaScript from its rows as arrays by a function of one object literal
 * (generated once per statement from its column names): better-sqlite3 builds each row object property by property
 * through V8's API, 40 % slower for a page of 20 rows × 22 columns and twice as slow for the one-row session lookup
 * (bench:api), and the literal gives every row of a statement the same shape. Null (better-sqlite3's own objects)
 * for a name a literal would not keep as a plain property (`__proto__`).
 */
function rowMakerOf(statement: Statement): RowMaker | null {
  let make = rowMakers.get(statement);
  if (make !== undefined) return make;
  const names = statement.columns().map((c) => c.name);
  // the source is made of the statement's column names only, each as a JSON string literal
  make = names.includes('__proto__') ? null : (new Function('r', `return {${names.map((n, i) => `${JSON.stringify(n)}: r[${i}]`).join(', ')}};`) as RowMaker);
  rowMakers.set(statement, make);
  return make;
}

/** Statements run at once on the SQLite connection, inside the transaction `transactWithoutPool` opened. */
export interface SqlNow {
  all<T>(sql: string, bindings: readonly unknown[]): T[];
  run(sql: string, bindings: readonly unknown[]): number;
}

const sqliteValues = (bindings: readonly unknown[]) => bindings.map((b) => (b instanceof Date ? b.valueOf() : typeof b === 'boolean' ? Number(b) : b));

/**
 * Runs `fn` in one transaction (BEGIN IMMEDIATE) on the SQLite connection at once, synchronously, when no other
 * transaction is open on it; false when it cannot (a transaction is open — knex's queue must be used — or the client
 * is not SQLite's). Nothing else runs on the connection meanwhile: `fn` is synchronous and better-sqlite3 is. For
 * small hot write transactions (the gateway's call records): through knex one cost ~1.5 ms of CPU in statements,
 * pool and promise machinery; this costs what SQLite does.
 */
export function transactWithoutPool(knexClient: object, fn: (sql: SqlNow) => void): boolean {
  const connection = connections.get(knexClient);
  if (!connection || !connection.open || connection.inTransaction) return false;
  const sql: SqlNow = {
    all: <T>(text: string, bindings: readonly unknown[]) => prepared(connection, text).all(sqliteValues(bindings)) as T[],
    run: (text: string, bindings: readonly unknown[]) => prepared(connection, text).run(sqliteValues(bindings)).changes,
  };
  connection.transaction(() => fn(sql)).immediate();
  return true;
}
