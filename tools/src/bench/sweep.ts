/**
 * npm run bench:sweep [-- --pg[=<url>]] [-- --seeded[=city|<url>|<file>]] — the deadline sweep on real subjects
 * against a set-based floor (issue 19, finding 3), on SQLite (default) or PostgreSQL.
 *
 * Data, by default: the demo organisation and catalog (departments, their officers, ~600 published entries), then
 * BENCH_ROWS (100,000) share requests written by bulk SQL — each with its running step (a provider's reply, one in ten
 * the bureau's compliance review) and that step's open deadline, as the sharing area makes them. For each share of
 * overdue rows (0.1 %, 1 %, 5 %) the same rows are made past due.
 *
 * With `--seeded` the data set of `npm run bench:seed` (the province's by default; `--seeded=city`; on PostgreSQL with
 * `--pg --seeded`), COPIED first — the seeded databases are shared and read-only: on PostgreSQL a database of the
 * bench's own made from it as a template (govdata_bench_sweep_seeded, dropped afterwards), on SQLite a copy of the
 * file. Nothing is made past due there: the clock moves. The seed leaves the clocks that ran out in its last two days
 * open; the bench reads when the open clocks fall due and, for each wanted share (0.1 %, 1 %, 5 % of the open ones),
 * takes the moment just after the due instant whose cumulative count comes nearest (clocks fall due at the end of a
 * working day, so only whole days' worth can be chosen — the shares printed are the ones the data allows), besides
 * the seed's own moment (2026-11-20 10:00, BENCH_NOW) as it stands and every open clock past due (a week without a
 * sweep: batch after batch).
 *
 * In the same run, alternately:
 *   floor — what the sweep must write, in plain SQL, batch by batch (500, one transaction each): `UPDATE … RETURNING`
 *           of the deadlines, then `INSERT … SELECT` of the violations, the service-record entries, the
 *           notifications (responsible officers or bureau admins, plus the requester's officers for a late reply) and
 *           the audit events (the deadline's and the finding's);
 *   sweep — the real `sweepDeadlines`: the findings door, the subject describers, the overdue hooks.
 * Between runs the rows are reopened and the written rows deleted (not timed) — all but the audit events, which are
 * append-only and counted from the reset on; on PostgreSQL the touched tables are vacuumed (as autovacuum keeps them).
 * Both must write the same number of rows of each table; the figures are medians of BENCH_RUNS (3; 7 on a seeded
 * data set, whose sweeps are short) runs after a warm-up: wall time, this process's CPU time, on a local PostgreSQL
 * the server's (every backend of the database), and the ratio sweep / floor (goal ≤ 3×).
 */
import type { EntityManager } from '@mikro-orm/knex';
import { CalendarHolder, fromSqlTime, insertSystemAudit, sweepDeadlines, type Database } from '@govdata/core';
import { openPlatformDatabase } from '@govdata/platform';
import { createPlatformTestDatabase } from '@govdata/platform/testing';
import { seedDemo } from '@govdata/demo';
import { shanghaiDate } from '@govdata/workdays';
import { copySeededDatabase, seededDatabaseUrl, serverCpuMs, type SeededCopy } from './databases';
import { benchTarget, machineLine, measure, median } from './machine';

const argv = process.argv.slice(2);
/** `--seeded[=city|<url>|<file>]`: a copy of the data set of bench:seed instead of the bench's own */
const SEEDED = seededDatabaseUrl(argv);
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? (SEEDED ? 7 : 3));
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
/** the shares of overdue rows; on a seeded data set also 1: every open clock past due, as after a week without a sweep */
const SHARES = (process.env.BENCH_SHARES ?? (SEEDED ? '0.001,0.01,0.05,1' : '0.001,0.01,0.05')).split(',').map(Number);
/** the bench's own data's moment, and the seed's (bench:seed writes up to BENCH_NOW, by default this one) */
const NOW = new Date(SEEDED ? (process.env.BENCH_NOW ?? '2026-11-20T10:00:00+08:00') : '2026-11-20T10:00:00+08:00');
const PAST = new Date('2026-11-17T23:59:59.999+08:00');
const FUTURE = new Date('2026-12-20T23:59:59.999+08:00');
/** explicit ids for the generated rows, clear of the demo's */
const BASE = 1_000_000;

const target = benchTarget(argv);
if (target.pgUrl) process.env.DATABASE_URL = target.pgUrl;
else delete process.env.DATABASE_URL;
const pg = SEEDED ? /^postgres/.test(SEEDED) : target.engine === 'postgresql';

