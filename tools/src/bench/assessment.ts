/**
 * npm run bench:assessment [-- --pg[=<url>]] [-- --years 1|5|1,5] [-- --seeded[=city|<url>|<file>]] — one year's
 * assessment against a hand-written baseline that computes the same facts, in the same run, with 1 and with 5 years
 * of history (issue 19, finding 4); with `--seeded`, on the data set of `npm run bench:seed` instead (the province's
 * by default: 1,000 departments, 5 million requests over 5 years — no corrections, gateway or open-data rows). The
 * seeded database gets the platform's pending migrations and a draft revision of 2026 (a re-run replaces it).
 *
 * A fresh database (SQLite temp file; `--pg` a throw-away database on the PostgreSQL server of `--pg=<url>`,
 * BENCH_PG_URL or the local one) per history, loaded in bulk (one transaction per table: multi-row prepared INSERTs
 * on SQLite, INSERT … SELECT FROM unnest(arrays) on PostgreSQL):
 *   the state, the same whatever the history — 100 departments (+ the bureau; 1,000 at BENCH_SCALE=10), 50,000
 *   catalog entries with 100,000 data items, 2,000 open datasets;
 *   each year of history, the same volume every year — 100,000 share requests with their provider-reply steps,
 *   40,000 deadlines, 400 coordination grants, 1,000 violations, 2,000 correction reports, 100,000 gateway calls
 *   and ≈ 52,000 open-data usage days. 5 years at scale 1 are the city of the first benchmark (500,000 requests,
 *   200,000 deadlines); at BENCH_SCALE=10 the province of issue 19 (1,000 departments, 500,000 entries, 5 million
 *   requests). Each year's rows come from a random stream of their own, so 2026 is the same data in every history;
 *   they are written in time order, as the platform writes them (ids, the call ledger's sequence).
 * The year assessed is 2026 (running, computed on 2026-11-20). Every history is loaded first; then BENCH_RUNS rounds
 * after a warm-up, each history in turn (the machines are shared: a change of load falls on all alike), each round:
 *   compute  — computeYear, what the bureau's 计算 button runs: loadAssessmentFacts (libs/assessment), scoreAll with
 *              the year's scheme and saving the draft revision with every result (facts + scoring alone timed too, and the
 *              saving phase apart: wall, this process's CPU and the PostgreSQL backends');
 *   baseline — every fact loadAssessmentFacts computes, in hand-written SQL: one GROUP BY per source (departments,
 *              catalog snapshot with metadata completeness, freshness buckets, deadlines, rejections, unanswered
 *              replies, confirmed errors, open-data use, calls served and made, violations), nothing done in
 *              JavaScript beyond receiving the rows. The freshness verdict (working-day calendar, cannot be SQL)
 *              is left to the compute side — the baseline stops at the buckets.
 * The warm-up checks that the baseline's rows fold into exactly the facts loadAssessmentFacts returned (else the
 * bench stops), and the second history that 2026's facts equal the first's but for providerRepliesUnanswered (any
 * due year, by definition) and the rejections (January's decisions on the December before's requests). Printed:
 * medians (wall and this process's CPU), ratios compute / baseline (goal ≤ 2×), the time per baseline statement,
 * and at the end 1 year against 5 (goal: one year's time independent of history).
 *
 * Knobs (env): BENCH_RUNS (5), BENCH_SCALE (1; 0.1 for a quick try, 10 for the province), BENCH_DEPARTMENTS (100 ×
 * the scale, at least 100: 1,000 with BENCH_SCALE=1 saves the province's 1,000 results on a city's history),
 * BENCH_YEARS (1,5; or `--years`), BENCH_PG_PARALLEL=0 (PostgreSQL without parallel workers, see PARALLEL), BENCH_KEEP=1 keeps the
 * databases (their URLs printed) to look at query plans.
 */
import type { EntityManager } from '@mikro-orm/knex';
import { DEADLINE_FACTS, FACT_KEYS, defaultScheme2026, scoreAll, type DepartmentYearFacts, type FactKey } from '@govdata/analytics';
import { computeYear, loadAssessmentFacts } from '@govdata/assessment';
import { Prng } from '@govdata/demo';
import { CalendarHolder, type Database } from '@govdata/core';
import { DEPARTMENT_DEADLINE_KINDS, freshnessOf, type UpdateCycle } from '@govdata/domain';
import { type TestDatabase } from '@govdata/core/testing';
import { openPlatformDatabase } from '@govdata/platform';
import { createPlatformTestDatabase } from '@govdata/platform/testing';
import { endOfShanghaiDay, shanghaiDate, startOfShanghaiDay } from '@govdata/workdays';
import { pidsCpuMs, seededDatabaseUrl, serverCpuMs, serverPids } from './databases';
import { benchTarget, machineLine, measure, median } from './machine';

const target = benchTarget();
/** `--seeded[=city|<url>|<file>]`: the data set of bench:seed instead of the bench's own (see seededDatabaseUrl) */
const SEEDED = seededDatabaseUrl(process.argv.slice(2));
if (target.pgUrl) process.env.DATABASE_URL = target.pgUrl;
else delete process.env.DATABASE_URL;
const PG = SEEDED ? /^postgres/.test(SEEDED) : target.engine === 'postgresql';

function yearsOption(argv: string[]): number[] {
  const i = argv.findIndex((a) => a === '--years' || a.startsWith('--years='));
  const raw = i < 0 ? (process.env.BENCH_YEARS ?? '1,5') : argv[i]?.includes('=') ? argv[i]?.slice('--years='.length) : argv[i + 1];
  const years = String(raw).split(',').map(Number);
  if (years.some((n) => !Number.isInteger(n) || n < 1 || n > 10)) throw new Error(`--years: 1 to 10 years of history, e.g. --years 1,5 (got ${raw})`);
  return years;
}

const HISTORIES = yearsOption(process.argv.slice(2));
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const YEAR = 2026;
const NOW = new Date('2026-11-20T10:00:00+08:00');
const DAY = 86_400_000;
const GOAL_MS = PG ? 30_000 : 10_000;
const GOAL_RATIO = 2;
/**
 * BENCH_PG_PARALLEL=0: the bench's PostgreSQL databases without parallel workers (max_parallel_workers_per_gather
 * = 0). The planner turns to parallel scans as a table grows past its thresholds; on a small machine shared with
 * other work, starting the workers costs more than they save, so the figures of a larger history then measure that.
 */
