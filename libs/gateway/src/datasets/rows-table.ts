import type { EntityManager } from '@mikro-orm/knex';
import { isPostgres, sqlAll, sqlRun } from '@govdata/core';
import type { DatasetColumn } from '../entities/dataset-version.entity';

/**
 * The rows of one dataset version: a table of its own, one typed column per item (named `c_<fieldName>`, so no field
 * name can collide with SQL), `_row` the line order, and an index per query-key column. One engine, one backup: the
 * table lives in the platform database (SQLite embedded, PostgreSQL at scale).
 */
export const rowsTableOf = (versionId: number): string => `dataset_rows_${versionId}`;
export const columnOf = (fieldName: string): string => `c_${fieldName}`;

const q = (id: string): string => `"${id.replace(/"/g, '""')}"`;

function sqlType(dataType: string, pg: boolean): string {
  switch (dataType) {
    case 'integer':
      return pg ? 'bigint' : 'integer';
    case 'decimal':
      return pg ? 'double precision' : 'real';
    case 'boolean':
      return pg ? 'smallint' : 'integer';
    default:
      return 'text';
  }
}

export async function createRowsTable(em: EntityManager, table: string, columns: DatasetColumn[], keyColumns: string[]): Promise<void> {
  const pg = isPostgres(em);
  const cols = columns.map((c) => `${q(c.column)} ${sqlType(c.dataType, pg)}`).join(', ');
  await sqlRun(em, `create table ${q(table)} (${q('_row')} ${pg ? 'bigint' : 'integer'} primary key, ${cols})`, []);
  for (const k of keyColumns) await sqlRun(em, `create index ${q(`${table}_${k}`)} on ${q(table)} (${q(k)})`, []);
}

export async function dropRowsTable(em: EntityManager, table: string): Promise<void> {
  await sqlRun(em, `drop table if exists ${q(table)}`, []);
}

/** Inserts rows (each value in column order, `_row` first) in multi-row statements under the bind-parameter limits. */
export async function insertRows(em: EntityManager, table: string, columns: DatasetColumn[], rows: (string | number | null)[][]): Promise<void> {
  if (!rows.length) return;
  const width = columns.length + 1;
  // SQLite allows 32,766 bound parameters, PostgreSQL 65,535
  const per = Math.max(1, Math.floor(30_000 / width));
  const names = [q('_row'), ...columns.map((c) => q(c.column))].join(', ');
  for (let i = 0; i < rows.length; i += per) {
    const slice = rows.slice(i, i + per);
    const row = `(${Array.from({ length: width }, () => '?').join(', ')})`;
    await sqlRun(em, `insert into ${q(table)} (${names}) values ${slice.map(() => row).join(', ')}`, slice.flat());
  }
}

export interface RowFilter {
  column: string;
  value: string | number;
}

function where(filters: RowFilter[]): { sql: string; bindings: (string | number)[] } {
  if (!filters.length) return { sql: '', bindings: [] };
  return { sql: ` where ${filters.map((f) => `${q(f.column)} = ?`).join(' and ')}`, bindings: filters.map((f) => f.value) };
}

/** A page of rows (in upload order) matching equality filters on key columns, and how many match. */
export async function readRows(em: EntityManager, table: string, columns: DatasetColumn[], filters: RowFilter[], page: number, pageSize: number): Promise<{ rows: Record<string, unknown>[]; total: number }> {
  const w = where(filters);
  const list = columns.map((c) => q(c.column)).join(', ');
  const rows = await sqlAll<Record<string, unknown>>(em, `select ${list} from ${q(table)}${w.sql} order by ${q('_row')} limit ? offset ?`, [...w.bindings, pageSize, (page - 1) * pageSize]);
  let total = rows.length + (page - 1) * pageSize;
  if (rows.length === pageSize || page > 1) {
    const counted = await sqlAll<{ n: number | string }>(em, `select count(*) as n from ${q(table)}${w.sql}`, w.bindings);
    total = Number(counted[0]?.n ?? 0);
  }
  return { rows: rows.map((r) => typed(r, columns)), total };
}

/** Values as their items say: numbers for integer/decimal (PostgreSQL returns bigint as text), booleans for boolean. */
function typed(r: Record<string, unknown>, columns: DatasetColumn[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of columns) {
    const v = r[c.column];
    if (v === null || v === undefined) out[c.fieldName] = null;
    else if (c.dataType === 'integer' || c.dataType === 'decimal') out[c.fieldName] = Number(v);
    else if (c.dataType === 'boolean') out[c.fieldName] = Number(v) === 1;
    else out[c.fieldName] = v;
  }
  return out;
}
