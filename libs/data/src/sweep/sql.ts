import type { EntityManager } from '@mikro-orm/knex';
import { isPostgres } from '../orm/sql';

/**
 * A Date as the raw SQL of the sweeps compares it with stored datetimes: SQLite stores MikroORM datetimes as epoch
 * milliseconds, PostgreSQL as timestamptz (an ISO literal casts to it).
 */
export function sqlTime(em: EntityManager, at: Date): number | string {
  return isPostgres(em) ? at.toISOString() : at.getTime();
}

/** A datetime read back by raw SQL: a number on SQLite, a Date (or string) on PostgreSQL. */
export const fromSqlTime = (value: unknown): Date => (value instanceof Date ? value : new Date(value as number | string));

/** `?, ?, ?` for an IN list. */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