const PARALLEL = process.env.BENCH_PG_PARALLEL !== '0';
/** the time for one year with 5 years of history within this factor of its time with 1 year (the machine's noise) */
const FLAT = 1.25;

// the state
/** BENCH_DEPARTMENTS: the departments alone at another size — the saving of the revision is one result per department */
const DEPARTMENTS = Number(process.env.BENCH_DEPARTMENTS ?? Math.round(100 * Math.max(1, SCALE)));
const ENTRIES = Math.round(50_000 * SCALE);
const OPEN_DATASETS = Math.round(2_000 * SCALE);
// each year of history
const REQUESTS = Math.round(100_000 * SCALE);
const DEADLINES = Math.round(40_000 * SCALE);
const GRANTS = Math.round(400 * SCALE);
const VIOLATIONS = Math.round(1_000 * SCALE);
const CORRECTIONS = Math.round(2_000 * SCALE);
const CALLS = Math.round(100_000 * SCALE);
/** an open dataset has a usage row every USAGE_EVERY days */
const USAGE_EVERY = 14;

/** A random stream of its own per table and year (mulberry32, the demo seed's): 2026 is the same in every history. */
function stream(name: string, year: number) {
  let h = 2_166_136_261;
  for (const ch of `${name}/${year}`) h = Math.imul(h ^ ch.charCodeAt(0), 16_777_619);
  const rng = new Prng(h >>> 0);
  const random = () => rng.next();
  return {
    random,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T,
    /** an instant in [from, to) */
    between: (from: number, to: number) => from + Math.floor(random() * (to - from)),
    /** `n` instants in [from, to), in order: rows are written as time goes (ids, the call ledger's sequence) */
    times: (n: number, from: number, to: number) => Float64Array.from({ length: n }, () => from + Math.floor(random() * (to - from))).sort(),
  };
}
const instant = (day: string) => Date.parse(`${day}T00:00:00+08:00`);

type Value = string | number | boolean | null | Date;
interface RawSqlite {
  prepare(sql: string): { run(...params: unknown[]): unknown };
  exec(sql: string): void;
}
interface RawPg {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, string>[] }>;
}

/** Datetimes and booleans as each dialect stores them through MikroORM: epoch ms and 0/1 on SQLite. */
const time = (ms: number | null): Value => (ms === null ? null : PG ? new Date(ms) : ms);
const bool = (b: boolean): Value => (PG ? b : b ? 1 : 0);

