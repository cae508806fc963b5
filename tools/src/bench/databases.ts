/**
 * The databases the benchmarks run on: a PostgreSQL database of their own on the `--pg` server (dropped and created
 * afresh, so a run never touches the test database), and the data set `bench:seed` wrote, found again by the benches
 * that measure on it (`--seeded`, or `BENCH_DB=<sqlite file>`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { knex, type EntityManager } from '@mikro-orm/knex';
import { isPostgres } from '@govdata/core';
import { benchTarget, processCpuMs } from './machine';

/** The URL of database `name` on the server of `serverUrl`. */
export function pgDatabaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops database `name` on the server of `serverUrl` (when it exists) and creates it empty; returns its URL. */
export async function freshPgDatabase(serverUrl: string, name: string): Promise<string> {
  if (!/^govdata_bench_[a-z0-9_]+$/.test(name)) throw new Error(`a benchmark database is named govdata_bench_…, not ${name}`);
  const admin = knex({ client: 'pg', connection: pgDatabaseUrl(serverUrl, 'postgres'), pool: { min: 0, max: 1 } });
  try {
    await admin.raw(`drop database if exists "${name}" with (force)`);
    await admin.raw(`create database "${name}"`);
  } finally {
    await admin.destroy();
  }
  return pgDatabaseUrl(serverUrl, name);
}

/** Drops database `name` on the server of `serverUrl`. */
export async function dropPgDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = knex({ client: 'pg', connection: pgDatabaseUrl(serverUrl, 'postgres'), pool: { min: 0, max: 1 } });
  try {
    await admin.raw(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.destroy();
  }
}

/** `province`, `city`, or a factor as a name part: `0.01` → `f0_01`. */
export const scaleName = (scale: string): string => (/^[a-z]+$/.test(scale) ? scale : `f${scale.replace(/[^0-9]/g, '_')}`);

/** The PostgreSQL database bench:seed writes for a scale. */
export const seedDatabaseName = (scale: string): string => `govdata_bench_seed_${scaleName(scale)}`;

/** The SQLite file bench:seed writes for a scale, unless told another (`--out=<file>` or BENCH_DB). */
export const seedSqliteFile = (scale: string): string => path.join(os.tmpdir(), `govdata-bench-seed-${scaleName(scale)}.sqlite`);

/** The value of `--name=value` or `--name value`, if given. */
export function flagValue(argv: string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = argv[i] as string;
  if (a.includes('=')) return a.slice(a.indexOf('=') + 1);
  const next = argv[i + 1];
  return next && !next.startsWith('--') ? next : '';
}

/**
 * The data set of `bench:seed` a benchmark should run on, as a DATABASE_URL, or null for the benchmark's own data:
 * `BENCH_DB=<sqlite file>`; `--seeded` (the province's, on the engine `--pg` chose), `--seeded=city`,
 * `--seeded=<postgres URL>` or `--seeded=<sqlite file>`.
 */
export function seededDatabaseUrl(argv: string[] = process.argv.slice(2)): string | null {
  const target = benchTarget(argv);
  const seeded = flagValue(argv, 'seeded');
  if (seeded === undefined) return process.env.BENCH_DB ? `sqlite:${path.resolve(process.env.BENCH_DB)}` : null;
  if (/^postgres(ql)?:\/\//.test(seeded)) return seeded;
  if (seeded && !/^(province|city|[0-9.]+)$/.test(seeded)) return `sqlite:${path.resolve(seeded)}`;
  const scale = seeded || 'province';
  if (target.pgUrl) return pgDatabaseUrl(target.pgUrl, seedDatabaseName(scale));
  const file = process.env.BENCH_DB ? path.resolve(process.env.BENCH_DB) : seedSqliteFile(scale);
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist: run npm run bench:seed -- --scale ${scale} first`);
  return `sqlite:${file}`;
}

/**
 * CPU time (ms) the PostgreSQL backends connected to this database have used so far — the server's side of a query,
 * which this process's CPU time leaves out. Null on SQLite (it runs in this process) or when the server is not local.
 */
export async function serverCpuMs(em: EntityManager): Promise<number | null> {
  if (!isPostgres(em)) return null;
  const res: unknown = await em.getKnex().raw('select pid from pg_stat_activity where datname = current_database()');
  const pids = ((res as { rows: { pid: number }[] }).rows ?? []).map((r) => Number(r.pid));
  try {
    return pids.reduce((n, pid) => n + processCpuMs(pid), 0);
  } catch {
    return null;
  }
}
