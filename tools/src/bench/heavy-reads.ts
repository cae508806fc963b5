/**
 * npm run bench:heavy-reads [-- --seeded[=city|<url>|<file>]] [-- --pg[=<url>]] — how long the heavy reads stop the
 * API's event loop on SQLite, and what they cost through the worker threads (issue 19, finding 5).
 *
 * Data: a COPY of the bench:seed data set (the city's by default; the seeded databases are shared and read-only) —
 * 100 departments, 50,000 entries, 500,000 share requests over 5 years — to which the bench adds what the seed does
 * not write: 2,000 open datasets (published entries, one in twenty withdrawn since), their usage days over the last
 * year (about half the days of each) and a year of gateway calls up to the seed's moment (BENCH_CALLS, 1,000,000:
 * one in ten through the open interface on an open dataset, the rest by departments' systems on published entries,
 * one in twenty refused), all by `INSERT … SELECT` over a number series. BENCH_KEEP=1 keeps the copy (its URL is
 * printed) and `--copy=<url>` measures on such a copy again without copying or loading.
 *
 * The reads, as the console sends them, on 2026 at the seed's moment (2026-11-20 10:00, BENCH_NOW): every drill-down
 * of the assessment (each distinct list an indicator's points open, for the department with the most share requests),
 * the leadership dashboard, the open-data usage statistics over a year by dataset, department and day, the open-data
 * annual report, the call statistics over a year as the bureau, and an assessment's facts. Each is a read task
 * (libs/platform workers/read-tasks.ts), run BENCH_RUNS (5) times after a warm-up:
 *   on the API's connection — wall time, CPU time, and the longest stall of this thread's event loop meanwhile
 *     (a 1 ms timer's largest gap): on SQLite, what every other request of the process waited;
 *   through the worker threads (SQLite; `workerReadRunner` with the sizes forced to "large") — wall time, the
 *     process's CPU time (both threads), the longest stall of this thread's event loop, and whether the answer equals
 *     the direct one (the bench stops when it does not). The threads' start is timed apart.
 * On PostgreSQL (`--pg --seeded[=city]`) the reads run on the pool (no thread: the driver does not block the event
 * loop), with the backends' CPU time. Printed with the machine's load before and after.
 */
import { isDeepStrictEqual } from 'node:util';
import type { EntityManager } from '@mikro-orm/knex';
import { METRICS, type DrillDown } from '@govdata/analytics';
import { assessmentFactsRead, dashboardRead, drillRecordsRead } from '@govdata/assessment';
import { isPostgres, sqlAll, sqlRun, type Database, type ReadTask } from '@govdata/core';
import type { Actor } from '@govdata/domain';
import { callRecordStatsRead } from '@govdata/gateway';
import { openPlatformDatabase, READ_TASKS, workerReadRunner } from '@govdata/platform';
import { copySeededDatabase, flagValue, seededDatabaseUrl, serverCpuMs, type SeededCopy } from './databases';
import { benchTarget, machineLine, measure, median } from './machine';

const argv = process.argv.slice(2);
const target = benchTarget(argv);
const SOURCE = seededDatabaseUrl(argv.some((a) => a.startsWith('--seeded')) ? argv : [...argv, '--seeded=city']);
if (!SOURCE) throw new Error('no seeded data set: run npm run bench:seed -- --scale city first');
const COPY = flagValue(argv, 'copy');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CALLS = Number(process.env.BENCH_CALLS ?? 1_000_000);
const OPEN_DATASETS = 2_000;
const NOW = new Date(process.env.BENCH_NOW ?? '2026-11-20T10:00:00+08:00');
const YEAR = Number(NOW.toISOString().slice(0, 4));
const DAY = 86_400_000;
const pg = /^postgres/.test(COPY ?? SOURCE);
void target;

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(1) : ms.toFixed(0));
const shanghaiDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/** A number series 1..n as a table `s(n)`, in each dialect. */
const series = (em: EntityManager, n: number) => (isPostgres(em) ? `(select g as n from generate_series(1, ${n}) g) s` : `(with recursive r(n) as (select 1 union all select n + 1 from r where n < ${n}) select n from r) s`);
/** An instant given in epoch ms by an SQL expression, as the column stores it (epoch ms on SQLite). */
const instantSql = (em: EntityManager, ms: string) => (isPostgres(em) ? `to_timestamp((${ms}) / 1000.0)` : `(${ms})`);

