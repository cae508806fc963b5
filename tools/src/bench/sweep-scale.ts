/**
 * npm run bench:sweep-scale [-- --pg[=<server url>]] — how the deadline sweep grows with the table (N vs 2N open
 * rows), on SQLite (default) or PostgreSQL. Its subjects are placeholders (`bench_*`): it measures the scan, not the
 * hooks; `bench:sweep` measures the sweep on real share requests against its set-based floor.
 *
 * Database N: 1,000,000 open deadlines of which 1% (10,000) are past due, scattered among the others by id; 40
 * departments with one data officer each and two bureau admins. Database 2N: the same rows, then doubled with
 * 1,000,000 more open rows due in the future (the same 10,000 overdue). On SQLite two temp files loaded with raw
 * multi-row INSERTs (the overdue rows at random positions); on PostgreSQL two databases of their own
 * (govdata_bench_sweep_scale_n and _2n on the `--pg` server, dropped afterwards) loaded by `INSERT … SELECT` over
 * generate_series (every 100th row past due). On each, in the same run:
 *   count — `SELECT count(*) FROM deadlines WHERE state = 'open' AND due_at < ?` (the (state, due_at) index), and
 *   sweep — the real deadline sweep: 10,000 rows open → overdue, ~9,000 violations + ~1,000 service-record entries,
 *           ~11,000 notifications, 10,000 audit events, in batches (one transaction each).
 * The two databases are timed alternately (N, 2N, N, 2N …) so that the load of a shared machine hits both alike;
 * between sweep runs the overdue rows are reopened, the sweep's records deleted and the WAL checkpointed (SQLite) or
 * the tables vacuumed (PostgreSQL) — not timed.
 * Figures: medians of RUNS runs after a warm-up — wall time, this process's CPU time and on PostgreSQL the server's
 * (every backend of the database, when the server is local) — the ratio sweep / count, and the median of the
 * per-pair ratios sweep(2N)/sweep(N); the machine's load before and after.
 *
 * Knobs (env): BENCH_ROWS (1000000), BENCH_RUNS (5), BENCH_BATCH (the sweep's default, 500), and BENCH_CACHE=<KiB> to
 * see the effect of a larger SQLite page cache (`pragma cache_size = -<KiB>`; the platform runs with SQLite's default
 * of 2 MiB — see docs/scheduler.md).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/knex';
import { CalendarHolder, Department, sweepDeadlines, User, type Database } from '@govdata/core';
import { openPlatformDatabase } from '@govdata/platform';
import { Prng } from '@govdata/demo';
import { shanghaiDate } from '@govdata/workdays';
import { dropPgDatabase, freshPgDatabase, serverCpuMs } from './databases';
import { benchTarget, machineLine } from './machine';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const OVERDUE = Math.round(ROWS / 100);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** rows per sweep batch (transaction); the sweep's default when unset */
const BATCH = process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined;
const NOW = new Date('2026-11-20T10:00:00+08:00');
const DAY = 86_400_000;
const target = benchTarget();
const PG = target.engine === 'postgresql';
/** a datetime parameter as the ORM stores it: epoch ms on SQLite, timestamptz on PostgreSQL */
const at = (d: Date): Date | number => (PG ? d : d.getTime());

/** mulberry32 (the demo seed's): the same data on every run. */
const seeded = (seed: number): (() => number) => {
  const rng = new Prng(seed);
  return () => rng.next();
};

interface RawSqlite {
  prepare(sql: string): { run(...params: unknown[]): unknown };
  exec(sql: string): void;
}

/** The better-sqlite3 handle under knex, for the bulk load only (the sweep itself goes through the ORM as in production). */
async function withRaw<T>(db: Database, fn: (raw: RawSqlite) => T): Promise<T> {
  const knex = (db.fork() as EntityManager).getKnex();
  const raw = (await knex.client.acquireConnection()) as RawSqlite;
  try {
    return fn(raw);
  } finally {
    await knex.client.releaseConnection(raw);
  }
}

const KINDS = ['provider_reply', 'catalog_update', 'correction_feedback', 'open_application', 'compliance_review'] as const;
const COLUMNS = 'kind, subject_type, subject_id, department_id, responsible, started_at, due_at, due_date, period_n, period_unit, provisional, state, created_at';
const PER_STATEMENT = 500;