/** Inserts the rows in one transaction (SQLite: multi-row prepared INSERTs; PostgreSQL: unnest of arrays); returns how many. */
async function insertAll(db: Database, table: string, columns: string[], rows: Iterable<Value[]>): Promise<number> {
  const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const sql = (n: number) => `insert into ${table} (${columns.join(', ')}) values ${Array.from({ length: n }, () => tuple).join(', ')}`;
  const knex = (db.fork() as EntityManager).getKnex();
  let count = 0;
  if (!PG) {
    const raw = (await knex.client.acquireConnection()) as RawSqlite;
    try {
      const full = raw.prepare(sql(perStatement));
      raw.exec('begin');
      let params: unknown[] = [];
      let n = 0;
      for (const row of rows) {
        params.push(...row);
        count++;
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
    return count;
  }
  // PostgreSQL: one array per column through unnest (a statement of tens of thousands of rows, parsed once)
  const conn = (await knex.client.acquireConnection()) as RawPg;
  try {
    const types = await conn.query(`select column_name, udt_name from information_schema.columns where table_schema = current_schema() and table_name = $1`, [table]);
    const typeOf = new Map(types.rows.map((r) => [r.column_name, r.udt_name]));
    const text = `insert into ${table} (${columns.join(', ')}) select * from unnest(${columns.map((c, i) => `$${i + 1}::${typeOf.get(c) ?? 'text'}[]`).join(', ')})`;
    await conn.query('begin');
    let arrays: Value[][] = columns.map(() => []);
    let n = 0;
    for (const row of rows) {
      row.forEach((v, i) => arrays[i]?.push(v));
      count++;
      if (++n === 20_000) {
        await conn.query(text, arrays);
        arrays = columns.map(() => []);
        n = 0;
      }
    }
    if (n > 0) await conn.query(text, arrays);
    await conn.query('commit');
  } catch (e) {
    await conn.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    await knex.client.releaseConnection(conn);
  }
  return count;
}

interface Entry {
  provider: number;
  published: number | null;
}

/** The state: departments, a user, the catalog with its items, the open datasets. */
async function loadState(db: Database, firstYear: number): Promise<{ entries: Entry[]; openEntries: number[] }> {
  const r = stream('state', 0);
  const founded = instant(`${firstYear - 1}-06-01`);
  await insertAll(
    db,
    'departments',
    ['id', 'code', 'name', 'kind', 'region_code', 'is_bureau', 'sort_order', 'created_at', 'updated_at'],
    Array.from({ length: DEPARTMENTS + 1 }, (_, i) => [i + 1, `11140600BENCH${String(i).padStart(5, '0')}`, i === 0 ? '朔州市政务信息管理局' : `基准部门${i}`, 'government_department', '140600', bool(i === 0), i, time(founded), time(founded)]),
  );
  await insertAll(db, 'users', ['id', 'username', 'display_name', 'department_id', 'roles', 'password_hash', 'disabled', 'created_at', 'updated_at'], [[1, 'bench', '基准用户', 1, '["bureau_admin"]', 'x', bool(false), time(founded), time(founded)]]);

  const cycles = ['realtime', 'daily', 'weekly', 'monthly', 'monthly', 'quarterly', 'semiannual', 'annual', 'irregular'] as const;
  const entries: Entry[] = [];
  // the catalog is the same whatever the history: published from mid-2022 on, as in the first benchmark
  function* entryRows(): Generator<Value[]> {
    for (let i = 0; i < ENTRIES; i++) {
      const provider = 2 + Math.floor(r.random() * DEPARTMENTS);
      const x = r.random();
      const status = x < 0.9 ? 'published' : x < 0.94 ? 'draft' : x < 0.97 ? 'retiring' : 'retired';
      const published = status === 'draft' ? null : r.between(instant('2022-07-01'), instant('2026-11-15'));
      entries.push({ provider, published: status === 'published' ? published : null });
      const created = (published ?? r.between(instant('2025-01-01'), instant('2026-11-15'))) - 10 * DAY;
      const share = r.pick(['unconditional', 'conditional', 'conditional', 'none'] as const);
      const updated = published === null || r.random() < 0.1 ? null : shanghaiDate(new Date(Math.max(published, r.between(instant('2025-06-01'), instant('2026-11-19')))));
      yield [
        i + 1,
        `BENCH/${String(i + 1).padStart(7, '0')}`,
        `基准资源${i + 1}`,
        'department',
        '3-99-001-001',
        provider,
        '基准测试资源',
        'database',
        share,
        share === 'conditional' ? (r.random() < 0.05 ? '' : '仅限履职使用') : null,
        share === 'none' ? '《中华人民共和国保守国家秘密法》' : null,
        'platform_api',
        bool(false),
        r.pick(['open', 'on_application', 'closed', 'closed'] as const),
        r.pick(cycles),
        updated,
        'general',
        bool(false),
        '{}',
        'law',
        r.random() < 0.02 ? ' ' : '《中华人民共和国数据安全法》',
        '[]',
        status,
        time(published),
        published === null ? 0 : 1,
        time(created),
        time(created),
        1,
      ];
    }
  }
  await insertAll(
    db,
    'catalog_entries',
    ['id', 'code', 'name', 'resource_type', 'class_code', 'provider_id', 'summary', 'format', 'share_type', 'share_conditions', 'no_share_basis', 'share_method', 'dedicated', 'open_type', 'update_cycle', 'data_updated_at', 'security_grade', 'security_agreement_required', 'internal_review', 'collection_basis_type', 'collection_basis', 'related_codes', 'status', 'published_at', 'current_version', 'created_at', 'updated_at', 'lock_version'],
    entryRows(),
  );
  function* itemRows(): Generator<Value[]> {
    for (let i = 0; i < ENTRIES * 2; i++) {
      const entry = 1 + Math.floor(i / 2);
      // 1 % of the entries have no item: their two rows went to the next entry
      yield [entry % 100 === 0 ? (entry % ENTRIES) + 1 : entry, (i % 2) + 1, `信息项${i % 2}`, `item_${(i % 2) + 1}`, `信息项${i % 2}`, 'string', bool(true), bool(i % 2 === 0), bool(false), bool(false), 'none', time(NOW.getTime() - 400 * DAY), i % 50 === 7 ? time(NOW.getTime() - 100 * DAY) : null];
    }
  }
  await insertAll(db, 'catalog_items', ['entry_id', 'position', 'name', 'field_name', 'normalized_name', 'data_type', 'nullable', 'primary_key', 'sensitive', 'secret', 'desensitization', 'created_at', 'removed_at'], itemRows());

  // open datasets: published entries, opened a week after publication; one in twenty withdrawn since
  const openEntries: number[] = [];
  function* datasetRows(): Generator<Value[]> {
    for (let id = 1; id <= ENTRIES && openEntries.length < OPEN_DATASETS; id++) {
      const published = entries[id - 1]?.published;
      if (published === null || published === undefined || id % 3 !== 0) continue;
      openEntries.push(id);
      const opened = published + 7 * DAY;
      const withdrawn = openEntries.length % 20 === 0 ? r.between(opened, instant('2026-11-19')) : null;
      yield [openEntries.length, id, `基准开放数据集${id}`, 1, time(opened), time(withdrawn)];
    }
  }
  await insertAll(db, 'open_datasets', ['id', 'entry_id', 'name', 'published_by_id', 'published_at', 'withdrawn_at'], datasetRows());
  return { entries, openEntries };
}

/** One year of history: requests with their steps, grants, deadlines, violations, corrections, calls, open-data use. */
async function loadYear(db: Database, year: number, entries: Entry[], openEntries: number[]): Promise<void> {
  const from = instant(`${year}-01-01`);
  const to = year === YEAR ? instant('2026-11-20') : instant(`${year + 1}-01-01`);
  const k = YEAR - year; // 2026 has the same ids in every history
  const dept = (x: number) => 2 + (x % DEPARTMENTS);

  const rq = stream('requests', year);
  const submittedAt = rq.times(REQUESTS, from, to);
  const requests: { entry: number; provider: number; requester: number; submitted: number }[] = [];
  function* requestRows(): Generator<Value[]> {
    for (let i = 0; i < REQUESTS; i++) {
      const entry = 1 + Math.floor(rq.random() * ENTRIES);
      const provider = (entries[entry - 1] as Entry).provider;
      const requester = provider === 2 ? 3 : provider - 1;
      const submitted = submittedAt[i] as number;
      requests.push({ entry, provider, requester, submitted });
      yield [k * REQUESTS + i + 1, 'request', requester, '基准用户', entry, 1, provider, 'conditional', '[1]', '履职需要', '政务服务', rq.pick(['approved', 'approved', 'approved', 'rejected', 'provider_review'] as const), time(submitted), time(submitted), time(submitted), 1];
    }
  }
  await insertAll(db, 'share_requests', ['id', 'origin', 'requester_id', 'requested_by_name', 'entry_id', 'entry_version', 'provider_id', 'share_type', 'item_ids', 'purpose', 'scenario', 'status', 'submitted_at', 'created_at', 'updated_at', 'lock_version'], requestRows());
  const rejected: number[] = [];
  function* stepRows(): Generator<Value[]> {
    for (let i = 0; i < REQUESTS; i++) {
      const q = requests[i] as (typeof requests)[number];
      const started = q.submitted + DAY;
      const x = rq.random();
      const decision = x < 0.85 ? 'approve' : x < 0.95 ? 'reject' : null;
      if (decision === 'reject') rejected.push(i);
      const basis = decision === 'reject' && rq.random() > 0.1;
      yield [k * REQUESTS + i + 1, 2, 'provider_reply', q.provider, time(started), time(decision ? started + Math.floor(rq.random() * 8 * DAY) : null), decision, decision ? '基准用户' : null, basis ? 'other' : null, basis ? '依据有关规定不予提供' : null];
    }
  }
  await insertAll(db, 'share_request_steps', ['request_id', 'seq', 'kind', 'department_id', 'started_at', 'decided_at', 'decision', 'actor_name', 'reason_category', 'reason'], stepRows());
  const stride = Math.max(1, Math.floor(rejected.length / Math.max(1, GRANTS)));
  function* grantRows(): Generator<Value[]> {
    for (let g = 0; g < GRANTS && g * stride < rejected.length; g++) {
      const i = rejected[g * stride] as number;
      const q = requests[i] as (typeof requests)[number];
      const granted = q.submitted + 20 * DAY;
      yield [q.requester, q.provider, q.entry, 'coordination', k * REQUESTS + i + 1, '[1]', '协调决定', time(granted), `${year + 1}-12-31`, 'active', 0, time(granted), 1];
    }
  }
  await insertAll(db, 'share_grants', ['consumer_id', 'provider_id', 'entry_id', 'source', 'request_id', 'item_ids', 'purpose', 'granted_at', 'valid_until', 'status', 'renew_count', 'created_at', 'lock_version'], grantRows());

  const dl = stream('deadlines', year);
  const kinds = ['provider_reply', 'provider_reply', 'provider_reply', 'provider_reply', 'provider_reply', 'provider_reply', 'catalog_update', 'correction_feedback', 'notice_rectification', 'compliance_review', 'compliance_review'] as const;
  const lastDue = year === YEAR ? instant(`${YEAR + 1}-02-01`) : to;
  const dueAt = dl.times(DEADLINES, from, lastDue);
  function* deadlineRows(): Generator<Value[]> {
    for (let i = 0; i < DEADLINES; i++) {
      const kind = dl.pick(kinds);
      const bureau = kind === 'compliance_review';
      const dueDate = shanghaiDate(new Date(dueAt[i] as number));
      const due = Date.parse(`${dueDate}T23:59:59.999+08:00`);
      const x = dl.random();
      const past = due < NOW.getTime();
      const state = !past ? (x < 0.3 ? 'met' : 'open') : x < 0.8 ? 'met' : x < 0.9 ? 'missed' : x < 0.95 ? 'overdue' : x < 0.98 ? 'open' : 'cancelled';
      const completed = state === 'met' ? due - Math.floor(dl.random() * 3 * DAY) : state === 'missed' ? due + Math.floor(dl.random() * 5 * DAY) : null;
      yield [kind, `bench_${kind}`, k * DEADLINES + i + 1, bureau ? null : dept(i), bureau ? 'bureau' : 'department', time(due - 7 * DAY), time(due), dueDate, 5, 'working', bool(false), state, time(completed && completed < NOW.getTime() ? completed : null), time(due - 7 * DAY)];
    }
  }
  await insertAll(db, 'deadlines', ['kind', 'subject_type', 'subject_id', 'department_id', 'responsible', 'started_at', 'due_at', 'due_date', 'period_n', 'period_unit', 'provisional', 'state', 'completed_at', 'created_at'], deadlineRows());

  const vi = stream('violations', year);
  const detectedAt = vi.times(VIOLATIONS, from, to);
  function* violationRows(): Generator<Value[]> {
    for (let i = 0; i < VIOLATIONS; i++) {
      yield [1 + (i % 9), dept(i), 'bench', `${year}-${i}`, time(detectedAt[i] as number), '{"summary":"基准"}', vi.pick(['candidate', 'confirmed', 'noticed', 'closed', 'dismissed'] as const), bool(false), 1];
    }
  }
  await insertAll(db, 'violations', ['type', 'department_id', 'source_kind', 'source_id', 'detected_at', 'evidence', 'status', 'manual', 'version'], violationRows());

  const co = stream('corrections', year);
  const receivedAt = co.times(CORRECTIONS, from, to);
  function* correctionRows(): Generator<Value[]> {
    for (let i = 0; i < CORRECTIONS; i++) {
      const entry = 1 + Math.floor(co.random() * ENTRIES);
      const received = receivedAt[i] as number;
      const due = received + 10 * DAY;
      yield [entry, (entries[entry - 1] as Entry).provider, '基准用户', co.pick(['console', 'gateway', 'portal'] as const), '[1]', '数据有误', co.pick(['answered', 'decided', 'open'] as const), time(received), time(due), shanghaiDate(new Date(due)), bool(co.random() < 0.4)];
    }
  }
  await insertAll(db, 'corrections', ['entry_id', 'provider_id', 'reported_by_name', 'channel', 'item_ids', 'description', 'status', 'received_at', 'due_at', 'due_date', 'error_confirmed'], correctionRows());

  // gateway calls: one in ten through the open interface on an open dataset, the rest by departments' systems
  const ca = stream('calls', year);
  const callAt = ca.times(CALLS, from, to);
  function* callRows(): Generator<Value[]> {
    for (let i = 0; i < CALLS; i++) {
      const open = openEntries.length > 0 && ca.random() < 0.1;
      const entry = open ? ca.pick(openEntries) : 1 + Math.floor(ca.random() * ENTRIES);
      const ok = ca.random() < 0.95;
      const caller = dept(Math.floor(ca.random() * DEPARTMENTS));
      yield [k * CALLS + i + 1, time(callAt[i] as number), open ? `open:key${i % 50}` : `sys:${caller}`, open ? null : caller, entry, '[]', '[]', ok ? 1 : 0, ok ? 'ok' : 'error', ok ? 200 : 500, 10, '0', `h${k}-${i}`];
    }
  }
  await insertAll(db, 'call_records', ['seq', 'at', 'client_id', 'department_id', 'entry_id', 'query_fields', 'fields_returned', 'row_count', 'status', 'http_status', 'latency_ms', 'prev_hash', 'hash'], callRows());

  const us = stream('usage', year);
  function* usageRows(): Generator<Value[]> {
    for (let d = 1; d <= openEntries.length; d++) {
      for (let t = from + (d % USAGE_EVERY) * DAY; t < to; t += USAGE_EVERY * DAY) {
        const downloads = us.random() < 0.7 ? 0 : 1 + Math.floor(us.random() * 5);
        yield [d, shanghaiDate(new Date(t)), 1 + Math.floor(us.random() * 20), downloads];
      }
    }
  }
  await insertAll(db, 'open_usage', ['dataset_id', 'day', 'views', 'downloads'], usageRows());
}

async function load(db: Database, years: number): Promise<void> {
  const firstYear = YEAR - years + 1;
  const { entries, openEntries } = await loadState(db, firstYear);
  // random requests repeat (department, entry) pairs among the open ones, which the platform refuses (a partial
  // unique index); the assessment does not read that index
  await db.fork().getConnection().execute('drop index share_requests_one_open_per_entry');
  for (let y = firstYear; y <= YEAR; y++) await loadYear(db, y, entries, openEntries);
  const em = db.fork();
  if (PG) {
    // explicit ids were inserted: move the sequences on; give the planner statistics and the visibility map a running
    // system has (autovacuum)
    for (const t of ['departments', 'users', 'catalog_entries', 'share_requests', 'open_datasets']) await em.getConnection().execute(`select setval(pg_get_serial_sequence('${t}', 'id'), (select max(id) from ${t}))`);
    await em.getConnection().execute('vacuum analyze');
    if (!PARALLEL) {
      // for this database only: the pool's connections are opened anew to take it
      const [{ name } = { name: '' }] = await em.getConnection().execute<{ name: string }[]>('select current_database() as name');
      await em.getConnection().execute(`alter database "${name}" set max_parallel_workers_per_gather = 0`);
      await db.orm.reconnect();
    }
  } else {
    await em.getConnection().execute('analyze');
  }
}

async function countRows(db: Database): Promise<string> {
  const em = db.fork();
  const parts: string[] = [];
  for (const t of ['departments', 'catalog_entries', 'catalog_items', 'open_datasets', 'share_requests', 'share_request_steps', 'share_grants', 'deadlines', 'violations', 'corrections', 'call_records', 'open_usage']) {
    const [r] = await em.getConnection().execute<{ n: number | string }[]>(`select count(*) as n from ${t}`);
    parts.push(`${t} ${Number(r?.n).toLocaleString('en')}`);
  }
  return parts.join(' · ');
}

/** what loadAssessmentFacts reports done at each onProgress call */
const LOADER_STEPS = ['departments', 'catalog snapshot', 'freshness', 'deadlines', 'rejections, unanswered, errors, open data, calls', 'violations'];

/** loadAssessmentFacts and the scoring, in memory. */
async function factsAndScores(db: Database, steps?: string[]): Promise<DepartmentYearFacts[]> {
  let last = performance.now();
  const onProgress = (done: number) => {
    const t = performance.now();
    steps?.push(`${LOADER_STEPS[done - 1] ?? done} ${fmt(t - last)}`);
    last = t;
  };
  const facts = await loadAssessmentFacts(db.fork(), { year: YEAR, now: NOW, onProgress });
  scoreAll(defaultScheme2026(), facts);
  return facts;
}

/** Wall time, this process's CPU and the PostgreSQL backends' CPU of computeYear's saving phase. */
interface Saving {
  wallMs: number;
  cpuMs: number;
  serverCpuMs: number | null;
}

/**
 * The whole computation as the bureau's 计算 button runs it (a re-run replaces the draft), with its saving phase
 * (the draft revision and every department's result, from the first `saving` progress to `done`) timed apart. The
 * backends' CPU is read at those two moments from the pids connected before (the pool's connections, warm).
 */
async function computeFull(db: Database): Promise<Saving> {
  const pids = await serverPids(db.fork());
  const mark = () => ({ t: performance.now(), cpu: process.cpuUsage(), server: pidsCpuMs(pids) });
  let start: ReturnType<typeof mark> | null = null;
  let end: ReturnType<typeof mark> | null = null;
  const onProgress = (s: { phase: string }) => {
    if (s.phase === 'saving' && !start) start = mark();
    if (s.phase === 'done') end = mark();
  };
  const done = await computeYear({ fork: () => db.fork(), clock: { now: () => NOW, pinned: true }, onProgress }, null, YEAR);
  if (done.phase !== 'done') throw new Error(`computation ended in ${done.phase}: ${done.error}`);
  const [a, b] = [start as ReturnType<typeof mark> | null, end as ReturnType<typeof mark> | null];
  if (!a || !b) throw new Error('computeYear reported no saving phase');
  const cpuMs = (b.cpu.user + b.cpu.system - a.cpu.user - a.cpu.system) / 1000;
  return { wallMs: b.t - a.t, cpuMs, serverCpuMs: a.server !== null && b.server !== null ? b.server - a.server : null };
}

// ---------------------------------------------------------------------------------------------------------------
// The baseline: the same facts, hand-written, one statement per source.

type Row = Record<string, unknown>;
interface Statement {
  name: string;
  sql: string;
  params: Value[];
}

function baselineStatements(): Statement[] {
  const start = startOfShanghaiDay(`${YEAR}-01-01`).getTime();
  const end = startOfShanghaiDay(`${YEAR + 1}-01-01`).getTime();
  const cut = Math.min(NOW.getTime(), end);
  const asOf = shanghaiDate(NOW) > `${YEAR}-12-31` ? `${YEAR}-12-31` : shanghaiDate(NOW);
  const t = (ms: number) => time(ms);
  const q = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');
  const published = `e.status in ('published', 'retiring') and e.published_at < ?`;
  const blank = (c: string) => `(e.${c} is null or trim(e.${c}) = '')`;
  const complete = `not ${blank('class_code')} and not ${blank('format')} and not ${blank('update_cycle')} and not ${blank('share_type')} and not ${blank('share_method')}
      and not ${blank('security_grade')} and not ${blank('collection_basis')}
      and (e.share_type = 'unconditional' or (e.share_type = 'conditional' and not ${blank('share_conditions')}) or (e.share_type = 'none' and not ${blank('no_share_basis')}))
      and exists (select 1 from catalog_items i where i.entry_id = e.id and i.removed_at is null)`;
  const day = (c: string) => (PG ? `to_char(${c} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')` : `strftime('%Y-%m-%d', ${c} / 1000 + 28800, 'unixepoch')`);
  const notOpen = `(c.client_id is null or c.client_id not like 'open:%')`;
  return [
    { name: 'departments', sql: 'select id from departments where is_bureau = ?', params: [bool(false)] },
    {
      name: 'catalog',
      sql: `select e.provider_id as d, count(*) as entries,
                   sum(case when ${published} then 1 else 0 end) as published,
                   sum(case when ${published} and ${complete} then 1 else 0 end) as complete,
                   sum(case when ${published} and e.update_cycle <> 'irregular' then 1 else 0 end) as with_cycle,
                   sum(case when ${published} and e.share_type = 'unconditional' then 1 else 0 end) as share_u,
                   sum(case when ${published} and e.share_type = 'conditional' then 1 else 0 end) as share_c,
                   sum(case when ${published} and e.open_type = 'open' then 1 else 0 end) as open_u,
                   sum(case when ${published} and e.open_type = 'on_application' then 1 else 0 end) as open_a
              from catalog_entries e
             where e.status <> 'retired' and e.created_at < ?
             group by e.provider_id`,
      params: [t(cut), t(cut), t(cut), t(cut), t(cut), t(cut), t(cut), t(cut)],
    },
    {
      name: 'freshness buckets',
      sql: `select e.provider_id as d, e.update_cycle as cycle,
                   case when e.data_updated_at is null then ${day('e.published_at')} when e.data_updated_at > ? then ? else e.data_updated_at end as since,
                   count(*) as n
              from catalog_entries e
             where ${published} and e.created_at < ? and e.update_cycle <> 'irregular'
             group by 1, 2, 3`,
      params: [asOf, asOf, t(cut), t(cut)],
    },
    {
      name: 'deadlines',
      sql: `select d.department_id as d, d.kind, count(*) as due, sum(case when d.state = 'met' then 1 else 0 end) as met
              from deadlines d
             where d.due_date between ? and ? and d.kind in (${q(DEPARTMENT_DEADLINE_KINDS)}) and d.department_id is not null
               and (d.state in ('met', 'missed', 'overdue') or (d.state = 'open' and d.due_at < ?))
             group by d.department_id, d.kind`,
      params: [`${YEAR}-01-01`, `${YEAR}-12-31`, t(NOW.getTime())],
    },
    {
      name: 'rejections',
      sql: `select s.department_id as d, count(distinct s.request_id) as rejected,
                   count(distinct case when s.reason_category is null or s.reason is null or trim(s.reason) = '' or g.id is not null then s.request_id end) as without_basis
              from share_request_steps s left join share_grants g on g.request_id = s.request_id and g.source = 'coordination'
             where s.kind = 'provider_reply' and s.decision = 'reject' and s.decided_at >= ? and s.decided_at < ? and s.department_id is not null
             group by s.department_id`,
      params: [t(start), t(end)],
    },
    {
      name: 'unanswered',
      sql: `select d.department_id as d, count(*) as n from deadlines d
             where d.kind = 'provider_reply' and d.department_id is not null and (d.state = 'overdue' or (d.state = 'open' and d.due_at < ?))
             group by d.department_id`,
      params: [t(NOW.getTime())],
    },
    {
      name: 'confirmed errors',
      sql: 'select c.provider_id as d, count(*) as n from corrections c where c.error_confirmed = ? and c.received_at >= ? and c.received_at < ? group by c.provider_id',
      params: [bool(true), t(start), t(end)],
    },
    {
      name: 'open datasets',
      sql: `select e.provider_id as d, count(*) as open,
                   sum(case when exists (select 1 from open_usage u where u.dataset_id = o.id and u.day between ? and ? and u.downloads > 0)
                              or exists (select 1 from call_records c where c.entry_id = o.entry_id and c.at >= ? and c.at < ? and c.status = 'ok' and c.client_id like 'open:%')
                            then 1 else 0 end) as used
              from open_datasets o join catalog_entries e on e.id = o.entry_id
             where o.published_at < ? and (o.withdrawn_at is null or o.withdrawn_at >= ?)
             group by e.provider_id`,
      params: [`${YEAR}-01-01`, asOf, t(start), t(cut), t(cut), t(start)],
    },
    {
      name: 'calls served',
      sql: `select e.provider_id as d, count(*) as n from call_records c join catalog_entries e on e.id = c.entry_id
             where c.at >= ? and c.at < ? and c.status = 'ok' and ${notOpen} group by e.provider_id`,
      params: [t(start), t(cut)],
    },
    {
      name: 'calls made',
      sql: `select c.department_id as d, count(*) as n from call_records c
             where c.at >= ? and c.at < ? and c.status = 'ok' and c.department_id is not null and ${notOpen} group by c.department_id`,
      params: [t(start), t(cut)],
    },
    {
      name: 'violations',
      sql: `select v.department_id as d, v.type, count(*) as n from violations v
             where v.status in ('confirmed', 'noticed', 'closed') and v.detected_at >= ? and v.detected_at < ? group by v.department_id, v.type`,
      params: [t(start), t(end)],
    },
  ];
}

async function baseline(db: Database): Promise<{ rows: Map<string, Row[]>; ms: Map<string, number> }> {
  const knex = db.fork().getKnex();
  const rows = new Map<string, Row[]>();
  const ms = new Map<string, number>();
  for (const s of baselineStatements()) {
    const t0 = performance.now();
    const res: unknown = await knex.raw(s.sql, s.params);
    ms.set(s.name, performance.now() - t0);
    rows.set(s.name, (Array.isArray(res) ? res : (res as { rows: Row[] }).rows) as Row[]);
  }
  return { rows, ms };
}

/**
 * The baseline's rows folded into facts (not timed: this is the check, not the work), with the freshness verdict
 * taken by freshnessOf on the lenient calendar at the end of the statistics day, as the rule says.
 */
async function foldBaseline(db: Database, rows: Map<string, Row[]>): Promise<Map<number, Record<string, number>>> {
  const facts = new Map<number, Record<string, number>>();
  for (const r of rows.get('departments') ?? []) facts.set(Number(r.id), {});
  const add = (d: unknown, key: string, n: unknown) => {
    const f = facts.get(Number(d));
    if (f) f[key] = (f[key] ?? 0) + Number(n ?? 0);
  };
  const sums: Record<string, FactKey> = {
    entries: 'catalogEntries',
    published: 'catalogEntriesPublished',
    complete: 'catalogEntriesMetadataComplete',
    with_cycle: 'entriesWithCycle',
    share_u: 'entriesShareUnconditional',
    share_c: 'entriesShareConditional',
    open_u: 'entriesOpenUnconditional',
    open_a: 'entriesOpenOnApplication',
  };
  for (const r of rows.get('catalog') ?? []) for (const [col, key] of Object.entries(sums)) add(r.d, key, r[col]);
  const calendar = (await CalendarHolder.load(db.fork())).lenient;
  const asOf = shanghaiDate(NOW) > `${YEAR}-12-31` ? `${YEAR}-12-31` : shanghaiDate(NOW);
  const at = new Date(Math.min(NOW.getTime(), endOfShanghaiDay(asOf).getTime()));
  for (const r of rows.get('freshness buckets') ?? []) {
    const since = startOfShanghaiDay(String(r.since));
    if (freshnessOf(calendar, { cycle: r.cycle as UpdateCycle, lastDataUpdateAt: since, publishedAt: since }, at).status === 'fresh') add(r.d, 'entriesWithinCycle', r.n);
  }
  for (const r of rows.get('deadlines') ?? []) {
    const pair = DEADLINE_FACTS[r.kind as keyof typeof DEADLINE_FACTS];
    if (!pair) continue;
    add(r.d, pair.due, r.due);
    add(r.d, pair.met, r.met);
  }
  for (const r of rows.get('rejections') ?? []) {
    add(r.d, 'shareRejections', r.rejected);
    add(r.d, 'shareRejectionsWithoutBasis', r.without_basis);
  }
  for (const r of rows.get('unanswered') ?? []) add(r.d, 'providerRepliesUnanswered', r.n);
  for (const r of rows.get('confirmed errors') ?? []) add(r.d, 'confirmedDataErrors', r.n);
  for (const r of rows.get('open datasets') ?? []) {
    add(r.d, 'openDatasets', r.open);
    add(r.d, 'openDatasetsUsed', r.used);
  }
  for (const r of rows.get('calls served') ?? []) add(r.d, 'sharedCallsServed', r.n);
  for (const r of rows.get('calls made') ?? []) add(r.d, 'sharedCallsMade', r.n);
  for (const r of rows.get('violations') ?? []) add(r.d, `violations#${String(r.type)}`, r.n);
  return facts;
}

/** The facts as flat numbers (a missing source as -1), for comparing. */
function flatten(f: DepartmentYearFacts): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of FACT_KEYS) out[k] = f.values[k] ?? -1;
  for (const [type, n] of Object.entries(f.violationsByType ?? {})) if (n) out[`violations#${type}`] = n;
  return out;
}

