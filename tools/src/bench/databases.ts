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
  const pids = await serverPids(em);
  return pids && pidsCpuMs(pids);
}

/** The pids of the PostgreSQL backends connected to this database now; null on SQLite. */
export async function serverPids(em: EntityManager): Promise<number[] | null> {
  if (!isPostgres(em)) return null;
  const res: unknown = await em.getKnex().raw('select pid from pg_stat_activity where datname = current_database()');
  return ((res as { rows: { pid: number }[] }).rows ?? []).map((r) => Number(r.pid));
}

/** The CPU time (ms) these backends have used so far, read at once (synchronous: at a given moment of a run); null when one is gone or the server is not local. */
export function pidsCpuMs(pids: number[] | null): number | null {
  if (!pids) return null;
  try {
    return pids.reduce((n, pid) => n + processCpuMs(pid), 0);
  } catch {
    return null;
  }
}

/** A throw-away copy of a seeded data set, for a benchmark that writes (the seeded databases are shared: read-only). */
export interface SeededCopy {
  /** the copy's DATABASE_URL */
  url: string;
  /** what was copied and how long it took, for the benchmark's output */
  note: string;
  drop(): Promise<void>;
}

/**
 * Copies the seeded data set at `source` (a DATABASE_URL from seededDatabaseUrl) into a database of the benchmark's
 * own: on PostgreSQL `CREATE DATABASE <name> TEMPLATE <seed> STRATEGY FILE_COPY` (a copy of the files after a
 * checkpoint — an 11 GB province is not written through the WAL). PostgreSQL refuses the copy while any session is
 * connected to the template (another benchmark reading it), so it is retried every 5 s for up to `waitMs`; during
 * the copy new sessions to the template wait. On SQLite the file (and its WAL, when one is left) is copied into the
 * temp directory. `drop()` removes the copy.
 */
export async function copySeededDatabase(source: string, name: string, waitMs = 30 * 60_000): Promise<SeededCopy> {
  const t0 = performance.now();
  const took = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  if (/^postgres(ql)?:\/\//.test(source)) {
    if (!/^govdata_bench_[a-z0-9_]+$/.test(name)) throw new Error(`a benchmark database is named govdata_bench_…, not ${name}`);
    const template = new URL(source).pathname.slice(1);
    const admin = knex({ client: 'pg', connection: pgDatabaseUrl(source, 'postgres'), pool: { min: 0, max: 1 } });
    try {
      await admin.raw(`drop database if exists "${name}" with (force)`);
      const until = Date.now() + waitMs;
      let waited = false;
      for (;;) {
        try {
          await admin.raw(`create database "${name}" template "${template}" strategy file_copy`);
          break;
        } catch (e) {
          // 55006: source database "…" is being accessed by other users
          if ((e as { code?: string }).code !== '55006' || Date.now() > until) throw e;
          if (!waited) console.log(`  waiting for the other sessions on ${template} to end (PostgreSQL copies a database only when nobody is connected to it) …`);
          waited = true;
          await new Promise((r) => setTimeout(r, 5_000));
        }
      }
      const size = (await admin.raw('select pg_size_pretty(pg_database_size(?)) as s', [name])) as { rows: { s: string }[] };
      const url = pgDatabaseUrl(source, name);
      return { url, note: `copy ${name} of ${template} (${size.rows[0]?.s}) made in ${took()}`, drop: () => dropPgDatabase(source, name) };
    } finally {
      await admin.destroy();
    }
  }
  const from = source.replace(/^sqlite:/, '');
  const to = path.join(os.tmpdir(), `${name}-${process.pid}.sqlite`);
  const remove = () => {
    for (const suffix of ['', '-wal', '-shm', '.migrate.lock']) fs.rmSync(to + suffix, { force: true });
  };
  remove();
  await fs.promises.copyFile(from, to);
  if (fs.existsSync(`${from}-wal`)) await fs.promises.copyFile(`${from}-wal`, `${to}-wal`);
  return { url: `sqlite:${to}`, note: `copy ${to} of ${from} (${(fs.statSync(to).size / 2 ** 30).toFixed(2)} GiB) made in ${took()}`, drop: async () => remove() };
}

/**
 * The CPU time of the PostgreSQL backends of a database over a stretch of time (ms), for runs long enough that
 * backends come and go meanwhile (a pool closes an idle connection, another opens): each backend's CPU is sampled
 * every `everyMs` and its growth between its first and last sample summed, so a backend that ends costs at most one
 * interval of its CPU, and none is counted negative. Null on SQLite or when the server is not local.
 */
export function trackServerCpu(em: EntityManager, everyMs = 1_000): { stop(): Promise<number | null> } {
  if (!isPostgres(em)) return { stop: async () => null };
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let local = true;
  const sample = async () => {
    const res: unknown = await em.getKnex().raw('select pid from pg_stat_activity where datname = current_database()');
    for (const { pid } of (res as { rows: { pid: number }[] }).rows ?? []) {
      try {
        const ms = processCpuMs(Number(pid));
        if (!first.has(Number(pid))) first.set(Number(pid), ms);
        last.set(Number(pid), ms);
      } catch (e) {
        // a backend that ended between the query and the read is simply not sampled; a server elsewhere has no /proc entry
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') local = false;
      }
    }
  };
  let pending = sample();
  const timer = setInterval(() => (pending = pending.then(sample, sample)), everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await pending.catch(() => undefined);
      await sample();
      if (!local || first.size === 0) return null;
      return [...last].reduce((n, [pid, ms]) => n + ms - (first.get(pid) ?? ms), 0);
    },
  };
}