/** Inserts `count` open deadlines, `overdue` of them past due at random positions, with raw multi-row INSERTs in one transaction. */
async function bulkInsert(db: Database, random: () => number, departments: number[], count: number, overdue: number, subjectBase: number): Promise<void> {
  const overdueAt = new Set<number>();
  while (overdueAt.size < overdue) overdueAt.add(Math.floor(random() * count));
  const row = `(${Array.from({ length: 13 }, () => '?').join(', ')})`;
  await withRaw(db, (raw) => {
    const full = raw.prepare(`insert into deadlines (${COLUMNS}) values ${Array.from({ length: PER_STATEMENT }, () => row).join(', ')}`);
    raw.exec('begin');
    let params: unknown[] = [];
    let inStatement = 0;
    for (let i = 0; i < count; i++) {
      const past = overdueAt.has(i);
      // 10% of the overdue rows are the bureau's own compliance reviews (service record), the rest departments'
      const kind = past ? (i % 10 === 0 ? 'compliance_review' : KINDS[i % 4]) : KINDS[i % 5];
      const bureau = kind === 'compliance_review';
      const due = past ? NOW.getTime() - Math.floor(random() * 30 * DAY) - 60_000 : NOW.getTime() + Math.floor(random() * 60 * DAY) + 60_000;
      params.push(kind, `bench_${kind}`, subjectBase + i, bureau ? null : departments[i % departments.length], bureau ? 'bureau' : 'department', due - 7 * DAY, due, shanghaiDate(new Date(due)), 5, 'working', 0, 'open', NOW.getTime() - 8 * DAY);
      if (++inStatement === PER_STATEMENT) {
        full.run(...params);
        params = [];
        inStatement = 0;
      }
    }
    if (inStatement > 0) raw.prepare(`insert into deadlines (${COLUMNS}) values ${Array.from({ length: inStatement }, () => row).join(', ')}`).run(...params);
    raw.exec('commit');
  });
}

/**
 * The same rows on PostgreSQL by one `INSERT … SELECT` over generate_series: every 100th row past due when `overdue`
 * (10 % of those the bureau's compliance reviews), due times spread by a hash of the row number.
 */
async function bulkInsertPg(db: Database, departments: number[], count: number, overdue: boolean, subjectBase: number): Promise<void> {
  const first = departments[0] as number;
  if (departments.some((id, i) => id !== first + i)) throw new Error('the departments\' ids are not contiguous');
  const kinds = (expr: string, list: readonly string[]) => `(array[${list.map((k) => `'${k}'`).join(', ')}])[1 + (${expr})]`;
  const past = overdue ? 's.i % 100 = 37' : 'false';
  const kind = `case when ${past} then (case when (s.i / 100) % 10 = 0 then 'compliance_review' else ${kinds('(s.i / 100) % 4', KINDS.slice(0, 4))} end) else ${kinds('s.i % 5', KINDS)} end`;
  const rnd = (salt: number, n: number) => `((hashint8extended(s.i + ${subjectBase}, ${salt}) & 9223372036854775807) % ${n})`;
  const due = `case when ${past} then ${NOW.getTime()} - ${rnd(1, 30 * DAY)} - 60000 else ${NOW.getTime()} + ${rnd(2, 60 * DAY)} + 60000 end`;
  const knex = (db.fork() as EntityManager).getKnex();
  await knex.raw(
    `insert into deadlines (${COLUMNS})
     select x.kind, 'bench_' || x.kind, ${subjectBase} + x.i, case when x.kind = 'compliance_review' then null else ${first} + x.i % ${departments.length} end,
       case when x.kind = 'compliance_review' then 'bureau' else 'department' end, to_timestamp((x.due - ${7 * DAY}) / 1000.0), to_timestamp(x.due / 1000.0),
       to_char(to_timestamp(x.due / 1000.0) at time zone 'Asia/Shanghai', 'YYYY-MM-DD'), 5, 'working', false, 'open', to_timestamp(${NOW.getTime() - 8 * DAY} / 1000.0)
     from (select s.i, ${kind} as kind, ${due} as due from generate_series(0::bigint, ${count - 1}) as s(i)) x`,
  );
}

async function timeCount(db: Database): Promise<{ ms: number; n: number }> {
  const t0 = performance.now();
  const [row] = await db.fork().execute<{ n: number }[]>("select count(*) as n from deadlines where state = 'open' and due_at < ?", [at(NOW)]);
  return { ms: performance.now() - t0, n: Number(row?.n) };
}