/** What the seed does not write: open datasets, their use over the last year, a year of gateway calls. */
async function loadUsage(em: EntityManager): Promise<string> {
  const [{ n: existing } = { n: 0 }] = await sqlAll<{ n: number | string }>(em, 'select count(*) as n from call_records', []);
  if (Number(existing) > 0) return `already loaded (${Number(existing).toLocaleString('en')} call records)`;
  const to = NOW.getTime();
  const from = to - 365 * DAY;
  const t0 = performance.now();
  await sqlRun(em, 'drop table if exists bench_heavy_published', []);
  await sqlRun(em, `create table bench_heavy_published as select row_number() over (order by id) as k, id, provider_id, published_at from catalog_entries where status = 'published' and published_at is not null`, []);
  const [{ n: published } = { n: 0 }] = await sqlAll<{ n: number | string }>(em, 'select count(*) as n from bench_heavy_published', []);
  const stride = Math.max(1, Math.floor(Number(published) / OPEN_DATASETS));
  const [{ id: userId } = { id: 1 }] = await sqlAll<{ id: number }>(em, 'select min(id) as id from users', []);
  await sqlRun(
    em,
    `insert into open_datasets (entry_id, name, published_by_id, published_at, withdrawn_at)
     select p.id, 'bench-open-' || p.id, ?, ${instantSql(em, pg ? `extract(epoch from p.published_at) * 1000 + ${7 * DAY}` : `p.published_at + ${7 * DAY}`)},
            case when (p.k / ${stride}) % 20 = 19 then ${instantSql(em, `${to} - ((p.k * 7919) % 300) * ${DAY}`)} end
       from bench_heavy_published p where p.k % ${stride} = 0 and p.k / ${stride} <= ${OPEN_DATASETS}`,
    [userId],
  );
  await sqlRun(em, 'drop table if exists bench_heavy_open', []);
  await sqlRun(em, 'create table bench_heavy_open as select row_number() over (order by id) as k, id, entry_id from open_datasets', []);
  const [{ n: open } = { n: 0 }] = await sqlAll<{ n: number | string }>(em, 'select count(*) as n from bench_heavy_open', []);
  // usage days: each dataset on about half the days of the year, a few views, now and then a download
  const firstDay = shanghaiDay(from);
  const dayOf = isPostgres(em) ? `to_char(date '${firstDay}' + (s.n - 1), 'YYYY-MM-DD')` : `date('${firstDay}', '+' || (s.n - 1) || ' days')`;
  await sqlRun(
    em,
    `insert into open_usage (dataset_id, day, views, downloads)
     select o.id, ${dayOf}, 1 + (o.k * 31 + s.n * 17) % 20, case when (o.k * 13 + s.n * 7) % 10 < 3 then 1 + (o.k + s.n) % 5 else 0 end
       from bench_heavy_open o cross join ${series(em, 365)} where (o.k * 31 + s.n * 7) % 2 = 0`,
    [],
  );
  await sqlRun(em, 'drop table if exists bench_heavy_departments', []);
  await sqlRun(em, 'create table bench_heavy_departments as select row_number() over (order by id) as k, id from departments where is_bureau = ?', [false]);
  const [{ n: departments } = { n: 0 }] = await sqlAll<{ n: number | string }>(em, 'select count(*) as n from bench_heavy_departments', []);
  const [{ m: seq } = { m: 0 }] = await sqlAll<{ m: number | string | null }>(em, 'select coalesce(max(seq), 0) as m from call_records', []);
  // the calls in time order (the ledger's sequence); which entry, caller and outcome from the row number, through
  // multiplicative hashes (an odd constant times n, modulo 2^32: every residue reached, whatever the count)
  const hash = (c: number, mod: number) => `((s.n * ${c}) % 4294967296) % ${mod}`;
  const isOpen = `${hash(2654435761, 10)} = 0`;
  await sqlRun(
    em,
    `insert into call_records (seq, at, client_id, department_id, entry_id, query_fields, fields_returned, row_count, status, http_status, latency_ms, prev_hash, hash)
     select ${Number(seq)} + s.n, ${instantSql(em, `${from} + s.n * ${Math.floor((to - from) / CALLS)}`)},
            case when ${isOpen} then 'open:key' || (s.n % 50) else 'sys:' || d.id end,
            case when ${isOpen} then null else d.id end,
            case when ${isOpen} then o.entry_id else p.id end,
            '[]', '[]', case when ${hash(3266489917, 20)} = 0 then 0 else 1 end,
            case when ${hash(3266489917, 20)} = 0 then 'error' else 'ok' end, case when ${hash(3266489917, 20)} = 0 then 500 else 200 end, 10, '0', 'bench-' || s.n
       from ${series(em, CALLS)}
       join bench_heavy_published p on p.k = 1 + ${hash(2246822519, Number(published))}
       join bench_heavy_open o on o.k = 1 + ${hash(2869860233, Number(open))}
       join bench_heavy_departments d on d.k = 1 + ${hash(668265263, Number(departments))}`,
    [],
  );
  for (const t of ['bench_heavy_published', 'bench_heavy_open', 'bench_heavy_departments']) await sqlRun(em, `drop table ${t}`, []);
  await sqlRun(em, 'analyze', []);
  const [c] = await sqlAll<Record<string, number | string>>(em, 'select (select count(*) from open_datasets) as datasets, (select count(*) from open_usage) as usage_days, (select count(*) from call_records) as calls', []);
  return `loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${Object.entries(c ?? {}).map(([k, v]) => `${k} ${Number(v).toLocaleString('en')}`).join(' · ')}`;
}

