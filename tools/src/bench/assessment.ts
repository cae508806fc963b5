/**
 * npm run bench:assessment — computing a year's assessment at the scale of a province, against one hand-written
 * GROUP BY over the same tables, in the same run.
 *
 * A fresh database (SQLite temp file; `--pg` for a throw-away database on the PostgreSQL server named by
 * DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) with 100 departments (+ the bureau), 50,000
 * catalog entries (≈ 100,000 data items), 500,000 share requests with their provider-reply steps, 200,000 deadline
 * records, 2,000 coordination grants and 5,000 violations, loaded in bulk (multi-row prepared INSERTs in one
 * transaction). Then, RUNS times after a warm-up:
 *   compute  — computeYear, what the bureau's 计算 button runs: loadAssessmentFacts (libs/assessment), scoreAll with the
 *              year's scheme (libs/analytics) and saving the draft revision with every result: goal ≤ 10 s
 *              (facts + scoring alone are timed too, to show what saving costs);
 *   baseline — one hand-written statement: deadlines of the year by department, kind and state, UNION ALL catalog
 *              entries by department and status, UNION ALL the year's provider-reply steps by department and decision;
 * and the ratio of the medians (goal ≤ 2×).
 *
 * Knobs (env): BENCH_RUNS (5), BENCH_SCALE (1 = the sizes above; 0.1 for a quick try), BENCH_KEEP=1 keeps the
 * database (its URL is printed) to look at query plans.
 */
import type { EntityManager } from '@mikro-orm/knex';
import { defaultScheme2026, scoreAll } from '@govdata/analytics';
import { computeYear, loadAssessmentFacts } from '@govdata/assessment';
import { Prng } from '@govdata/demo';
import { type Database } from '@govdata/core';
import { createPlatformTestDatabase } from '@govdata/platform/testing';
import { shanghaiDate } from '@govdata/workdays';

const PG = process.argv.includes('--pg');
if (PG) process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
else delete process.env.DATABASE_URL;
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DEPARTMENTS = 100;
const ENTRIES = Math.round(50_000 * SCALE);
const REQUESTS = Math.round(500_000 * SCALE);
const DEADLINES = Math.round(200_000 * SCALE);
const GRANTS = Math.round(2_000 * SCALE);
const VIOLATIONS = Math.round(5_000 * SCALE);
const YEAR = 2026;
const NOW = new Date('2026-11-20T10:00:00+08:00');
const DAY = 86_400_000;
const GOAL_MS = 10_000;
const GOAL_RATIO = 2;

/** mulberry32 (the demo seed's): the same data on every run. */
const seeded = (seed: number): (() => number) => {
  const rng = new Prng(seed);
  return () => rng.next();
};
const random = seeded(20_220_517);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
/** an instant between two dates, uniformly */
const between = (from: string, to: string) => {
  const a = Date.parse(`${from}T00:00:00+08:00`);
  return a + Math.floor(random() * (Date.parse(`${to}T00:00:00+08:00`) - a));
};

type Value = string | number | boolean | null;
interface RawSqlite {
  prepare(sql: string): { run(...params: unknown[]): unknown };
  exec(sql: string): void;
}

/** Datetimes and booleans as each dialect stores them through MikroORM: epoch ms and 0/1 on SQLite. */
const time = (ms: number | null): Value | Date => (ms === null ? null : PG ? new Date(ms) : ms);
const bool = (b: boolean): Value => (PG ? b : b ? 1 : 0);

/** Inserts `count` rows made by `row(i)` with multi-row prepared INSERTs in one transaction. */
async function insertAll(db: Database, table: string, columns: string[], count: number, row: (i: number) => (Value | Date)[]): Promise<void> {
  const perStatement = Math.max(1, Math.floor((PG ? 30_000 : 30_000) / columns.length));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const sql = (n: number) => `insert into ${table} (${columns.join(', ')}) values ${Array.from({ length: n }, () => tuple).join(', ')}`;
  const knex = (db.fork() as EntityManager).getKnex();
  if (!PG) {
    const raw = (await knex.client.acquireConnection()) as RawSqlite;
    try {
      const full = raw.prepare(sql(perStatement));
      raw.exec('begin');
      let params: unknown[] = [];
      let n = 0;
      for (let i = 0; i < count; i++) {
        params.push(...row(i));
        if (++n === perStatement) {
          full.run(...params);
          params = [];
          n = 0;
        }
      }
      if (n > 0) raw.prepare(sql(n)).run(...params);
      raw.exec('commit');
    } finally {
      await knex.client.releaseConnection(raw);
    }
    return;
  }
  await knex.transaction(async (trx) => {
    let params: (Value | Date)[] = [];
    let n = 0;
    for (let i = 0; i < count; i++) {
      params.push(...row(i));
      if (++n === perStatement || i === count - 1) {
        await trx.raw(sql(n), params);
        params = [];
        n = 0;
      }
    }
  });
}