/** The differences between two sets of facts, at most `limit` of them. */
function differences(a: Map<number, Record<string, number>>, b: Map<number, Record<string, number>>, skip: string[] = [], limit = 10): string[] {
  const out: string[] = [];
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(id);
    const y = b.get(id);
    if (!x || !y) {
      out.push(`department ${id}: only on one side`);
      continue;
    }
    for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
      if (skip.includes(key)) continue;
      if ((x[key] ?? 0) !== (y[key] ?? 0)) out.push(`department ${id} ${key}: ${x[key] ?? 0} ≠ ${y[key] ?? 0}`);
    }
  }
  return out.slice(0, limit);
}

const fmt = (ms: number) => `${ms < 10 ? ms.toFixed(2) : ms.toFixed(0)} ms`;
const fmtS = (ms: number) => (ms < 10_000 ? fmt(ms) : `${(ms / 1000).toFixed(1)} s`);

interface Figures {
  years: number;
  full: number;
  fullCpu: number;
  facts: number;
  base: number;
  perStatement: Map<string, number>;
}

let firstFacts: Map<number, Record<string, number>> | null = null;

interface History {
  /** years of generated history; 0 for the seeded data set */
  years: number;
  db: Database;
  /** a database of the bench's own, dropped at the end */
  own: TestDatabase | null;
  fulls: number[];
  fullCpus: number[];
  /** computeYear's saving phase: wall, this process's CPU, the backends' CPU (PostgreSQL) */
  savings: Saving[];
  /** the PostgreSQL backends' CPU time during computeYear and during the baseline (empty on SQLite) */
  serverCpus: number[];
  baseServerCpus: number[];
  factsMs: number[];
  bases: number[];
  perStatement: Map<string, number[]>;
}