type Binding = string | number | boolean | Date | null;
const knexOf = (em: EntityManager) => em.getTransactionContext<ReturnType<EntityManager['getKnex']>>() ?? em.getKnex();
async function all<T>(em: EntityManager, sql: string, bindings: Binding[] = []): Promise<T[]> {
  const res: unknown = await knexOf(em).raw(sql, bindings);
  return (Array.isArray(res) ? res : (res as { rows: T[] }).rows) as T[];
}
async function run(em: EntityManager, sql: string, bindings: Binding[] = []): Promise<void> {
  await knexOf(em).raw(sql, bindings);
}
/** a datetime parameter as the ORM stores it: epoch ms on SQLite, timestamptz on PostgreSQL */
const at = (d: Date): Binding => (pg ? d : d.getTime());
const bool = (b: boolean) => (pg ? String(b) : b ? '1' : '0');
/** `?` plus `expr` milliseconds */
const plusMs = (expr: string) => (pg ? `(?::timestamptz + (${expr}) * interval '1 millisecond')` : `(? + (${expr}))`);
const json = (expr: string) => (pg ? `(${expr})::jsonb` : expr);
const hasRole = (col: string, role: string) => (pg ? `${col}::text like '%"${role}"%'` : `${col} like '%"${role}"%'`);
/** a datetime parameter in a SELECT list (PostgreSQL cannot infer its type across a UNION) */
const tsParam = () => (pg ? '?::timestamptz' : '?');
const list = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Share requests, their running steps and the steps' open deadlines, by INSERT … SELECT over a number series. */
async function generate(db: Database): Promise<void> {
  const em = db.fork();
  const series = pg ? `generate_series(1, ${ROWS}) as s(i)` : `(with recursive s(i) as (select 1 union all select i + 1 from s where i < ${ROWS}) select i from s) s`;
  await run(em, 'create table bench_entries (k integer primary key, entry_id integer not null, provider_id integer not null, version integer not null, share_type varchar(16) not null)');
  await run(em, 'create table bench_departments (k integer primary key, id integer not null)');
  const entries = await all<{ id: number; provider_id: number; current_version: number | null; share_type: string }>(em, "select id, provider_id, current_version, share_type from catalog_entries where status = 'published' order by id");
  const departments = await all<{ id: number }>(em, `select id from departments where is_bureau = ${bool(false)} order by id`);
  await em.transactional(async (tx) => {
    for (const [k, e] of entries.entries()) await run(tx, 'insert into bench_entries values (?, ?, ?, ?, ?)', [k, Number(e.id), Number(e.provider_id), Number(e.current_version ?? 1), e.share_type]);
    for (const [k, d] of departments.entries()) await run(tx, 'insert into bench_departments values (?, ?)', [k, Number(d.id)]);
  });
  const E = entries.length;
  const D = departments.length;
  // 100,000 open requests over the demo's ~640 entries and ~40 departments repeat (department, entry) pairs, which the
  // platform refuses (one open request per entry, a partial unique index); the sweep does not read that index
  await run(em, 'drop index share_requests_one_open_per_entry');
  await em.transactional(async (tx) => {
    await run(
      tx,
      'insert into share_requests (id, origin, requester_id, requested_by_name, entry_id, entry_version, provider_id, share_type, item_ids, purpose, scenario, status, current_step_kind, submitted_at, created_at, updated_at, lock_version)' +
        ` select ${BASE} + s.i, 'request', case when d1.id = e.provider_id then d2.id else d1.id end, '基准申请人', e.entry_id, e.version, e.provider_id, e.share_type, ${json("'[]'")},` +
        ` '履行职责需要', '业务协同', case when (s.i / 7) % 10 = 0 then 'submitted' else 'provider_review' end, case when (s.i / 7) % 10 = 0 then 'compliance_review' else 'provider_reply' end, ${plusMs('-(s.i % 1000) * 60000')}, ${plusMs('0')}, ${plusMs('0')}, 1` +
        ` from ${series} join bench_entries e on e.k = s.i % ${E} join bench_departments d1 on d1.k = (s.i * 7) % ${D} join bench_departments d2 on d2.k = (s.i * 7 + 1) % ${D}`,
      [at(new Date(NOW.getTime() - 8 * 86_400_000)), at(NOW), at(NOW)],
    );
    await run(
      tx,
      'insert into share_request_steps (id, request_id, seq, kind, department_id, started_at)' +
        ` select r.id, r.id, 1, r.current_step_kind, case when r.current_step_kind = 'provider_reply' then r.provider_id end, r.submitted_at from share_requests r where r.id > ${BASE}`,
    );
    await run(
      tx,
      'insert into deadlines (id, kind, subject_type, subject_id, department_id, responsible, started_at, due_at, due_date, period_n, period_unit, provisional, state, created_at)' +
        ` select s.id, s.kind, 'share_request_step', s.id, s.department_id, case when s.kind = 'provider_reply' then 'department' else 'bureau' end, s.started_at, ${tsParam()}, ?,` +
        ` case when s.kind = 'provider_reply' then 5 else 2 end, 'working', ${bool(false)}, 'open', s.started_at from share_request_steps s where s.id > ${BASE}`,
      [at(FUTURE), shanghaiDate(FUTURE)],
    );
  });
  if (pg) for (const t of ['share_requests', 'share_request_steps', 'deadlines']) await run(em, `select setval(pg_get_serial_sequence('${t}', 'id'), (select max(id) from ${t}))`);
  await run(em, 'drop table bench_entries');
  await run(em, 'drop table bench_departments');
}

