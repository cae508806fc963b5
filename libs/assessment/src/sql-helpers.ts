import type { EntityManager } from '@mikro-orm/knex';
import { shanghaiDate, startOfShanghaiDay, type IsoDate } from '@govdata/workdays';
import { isPostgres } from '@govdata/core';

/**
 * Shared pieces of the assessment's SQL (facts, drill-down, dashboard). Datetimes are bound as `Date` values: knex
 * hands better-sqlite3 epoch ms (how MikroORM 6 stores them on SQLite) and node-postgres a timestamptz, so the same
 * `col < ?` compares instants on both dialects. Deadline windows use the `due_date` string column (YYYY-MM-DD,
 * Asia/Shanghai), which compares the same everywhere.
 */

/** The deadline kinds a department answers for, read by the facts (DEADLINE_FACTS) — the bureau's compliance review is not. */
export const DEPARTMENT_DEADLINE_KINDS = ['catalog_update', 'provider_reply', 'correction_feedback', 'open_application', 'notice_rectification'] as const;

/** The statuses a catalog entry counts as published in (下线过渡期 included, 第八条). */
export const PUBLISHED_STATUSES = ['published', 'retiring'] as const;

/**
 * The statistics day of a year's facts: `year-12-31` once the year is over, else today (Asia/Shanghai) — and, for a
 * year that has not begun, its first day (nothing has run its course yet).
 */
export function assessmentAsOf(year: number, now: Date): IsoDate {
  const today = shanghaiDate(now);
  if (today > `${year}-12-31`) return `${year}-12-31`;
  if (today < `${year}-01-01`) return `${year}-01-01`;
  return today;
}

export interface YearWindow {
  /** first and last due date of the year */
  firstDay: IsoDate;
  lastDay: IsoDate;
  /** [start, end) instants of the year, Asia/Shanghai */
  start: Date;
  end: Date;
  /** the catalog snapshot's instant: the end of the year once it is over, else the computation's `now` */
  cut: Date;
  asOf: IsoDate;
}

export function yearWindow(year: number, now: Date): YearWindow {
  const start = startOfShanghaiDay(`${year}-01-01`);
  const end = startOfShanghaiDay(`${year + 1}-01-01`);
  return { firstDay: `${year}-01-01`, lastDay: `${year}-12-31`, start, end, cut: now.getTime() < end.getTime() ? now : end, asOf: assessmentAsOf(year, now) };
}

/** The Asia/Shanghai date of a datetime column, as a YYYY-MM-DD string expression. */
export function shanghaiDateSql(em: EntityManager, column: string): string {
  return isPostgres(em)
    ? `to_char(${column} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`
    : `strftime('%Y-%m-%d', ${column} / 1000 + 28800, 'unixepoch')`;
}

/** The Asia/Shanghai month (YYYY-MM) of a YYYY-MM-DD string column. */
export const monthOfDateSql = (column: string): string => `substr(${column}, 1, 7)`;

/**
 * The published entry carries every element of REQUIRED_METADATA (facts.ts). The columns that are NOT NULL enums
 * (format, update cycle, share type and method, security grade) are still checked for emptiness; 信息项 means at
 * least one item not removed; 使用要求 means the conditions for a conditional entry and the basis of 不予共享 for a
 * `none` entry (第十四条(一)) — an unconditional entry has no conditions to state.
 */
export function metadataCompleteSql(alias: string): string {
  const filled = (c: string) => `(${alias}.${c} is not null and trim(${alias}.${c}) <> '')`;
  return `(${[
    filled('class_code'),
    filled('format'),
    `exists (select 1 from catalog_items ci where ci.entry_id = ${alias}.id and ci.removed_at is null)`,
    filled('update_cycle'),
    filled('share_type'),
    filled('share_method'),
    `(${alias}.share_type = 'unconditional' or (${alias}.share_type = 'conditional' and ${filled('share_conditions')}) or (${alias}.share_type = 'none' and ${filled('no_share_basis')}))`,
    filled('security_grade'),
    filled('collection_basis'),
  ].join(' and ')})`;
}

export const inList = (values: readonly string[]): string => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');

/** A count column read back: a number on SQLite, a string (bigint) on PostgreSQL. */
export const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