const historyName = (years: number) => (years === 0 ? 'the bench:seed data set' : `${years} year${years > 1 ? 's' : ''} of history`);

/** A database with `years` of history (0: the seeded one), loaded, warmed up and checked. */
async function prepare(years: number): Promise<History> {
  console.log(`\n  ── ${historyName(years)}${years ? ` (${YEAR - years + 1}–${YEAR})` : `: ${String(SEEDED).replace(/\/\/[^@/]*@/, '//')}`} ──`);
  console.log(`  ${machineLine()}`);
  let db: Database;
  let own: TestDatabase | null = null;
  if (SEEDED) {
    // the platform's migrations not yet applied to it (the year indexes, for one) are applied now
    const opened = await measure(() => openPlatformDatabase(SEEDED, { quiet: true }));
    db = opened.value;
    console.log(`  opened (and migrated) in ${fmtS(opened.wallMs)}: ${await countRows(db)}`);
  } else {
    own = await createPlatformTestDatabase();
    db = own;
    const loaded = await measure(() => load(own as TestDatabase, years));
    console.log(`  loaded in ${fmtS(loaded.wallMs)}: ${await countRows(db)}`);
  }
  if (PG) {
    const [r] = await db.fork().getConnection().execute<{ max_parallel_workers_per_gather: string }[]>('show max_parallel_workers_per_gather');
    console.log(`  max_parallel_workers_per_gather = ${r?.max_parallel_workers_per_gather}`);
  }

  // warm-up, and the checks
  const steps: string[] = [];
  const facts = await factsAndScores(db, steps);
  const b = await baseline(db);
  const loaderFacts = new Map(facts.map((f) => [f.departmentId, flatten(f)]));
  const mismatch = differences(loaderFacts, await foldBaseline(db, b.rows));
  if (mismatch.length) throw new Error(`the baseline does not compute the facts loadAssessmentFacts returns:\n    ${mismatch.join('\n    ')}`);
  console.log(`  warm-up: the baseline's rows equal loadAssessmentFacts for ${facts.length} departments × ${FACT_KEYS.length} facts and violations by type`);
  if (firstFacts && !SEEDED) {
    // providerRepliesUnanswered counts any due year; a request of late December is rejected in January
    const changed = differences(firstFacts, loaderFacts, ['providerRepliesUnanswered', 'shareRejections', 'shareRejectionsWithoutBasis']);
    if (changed.length) throw new Error(`${YEAR}'s facts differ from the first history's:\n    ${changed.join('\n    ')}`);
    console.log(`  ${YEAR}'s facts equal the first history's, but for unanswered replies (any due year) and rejections (of the December before)`);
  } else firstFacts = loaderFacts;
  console.log(`  loadAssessmentFacts steps (warm-up): ${steps.join(' · ')}`);
  await computeFull(db);
  return { years, db, own, fulls: [], fullCpus: [], savings: [], serverCpus: [], baseServerCpus: [], factsMs: [], bases: [], perStatement: new Map() };
}