const WRITTEN = ['violations', 'service_record_entries', 'notifications', 'audit_events'] as const;
/** tables a reset empties of what the runs wrote; the audit trail is append-only (its triggers refuse DELETE), so runs count its growth */
const CLEARED = ['violations', 'service_record_entries', 'notifications'] as const;
/** the largest id of each written table before the runs (a seeded data set has violations and service records of its own) */
const base: Record<(typeof WRITTEN)[number], number> = { violations: 0, service_record_entries: 0, notifications: 0, audit_events: 0 };

const maxId = async (em: EntityManager, table: string) => Number((await all<{ n: number | null }>(em, `select max(id) as n from ${table}`))[0]?.n ?? 0);

/** What the reset does after its writes: tables without the dead rows, with current statistics (PostgreSQL), an empty WAL (SQLite). */
async function tidy(em: EntityManager): Promise<void> {
  if (pg) for (const t of ['deadlines', ...WRITTEN]) await run(em, `vacuum analyze ${t}`);
  else await run(em, 'pragma wal_checkpoint(TRUNCATE)');
}

/** The bench's own data: reopens everything, deletes what a run wrote, and makes every `step`-th generated deadline past due. */
async function reset(db: Database, share: number): Promise<void> {
  const em = db.fork();
  const step = Math.round(1 / share);
  await em.transactional(async (tx) => {
    await run(tx, `update deadlines set state = 'open', overdue_at = null, due_at = ?, due_date = ? where id > ${BASE} and (state <> 'open' or due_at < ?)`, [at(FUTURE), shanghaiDate(FUTURE), at(NOW)]);
    await run(tx, `update deadlines set due_at = ${plusMs('-(id % 1000) * 1000')}, due_date = ? where id > ${BASE} and id % ${step} = 0`, [at(PAST), shanghaiDate(PAST)]);
    for (const t of CLEARED) await run(tx, `delete from ${t}`);
    base.audit_events = await maxId(tx, 'audit_events');
  });
  await tidy(em);
}

/** A seeded data set: the clocks that were open reopened, what the runs wrote deleted. */
async function reopen(db: Database): Promise<void> {
  const em = db.fork();
  await em.transactional(async (tx) => {
    await run(tx, "update deadlines set state = 'open', overdue_at = null where id in (select id from bench_sweep_open) and state <> 'open'");
    for (const t of CLEARED) await run(tx, `delete from ${t} where id > ${base[t]}`);
    base.audit_events = await maxId(tx, 'audit_events');
  });
  await tidy(em);
}

async function counts(db: Database): Promise<Record<string, number>> {
  const em = db.fork();
  const out: Record<string, number> = {};
  for (const t of WRITTEN) out[t] = Number((await all<{ n: number }>(em, `select count(*) as n from ${t} where id > ${base[t]}`))[0]?.n);
  return out;
}

/**
 * The floor: the same rows, batch by batch, in plain SQL — no rule, no text composed per row, no ORM. Evidence and
 * messages are short constant texts; the recipients are the ones the platform picks.
 */
