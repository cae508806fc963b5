/**
 * Writes the provincial data set (seed-plan.ts) into a freshly migrated database with bulk SQL: the small tables
 * (departments, users, the templates and the plan, the working days) as multi-row prepared INSERTs, every large one as
 * one `INSERT … SELECT` over a number series (PostgreSQL `generate_series`, SQLite a recursive CTE) joined to them —
 * no row of a large table passes through JavaScript. pg-copy-streams is not a dependency: generating the rows in the
 * server is faster than sending them anyway.
 *
 * What is written, for each of `requests` share requests over the last `years` years (issue 19: 5,000,000 over 5):
 * the request on a published entry of another department, its steps as the workflow makes them (第十五条: the
 * bureau's compliance review, then for conditional data the provider's reply), each step's statutory clock in
 * `deadlines` (due dates on the working-day calendar: start day not counted, end of the last day Asia/Shanghai), the
 * history events, the grant of an approved request, and for every clock the sweep would have flagged a violation
 * (第三十三条, a late reply) or a service-record entry (the bureau's late review). Clocks that ran out in the last
 * two days are left `open`, as if the scheduler had been stopped since — work for the sweep.
 *
 * Random choices come from a hash of the row number and a salt (PostgreSQL's `hashint8extended`, on SQLite a
 * function registered on the connection), so every run writes the same data. Secondary indexes are dropped before
 * the load and built after it (faster than maintaining them row by row, and on SQLite it re-checks the unique ones,
 * such as one open request per department and entry); on PostgreSQL foreign-key triggers are off during the load
 * (`session_replication_role = replica`) — the rows are consistent by construction, and the test checks the joins.
 */
import type { EntityManager } from '@mikro-orm/knex';
import { CalendarHolder, hashPassword, PUBLISHED_DEMO_PASSWORD, refreshSqliteStatistics, type Database } from '@govdata/core';
import { normalizeItemName } from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { processCpuMs } from './machine';
import { planDepartments, planResources, planTemplates, type PlannedDepartment, type SeedSizes } from './seed-plan';

const DAY = 86_400_000;
/** 09:00 Asia/Shanghai after the day's start */
const NINE = 9 * 3_600_000;
/** the office day, 09:00–17:30 */
const OFFICE = 8.5 * 3_600_000;
/** the sweep runs every few minutes: a clock past due is flagged this long after its due instant */
const FLAG_AFTER = 5 * 60_000;
/** clocks past due within this window before `now` are still open (the sweep has not run since) */
const BACKLOG = 2 * DAY;
/** a large prime: request i asks for published entry (i · PRIME) mod m, distinct for any m consecutive requests */
const PRIME = 1_000_003;
/** item ids: entry id × 64 + position (an entry has at most 16 items) */
const ITEM_ID = 64;

/** The tables the load fills, in the order it fills them (their secondary indexes are rebuilt after it). */
export const SEEDED_TABLES = [
  'departments',
  'users',
  'catalog_entries',
  'catalog_items',
  'catalog_search',
  'catalog_entry_versions',
  'catalog_code_sequences',
  'share_requests',
  'share_request_steps',
  'deadlines',
  'violations',
  'service_record_entries',
  'share_request_events',
  'share_grants',
] as const;

export interface SeedOptions {
  sizes: SeedSizes;
  /** the province's departments, or one city's */
  level: 'province' | 'city';
  now: Date;
  /** years of history before `now` (issue 19: 5) */
  years?: number;
  log?: (line: string) => void;
}

export interface SeedStep {
  name: string;
  rows: number;
  wallMs: number;
  /** CPU time of this process */
  cpuMs: number;
  /** CPU time of the PostgreSQL backend that ran the step (parallel index-build workers not included), when on this machine */
  serverCpuMs: number | null;
}

export interface SeedReport {
  counts: Record<string, number>;
  steps: SeedStep[];
  departments: PlannedDepartment[];
  /** the first and last day of the history */
  from: string;
  to: string;
}

type Binding = string | number | boolean | null;