/** One round on one history: the baseline, the facts with the scoring, the whole computation. */
async function round(h: History): Promise<void> {
  const em = h.db.fork();
  const s0 = await serverCpuMs(em);
  const base = await measure(() => baseline(h.db));
  const s1 = await serverCpuMs(em);
  h.bases.push(base.wallMs);
  for (const [name, ms] of base.value.ms) h.perStatement.set(name, [...(h.perStatement.get(name) ?? []), ms]);
  h.factsMs.push((await measure(() => factsAndScores(h.db))).wallMs);
  const s2 = await serverCpuMs(em);
  const full = await measure(() => computeFull(h.db));
  const s3 = await serverCpuMs(em);
  h.fulls.push(full.wallMs);
  h.fullCpus.push(full.cpuMs);
  h.savings.push(full.value);
  if (s0 !== null && s1 !== null) h.baseServerCpus.push(s1 - s0);
  if (s2 !== null && s3 !== null) h.serverCpus.push(s3 - s2);
}

function report(h: History): Figures {
  const f: Figures = { years: h.years, full: median(h.fulls), fullCpu: median(h.fullCpus), facts: median(h.factsMs), base: median(h.bases), perStatement: new Map([...h.perStatement].map(([k, v]) => [k, median(v)])) };
  const server = (xs: number[]) => (xs.length ? `, PostgreSQL ${fmtS(median(xs))}` : '');
  console.log(`\n  ${historyName(h.years)}:`);
  console.log(`  compute a year (computeYear: facts, scoring, saving):  median ${fmtS(f.full)} (CPU: this process ${fmtS(f.fullCpu)}${server(h.serverCpus)})  runs ${h.fulls.map(fmtS).join(', ')}  goal ≤ ${GOAL_MS / 1000} s: ${f.full <= GOAL_MS ? 'met' : 'NOT met'}`);
  const saving = (k: keyof Saving) => median(h.savings.map((x) => x[k] ?? 0));
  console.log(`    of which saving the revision (${h.savings.length ? 'results of every department' : '—'}):  median ${fmtS(saving('wallMs'))} (CPU: this process ${fmtS(saving('cpuMs'))}${h.savings.some((x) => x.serverCpuMs !== null) ? `, PostgreSQL ${fmtS(saving('serverCpuMs'))}` : ''})  runs ${h.savings.map((x) => fmtS(x.wallMs)).join(', ')}`);
  console.log(`    facts + scoring in memory:  median ${fmtS(f.facts)}  runs ${h.factsMs.map(fmtS).join(', ')}`);
  console.log(`  baseline (every fact, hand-written SQL):  median ${fmtS(f.base)}${h.baseServerCpus.length ? ` (CPU: PostgreSQL ${fmtS(median(h.baseServerCpus))})` : ''}  runs ${h.bases.map(fmtS).join(', ')}`);
  console.log(`    by statement (medians): ${[...f.perStatement].map(([k, v]) => `${k} ${fmt(v)}`).join(' · ')}`);
  console.log(`  ratio computeYear / baseline ${(f.full / f.base).toFixed(2)}× (facts + scoring / baseline ${(f.facts / f.base).toFixed(2)}×)  goal ≤ ${GOAL_RATIO}×: ${f.full / f.base <= GOAL_RATIO ? 'met' : 'NOT met'}`);
  return f;
}