async function floor(db: Database, now: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const em = db.fork();
    const done = await em.transactional(async (tx) => {
      const won = await all<{ id: number }>(
        tx,
        `update deadlines set state = 'overdue', overdue_at = ? where id in (select id from deadlines where state = 'open' and due_at < ? order by due_at, id limit ${BATCH}) returning id`,
        [at(now), at(now)],
      );
      if (won.length === 0) return 0;
      const ids = won.map((r) => Number(r.id));
      const inIds = `d.id in (${list(ids.length)})`;
      // `+d.kind` keeps SQLite on the ids (the primary key): left to itself it read every clock of the kind through
      // the (kind, state) index to find the batch's (the seeded city's 954 clocks: 451 ms of floor, the sweep 171)
      const kind = pg ? 'd.kind' : '+d.kind';
      const evidence = json(pg ? `json_build_object('summary', d.kind || ' 逾期', 'dueDate', d.due_date)::text` : `json_object('summary', d.kind || ' 逾期', 'dueDate', d.due_date)`);
      const v = await all<{ id: number }>(
        tx,
        'insert into violations (type, department_id, source_kind, source_id, detected_at, evidence, status, manual, version)' +
          ` select 2, d.department_id, d.subject_type, ${pg ? 'd.subject_id::text' : 'cast(d.subject_id as text)'}, ${tsParam()}, ${evidence}, 'candidate', ${bool(false)}, 1 from deadlines d where ${inIds} and ${kind} = 'provider_reply'` +
          ' on conflict (source_kind, source_id, type) do nothing returning id',
        [at(now), ...ids],
      );
      const s = await all<{ id: number }>(
        tx,
        'insert into service_record_entries (kind, article, source_kind, source_id, detected_at, evidence)' +
          ` select d.kind, '第十五条', d.subject_type, ${pg ? 'd.subject_id::text' : 'cast(d.subject_id as text)'}, ${tsParam()}, ${evidence} from deadlines d where ${inIds} and ${kind} = 'compliance_review'` +
          ' on conflict (source_kind, source_id, kind) do nothing returning id',
        [at(now), ...ids],
      );
      const active = `u.disabled = ${bool(false)}`;
      const key = (prefix: string, d: string, u: string) => `'${prefix}:' || ${d} || ':' || ${u}`;
      const text = (expr: string) => (pg ? `${expr}::text` : `cast(${expr} as text)`);
      // the users are joined by department first and their roles tested after, behind an optimization fence
      // (OFFSET 0): PostgreSQL estimates a LIKE on the roles at one row, and planned the join with the users as the
      // outer side — every one of a province's 1,000 users against the whole batch (2–7 s for 500 rows)
      const fence = pg ? 'offset 0' : 'limit -1 offset 0';
      await run(
        tx,
        'insert into notifications (recipient_id, kind, title, body, link, subject_type, subject_id, dedupe_key, created_at)' +
          ` select x.uid, 'deadline.overdue', '【已逾期】', '逾期', '/share', 'deadline', ${text('x.did')}, ${key('f', 'x.did', 'x.uid')}, ${tsParam()}` +
          ` from (select d.id as did, u.id as uid, u.roles from deadlines d join users u on u.department_id = d.department_id where ${inIds} and ${kind} = 'provider_reply' and ${active} ${fence}) x where ${hasRole('x.roles', 'dept_admin')}` +
          ` union all select b.id, 'deadline.overdue', '【已逾期】', '逾期', '/share', 'deadline', ${text('d.id')}, ${key('f', 'd.id', 'b.id')}, ${tsParam()}` +
          ` from deadlines d, (select id from users u where ${active} and ${hasRole('u.roles', 'bureau_admin')}) b where ${inIds} and ${kind} = 'compliance_review'` +
          ` union all select x.uid, 'share_request.provider_overdue', '提供部门逾期未答复', '逾期', '/share', 'share_request', ${text('x.rid')}, ${key('r', 'x.did', 'x.uid')}, ${tsParam()}` +
          ` from (select d.id as did, r.id as rid, u.id as uid, u.roles from deadlines d join share_request_steps st on st.id = d.subject_id join share_requests r on r.id = st.request_id` +
          ` join users u on u.department_id = r.requester_id where ${inIds} and ${kind} = 'provider_reply' and ${active} ${fence}) x where ${hasRole('x.roles', 'dept_admin')} or ${hasRole('x.roles', 'bureau_admin')}` +
          ' on conflict (dedupe_key) do nothing',
        [at(now), ...ids, at(now), ...ids, at(now), ...ids],
      );
      // the audit events, linked into the chain as every job's are (the table is append-only)
      await insertSystemAudit(
        tx,
        'bench',
        [
          ...ids.map((id) => ({ action: 'deadline.overdue', subjectType: 'deadline', subjectId: id, before: null, after: null })),
          ...v.map((r) => ({ action: 'violation.record', subjectType: 'violation', subjectId: Number(r.id), before: null, after: null })),
          ...s.map((r) => ({ action: 'service_record.record', subjectType: 'service_record_entry', subjectId: Number(r.id), before: null, after: null })),
        ],
        now,
      );
      return ids.length;
    });
    total += done;
    if (done < BATCH) break;
  }
  return total;
}