async function resetSweep(db: Database): Promise<void> {
  if (PG) {
    const knex = (db.fork() as EntityManager).getKnex();
    await knex.transaction(async (tx) => {
      await tx.raw("update deadlines set state = 'open', overdue_at = null where state = 'overdue'");
      for (const t of ['violations', 'service_record_entries', 'notifications']) await tx.raw(`delete from ${t}`);
    });
    // each timed sweep starts on tables without the reset's dead rows, with current statistics (as autovacuum keeps them)
    for (const t of ['deadlines', 'violations', 'service_record_entries', 'notifications', 'audit_events']) await knex.raw(`vacuum analyze ${t}`);
    return;
  }
  await withRaw(db, (raw) => {
    raw.exec('begin');
    raw.exec("update deadlines set state = 'open', overdue_at = null where state = 'overdue'");
    raw.exec('delete from violations; delete from service_record_entries; delete from notifications;');
    // the audit trail is append-only (triggers refuse DELETE): its rows stay and the chain keeps growing
    raw.exec('commit');
    // each timed sweep starts with an empty WAL, not paying for the reset's (or the load's) checkpoint
    raw.exec('pragma wal_checkpoint(TRUNCATE)');
  });
}

async function timeSweep(db: Database, calendar: CalendarHolder) {
  const server0 = await serverCpuMs(db.fork());
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await sweepDeadlines({ em: db.fork(), now: NOW, calendar }, { batchSize: BATCH });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const server1 = await serverCpuMs(db.fork());
  // CPU time of this process (and of the PostgreSQL server): less disturbed than wall time by the other work of a shared machine
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, serverCpuMs: server0 !== null && server1 !== null ? server1 - server0 : null, ...r };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0)).padStart(7) + ' ms';

interface Bench {
  name: string;
  /** the SQLite file, or the PostgreSQL database's name */
  file: string;
  db: Database;
  calendar: CalendarHolder;
  rows: number;
}

