import { isoInstant } from '@govdata/workdays';
import type { EntityManager } from '@mikro-orm/knex';
import { isPostgres } from './sql';
import { readWithoutPool, transactWithoutPool, type SqlNow } from './sqlite-driver';

export type { SqlNow };

/**
 * Raw SQL for the jobs' hot paths, with real bind parameters (knex binds them: better-sqlite3 gets epoch ms for a
 * Date and 0/1 for a boolean, as MikroORM stores them on SQLite; node-postgres gets timestamptz and booleans). Inside
 * `em.transactional` the statement runs in that transaction. The ORM's own query path inlines every value into the
 * SQL text and maps every row, which made the batched inserts several times slower than the database work itself.
 */
function knexOf(em: EntityManager) {
  return em.getTransactionContext<ReturnType<EntityManager['getKnex']>>() ?? em.getKnex();
}

type Binding = string | number | boolean | Date | null;

/** Rows of a SELECT (or of a statement with RETURNING). */
export async function sqlAll<T>(em: EntityManager, sql: string, bindings: Binding[]): Promise<T[]> {
  if (!em.getTransactionContext()) {
    const rows = readWithoutPool(em.getKnex().client, sql, bindings);
    if (rows) return rows as T[];
  }
  const res: unknown = await knexOf(em).raw(sql, bindings);
  return (Array.isArray(res) ? res : (res as { rows: T[] }).rows) as T[];
}

/**
 * Rows of a SELECT as arrays in the order of its columns — for reads of many rows (downloads, exports), where an
 * object per row is most of the cost. On SQLite outside a transaction straight from the statement; otherwise the
 * driver's objects, their values in column order.
 */
export async function sqlRows(em: EntityManager, sql: string, bindings: Binding[]): Promise<unknown[][]> {
  if (!em.getTransactionContext()) {
    const rows = readWithoutPool(em.getKnex().client, sql, bindings, true);
    if (rows) return rows as unknown[][];
  }
  return (await sqlAll<Record<string, unknown>>(em, sql, bindings)).map((r) => Object.values(r));
}

/** A SELECT list whose rows are read as arrays (sqlRows): its SQL, and where each named column is in a row. */
export interface SelectList<K extends string> {
  /** `expr as name, …` in the order of the columns */
  readonly sql: string;
  /** the position of each column in a row */
  readonly at: Readonly<Record<K, number>>;
}

/**
 * A SELECT list from `{name: expression}` in the object's order, for rows read as arrays (`sqlRows`: no object a
 * row — better-sqlite3's own objects cost twice what its arrays do, 121 → 65 µs for 20 rows of 22 columns; the
 * driver's generated row literal closes most of that gap), and `at.name` keeps the reading code by name. A list
 * spread into a longer one (`selectList({...BASE, extra: …})`) keeps BASE's positions.
 */
export function selectList<K extends string>(columns: Record<K, string>): SelectList<K> {
  const names = Object.keys(columns) as K[];
  const at = {} as Record<K, number>;
  for (const [i, name] of names.entries()) {
    // lower-case names: PostgreSQL folds an unquoted alias, and object keys that look like integers would reorder
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`selectList: column name ${name} must be lower-case snake_case`);
    at[name] = i;
  }
  return { sql: names.map((n) => `${columns[n]} as ${n}`).join(', '), at };
}

/**
 * Runs synchronous `fn` in its own transaction at once on SQLite when the connection is free (see
 * transactWithoutPool); false when it did not run — PostgreSQL, an open transaction on `em` or on the connection —
 * and the caller takes its asynchronous path.
 */
export function sqlTransactNow(em: EntityManager, fn: (sql: SqlNow) => void): boolean {
  if (em.getTransactionContext() || isPostgres(em)) return false;
  return transactWithoutPool(em.getKnex().client, fn);
}

/** Rows changed by an INSERT/UPDATE/DELETE (with ON CONFLICT DO NOTHING: rows really inserted). */
export async function sqlRun(em: EntityManager, sql: string, bindings: Binding[]): Promise<number> {
  const res = (await knexOf(em).raw(sql, bindings)) as { changes?: number; rowCount?: number | null };
  return Number(isPostgres(em) ? (res.rowCount ?? 0) : (res.changes ?? 0));
}

/** A datetime read back by raw SQL: epoch ms on SQLite, a Date on PostgreSQL. */
export const fromSqlTime = (value: unknown): Date => (value instanceof Date ? value : new Date(value as number | string));

/** A datetime read back by raw SQL as ISO 8601 text (as `toISOString`), without a Date: list rows format several each. */
export const sqlIso = (value: unknown): string => isoInstant(value instanceof Date ? value.getTime() : typeof value === 'number' ? value : new Date(value as string).getTime());

/** `?, ?, ?` for an IN list. */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** `(?, ?), (?, ?)` for a multi-row VALUES list. */
export const valuesList = (rows: number, columns: number): string => {
  const row = `(${placeholders(columns)})`;
  return Array.from({ length: rows }, () => row).join(', ');
};

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `2026-11-20 10:00` in Asia/Shanghai (UTC+8 all year), for the sentences of evidence and notifications. */
export const shanghaiMinute = (at: Date): string => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