/** A registered read task by its name (the open-data area's are reached through the platform's list). */
function registered(name: string): ReadTask<unknown, unknown> {
  const task = READ_TASKS.find((t) => t.name === name);
  if (!task) throw new Error(`no read task ${name}`);
  return task;
}
const openUsageStatsRead = registered('opendata.usage-stats');
const openAnnualReportRead = registered('opendata.annual-report');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tasks of any argument and result types
type Case = { name: string; task: ReadTask<any, any>; args: unknown; describe(answer: any): string };

async function cases(em: EntityManager): Promise<Case[]> {
  const [top] = await sqlAll<{ id: number }>(em, 'select provider_id as id, count(*) as n from share_requests group by provider_id order by n desc limit 1', []);
  const departmentId = Number(top?.id);
  const asOf = shanghaiDay(NOW.getTime());
  const yearAgo = shanghaiDay(NOW.getTime() - 364 * DAY);
  const bureau: Actor = { userId: 0, username: 'bench', displayName: 'bench', roles: ['bureau_admin'], departmentId: 1 };
  const seen = new Set<string>();
  const drills: Case[] = [];
  for (const metric of Object.values(METRICS)) {
    for (const d of [metric.drillDown, metric.population] as DrillDown[]) {
      const key = JSON.stringify(d);
      if (seen.has(key)) continue;
      seen.add(key);
      const label = d.kind === 'deadline' ? `${d.deadlineKind} ${d.states.join('+')}` : 'filter' in d ? `${d.kind} ${d.filter}` : `${d.kind} ${d.statuses.join('+')}`;
      drills.push({ name: `drill-down: ${label}`, task: drillRecordsRead, args: { year: YEAR, now: NOW, asOf, departmentId, drillDown: d, page: 1, pageSize: 20 }, describe: (a: { total: number }) => `${a.total} rows` });
    }
  }
  return [
    ...drills,
    { name: 'dashboard', task: dashboardRead, args: { year: YEAR, now: NOW }, describe: (a: { kpis: { requests: number } }) => `${a.kpis.requests} requests in the year` },
    ...(['dataset', 'department', 'day'] as const).map((groupBy): Case => ({
      name: `open-data usage, a year by ${groupBy}`,
      task: openUsageStatsRead,
      args: { scope: { from: yearAgo, to: asOf }, groupBy },
      describe: (a: { items: unknown[]; totals: { apiCalls: number } }) => `${a.items.length} rows, ${a.totals.apiCalls} calls`,
    })),
    { name: 'open-data annual report', task: openAnnualReportRead, args: { year: YEAR, now: NOW }, describe: () => '' },
    { name: 'call statistics, a year (bureau)', task: callRecordStatsRead, args: { actor: bureau, query: { from: yearAgo, to: asOf } }, describe: (a: { perDay: { ok: number; refused: number }[] }) => `${a.perDay.reduce((n, d) => n + d.ok + d.refused, 0)} calls counted` },
    { name: 'assessment facts', task: assessmentFactsRead, args: { year: YEAR, now: NOW }, describe: (a: unknown[]) => `${a.length} departments` },
  ];
}

interface Figures {
  wall: number;
  cpu: number;
  stall: number;
  server: number | null;
}

/**
 * The longest time this thread's event loop did not turn, in ms: a 1 ms timer re-armed at every turn, the largest gap
 * between two of its calls less the 1 ms asked for (perf_hooks' monitorEventLoopDelay did not record a 300 ms busy
 * block on Node 20: its maximum stayed at its resolution).
 */