const fmt = (ms: number) => `${(ms < 10 ? ms.toFixed(1) : ms.toFixed(0)).padStart(6)} ms`;
const pctOf = (share: number) => `${(share * 100).toFixed(share < 0.01 ? 2 : 1)} %`;

/** One line of the table: a moment of the clock and the rows past due at it, made ready before each run. */
interface Case {
  label: string;
  now: Date;
  rows: number;
  prepare(): Promise<void>;
}

/**
 * The moments on a seeded data set: for each wanted share of the open clocks, the end of the due instant whose
 * cumulative count of open clocks past due comes nearest (by ratio), and the seed's own moment; without repeats.
 */
async function seededCases(db: Database): Promise<{ cases: Case[]; open: number; days: string }> {
  const em = db.fork();
  const byDue = (await all<{ due_at: unknown; n: number }>(em, "select due_at, count(*) as n from deadlines where state = 'open' group by due_at order by due_at")).map((r) => ({
    dueAt: fromSqlTime(r.due_at),
    n: Number(r.n),
  }));
  const open = byDue.reduce((n, r) => n + r.n, 0);
  let cum = 0;
  const cuts = byDue.map((r) => ({ now: new Date(r.dueAt.getTime() + 1), rows: (cum += r.n) }));
  const asSeeded = byDue.filter((r) => r.dueAt < NOW).reduce((n, r) => n + r.n, 0);
  // by the rows past due: two moments between the same due instants are the same sweep (the seed's own is kept)
  const chosen = new Map<number, { now: Date; rows: number; wanted: string[] }>();
  if (asSeeded > 0) chosen.set(asSeeded, { now: NOW, rows: asSeeded, wanted: ['as seeded'] });
  for (const share of SHARES) {
    const best = cuts.reduce((a, b) => (Math.abs(Math.log(b.rows / open / share)) < Math.abs(Math.log(a.rows / open / share)) ? b : a));
    const entry = chosen.get(best.rows) ?? { ...best, wanted: [] };
    entry.wanted.push(share === 1 ? 'all' : pctOf(share));
    chosen.set(best.rows, entry);
  }
  const cases = [...chosen.values()]
    .sort((a, b) => a.rows - b.rows)
    .map((c) => ({ label: `${pctOf(c.rows / open)} (${c.wanted.join(', ')})`, now: c.now, rows: c.rows, prepare: () => reopen(db) }));
  const days = byDue.map((r) => `${shanghaiDate(r.dueAt).slice(5)} ${r.n}`).join(', ');
  return { cases, open, days };
}