async function load(db: Database): Promise<void> {
  const em = db.fork();
  const t0 = performance.now();
  // departments: id 1 the bureau, 2..101 the assessed ones
  await insertAll(db, 'departments', ['id', 'code', 'name', 'kind', 'region_code', 'is_bureau', 'sort_order', 'created_at', 'updated_at'], DEPARTMENTS + 1, (i) => [
    i + 1,
    `11140600BENCH${String(i).padStart(5, '0')}`,
    i === 0 ? '朔州市政务信息管理局' : `基准部门${i}`,
    'government_department',
    '140600',
    bool(i === 0),
    i,
    time(Date.parse('2022-06-01T09:00:00+08:00')),
    time(Date.parse('2022-06-01T09:00:00+08:00')),
  ]);
  const dept = (i: number) => 2 + (i % DEPARTMENTS);

  const cycles = ['realtime', 'daily', 'weekly', 'monthly', 'monthly', 'quarterly', 'semiannual', 'annual', 'irregular'] as const;
  const entryProvider: number[] = [];
  await insertAll(
    db,
    'catalog_entries',
    ['id', 'code', 'name', 'resource_type', 'class_code', 'provider_id', 'summary', 'format', 'share_type', 'share_conditions', 'no_share_basis', 'share_method', 'dedicated', 'open_type', 'update_cycle', 'data_updated_at', 'security_grade', 'security_agreement_required', 'internal_review', 'collection_basis_type', 'collection_basis', 'related_codes', 'status', 'published_at', 'current_version', 'created_at', 'updated_at', 'lock_version'],
    ENTRIES,
    (i) => {
      const provider = dept(Math.floor(random() * DEPARTMENTS));
      entryProvider.push(provider);
      const r = random();
      const status = r < 0.9 ? 'published' : r < 0.94 ? 'draft' : r < 0.97 ? 'retiring' : 'retired';
      const published = status === 'draft' ? null : between('2022-07-01', '2026-11-15');
      const created = (published ?? between('2025-01-01', '2026-11-15')) - 10 * DAY;
      const share = pick(['unconditional', 'conditional', 'conditional', 'none'] as const);
      const updated = published === null || random() < 0.1 ? null : shanghaiDate(new Date(Math.max(published, between('2025-06-01', '2026-11-19'))));
      return [
        i + 1,
        `BENCH/${String(i + 1).padStart(6, '0')}`,
        `基准资源${i + 1}`,
        'department',
        '3-99-001-001',
        provider,
        '基准测试资源',
        'database',
        share,
        share === 'conditional' ? (random() < 0.05 ? '' : '仅限履职使用') : null,
        share === 'none' ? '《中华人民共和国保守国家秘密法》' : null,
        'platform_api',
        bool(false),
        pick(['open', 'on_application', 'closed', 'closed'] as const),
        pick(cycles),
        updated,
        'general',
        bool(false),
        '{}',
        'law',
        random() < 0.02 ? ' ' : '《中华人民共和国数据安全法》',
        '[]',
        status,
        time(published),
        published === null ? 0 : 1,
        time(created),
        time(created),
        1,
      ];
    },
  );
  await insertAll(db, 'catalog_items', ['entry_id', 'position', 'name', 'field_name', 'normalized_name', 'data_type', 'nullable', 'primary_key', 'sensitive', 'secret', 'desensitization', 'created_at'], ENTRIES * 2, (i) => {
    const entry = 1 + Math.floor(i / 2);
    // 1 % of the entries have no item left: their second … are still there, the first was never made
    return [entry % 100 === 0 ? ((entry + 1) % ENTRIES) + 1 : entry, (i % 2) + 1, `信息项${i % 2}`, `item_${(i % 2) + 1}`, `信息项${i % 2}`, 'string', bool(true), bool(i % 2 === 0), bool(false), bool(false), 'none', time(NOW.getTime() - 400 * DAY)];
  });

  // random requests repeat (department, entry) pairs among the open ones, which the platform refuses (a partial
  // unique index); the assessment does not read that index
  await db.fork().getConnection().execute('drop index share_requests_one_open_per_entry');
  const requestSubmitted: number[] = [];
  const requestProvider: number[] = [];
  await insertAll(
    db,
    'share_requests',
    ['id', 'origin', 'requester_id', 'requested_by_name', 'entry_id', 'entry_version', 'provider_id', 'share_type', 'item_ids', 'purpose', 'scenario', 'status', 'submitted_at', 'created_at', 'updated_at', 'lock_version'],
    REQUESTS,
    (i) => {
      const entry = 1 + Math.floor(random() * ENTRIES);
      const provider = entryProvider[entry - 1] as number;
      const requester = provider === 2 ? 3 : provider - 1;
      const submitted = between('2025-01-01', '2026-11-19');
      requestSubmitted.push(submitted);
      requestProvider.push(provider);
      return [i + 1, 'request', requester, '基准用户', entry, 1, provider, 'conditional', '[1]', '履职需要', '政务服务', pick(['approved', 'approved', 'approved', 'rejected', 'provider_review'] as const), time(submitted), time(submitted), time(submitted), 1];
    },
  );
  await insertAll(db, 'share_request_steps', ['request_id', 'seq', 'kind', 'department_id', 'started_at', 'decided_at', 'decision', 'actor_name', 'reason_category', 'reason'], REQUESTS, (i) => {
    const started = (requestSubmitted[i] as number) + DAY;
    const r = random();
    const decision = r < 0.85 ? 'approve' : r < 0.95 ? 'reject' : null;
    const basis = decision === 'reject' && random() > 0.1;
    return [i + 1, 2, 'provider_reply', requestProvider[i] as number, time(started), time(decision ? started + Math.floor(random() * 8 * DAY) : null), decision, decision ? '基准用户' : null, basis ? 'other' : null, basis ? '依据有关规定不予提供' : null];
  });
  await insertAll(db, 'share_grants', ['consumer_id', 'provider_id', 'entry_id', 'source', 'request_id', 'item_ids', 'purpose', 'granted_at', 'valid_until', 'status', 'renew_count', 'created_at', 'lock_version'], GRANTS, (i) => [
    3,
    2,
    1,
    'coordination',
    1 + i * Math.floor(REQUESTS / Math.max(1, GRANTS)),
    '[1]',
    '协调决定',
    time(NOW.getTime() - 30 * DAY),
    '2027-12-31',
    'active',
    0,
    time(NOW.getTime() - 30 * DAY),
    1,
  ]);

  const kinds = ['provider_reply', 'provider_reply', 'provider_reply', 'provider_reply', 'provider_reply', 'provider_reply', 'catalog_update', 'notice_rectification', 'compliance_review', 'compliance_review'] as const;
  await insertAll(db, 'deadlines', ['kind', 'subject_type', 'subject_id', 'department_id', 'responsible', 'started_at', 'due_at', 'due_date', 'period_n', 'period_unit', 'provisional', 'state', 'completed_at', 'created_at'], DEADLINES, (i) => {
    const kind = pick(kinds);
    const bureau = kind === 'compliance_review';
    const dueDate = shanghaiDate(new Date(between('2025-01-01', '2027-01-31')));
    const due = Date.parse(`${dueDate}T23:59:59.999+08:00`);
    const r = random();
    const past = due < NOW.getTime();
    const state = !past ? (r < 0.3 ? 'met' : 'open') : r < 0.8 ? 'met' : r < 0.9 ? 'missed' : r < 0.95 ? 'overdue' : r < 0.98 ? 'open' : 'cancelled';
    const completed = state === 'met' ? due - Math.floor(random() * 3 * DAY) : state === 'missed' ? due + Math.floor(random() * 5 * DAY) : null;
    return [kind, `bench_${kind}`, i + 1, bureau ? null : dept(i), bureau ? 'bureau' : 'department', time(due - 7 * DAY), time(due), dueDate, 5, 'working', bool(false), state, time(completed && completed < NOW.getTime() ? completed : null), time(due - 7 * DAY)];
  });
  await insertAll(db, 'violations', ['type', 'department_id', 'source_kind', 'source_id', 'detected_at', 'evidence', 'status', 'manual', 'version'], VIOLATIONS, (i) => [
    1 + (i % 9),
    dept(i),
    'bench',
    String(i),
    time(between('2025-01-01', '2026-11-19')),
    '{"summary":"基准"}',
    pick(['candidate', 'confirmed', 'noticed', 'closed', 'dismissed'] as const),
    bool(false),
    1,
  ]);
  if (PG) {
    // explicit ids were inserted: move the sequences on, and give the planner statistics as a running system has
    for (const t of ['departments', 'catalog_entries', 'share_requests']) await em.getConnection().execute(`select setval(pg_get_serial_sequence('${t}', 'id'), (select max(id) from ${t}))`);
    await em.getConnection().execute('analyze');
  } else {
    await em.getConnection().execute('analyze');
  }
  console.log(`  loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function countRows(db: Database): Promise<string> {
  const em = db.fork();
  const parts: string[] = [];
  for (const t of ['departments', 'catalog_entries', 'catalog_items', 'share_requests', 'share_request_steps', 'deadlines', 'share_grants', 'violations']) {
    const [r] = await em.getConnection().execute<{ n: number | string }[]>(`select count(*) as n from ${t}`);
    parts.push(`${t} ${Number(r?.n).toLocaleString('en')}`);
  }
  return parts.join(' · ');
}

async function compute(db: Database, steps?: string[]): Promise<{ ms: number; departments: number; top: number }> {
  const t0 = performance.now();
  let last = t0;
  const onProgress = (done: number, total: number, label: string) => {
    const t = performance.now();
    steps?.push(`${done}/${total} ${fmt(t - last)}`);
    last = t;
    void label;
  };
  const facts = await loadAssessmentFacts(db.fork(), { year: YEAR, now: NOW, onProgress });
  const ranked = scoreAll(defaultScheme2026(), facts);
  return { ms: performance.now() - t0, departments: ranked.length, top: ranked[0]?.total ?? 0 };
}

/**
 * The whole computation as the bureau's 计算 button runs it (computeYear): the facts, the scoring, and saving the
 * draft revision with every department's result, facts and explanations (a re-run replaces the draft).
 */
async function computeFull(db: Database): Promise<{ ms: number; revision: number | null }> {
  const t0 = performance.now();
  const done = await computeYear({ fork: () => db.fork(), clock: { now: () => NOW, pinned: true } }, null, YEAR);
  if (done.phase !== 'done') throw new Error(`computation ended in ${done.phase}: ${done.error}`);
  return { ms: performance.now() - t0, revision: done.revision };
}

/** The hand-written GROUP BY: the same tables, each read once, no JS work beyond receiving the rows. */
async function baseline(db: Database): Promise<{ ms: number; rows: number }> {
  const start = new Date(`${YEAR}-01-01T00:00:00+08:00`);
  const end = new Date(`${YEAR + 1}-01-01T00:00:00+08:00`);
  const t0 = performance.now();
  const rows = await db.fork().getKnex().raw(
    `select department_id as d, kind as k, state as s, count(*) as n from deadlines where due_date >= ? and due_date <= ? group by department_id, kind, state
     union all
     select provider_id, status, share_type, count(*) from catalog_entries group by provider_id, status, share_type
     union all
     select department_id, kind, decision, count(*) from share_request_steps where decided_at >= ? and decided_at < ? group by department_id, kind, decision`,
    [`${YEAR}-01-01`, `${YEAR}-12-31`, PG ? start : start.getTime(), PG ? end : end.getTime()],
  );
  const list = Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows;
  return { ms: performance.now() - t0, rows: list.length };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}
const fmt = (ms: number) => `${ms < 10 ? ms.toFixed(2) : ms.toFixed(0)} ms`;

const db = await createPlatformTestDatabase();
try {
  console.log(`\n  assessment of ${YEAR} — ${PG ? 'PostgreSQL' : 'SQLite'}, scale ${SCALE}, ${RUNS} runs after a warm-up\n`);
  await load(db);
  console.log(`  ${await countRows(db)}`);
  const computes: number[] = [];
  const fulls: number[] = [];
  const baselines: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const b = await baseline(db);
    const steps: string[] = [];
    const c = await compute(db, steps);
    const f = await computeFull(db);
    if (i === 0) {
      console.log(`  warm-up: ${c.departments} departments scored (best total ${c.top}), baseline returned ${b.rows} groups`);
      console.log(`  facts steps (departments · catalog · freshness · deadlines · sharing · violations): ${steps.join(' · ')}`);
      continue;
    }
    computes.push(c.ms);
    fulls.push(f.ms);
    baselines.push(b.ms);
    ratios.push(f.ms / b.ms);
  }
  const c = median(computes);
  const full = median(fulls);
  const b = median(baselines);
  const ratio = full / b;
  console.log(`\n  compute a year (computeYear: facts, scoring, saving the revision):  median ${fmt(full)}  (runs: ${fulls.map(fmt).join(', ')})  goal ≤ ${GOAL_MS / 1000} s: ${full <= GOAL_MS ? 'met' : 'NOT met'}`);
  console.log(`    of which facts + scoring in memory:  median ${fmt(c)}  (runs: ${computes.map(fmt).join(', ')})`);
  console.log(`  hand-written GROUP BY:             median ${fmt(b)}  (runs: ${baselines.map(fmt).join(', ')})`);
  console.log(`  ratio compute / GROUP BY:          ${ratio.toFixed(2)}×  (median of per-run ratios ${median(ratios).toFixed(2)}×)  goal ≤ ${GOAL_RATIO}×: ${ratio <= GOAL_RATIO ? 'met' : 'NOT met'}\n`);
} finally {
  if (process.env.BENCH_KEEP) {
    console.log(`  kept: ${db.url}`);
    await db.close();
  } else await db.drop();
}