console.log(`\n  bench:assessment — the assessment of ${YEAR} on ${PG ? `PostgreSQL${PARALLEL ? '' : ' without parallel workers'}` : 'SQLite'}, ${SEEDED ? 'the bench:seed data set' : `scale ${SCALE}, history of ${HISTORIES.join(' and ')} year(s)`}, ${RUNS} runs after a warm-up`);
const histories: History[] = [];
const all: Figures[] = [];
try {
  for (const years of SEEDED ? [0] : HISTORIES) histories.push(await prepare(years));
  // the histories in turn, round after round: a change of the shared machine's load falls on each of them alike
  console.log(`\n  measuring: ${RUNS} rounds, each history in turn — ${machineLine()}`);
  for (let i = 0; i < RUNS; i++) for (const h of histories) await round(h);
  for (const h of histories) all.push(report(h));
} finally {
  for (const h of histories) {
    if (!h.own) await h.db.close();
    else if (process.env.BENCH_KEEP) {
      console.log(`  kept: ${h.own.url}`);
      await h.own.close();
    } else await h.own.drop();
  }
}

console.log(`\n  | history | computeYear | facts + scoring | baseline | computeYear ÷ baseline |`);
console.log(`  |---|---|---|---|---|`);
for (const f of all) console.log(`  | ${f.years ? `${f.years} year${f.years > 1 ? 's' : ''}` : 'bench:seed'} | ${fmtS(f.full)} | ${fmtS(f.facts)} | ${fmtS(f.base)} | ${(f.full / f.base).toFixed(2)}× |`);
const one = all.find((f) => f.years === Math.min(...HISTORIES));
const most = all.find((f) => f.years === Math.max(...HISTORIES));
if (one && most && one !== most) {
  const growth = most.full / one.full;
  console.log(`\n  one year with ${most.years} years of history ÷ with ${one.years}: computeYear ${growth.toFixed(2)}×, facts ${(most.facts / one.facts).toFixed(2)}×, baseline ${(most.base / one.base).toFixed(2)}×  goal independent of history (≤ ${FLAT}×): ${growth <= FLAT ? 'met' : 'NOT met'}`);
  const slower = [...most.perStatement].map(([k, v]) => [k, v / (one.perStatement.get(k) ?? v)] as const).filter(([, r]) => r > 1.5);
  if (slower.length) console.log(`  baseline statements slower with more history: ${slower.map(([k, r]) => `${k} ${r.toFixed(1)}×`).join(' · ')}`);
}
console.log(`  ${machineLine()}\n`);