let db: Database | undefined;
let drop: () => Promise<void> = async () => undefined;
let copy: SeededCopy | undefined;
try {
  const what = SEEDED ? `the bench:seed data set ${SEEDED.replace(/\/\/[^@/]*@/, '//')} (copied)` : `${ROWS.toLocaleString('en')} open deadlines of its own`;
  console.log(`\n  deadline sweep on real share requests vs its set-based floor — ${pg ? 'postgresql' : 'sqlite'}, ${what}, batch ${BATCH}, ${RUNS} runs after a warm-up`);
  console.log(`  ${machineLine()}`);
  const t0 = performance.now();
  let cases: Case[];
  let calendar: CalendarHolder;
  if (SEEDED) {
    copy = await copySeededDatabase(SEEDED, 'govdata_bench_sweep_seeded');
    console.log(`  ${copy.note}`);
    const opened = await openPlatformDatabase(copy.url, { quiet: true });
    db = opened;
    drop = async () => {
      await opened.close();
      await copy?.drop();
    };
    calendar = await CalendarHolder.load(db.fork());
    const em = db.fork();
    await run(em, "create table bench_sweep_open as select id from deadlines where state = 'open'");
    for (const t of WRITTEN) base[t] = await maxId(em, t);
    const [{ n: total } = { n: 0 }] = await all<{ n: number }>(em, 'select count(*) as n from deadlines');
    const seeded = await seededCases(db);
    cases = seeded.cases;
    console.log(`  data: ${Number(total).toLocaleString('en')} deadlines, ${seeded.open.toLocaleString('en')} of them open, falling due (day, clocks): ${seeded.days}; ready in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    console.log(`  wanted shares ${SHARES.map(pctOf).join(', ')} of the open clocks: the nearest whole days' worth is taken (in brackets the share it stands for)\n`);
  } else {
    const test = await createPlatformTestDatabase();
    db = test;
    drop = () => test.drop();
    calendar = await CalendarHolder.load(db.fork());
    await seedDemo(db.fork(), { now: new Date('2026-11-10T10:00:00+08:00'), calendar, until: 'catalog' });
    // the demo's own overdue clocks are flagged once, outside the figures
    await sweepDeadlines({ em: db.fork(), now: NOW, calendar });
    await generate(db);
    const own = db;
    cases = SHARES.map((share) => ({ label: pctOf(share), now: NOW, rows: Math.floor(ROWS / Math.round(1 / share)), prepare: () => reset(own, share) }));
    console.log(`  data: demo organisation and catalog, ${ROWS.toLocaleString('en')} share requests with their steps and deadlines, in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  }
  const the = db;
  const server = pg ? ' server CPU (floor / sweep)' : '';
  console.log(`  overdue${' '.repeat(SEEDED ? 27 : 2)}rows   floor wall  sweep wall   ratio   floor CPU  sweep CPU${server}   CPU ratio   written (violations / service record / notifications / audit)`);
  let ok = true;
  for (const c of cases) {
    const floors: { wall: number; cpu: number; server: number }[] = [];
    const sweeps: { wall: number; cpu: number; server: number }[] = [];
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    let written = '';
    for (let i = 0; i <= RUNS; i++) {
      const order = i % 2 ? (['sweep', 'floor'] as const) : (['floor', 'sweep'] as const);
      const pair: Record<string, { wall: number; cpu: number }> = {};
      for (const which of order) {
        await c.prepare();
        const s0 = await serverCpuMs(the.fork());
        const m = await measure(() => (which === 'floor' ? floor(the, c.now) : sweepDeadlines({ em: the.fork(), now: c.now, calendar }, { batchSize: BATCH }).then((r) => r.newlyOverdue)));
        const s1 = await serverCpuMs(the.fork());
        const serverMs = s0 !== null && s1 !== null ? s1 - s0 : 0;
        const w = await counts(the);
        const line = `${w.violations} / ${w.service_record_entries} / ${w.notifications} / ${w.audit_events}`;
        if (which === 'floor') written = line;
        else if (written !== line) {
          ok = false;
          console.error(`  the sweep wrote ${line}, the floor ${written}`);
        }
        pair[which] = { wall: m.wallMs, cpu: m.cpuMs + serverMs };
        if (i > 0) (which === 'floor' ? floors : sweeps).push({ wall: m.wallMs, cpu: m.cpuMs, server: serverMs });
        if (m.value !== c.rows) {
          ok = false;
          console.error(`  ${which} flagged ${m.value} rows, expected ${c.rows}`);
        }
      }
      if (i > 0) {
        ratios.push((pair.sweep?.wall as number) / (pair.floor?.wall as number));
        cpuRatios.push((pair.sweep?.cpu as number) / (pair.floor?.cpu as number));
      }
    }
    const fw = median(floors.map((x) => x.wall));
    const sw = median(sweeps.map((x) => x.wall));
    const serverCol = pg ? `   ${fmt(median(floors.map((x) => x.server)))} / ${fmt(median(sweeps.map((x) => x.server))).trim()}` : '';
    console.log(
      `  ${c.label.padEnd(SEEDED ? 32 : 7)} ${String(c.rows).padStart(6)}  ${fmt(fw)}  ${fmt(sw)}  ${(median(ratios).toFixed(2) + '×').padStart(6)}  ${fmt(median(floors.map((x) => x.cpu)))}  ${fmt(median(sweeps.map((x) => x.cpu)))}${serverCol}   ${(median(cpuRatios).toFixed(2) + '×').padStart(6)}      ${written}`,
    );
  }
  console.log(`\n  ratio = median of the per-run ratios sweep / floor, wall time (goal ≤ 3×); CPU = this process${pg ? ', server CPU = the PostgreSQL backends of the database (local server); CPU ratio = (process + server) sweep / floor' : ' (SQLite runs in it); CPU ratio = sweep / floor'}`);
  console.log(`  ${machineLine()}\n`);
  if (!ok) process.exitCode = 1;
} finally {
  await drop();
}