/** SQL that differs between the engines; times are epoch milliseconds until they are written. */
class Dialect {
  constructor(readonly pg: boolean) {}
  /** the numbers 0 … n-1 as column `s.i` */
  series(n: number): string {
    return this.pg ? `generate_series(0::bigint, ${n - 1}) as s(i)` : `(with recursive q(i) as (select 0 union all select i + 1 from q where i < ${n - 1}) select i from q) s`;
  }
  /** a deterministic uniform integer in [0, n) from the row number `x` and a salt */
  rnd(salt: number, n: number | string, x = 's.i'): string {
    return this.pg ? `((hashint8extended(${x}, ${salt}) & 9223372036854775807) % (${n}))` : `bench_rnd(${x}, ${salt}, ${n})`;
  }
  /** epoch ms → the column's datetime */
  ts(ms: string): string {
    return this.pg ? `to_timestamp((${ms}) / 1000.0)` : `(${ms})`;
  }
  /** a datetime column → epoch ms */
  ms(col: string): string {
    return this.pg ? `(extract(epoch from ${col}) * 1000)::bigint` : col;
  }
  /** epoch ms → YYYY-MM-DD in Asia/Shanghai */
  date(ms: string): string {
    return this.pg ? `to_char(to_timestamp((${ms}) / 1000.0) at time zone 'Asia/Shanghai', 'YYYY-MM-DD')` : `date((${ms}) / 1000 + 28800, 'unixepoch')`;
  }
  /** epoch ms → the same day a year later, YYYY-MM-DD in Asia/Shanghai */
  yearLater(ms: string): string {
    return this.pg ? `to_char((to_timestamp((${ms}) / 1000.0) at time zone 'Asia/Shanghai') + interval '1 year', 'YYYY-MM-DD')` : `date((${ms}) / 1000 + 28800, 'unixepoch', '+1 year')`;
  }
  /** epoch ms → ISO 8601 in UTC (what Date.toISOString gives) */
  iso(ms: string): string {
    return this.pg ? `to_char(to_timestamp((${ms}) / 1000.0) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : `strftime('%Y-%m-%dT%H:%M:%fZ', (${ms}) / 1000.0, 'unixepoch')`;
  }
  /** epoch ms → YYYY-MM-DD HH:MM in Asia/Shanghai */
  minute(ms: string): string {
    return this.pg ? `to_char(to_timestamp((${ms}) / 1000.0) at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')` : `strftime('%Y-%m-%d %H:%M', (${ms}) / 1000 + 28800, 'unixepoch')`;
  }
  /** a 0/1 integer column of a helper table → the column's boolean */
  flag(x: string): string {
    return this.pg ? `(${x} = 1)` : `(${x})`;
  }
  bool(b: boolean): string {
    return this.pg ? String(b) : b ? '1' : '0';
  }
  /** text → a json column's value */
  json(x: string): string {
    return this.pg ? `(${x})::jsonb` : `(${x})`;
  }
  text(x: string): string {
    return this.pg ? `(${x})::text` : `cast(${x} as text)`;
  }
  int(x: string): string {
    return this.pg ? `(${x})::int` : `(${x})`;
  }
  pad6(x: string): string {
    return this.pg ? `lpad((${x})::text, 6, '0')` : `substr('000000' || (${x}), -6)`;
  }
  max(a: string, b: string): string {
    return this.pg ? `greatest(${a}, ${b})` : `max(${a}, ${b})`;
  }
  min(a: string, b: string): string {
    return this.pg ? `least(${a}, ${b})` : `min(${a}, ${b})`;
  }
  get nl(): string {
    return this.pg ? 'chr(10)' : 'char(10)';
  }
  /** a JSON object of [key, SQL value] pairs */
  object(pairs: [string, string][]): string {
    const args = pairs.map(([k, v]) => `'${k}', ${v}`).join(', ');
    return this.pg ? `jsonb_build_object(${args})` : `json_object(${args})`;
  }
  /** a boolean column inside a JSON object */
  jsonBool(col: string): string {
    return this.pg ? col : `case when ${col} then json('true') else json('false') end`;
  }
  /** a JSON column inside a JSON object */
  jsonCol(col: string): string {
    return this.pg ? col : `json(${col})`;
  }
  helperTable(name: string, columns: string): string {
    return `create ${this.pg ? 'unlogged ' : ''}table ${name} (${columns})`;
  }
}

/** SQL text literal */
const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
/** CASE over a small integer picking one of the texts */
const pick = (x: string, texts: string[]) => `case ${texts.map((t, i) => `when ${x} = ${i} then ${lit(t)}`).join(' ')} else ${lit(texts[0] as string)} end`;

/** 32-bit mix (murmur3's finaliser) of a row number and a salt: SQLite's stand-in for hashint8extended. */
function mix(x: number, salt: number): number {
  let h = (Math.imul((x % 4_294_967_296) >>> 0, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca77) ^ Math.floor(x / 4_294_967_296)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

const PURPOSES = ['履行法定职责需要，用于政务服务事项办理中的信息核验', '开展行政审批“一件事一次办”联办，减少群众提交材料', '开展监管执法协同，核实行政相对人相关情况', '开展民生保障对象精准识别和动态管理', '开展经济运行监测分析和统计核查', '开展信用联合奖惩，核查市场主体信用状况'];
const SCENARIOS = ['政务服务“一网通办”', '“一件事一次办”联办', '监管执法协同', '民生保障精准救助', '经济运行分析', '信用联合奖惩'];
const REJECT_CATEGORIES = ['legal_prohibition', 'state_secret', 'purpose_mismatch', 'excessive_items', 'security_conditions', 'data_unavailable', 'other'];
const REJECT_REASONS = ['依据有关法律法规，该数据不得向申请用途提供', '所申请信息项涉及国家秘密，不予提供', '申请用途与申请部门法定职责不符', '所申请信息项超出履职必要范围，请缩减后重新申请', '申请部门尚未具备相应数据安全保障条件', '所申请数据尚未归集至共享平台', '其他原因，已电话沟通说明'];
const RETURN_REASONS = ['申请用途表述不清，请补充具体业务场景', '请补充申请依据及数据使用范围', '所选信息项与申请用途不一致，请调整后重新提交'];

export async function seedProvince(db: Database, opts: SeedOptions): Promise<SeedReport> {
  const { sizes, now } = opts;
  const years = opts.years ?? 5;
  const log = opts.log ?? (() => undefined);
  const d = new Dialect(db.dialect === 'postgresql');
  const calendar = await CalendarHolder.load(db.fork());
  const passwordHash = await hashPassword(PUBLISHED_DEMO_PASSWORD);

  // ---- the plan ----------------------------------------------------------------------------------------------------
  const { templates, topics } = planTemplates();
  const departments = planDepartments(opts.level, sizes.departments, topics);
  const plan = planResources(departments, templates);
  const P = plan.rows.length;
  const E = sizes.entries;
  const R = sizes.requests;
  const D = departments.length;
  if (D < 3) throw new Error('at least 3 departments');

  const nowMs = now.getTime();
  const today = shanghaiDate(now);
  const from = `${Number(today.slice(0, 4)) - years}${today.slice(4)}`;
  const startMs = Date.parse(`${from}T00:00:00+08:00`);
  const days = Math.round((Date.parse(`${today}T00:00:00+08:00`) - startMs) / DAY);
  // working days from the first day of the history to well after `now` (clocks opened lately run into next year)
  const workdays: { n: number; day: string; k: number; startMs: number; provisional: number }[] = [];
  for (let k = 0; k <= days + 200; k++) {
    const day = shanghaiDate(new Date(startMs + k * DAY + 12 * 3_600_000));
    if (calendar.lenient.isWorkingDay(day)) workdays.push({ n: workdays.length, day, k, startMs: startMs + k * DAY, provisional: calendar.lenient.isProvisional(day) ? 1 : 0 });
  }
  const lastBefore = (k: number) => (workdays.filter((w) => w.k < k).at(-1) as (typeof workdays)[number]).n;
  const firstFrom = (k: number) => (workdays.find((w) => w.k >= k) as (typeof workdays)[number]).n;
  /** requests are submitted on the working days from a month after the history starts to the day before `now` */
  const n0 = firstFrom(30);
  const nLast = lastBefore(days);
  /** requests still open at `now` were all submitted in the last 45 working days (the longest path is 4 + 34) */
  const nWindow = nLast - 44;
  const NW = nLast - n0 + 1;
  /** 60 % of the entries are catalogued in the first year (the initial compilation), the rest over the later years */
  const firstYear = Math.round(E * 0.6);
  const initialDays = Math.min(365, Math.floor(days * 0.4));
  const laterSpan = days - initialDays - 40;

  const steps: SeedStep[] = [];
  const counts: Record<string, number> = {};
  const knex = (db.fork() as EntityManager).getKnex();
  const conn = await knex.client.acquireConnection();
  const raw = async <T = Record<string, unknown>>(sql: string, bindings: Binding[] = []): Promise<T[]> => {
    const res: unknown = await knex.raw(sql, bindings).connection(conn);
    return (Array.isArray(res) ? res : ((res as { rows?: T[] }).rows ?? [])) as T[];
  };
  const count = async (table: string) => Number((await raw<{ n: number | string }>(`select count(*) as n from ${table}`))[0]?.n);
  // the backend's CPU time tells the work from the waiting on a shared machine (readable when the server is local)
  let backend: number | null = null;
  const serverCpu = (): number | null => {
    try {
      return backend === null ? null : processCpuMs(backend);
    } catch {
      return null;
    }
  };
  const step = async (name: string, table: string | null, fn: () => Promise<void>) => {
    const cpu0 = process.cpuUsage();
    const server0 = serverCpu();
    const t0 = performance.now();
    await fn();
    // the planner's statistics of what was just written: the next steps join it (without them PostgreSQL guessed
    // a few thousand rows for millions, hashed the wrong side and spilled the hash to disk)
    if (d.pg && table) await raw(`analyze ${table}`);
    const wallMs = performance.now() - t0;
    const server1 = serverCpu();
    const cpu = process.cpuUsage(cpu0);
    const rows = table ? await count(table) : 0;
    const s: SeedStep = { name, rows, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, serverCpuMs: server0 !== null && server1 !== null ? server1 - server0 : null };
    steps.push(s);
    const cpuText = s.serverCpuMs !== null ? `CPU: server ${(s.serverCpuMs / 1000).toFixed(1)} s, here ${(s.cpuMs / 1000).toFixed(1)} s` : `CPU ${(s.cpuMs / 1000).toFixed(1)} s`;
    log(`  ${name.padEnd(34)} ${table ? `${rows.toLocaleString('en').padStart(11)} rows` : ''.padStart(16)}  ${(s.wallMs / 1000).toFixed(1).padStart(6)} s  (${cpuText})`);
  };
  /** one statement, in a transaction of its own */
  const inTx = async (...sqls: string[]) => {
    await raw('begin');
    try {
      for (const sql of sqls) await raw(sql);
      await raw('commit');
    } catch (e) {
      await raw('rollback').catch(() => undefined);
      throw e;
    }
  };
  /** multi-row prepared INSERTs of rows made in JavaScript (the small tables) */
  const insertRows = async (table: string, columns: string[], rows: Binding[][]) => {
    const per = Math.max(1, Math.floor(30_000 / columns.length));
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    await raw('begin');
    for (let i = 0; i < rows.length; i += per) {
      const part = rows.slice(i, i + per);
      await raw(`insert into ${table} (${columns.join(', ')}) values ${part.map(() => tuple).join(', ')}`, part.flat());
    }
    await raw('commit');
  };

  const indexes: { name: string; sql: string }[] = [];
  /** the text searchTextOf makes of an entry (`t`: its template): code, name, summary, the item names and their normalised forms, lower-cased */
  const searchText = (code: string, name: string, summary: string) => `lower(${code} || ${d.nl} || ${name} || ${d.nl} || ${summary} || ${d.nl} || t.items_text)`;
  try {
    if ((await count('departments')) > 0) throw new Error('the database is not empty: bench:seed writes into a freshly migrated one');
    if (d.pg) {
      backend = Number((await raw<{ pid: number }>('select pg_backend_pid() as pid'))[0]?.pid);
      for (const s of ["set session_replication_role = 'replica'", 'set synchronous_commit = off', "set maintenance_work_mem = '1GB'", "set work_mem = '256MB'"]) await raw(s);
    } else {
      const sqlite = conn as { pragma(s: string): unknown; function(name: string, opts: { deterministic: boolean }, fn: (...a: number[]) => number): unknown };
      sqlite.pragma('foreign_keys = OFF');
      sqlite.pragma('synchronous = OFF');
      sqlite.function('bench_rnd', { deterministic: true }, (x: number, salt: number, n: number) => mix(Number(x), Number(salt)) % Number(n));
    }

    // ---- secondary indexes off for the load --------------------------------------------------------------------
    await step('drop secondary indexes', null, async () => {
      const tables = SEEDED_TABLES.filter((t) => t !== 'departments' && t !== 'users');
      const found = d.pg
        ? await raw<{ name: string; sql: string }>(
            `select ic.relname as name, pg_get_indexdef(ix.indexrelid) as sql from pg_index ix join pg_class ic on ic.oid = ix.indexrelid join pg_class t on t.oid = ix.indrelid
             where t.relnamespace = current_schema()::regnamespace and t.relname in (${tables.map(() => '?').join(', ')}) and not ix.indisprimary
               and not exists (select 1 from pg_constraint c where c.conindid = ix.indexrelid)`,
            [...tables],
          )
        : await raw<{ name: string; sql: string }>(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${tables.map(() => '?').join(', ')})`, [...tables]);
      indexes.push(...found);
      for (const ix of found) await raw(`drop index ${d.pg ? `"${ix.name}"` : `\`${ix.name}\``}`);
    });

    // ---- departments and their officers -------------------------------------------------------------------------
    await step('departments, users', 'departments', async () => {
      const created: Binding = d.pg ? new Date(startMs - 60 * DAY).toISOString() : startMs - 60 * DAY;
      await insertRows(
        'departments',
        ['id', 'code', 'name', 'short_name', 'kind', 'region_code', 'parent_id', 'is_bureau', 'responsible_person', 'contact_person', 'contact_phone', 'contact_email', 'filed_at', 'sort_order', 'created_at', 'updated_at'],
        departments.map((p) => [p.id, p.code, p.name, null, p.kind, p.regionCode, null, d.pg ? p.isBureau : p.isBureau ? 1 : 0, p.officer.displayName, p.officer.displayName, `0351-${String(2_000_000 + p.id * 3_917).slice(-7)}`, `${p.officer.username}@shanxi.gov.cn`, shanghaiDate(new Date(startMs + (p.id % 300) * DAY)), p.id, created, created] as Binding[]),
      );
      const users: Binding[][] = departments.map((p) => [p.id, p.officer.username, p.officer.displayName, p.id, JSON.stringify([p.isBureau ? 'bureau_admin' : 'dept_admin']), passwordHash, d.pg ? false : 0, created, created]);
      users.push([D + 1, 'leader', '李国华', 1, JSON.stringify(['leader']), passwordHash, d.pg ? false : 0, created, created]);
      users.push([D + 2, 'bureau2', '赵文静', 1, JSON.stringify(['bureau_admin']), passwordHash, d.pg ? false : 0, created, created]);
      await insertRows('users', ['id', 'username', 'display_name', 'department_id', 'roles', 'password_hash', 'disabled', 'created_at', 'updated_at'], users);
    });

    // ---- helper tables: templates, their items, the plan, the working days ----------------------------------------
    await step('templates, plan, working days', null, async () => {
      const big = d.pg ? 'bigint' : 'integer';
      await raw(
        d.helperTable(
          'bench_templates',
          'k integer primary key, resource_type text, library text, class_code text, format text, format_detail text, share_type text, share_conditions text, no_share_reason text, no_share_basis text, share_method text, open_type text, open_conditions text, closed_reason text, closed_basis text, update_cycle text, cycle_days integer, security_grade text, security_agreement_required integer, collection_basis_type text, data_range text, application_scenarios text, n_items integer, items_text text',
        ),
      );
      await insertRows(
        'bench_templates',
        ['k', 'resource_type', 'library', 'class_code', 'format', 'format_detail', 'share_type', 'share_conditions', 'no_share_reason', 'no_share_basis', 'share_method', 'open_type', 'open_conditions', 'closed_reason', 'closed_basis', 'update_cycle', 'cycle_days', 'security_grade', 'security_agreement_required', 'collection_basis_type', 'data_range', 'application_scenarios', 'n_items', 'items_text'],
        templates.map((t) => {
          const i = t.input;
          return [t.index, i.resourceType, i.library ?? null, i.classCode, i.format, i.formatDetail ?? null, i.shareType, i.shareConditions ?? null, i.noShareReason ?? null, i.noShareBasis ?? null, i.shareMethod, i.openType, i.openConditions ?? null, i.closedReason ?? null, i.closedBasis ?? null, i.updateCycle, t.cycleDays, i.securityGrade, i.securityAgreementRequired ? 1 : 0, i.collectionBasisType, i.dataRange ?? null, i.applicationScenarios ?? null, i.items.length, t.itemsText];
        }),
      );
      await raw(d.helperTable('bench_items', 't integer not null, position integer not null, name text, field_name text, normalized_name text, data_type text, length integer, nullable integer, primary_key integer, query_key integer, sensitive integer, secret integer, desensitization text, description text, primary key (t, position)'));
      await insertRows(
        'bench_items',
        ['t', 'position', 'name', 'field_name', 'normalized_name', 'data_type', 'length', 'nullable', 'primary_key', 'query_key', 'sensitive', 'secret', 'desensitization', 'description'],
        templates.flatMap((t) =>
          t.input.items.map((it, p) => [t.index, p + 1, it.name, it.fieldName ?? `item_${p + 1}`, normalizeItemName(it.name), it.dataType, it.length ?? null, it.nullable ? 1 : 0, it.primaryKey ? 1 : 0, it.queryKey ? 1 : 0, it.sensitive ? 1 : 0, it.secret ? 1 : 0, it.desensitization, it.description ?? null]),
        ),
      );
      await raw(d.helperTable('bench_plan', 'k integer primary key, t integer not null, provider integer not null, name text, summary text, internal_review text, collection_basis text, ordinal integer, per_template integer'));
      await insertRows(
        'bench_plan',
        ['k', 't', 'provider', 'name', 'summary', 'internal_review', 'collection_basis', 'ordinal', 'per_template'],
        plan.rows.map((r) => [r.k, r.template, r.provider, r.name, r.summary, r.internalReview, r.collectionBasis, r.ordinal, plan.perTemplate[r.template] as number]),
      );
      await raw(d.helperTable('bench_wd', `n integer primary key, day text not null, k integer not null, start_ms ${big} not null, prov integer not null`));
      await insertRows('bench_wd', ['n', 'day', 'k', 'start_ms', 'prov'], workdays.map((w) => [w.n, w.day, w.k, w.startMs, w.provisional]));
      for (const t of ['bench_templates', 'bench_items', 'bench_plan', 'bench_wd']) await raw(`analyze ${t}`);
    });

    // ---- the catalog ----------------------------------------------------------------------------------------------
    await step('catalog_entries', 'catalog_entries', async () => {
      // created: 60 % in the first year (the initial compilation), the rest spread over the later years, office hours
      const createdDay = `case when s.i < ${firstYear} then s.i * ${initialDays} / ${firstYear} else ${initialDays} + (s.i - ${firstYear}) * ${laterSpan} / ${Math.max(1, E - firstYear)} end`;
      const x = `select s.i, s.i / ${P} as r, s.i % ${P} as k, ${startMs} + (${createdDay}) * ${DAY} + ${NINE} + ${d.rnd(21, OFFICE)} as created_ms,
          ${d.rnd(22, 1000)} as u_status, ${d.rnd(23, 1000)} as u_fresh, ${d.rnd(24, 100_000)} as u_lag, (1 + ${d.rnd(25, 10)}) * ${DAY} as pub_delay, ${d.rnd(26, 100)} as u_platform
        from ${d.series(E)}`;
      const status = `case when x.u_status < 40 then 'draft' when x.u_status < 55 then 'retired' else 'published' end`;
      const pub = `x.created_ms + x.pub_delay`;
      const lag = `case when x.u_fresh < 850 then x.u_lag % t.cycle_days else t.cycle_days + x.u_lag % (2 * t.cycle_days) end`;
      const dataUpdated = d.max(pub, `${nowMs} - (${lag}) * ${DAY}`);
      const batch = `case when x.r > 8 then '第' || substr('一二三四五六七八九十', ${d.int('1 + ((x.r - 1) / 8) % 10')}, 1) || '批' else '' end`;
      const code = `replace(t.class_code, '-', '') || '/' || ${d.pad6(`x.r * p.per_template + p.ordinal + 1`)}`;
      const name = `case when x.r = 0 then p.name else p.name || '（' || (2019 + (x.r - 1) % 8) || '年' || ${batch} || '）' end`;
      // PostgreSQL: the n-grams of the search text (the catalog_search step writes the same text) and the facet codes,
      // which the platform's triggers on catalog_search and catalog_entries would have written — off for the load
      await inTx(
        `insert into catalog_entries (id, code, name, resource_type, library, class_code, provider_id, summary, format, format_detail, share_type, share_conditions, no_share_reason, no_share_basis, share_method, dedicated, open_type, open_conditions, closed_reason, closed_basis, update_cycle, data_updated_at, security_grade, security_agreement_required, internal_review, collection_basis_type, collection_basis, data_range, application_scenarios, related_codes, status, published_at, current_version, created_by_id, created_at, updated_at, lock_version, replaced_by_id, data_on_platform, high_frequency${d.pg ? ', search_grams' : ''})
         select x.i + 1, ${code}, ${name},
           t.resource_type, t.library, t.class_code, p.provider, p.summary, t.format, t.format_detail, t.share_type, t.share_conditions, t.no_share_reason, t.no_share_basis, t.share_method, ${d.bool(false)},
           t.open_type, t.open_conditions, t.closed_reason, t.closed_basis, t.update_cycle,
           case when ${status} = 'draft' then null else ${d.date(dataUpdated)} end,
           t.security_grade, ${d.flag('t.security_agreement_required')}, ${d.json('p.internal_review')}, t.collection_basis_type, p.collection_basis, t.data_range, t.application_scenarios, ${d.json("'[]'")},
           ${status}, case when ${status} = 'draft' then null else ${d.ts(pub)} end, case when ${status} = 'draft' then 0 else 1 end, p.provider,
           ${d.ts('x.created_ms')}, ${d.ts(`case when ${status} = 'draft' then x.created_ms when ${status} = 'retired' then ${pub} + ${200 * DAY} else ${dataUpdated} end`)}, 1, null, (x.u_platform < 30), ${d.bool(false)}
           ${d.pg ? `, catalog_search_grams(${searchText(code, name, 'p.summary')}) || catalog_entry_facets(${status}, t.share_type, t.open_type, t.security_grade, t.update_cycle, t.resource_type)` : ''}
         from (${x}) x join bench_plan p on p.k = x.k join bench_templates t on t.k = p.t`,
      );
    });
    await step('catalog_items', 'catalog_items', async () => {
      await inTx(
        `insert into catalog_items (id, entry_id, position, name, field_name, normalized_name, data_type, length, nullable, primary_key, query_key, sensitive, secret, desensitization, description, created_at, removed_at)
         select e.id * ${ITEM_ID} + it.position, e.id, it.position, it.name, it.field_name, it.normalized_name, it.data_type, it.length, ${d.flag('it.nullable')}, ${d.flag('it.primary_key')}, ${d.flag('it.query_key')}, ${d.flag('it.sensitive')}, ${d.flag('it.secret')}, it.desensitization, it.description, e.created_at, null
         from catalog_entries e join bench_plan p on p.k = (e.id - 1) % ${P} join bench_items it on it.t = p.t`,
      );
    });
    await step('catalog_search', 'catalog_search', async () => {
      await inTx(
        `insert into catalog_search (entry_id, text)
         select e.id, ${searchText('e.code', 'e.name', 'e.summary')}
         from catalog_entries e join bench_plan p on p.k = (e.id - 1) % ${P} join bench_templates t on t.k = p.t`,
      );
    });
    await step('catalog_entry_versions', 'catalog_entry_versions', async () => {
      const item = d.object([
        ['id', 'i.id'],
        ['name', 'i.name'],
        ['fieldName', 'i.field_name'],
        ['dataType', 'i.data_type'],
        ['length', 'i.length'],
        ['nullable', d.jsonBool('i.nullable')],
        ['primaryKey', d.jsonBool('i.primary_key')],
        ['queryKey', d.jsonBool('i.query_key')],
        ['sensitive', d.jsonBool('i.sensitive')],
        ['secret', d.jsonBool('i.secret')],
        ['desensitization', 'i.desensitization'],
        ['description', 'i.description'],
      ]);
      // the entry's items by their id range (entry id × 64 + position): the items' indexes are not built yet
      const items = d.pg
        ? `coalesce((select jsonb_agg(${item} order by i.position) from catalog_items i where i.id between e.id * ${ITEM_ID} and e.id * ${ITEM_ID} + ${ITEM_ID - 1}), '[]'::jsonb)`
        : `(select json_group_array(json(o)) from (select ${item} as o from catalog_items i where i.id between e.id * ${ITEM_ID} and e.id * ${ITEM_ID} + ${ITEM_ID - 1} order by i.id))`;
      const snapshot = d.object([
        ['id', 'e.id'],
        ['code', 'e.code'],
        ['name', 'e.name'],
        ['resourceType', 'e.resource_type'],
        ['library', 'e.library'],
        ['classCode', 'e.class_code'],
        ['provider', d.object([['id', 'dp.id'], ['code', 'dp.code'], ['name', 'dp.name']])],
        ['summary', 'e.summary'],
        ['format', 'e.format'],
        ['formatDetail', 'e.format_detail'],
        ['shareType', 'e.share_type'],
        ['shareConditions', 'e.share_conditions'],
        ['noShareReason', 'e.no_share_reason'],
        ['noShareBasis', 'e.no_share_basis'],
        ['shareMethod', 'e.share_method'],
        ['dedicatedDepartments', d.pg ? "'[]'::jsonb" : "json('[]')"],
        ['openType', 'e.open_type'],
        ['openConditions', 'e.open_conditions'],
        ['closedReason', 'e.closed_reason'],
        ['closedBasis', 'e.closed_basis'],
        ['updateCycle', 'e.update_cycle'],
        ['dataUpdatedAt', 'e.data_updated_at'],
        ['securityGrade', 'e.security_grade'],
        ['securityAgreementRequired', d.jsonBool('e.security_agreement_required')],
        ['internalReview', d.jsonCol('e.internal_review')],
        ['collectionBasisType', 'e.collection_basis_type'],
        ['collectionBasis', 'e.collection_basis'],
        ['dataRange', 'e.data_range'],
        ['applicationScenarios', 'e.application_scenarios'],
        ['relatedCodes', d.jsonCol('e.related_codes')],
        ['items', items],
      ]);
      await inTx(
        `insert into catalog_entry_versions (id, entry_id, version, snapshot, diff, note, changed_by_id, changed_by_name, changed_at)
         select e.id, e.id, 1, ${snapshot}, ${d.json("'[]'")}, null, u.id, u.display_name, e.published_at
         from catalog_entries e join departments dp on dp.id = e.provider_id join users u on u.id = e.provider_id where e.status <> 'draft'`,
      );
    });
    await step('catalog_code_sequences', 'catalog_code_sequences', async () => {
      const last = new Map<string, number>();
      for (const r of plan.rows) {
        if (r.k >= E) continue;
        const rounds = Math.floor((E - 1 - r.k) / P);
        const seq = rounds * (plan.perTemplate[r.template] as number) + r.ordinal + 1;
        const cc = (templates[r.template] as (typeof templates)[number]).input.classCode;
        last.set(cc, Math.max(last.get(cc) ?? 0, seq));
      }
      await insertRows('catalog_code_sequences', ['class_code', 'last_value'], [...last]);
    });

    // ---- sharing ----------------------------------------------------------------------------------------------------
    await step('published entries by date', null, async () => {
      await raw(d.helperTable('bench_pub', 'k integer primary key, entry_id integer not null, provider_id integer not null, share_type text not null, n_items integer not null, pub_day integer not null'));
      await inTx(
        `insert into bench_pub (k, entry_id, provider_id, share_type, n_items, pub_day)
         select row_number() over (order by e.published_at, e.id) - 1, e.id, e.provider_id, e.share_type, t.n_items, (${d.ms('e.published_at')} - ${startMs}) / ${DAY}
         from catalog_entries e join bench_plan p on p.k = (e.id - 1) % ${P} join bench_templates t on t.k = p.t where e.status = 'published'`,
      );
      // entries published before each day: a request asks only for what was in the catalog when it was made
      const perDay = new Map((await raw<{ day: number; n: number }>('select pub_day as day, count(*) as n from bench_pub group by pub_day')).map((r) => [Number(r.day), Number(r.n)]));
      const cum: Binding[][] = [];
      let sum = 0;
      for (let k = 0; k <= days + 1; k++) {
        cum.push([k, sum]);
        sum += perDay.get(k) ?? 0;
      }
      await raw(d.helperTable('bench_cum', 'day integer primary key, cum integer not null'));
      await insertRows('bench_cum', ['day', 'cum'], cum);
      for (const t of ['bench_pub', 'bench_cum']) await raw(`analyze ${t}`);
    });
    const windowDay = (workdays[nWindow] as (typeof workdays)[number]).k;
    const mOpen = Number((await raw<{ cum: number }>('select cum from bench_cum where day = ?', [windowDay]))[0]?.cum);
    const inWindow = R - Math.ceil(((nWindow - n0) * R) / NW);
    if (mOpen < inWindow + 1) throw new Error(`too few entries (${mOpen} published by ${windowDay} days into the history) for ${inWindow} requests since: one open request per department and entry could not hold`);

    await step('requests planned', null, async () => {
      await raw(
        d.helperTable(
          'bench_req',
          `id integer primary key, entry_id integer, provider_id integer, requester_id integer, share_type text, k_items integer, origin text, sub_ms ${d.pg ? 'bigint' : 'integer'}, rev_ms bigint, rev_due_ms bigint, rev_due_date text, rev_prov integer, ret integer,
           rep_ms bigint, rep_due_ms bigint, rep_due_date text, rep_prov integer, rep_out integer, wd_ms bigint, u_text integer, u_cat integer, u_viol integer, status text, last_ms bigint`,
        ),
      );
      // x: the random choices of request i; y: its entry, parties and moments (working days: wd.n); z: its status at `now`
      const x = `select s.i, ${n0} + s.i * ${NW} / ${R} as n_s,
          ${d.rnd(1, 1000)} as u_ret, ${d.rnd(2, 100)} as u_rv, ${d.rnd(3, 100)} as u_rp, ${d.rnd(4, 1000)} as u_out,
          ${d.rnd(5, OFFICE)} as tod_s, ${d.rnd(6, OFFICE)} as tod_r, ${d.rnd(7, OFFICE)} as tod_p, ${d.rnd(8, D - 2)} as rq, 1 + ${d.rnd(9, 4)} as ki,
          ${d.rnd(10, 36)} as u_text, ${d.rnd(11, 7)} as u_cat, ${d.rnd(12, 100)} as u_viol, (1 + ${d.rnd(13, 9)}) * ${DAY} as wd_delay
        from ${d.series(R)}`;
      const rv = 'case when x.u_rv < 40 then 0 when x.u_rv < 75 then 1 when x.u_rv < 95 then 2 when x.u_rv < 98 then 3 else 4 end';
      // replies: most within the 5 working days, one in ten late, one in fifty left for weeks (unanswered)
      const rp = 'case when x.u_rp < 15 then 0 when x.u_rp < 35 then 1 when x.u_rp < 55 then 2 when x.u_rp < 70 then 3 when x.u_rp < 82 then 4 when x.u_rp < 90 then 5 when x.u_rp < 93 then 6 when x.u_rp < 95 then 7 when x.u_rp < 97 then 8 when x.u_rp < 98 then 9 else 10 + x.u_text % 25 end';
      const x2 = `select x.*, ${rv} as rv, ${rp} as rp from (${x}) x`;
      const sub = `ws.start_ms + ${NINE} + x.tod_s`;
      const rev = `case when x.rv = 0 then ${sub} + 1800000 + x.tod_r % 7200000 else wr.start_ms + ${NINE} + x.tod_r end`;
      const rep = `case when x.rp = 0 then (${rev}) + 1800000 + x.tod_p % 7200000 else wp.start_ms + ${NINE} + x.tod_p end`;
      const y = `select x.i + 1 as id, b.entry_id, b.provider_id,
          2 + x.rq + case when b.provider_id >= 2 and 2 + x.rq >= b.provider_id then 1 else 0 end as requester_id,
          b.share_type, ${d.min('x.ki', 'b.n_items')} as k_items, case when b.share_type = 'none' then 'not_shared' else 'request' end as origin,
          ${sub} as sub_ms, ${rev} as rev_ms, wrd.start_ms + ${DAY - 1} as rev_due_ms, wrd.day as rev_due_date, wrd.prov as rev_prov, case when x.u_ret < 70 then 1 else 0 end as ret,
          ${rep} as rep_ms, wpd.start_ms + ${DAY - 1} as rep_due_ms, wpd.day as rep_due_date, wpd.prov as rep_prov,
          case when x.u_out < 800 then 0 when x.u_out < 950 then 1 else 2 end as rep_out, (${rev}) + x.wd_delay as wd_ms, x.u_text, x.u_cat, x.u_viol
        from (${x2}) x
        join bench_wd ws on ws.n = x.n_s
        join bench_cum c on c.day = ws.k
        join bench_pub b on b.k = (x.i * ${PRIME}) % (case when x.n_s >= ${nWindow} then ${mOpen} else ${d.max('c.cum', '1')} end)
        join bench_wd wr on wr.n = x.n_s + x.rv
        join bench_wd wrd on wrd.n = x.n_s + 2
        join bench_wd wp on wp.n = x.n_s + x.rv + x.rp
        join bench_wd wpd on wpd.n = x.n_s + x.rv + 5`;
      const status = `case when y.origin = 'not_shared' then (case when y.rep_ms <= ${nowMs} then (case when y.rep_out = 0 then 'approved' else 'refused' end) else 'coordinating' end)
          when y.rev_ms > ${nowMs} then 'submitted'
          when y.ret = 1 then (case when y.wd_ms <= ${nowMs} then 'withdrawn' else 'returned' end)
          when y.share_type = 'unconditional' then 'approved'
          when y.rep_ms > ${nowMs} then 'provider_review'
          when y.rep_out = 0 then 'approved' when y.rep_out = 1 then 'rejected' else 'withdrawn' end`;
      // the moment of the last transition so far
      const last = `case when y.origin = 'not_shared' then (case when y.rep_ms <= ${nowMs} then y.rep_ms else y.sub_ms end)
          when y.rev_ms > ${nowMs} then y.sub_ms
          when y.ret = 1 then (case when y.wd_ms <= ${nowMs} then y.wd_ms else y.rev_ms end)
          when y.share_type = 'unconditional' or y.rep_ms > ${nowMs} then y.rev_ms
          else y.rep_ms end`;
      await inTx(
        `insert into bench_req (id, entry_id, provider_id, requester_id, share_type, k_items, origin, sub_ms, rev_ms, rev_due_ms, rev_due_date, rev_prov, ret, rep_ms, rep_due_ms, rep_due_date, rep_prov, rep_out, wd_ms, u_text, u_cat, u_viol, status, last_ms)
         select y.*, ${status}, ${last} from (${y}) y`,
      );
      await raw('analyze bench_req');
    });

    /** `[id*64+1, id*64+2, …]` — the first k items of the entry */
    const itemIds = (entry: string, k: string) =>
      `'[' || ${[1, 2, 3, 4].map((p) => (p === 1 ? `(${entry} * ${ITEM_ID} + 1)` : `case when ${k} >= ${p} then ',' || (${entry} * ${ITEM_ID} + ${p}) else '' end`)).join(' || ')} || ']'`;
    const finalStatus = "r.status in ('approved', 'refused', 'withdrawn')";
    // the request's history: submitted; reviewed (or coordinated); replied to (or withdrawn)
    const reviewed = `r.origin = 'request' and r.rev_ms <= ${nowMs}`;
    const hasReply = `r.origin = 'request' and r.share_type <> 'unconditional' and r.ret = 0 and r.rev_ms <= ${nowMs}`;
    const replied = `r.rep_ms <= ${nowMs}`;
    const second = `(r.origin = 'not_shared' and r.rep_ms <= ${nowMs}) or (${reviewed})`;
    const third = `(${hasReply} and ${replied}) or (${reviewed} and r.ret = 1 and r.wd_ms <= ${nowMs})`;
    await step('share_requests', 'share_requests', async () => {
      await inTx(
        `insert into share_requests (id, origin, requester_id, requested_by_id, requested_by_name, entry_id, entry_version, provider_id, share_type, item_ids, approved_item_ids, purpose, scenario, duty, contact, status, conditions, reject_category, reject_reason, coordination_reason, current_step_kind, current_due_at, current_due_date, submitted_at, decided_at, created_at, updated_at, lock_version, expected_daily_calls)
         select r.id, r.origin, r.requester_id, r.requester_id, u.display_name, r.entry_id, 1, r.provider_id, r.share_type, ${d.json(itemIds('r.entry_id', 'r.k_items'))},
           case when r.status = 'approved' then ${d.json(itemIds('r.entry_id', 'r.k_items'))} else null end,
           ${pick('r.u_text % 6', PURPOSES)}, ${pick('r.u_text / 6', SCENARIOS)}, null, u.display_name || ' ' || d.contact_phone, r.status,
           case when r.status = 'approved' and r.share_type = 'conditional' then '按目录所列共享条件使用，仅限申请用途' else null end,
           case when r.status = 'rejected' then ${pick('r.u_cat', REJECT_CATEGORIES)} else null end, case when r.status = 'rejected' then ${pick('r.u_cat', REJECT_REASONS)} else null end,
           case when r.origin = 'not_shared' then '该资源为不予共享类，因履行法定职责确需使用，申请平台协调' else null end,
           case when r.status = 'submitted' then 'compliance_review' when r.status = 'provider_review' then 'provider_reply' else null end,
           case when r.status = 'submitted' then ${d.ts('r.rev_due_ms')} when r.status = 'provider_review' then ${d.ts('r.rep_due_ms')} else null end,
           case when r.status = 'submitted' then r.rev_due_date when r.status = 'provider_review' then r.rep_due_date else null end,
           ${d.ts('r.sub_ms')}, case when ${finalStatus} then ${d.ts('r.last_ms')} else null end, ${d.ts('r.sub_ms')}, ${d.ts('r.last_ms')},
           1 + case when ${second} then 1 else 0 end + case when ${third} then 1 else 0 end, null
         from bench_req r join users u on u.id = r.requester_id join departments d on d.id = r.requester_id`,
      );
    });

    // the review step of request r has id 2r−1, the reply step 2r; each clock and each finding has its step's id
    await step('share_request_steps', 'share_request_steps', async () => {
      await inTx(
        `insert into share_request_steps (id, request_id, seq, kind, department_id, started_at, decided_at, decision, actor_id, actor_name, on_behalf_of_id, reason_category, reason)
         select 2 * r.id - 1, r.id, 1, 'compliance_review', null, ${d.ts('r.sub_ms')},
           case when ${reviewed} then ${d.ts('r.rev_ms')} else null end, case when ${reviewed} then (case when r.ret = 1 then 'return' else 'pass' end) else null end,
           case when ${reviewed} then b.id else null end, case when ${reviewed} then b.display_name || '(' || b.username || ')' else null end, null, null,
           case when ${reviewed} and r.ret = 1 then ${pick('r.u_cat % 3', RETURN_REASONS)} else null end
         from bench_req r join users b on b.id = case when r.id % 3 = 0 then ${D + 2} else 1 end where r.origin = 'request'`,
        `insert into share_request_steps (id, request_id, seq, kind, department_id, started_at, decided_at, decision, actor_id, actor_name, on_behalf_of_id, reason_category, reason)
         select 2 * r.id, r.id, 2, 'provider_reply', r.provider_id, ${d.ts('r.rev_ms')},
           case when ${replied} then ${d.ts('r.rep_ms')} else null end,
           case when ${replied} then (case r.rep_out when 0 then 'approve' when 1 then 'reject' else 'cancelled' end) else null end,
           case when ${replied} then u.id else null end, case when ${replied} then u.display_name || '(' || u.username || ')' else null end, null,
           case when ${replied} and r.rep_out = 1 then ${pick('r.u_cat', REJECT_CATEGORIES)} else null end, case when ${replied} and r.rep_out = 1 then ${pick('r.u_cat', REJECT_REASONS)} else null end
         from bench_req r join users u on u.id = case when r.rep_out = 2 then r.requester_id else r.provider_id end where ${hasReply}`,
      );
    });

    /** a clock's columns from its step's start, due and decision moments (decided: null while it runs) */
    const clock = (kind: string, stepId: string, dept: string, responsible: string, started: string, due: string, dueDate: string, prov: string, period: number, decided: string | null, cancelled: string) => {
      const flagged = decided ? `(case when ${decided} > ${due} + ${FLAG_AFTER} then ${due} + ${FLAG_AFTER} else null end)` : null;
      const running = `(case when ${due} + ${BACKLOG} >= ${nowMs} then null else ${due} + ${FLAG_AFTER} end)`;
      const state = `case when ${decided ?? 'null'} is null then (case when ${running} is null then 'open' else 'overdue' end) when ${cancelled} then 'cancelled' when ${decided} <= ${due} then 'met' else 'missed' end`;
      const overdueAt = decided ? `case when ${decided} is null then ${running} else ${flagged} end` : running;
      return `select ${stepId}, '${kind}', 'share_request_step', ${stepId}, ${dept}, '${responsible}', ${d.ts(started)}, ${d.ts(due)}, ${dueDate}, ${period}, 'working', ${d.flag(prov)}, ${state}, ${decided ? d.ts(decided) : 'null'}, ${d.ts(overdueAt)}, ${d.ts(started)}`;
    };
    const reviewDecided = `(case when r.rev_ms <= ${nowMs} then r.rev_ms else null end)`;
    const replyDecided = `(case when r.rep_ms <= ${nowMs} then r.rep_ms else null end)`;
    const reviewClock = clock('compliance_review', '2 * r.id - 1', 'null', 'bureau', 'r.sub_ms', 'r.rev_due_ms', 'r.rev_due_date', 'r.rev_prov', 2, reviewDecided, '1 = 0');
    const replyClock = clock('provider_reply', '2 * r.id', 'r.provider_id', 'department', 'r.rev_ms', 'r.rep_due_ms', 'r.rep_due_date', 'r.rep_prov', 5, replyDecided, 'r.rep_out = 2');
    const columns = 'id, kind, subject_type, subject_id, department_id, responsible, started_at, due_at, due_date, period_n, period_unit, provisional, state, completed_at, overdue_at, created_at';
    await step('deadlines', 'deadlines', async () => {
      await inTx(`insert into deadlines (${columns}) ${reviewClock} from bench_req r where r.origin = 'request'`, `insert into deadlines (${columns}) ${replyClock} from bench_req r where ${hasReply}`);
    });

    // what the sweep recorded for each clock it flagged (第三十三条 for a department, the service record for the bureau)
    const evidence = (what: string, article: string) =>
          d.object([
            ['summary', `'${what}应于 ' || dl.due_date || ' 前办结（${article}），至 ' || ${d.minute(d.ms('dl.overdue_at'))} || ' 仍未办结'`],
            ['dueAt', d.iso(d.ms('dl.due_at'))],
            ['completedAt', 'null'],
            ['observedAt', d.iso(d.ms('dl.overdue_at'))],
            ['workingDaysLate', '0'],
            ['article', `'${article}'`],
            ['details', d.object([['deadlineId', 'dl.id'], ['kind', 'dl.kind'], ['dueDate', 'dl.due_date'], ['subjectType', 'dl.subject_type'], ['subjectId', 'dl.subject_id']])],
          ]);
    await step('violations (late replies)', 'violations', async () => {
      const age = `${nowMs} - ${d.ms('dl.overdue_at')}`;
      const status = `case when ${age} < ${30 * DAY} then (case when r.u_viol < 70 then 'candidate' else 'confirmed' end) when r.u_viol < 50 then 'confirmed' when r.u_viol < 80 then 'closed' else 'dismissed' end`;
      await inTx(
        `insert into violations (id, type, department_id, source_kind, source_id, detected_at, evidence, status, manual, created_by_id, decided_by_id, decided_at, dismiss_reason, notice_id, version)
         select dl.id, 2, dl.department_id, 'share_request_step', ${d.text('dl.subject_id')}, dl.overdue_at, ${evidence('共享申请的提供部门答复', '第十五条第（二）项')}, ${status}, ${d.bool(false)}, null,
           case when ${status} = 'candidate' then null else 1 end, case when ${status} = 'candidate' then null else ${d.ts(`${d.ms('dl.overdue_at')} + ${2 * DAY}`)} end,
           case when ${status} = 'dismissed' then '经核实，系系统对接故障导致答复延迟，不予认定' else null end, null, 1
         from deadlines dl join bench_req r on r.id = dl.id / 2 where dl.kind = 'provider_reply' and dl.overdue_at is not null`,
      );
    });
    await step('service_record_entries (reviews)', 'service_record_entries', async () => {
      await inTx(
        `insert into service_record_entries (id, kind, article, source_kind, source_id, detected_at, evidence)
         select dl.id, 'compliance_review', '第十五条', 'share_request_step', ${d.text('dl.subject_id')}, dl.overdue_at, ${evidence('共享申请的符合性审查', '第十五条')}
         from deadlines dl where dl.kind = 'compliance_review' and dl.overdue_at is not null`,
      );
    });

    await step('share_request_events', 'share_request_events', async () => {
      const cols = 'id, request_id, event, from_status, to_status, actor_id, actor_name, actor_department_id, on_behalf_of_id, note, at';
      const who = (u: string) => `${u}.id, ${u}.display_name || '(' || ${u}.username || ')', ${u}.department_id`;
      await inTx(
        // 1: submitted (or a 不予共享 resource's coordination asked for) by the requester's officer
        `insert into share_request_events (${cols})
         select 3 * r.id - 2, r.id, case when r.origin = 'not_shared' then 'request_coordination' else 'submit' end, null, case when r.origin = 'not_shared' then 'coordinating' else 'submitted' end, ${who('u')}, null, null, ${d.ts('r.sub_ms')}
         from bench_req r join users u on u.id = r.requester_id`,
        // 2: the bureau's review (or its coordination decision)
        `insert into share_request_events (${cols})
         select 3 * r.id - 1, r.id,
           case when r.origin = 'not_shared' then (case when r.rep_out = 0 then 'coordinate_approve' else 'coordinate_refuse' end) when r.ret = 1 then 'return' when r.share_type = 'unconditional' then 'pass_unconditional' else 'pass_conditional' end,
           case when r.origin = 'not_shared' then 'coordinating' else 'submitted' end,
           case when r.origin = 'not_shared' then (case when r.rep_out = 0 then 'approved' else 'refused' end) when r.ret = 1 then 'returned' when r.share_type = 'unconditional' then 'approved' else 'provider_review' end,
           ${who('b')}, null, case when r.origin = 'request' and r.ret = 1 then ${pick('r.u_cat % 3', RETURN_REASONS)} else null end,
           ${d.ts("case when r.origin = 'not_shared' then r.rep_ms else r.rev_ms end")}
         from bench_req r join users b on b.id = case when r.id % 3 = 0 then ${D + 2} else 1 end
         where ${second}`,
        // 3: the provider's reply, or the requester's withdrawal (while the provider reviews, or after a return)
        `insert into share_request_events (${cols})
         select 3 * r.id, r.id,
           case when r.ret = 1 or r.rep_out = 2 then 'withdraw' when r.rep_out = 0 then 'approve' else 'reject' end,
           case when r.ret = 1 then 'returned' else 'provider_review' end,
           case when r.ret = 1 or r.rep_out = 2 then 'withdrawn' when r.rep_out = 0 then 'approved' else 'rejected' end,
           ${who('u')}, null, case when r.ret = 0 and r.rep_out = 1 then ${pick('r.u_cat', REJECT_REASONS)} else null end,
           ${d.ts('case when r.ret = 1 then r.wd_ms else r.rep_ms end')}
         from bench_req r join users u on u.id = case when r.ret = 1 or r.rep_out = 2 then r.requester_id else r.provider_id end
         where ${third}`,
      );
    });
    await step('share_grants', 'share_grants', async () => {
      await inTx(
        `insert into share_grants (id, consumer_id, provider_id, entry_id, source, request_id, active_key, item_ids, purpose, conditions, granted_at, valid_until, status, renew_count, created_at, lock_version)
         select r.id, r.requester_id, r.provider_id, r.entry_id, case when r.origin = 'not_shared' then 'coordination' else 'request' end, r.id, null, ${d.json(itemIds('r.entry_id', 'r.k_items'))},
           ${pick('r.u_text % 6', PURPOSES)}, case when r.share_type = 'conditional' then '按目录所列共享条件使用，仅限申请用途' else null end,
           ${d.ts('r.last_ms')}, ${d.yearLater('r.last_ms')}, 'active', 0, ${d.ts('r.last_ms')}, 1
         from bench_req r where r.status = 'approved'`,
      );
    });

    // ---- indexes back, sequences on, statistics -------------------------------------------------------------------
    await step(`rebuild ${indexes.length} indexes`, null, async () => {
      for (const ix of indexes) await raw(ix.sql);
    });
    for (const t of ['bench_templates', 'bench_items', 'bench_plan', 'bench_wd', 'bench_pub', 'bench_cum', 'bench_req']) await raw(`drop table if exists ${t}`);
    if (d.pg) {
      await raw("set session_replication_role = 'origin'");
      for (const t of SEEDED_TABLES) if (t !== 'catalog_code_sequences' && t !== 'catalog_search') await raw(`select setval(pg_get_serial_sequence('${t}', 'id'), greatest(1, (select max(id) from ${t})))`);
      // a running system's autovacuum would have done this: visibility map (index-only scans) and planner statistics
      await step('vacuum analyze', null, async () => {
        for (const t of SEEDED_TABLES) await raw(`vacuum analyze ${t}`);
      });
    } else {
      const sqlite = conn as { pragma(s: string): unknown };
      sqlite.pragma('foreign_keys = ON');
      sqlite.pragma('synchronous = NORMAL');
      await step('analyze', null, async () => {
        await refreshSqliteStatistics({ raw: (sql: string) => raw(sql) });
        await raw('pragma wal_checkpoint(TRUNCATE)');
      });
    }
    for (const t of SEEDED_TABLES) counts[t] = await count(t);
  } finally {
    await knex.client.releaseConnection(conn);
  }
  return { counts, steps, departments, from, to: today };
}