/** A database of `rows` open deadlines: the seeded first ROWS (10,000 of them overdue), then future ones. */
async function prepare(name: string, rows: number): Promise<Bench> {
  const file = PG ? `govdata_bench_sweep_scale_${name.toLowerCase()}` : path.join(os.tmpdir(), `govdata-bench-sweep-${process.pid}-${name}.sqlite`);
  const db = await openPlatformDatabase(PG ? await freshPgDatabase(target.pgUrl as string, file) : `sqlite:${file}`, { quiet: true });
  const calendar = await CalendarHolder.load(db.fork());
  if (process.env.BENCH_CACHE && !PG) await withRaw(db, (raw) => raw.exec(`pragma cache_size = -${process.env.BENCH_CACHE}`));
  const em = db.fork();
  const departments = Array.from({ length: 41 }, (_, i) =>
    em.create(Department, { code: `11140600BENCH${String(i).padStart(5, '0')}`, name: `基准部门${i}`, kind: 'government_department', regionCode: '140600', isBureau: i === 0, createdAt: NOW, updatedAt: NOW }),
  );
  await em.flush();
  departments.forEach((d, i) =>
    em.create(User, { username: `bench${i}`, displayName: `用户${i}`, department: d, roles: [i === 0 ? 'bureau_admin' : 'dept_admin'], passwordHash: 'x', createdAt: NOW, updatedAt: NOW }),
  );
  em.create(User, { username: 'bench_bureau2', displayName: '用户B', department: departments[0], roles: ['bureau_admin'], passwordHash: 'x', createdAt: NOW, updatedAt: NOW });
  await em.flush();
  const deptIds = departments.slice(1).map((d) => d.id);
  const random = seeded(20_220_517);
  const t0 = performance.now();
  if (PG) {
    await bulkInsertPg(db, deptIds, ROWS, true, 0);
    for (let added = ROWS; added < rows; added += ROWS) await bulkInsertPg(db, deptIds, ROWS, false, added);
  } else {
    await bulkInsert(db, random, deptIds, ROWS, OVERDUE, 0);
    for (let added = ROWS; added < rows; added += ROWS) await bulkInsert(db, random, deptIds, ROWS, 0, added);
  }
  console.log(`  ${name}: loaded ${rows.toLocaleString('en')} open deadlines (${OVERDUE.toLocaleString('en')} past due) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await resetSweep(db);
  return { name, file, db, calendar, rows };
}

const benches: Bench[] = [];
try {
  console.log(`\n  deadline sweep vs indexed count — ${PG ? 'PostgreSQL' : 'SQLite'}, ${RUNS} runs each, batch ${BATCH ?? 'default (500)'}${PG ? '' : `, page cache ${process.env.BENCH_CACHE ? `${process.env.BENCH_CACHE} KiB` : 'SQLite default'}`}`);
  console.log(`  ${machineLine()}\n`);
  benches.push(await prepare('N', ROWS));
  benches.push(await prepare('2N', 2 * ROWS));
  const n = benches[0] as Bench;
  const candidates = "select id from deadlines where state = 'open' and due_at < ? and due_at >= ? and (due_at > ? or id > ?) order by due_at, id limit 500";
  if (PG) {
    const version = (await n.db.fork().execute<{ v: string }[]>('show server_version'))[0] as unknown as Record<string, string>;
    const plan = await n.db.fork().execute<Record<string, string>[]>(`explain ${candidates}`, [NOW, new Date(0), new Date(0), 0]);
    console.log(`  PostgreSQL ${Object.values(version)[0]}; sweep candidates: ${plan.map((p) => Object.values(p)[0]?.trim()).join(' · ')}`);
  } else {
    const version = (await n.db.fork().execute<{ v: string }[]>('select sqlite_version() as v'))[0]?.v;
    const plan = await n.db.fork().execute<{ detail: string }[]>(`explain query plan ${candidates}`, [NOW.getTime(), 0, 0, 0]);
    console.log(`  SQLite ${version}; sweep candidates: ${plan.map((p) => p.detail).join(' · ')}`);
  }

  const counts = new Map<Bench, number[]>(benches.map((b) => [b, []]));
  const sweeps = new Map<Bench, number[]>(benches.map((b) => [b, []]));
  const cpus = new Map<Bench, number[]>(benches.map((b) => [b, []]));
  const servers = new Map<Bench, number[]>(benches.map((b) => [b, []]));
  const pairRatios: number[] = [];
  const cpuRatios: number[] = [];
  let flagged = true;
  for (let i = 0; i <= RUNS; i++) {
    const pair: number[] = [];
    const cpuPair: number[] = [];
    for (const b of benches) {
      await resetSweep(b.db);
      const c = await timeCount(b.db);
      const s = await timeSweep(b.db, b.calendar);
      flagged &&= c.n === OVERDUE && s.newlyOverdue === OVERDUE;
      if (i === 0) {
        if (b === n) console.log(`  one sweep: ${s.newlyOverdue} overdue, ${s.violationsCreated} violations, ${s.serviceRecordEntries} service record, ${s.notificationsSent} notifications, ${s.batches} batches`);
        continue; // warm-up
      }
      counts.get(b)?.push(c.ms);
      sweeps.get(b)?.push(s.ms);
      cpus.get(b)?.push(s.cpuMs);
      if (s.serverCpuMs !== null) servers.get(b)?.push(s.serverCpuMs);
      pair.push(s.ms);
      cpuPair.push(s.cpuMs);
    }
    if (pair.length === 2) pairRatios.push((pair[1] as number) / (pair[0] as number));
    if (cpuPair.length === 2) cpuRatios.push((cpuPair[1] as number) / (cpuPair[0] as number));
  }
  for (const b of benches) {
    const c = median(counts.get(b) ?? []);
    const sw = sweeps.get(b) ?? [];
    console.log(`\n  ${b.rows.toLocaleString('en')} rows (${b.name})`);
    console.log(`    count(*) of ${OVERDUE.toLocaleString('en')} overdue   ${fmt(c)}`);
    console.log(`    sweep                          ${fmt(median(sw))}  (best ${fmt(Math.min(...sw)).trim()}, worst ${fmt(Math.max(...sw)).trim()})`);
    console.log(`    sweep CPU time                 ${fmt(median(cpus.get(b) ?? []))}${PG ? ' (this process)' : ''}`);
    if (servers.get(b)?.length) console.log(`    sweep CPU time of the server   ${fmt(median(servers.get(b) ?? []))}`);
    console.log(`    sweep / count                  ${(median(sw) / c).toFixed(0).padStart(7)} ×   (goal ≤ 3×)`);
  }
  const ratio = median(pairRatios);
  console.log(`\n  sweep(2N) / sweep(N), median of ${pairRatios.length} adjacent pairs: ${ratio.toFixed(2)} ×   (goal ≤ 1.2×; pairs ${pairRatios.map((r) => r.toFixed(2)).join(' ')})`);
  console.log(`  the same in CPU time:                        ${median(cpuRatios).toFixed(2)} ×   (pairs ${cpuRatios.map((r) => r.toFixed(2)).join(' ')})`);
  console.log(`  ${machineLine()}\n`);
  if (!flagged) {
    console.error('  the sweep did not flag exactly the overdue rows — the figures above are not comparable');
    process.exitCode = 1;
  }
} finally {
  for (const b of benches) {
    await b.db.close();
    if (PG) await dropPgDatabase(target.pgUrl as string, b.file);
    else for (const suffix of ['', '-wal', '-shm']) fs.rmSync(b.file + suffix, { force: true });
  }
}
