/**
 * npm run bench:sweep — the deadline sweep against a bare indexed count, on SQLite.
 *
 * 1,000,000 open deadlines of which 1% (10,000) are past due, scattered among the others by id; 40 departments with
 * one data officer each and two bureau admins. Times, on the same database in the same run:
 *   count — `SELECT count(*) FROM deadlines WHERE state = 'open' AND due_at < ?` (the (state, due_at) index), and
 *   sweep — the real deadline sweep: 10,000 rows open → overdue, 9,000 violations + 1,000 service-record entries,
 *           10,000+ notifications, 10,000 audit events, in batches of 500, one transaction each.
 * Then adds 1,000,000 more open rows due in the future (same overdue count) and times both again: the sweep's cost
 * should follow the overdue rows, not the table. Each figure is the median of RUNS runs after a warm-up; between
 * sweep runs the overdue rows are reopened and the sweep's records deleted (not timed).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/knex';
import { CalendarHolder, Department, openDatabase, sweepDeadlines, User, type Database } from '@govdata/data';
import { shanghaiDate } from '@govdata/workdays';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const OVERDUE = Math.round(ROWS / 100);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const NOW = new Date('2026-11-20T10:00:00+08:00');
const DAY = 86_400_000;

/** mulberry32: the same data on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const random = seeded(20_220_517);

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
async function bulkInsert(db: Database, departments: number[], count: number, overdue: number, subjectBase: number): Promise<void> {
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

async function timeCount(db: Database): Promise<{ ms: number; n: number }> {
  const samples: number[] = [];
  let n = 0;
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    const [row] = await db.fork().execute<{ n: number }[]>("select count(*) as n from deadlines where state = 'open' and due_at < ?", [NOW.getTime()]);
    const ms = performance.now() - t0;
    if (i > 0) samples.push(ms); // the first is the warm-up
    n = Number(row?.n);
  }
  return { ms: median(samples), n };
}

async function resetSweep(db: Database): Promise<void> {
  await withRaw(db, (raw) => {
    raw.exec('begin');
    raw.exec("update deadlines set state = 'open', overdue_at = null where state = 'overdue'");
    raw.exec('delete from violations; delete from service_record_entries; delete from notifications; delete from audit_events;');
    raw.exec('commit');
    // each timed sweep starts with an empty WAL, not paying for the reset's (or the load's) checkpoint
    raw.exec('pragma wal_checkpoint(TRUNCATE)');
  });
}

async function timeSweep(db: Database, calendar: CalendarHolder, batchSize?: number): Promise<{ ms: number; best: number; newlyOverdue: number; violations: number; serviceRecord: number; notifications: number }> {
  const samples: number[] = [];
  let last = { newlyOverdue: 0, violationsCreated: 0, serviceRecordEntries: 0, notificationsSent: 0 };
  for (let i = 0; i <= RUNS; i++) {
    await resetSweep(db);
    const t0 = performance.now();
    last = await sweepDeadlines({ em: db.fork(), now: NOW, calendar }, { batchSize });
    const ms = performance.now() - t0;
    if (i > 0) samples.push(ms);
  }
  return { ms: median(samples), best: Math.min(...samples), newlyOverdue: last.newlyOverdue, violations: last.violationsCreated, serviceRecord: last.serviceRecordEntries, notifications: last.notificationsSent };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0)).padStart(7) + ' ms';

const file = path.join(os.tmpdir(), `govdata-bench-sweep-${process.pid}.sqlite`);
const db = await openDatabase(`sqlite:${file}`);
try {
  const calendar = await CalendarHolder.load(db.fork());
  const em = db.fork();
  const departments = Array.from({ length: 41 }, (_, i) =>
    em.create(Department, { code: `11140600BENCH${String(i).padStart(5, '0')}`, name: `基准部门${i}`, kind: 'government_department', regionCode: '140600', isBureau: i === 0, createdAt: NOW, updatedAt: NOW }),
  );
  await em.flush();
  departments.forEach((d, i) =>
    em.create(User, { username: `bench${i}`, displayName: `用户${i}`, department: d, roles: [i === 0 ? 'bureau_admin' : 'dept_admin'], passwordHash: 'x', createdAt: NOW, updatedAt: NOW }),
  );
  em.create(User, { username: 'bench_bureau2', displayName: '用户B', department: departments[0] as Department, roles: ['bureau_admin'], passwordHash: 'x', createdAt: NOW, updatedAt: NOW });
  await em.flush();
  const deptIds = departments.slice(1).map((d) => d.id);

  console.log(`\n  deadline sweep vs indexed count — SQLite ${(await db.fork().execute<{ v: string }[]>('select sqlite_version() as v'))[0]?.v}, ${os.cpus().length} CPU(s), median of ${RUNS} runs\n`);
  let t0 = performance.now();
  await bulkInsert(db, deptIds, ROWS, OVERDUE, 0);
  console.log(`  loaded ${ROWS.toLocaleString('en')} open deadlines (${OVERDUE.toLocaleString('en')} past due) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const plan = await db.fork().execute<{ detail: string }[]>(
    "explain query plan select id from deadlines where state = 'open' and due_at < ? and due_at >= ? and (due_at > ? or id > ?) order by due_at, id limit 500",
    [NOW.getTime(), 0, 0, 0],
  );
  console.log(`  sweep candidate plan: ${plan.map((p) => p.detail).join(' · ')}`);

  await resetSweep(db);
  const count1 = await timeCount(db);
  const sweep1 = await timeSweep(db, calendar);
  console.log(`\n  ${ROWS.toLocaleString('en')} rows`);
  console.log(`    count(*) of ${count1.n.toLocaleString('en')} overdue   ${fmt(count1.ms)}`);
  console.log(`    sweep                          ${fmt(sweep1.ms)}  (best ${fmt(sweep1.best).trim()}; ${sweep1.newlyOverdue} overdue, ${sweep1.violations} violations, ${sweep1.serviceRecord} service record, ${sweep1.notifications} notifications)`);
  console.log(`    sweep / count                  ${(sweep1.ms / count1.ms).toFixed(1).padStart(7)} ×   (goal ≤ 3×)`);

  t0 = performance.now();
  await bulkInsert(db, deptIds, ROWS, 0, ROWS);
  console.log(`\n  added ${ROWS.toLocaleString('en')} future rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await resetSweep(db);
  const count2 = await timeCount(db);
  const sweep2 = await timeSweep(db, calendar);
  console.log(`\n  ${(2 * ROWS).toLocaleString('en')} rows (same ${count2.n.toLocaleString('en')} overdue)`);
  console.log(`    count(*)                       ${fmt(count2.ms)}`);
  console.log(`    sweep                          ${fmt(sweep2.ms)}  (best ${fmt(sweep2.best).trim()})`);
  console.log(`    sweep / count                  ${(sweep2.ms / count2.ms).toFixed(1).padStart(7)} ×`);
  console.log(`    sweep(2N) / sweep(N)           ${(sweep2.ms / sweep1.ms).toFixed(2).padStart(7)} ×   (goal ≤ 1.2×)\n`);
  if (count1.n !== OVERDUE || count2.n !== OVERDUE || sweep1.newlyOverdue !== OVERDUE || sweep2.newlyOverdue !== OVERDUE) {
    console.error('  the sweep did not flag exactly the overdue rows — the figures above are not comparable');
    process.exitCode = 1;
  }
} finally {
  await db.close();
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}