function stallMeter(): { stop(): Promise<number> } {
  let last = performance.now();
  let longest = 0;
  let timer = setTimeout(function tick() {
    const t = performance.now();
    longest = Math.max(longest, t - last);
    last = t;
    timer = setTimeout(tick, 1);
  }, 1);
  return {
    async stop() {
      // one more turn, so that a stall at the very end of the read is recorded
      await new Promise((resolve) => setTimeout(resolve, 5));
      clearTimeout(timer);
      longest = Math.max(longest, performance.now() - last);
      return Math.max(0, longest - 1);
    },
  };
}

/** Runs `fn` RUNS times after a warm-up: medians of wall, CPU (this process), the longest event-loop stall, the backends' CPU. */
async function timed<T>(em: EntityManager, fn: () => Promise<T>): Promise<{ figures: Figures; value: Awaited<T> }> {
  let value = await fn();
  const walls: number[] = [];
  const cpus: number[] = [];
  const stalls: number[] = [];
  const servers: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s0 = await serverCpuMs(em);
    const meter = stallMeter();
    const m = await measure(fn);
    stalls.push(await meter.stop());
    const s1 = await serverCpuMs(em);
    walls.push(m.wallMs);
    cpus.push(m.cpuMs);
    if (s0 !== null && s1 !== null) servers.push(s1 - s0);
    value = m.value as Awaited<T>;
  }
  return { figures: { wall: median(walls), cpu: median(cpus), stall: median(stalls), server: servers.length ? median(servers) : null }, value };
}

console.log(`\n  bench:heavy-reads — the heavy reads of the console on ${pg ? 'PostgreSQL' : 'SQLite'}, ${RUNS} runs after a warm-up, at ${NOW.toISOString()}`);
console.log(`  ${machineLine()}`);
let copy: SeededCopy | null = null;
let url = COPY ?? '';
if (!COPY) {
  copy = await copySeededDatabase(SOURCE, 'govdata_bench_heavy_reads');
  console.log(`  ${copy.note}`);
  url = copy.url;
}
const db: Database = await openPlatformDatabase(url, { quiet: true });
let failed = false;
try {
  const em = db.fork();
  console.log(`  usage data: ${await loadUsage(em)}`);
  const counts = await sqlAll<Record<string, number | string>>(em, `select (select count(*) from departments) as departments, (select count(*) from catalog_entries) as entries, (select count(*) from share_requests) as requests, (select count(*) from deadlines) as deadlines, (select count(*) from call_records) as calls, (select count(*) from open_usage) as usage_days`, []);
  console.log(`  ${Object.entries(counts[0] ?? {}).map(([k, v]) => `${k} ${Number(v).toLocaleString('en')}`).join(' · ')}`);
  const runner = pg ? null : workerReadRunner(db.target, { minRequests: 0, threads: 1 });
  if (runner) {
    const started = await measure(() => runner.run(db.fork(), dashboardRead, { year: YEAR, now: NOW }));
    console.log(`  worker thread started and answered its first read in ${fmt(started.wallMs)} ms (tsx, the ORM and a connection of its own)`);
  }
  const rows: string[] = [];
  for (const c of await cases(em)) {
    const direct = await timed(em, () => c.task.run(db.fork(), c.args));
    let line = `  | ${c.name} | ${c.describe(direct.value)} | ${fmt(direct.figures.wall)} | ${fmt(direct.figures.stall)} | ${fmt(direct.figures.cpu)}${direct.figures.server !== null ? ` + ${fmt(direct.figures.server)}` : ''} |`;
    if (runner) {
      const viaThread = await timed(em, () => runner.run(db.fork(), c.task, c.args));
      const same = isDeepStrictEqual(viaThread.value, direct.value);
      if (!same) failed = true;
      line += ` ${fmt(viaThread.figures.wall)} | ${fmt(viaThread.figures.stall)} | ${fmt(viaThread.figures.cpu)} | ${same ? 'equal' : 'DIFFERENT'} |`;
    }
    console.log(line);
    rows.push(line);
  }
  console.log(`\n  ms, medians${pg ? '; CPU: this process + the PostgreSQL backends' : '; CPU: the whole process (both threads)'}`);
  console.log(pg ? '  | read | answer | wall | longest event-loop stall | CPU |' : '  | read | answer | on the API connection: wall | longest event-loop stall | CPU | through a worker thread: wall | longest event-loop stall | CPU | answer |');
  console.log(pg ? '  |---|---|---|---|---|' : '  |---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  await runner?.close();
} finally {
  await db.close();
  if (copy && process.env.BENCH_KEEP) console.log(`  kept: ${copy.url} (measure again with --copy=${copy.url})`);
  else await copy?.drop();
}
console.log(`  ${machineLine()}\n`);
if (failed) {
  console.error('  an answer through the worker thread differs from the direct one');
  process.exit(1);
}
