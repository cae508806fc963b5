import type { EntityManager } from '@mikro-orm/knex';
import {
  COUNTED_VIOLATION_STATUSES,
  DEADLINE_FACTS,
  FACT_KEYS,
  zeroViolationCounts,
  type DepartmentYearFacts,
  type FactKey,
  type FactValues,
} from '@govdata/analytics';
import { DEPARTMENT_DEADLINE_KINDS, freshnessOf, VIOLATION_TYPES, type UpdateCycle, type ViolationType } from '@govdata/domain';
import { endOfShanghaiDay, startOfShanghaiDay } from '@govdata/workdays';
import { CalendarHolder, readTask, sqlAll } from '@govdata/core';
import { inList, metadataCompleteSql, num, PUBLISHED_STATUSES, shanghaiDateSql, yearWindow, type YearWindow } from './sql-helpers';

export interface FactsOptions {
  year: number;
  now: Date;
  onProgress?: (done: number, total: number, label: string) => void;
}

/**
 * Facts whose source does not exist on the platform: they stay null and the indicators reading them score neutrally
 * and say so (docs/assessment.md "SQL facts"). None today — the 依申请开放 applications (第二十四条) open their
 * `open_application` clocks (libs/opendata), read like every deadline kind; the corrections (纠错, 第十七条) are read
 * from the lifecycle area's `corrections` table and the `correction_feedback` deadlines it opens. Kept for an area
 * whose records do not exist yet.
 */
export const MISSING_SOURCE_FACTS: readonly FactKey[] = [];

const STEPS = ['部门名单', '目录快照', '数据更新周期', '期限记录', '共享申请驳回与逾期未答复', '违规行为'] as const;

/**
 * A year's facts as a read task (core's `runRead`): the computation reads them through it, so the API on SQLite reads
 * them in a worker thread (libs/platform workers/reader.ts) — seconds at a city's or a province's size.
 */
export const assessmentFactsRead = readTask('assessment.facts', (em, opts: { year: number; now: Date }, progress) => loadAssessmentFacts(em, { year: opts.year, now: opts.now, onProgress: progress }));

/**
 * One DepartmentYearFacts per assessed department (every department except the bureau, 政务信息管理局: it is not
 * assessed — its own lapses are its service record), ordered by department id, including departments with no rows.
 * GROUP BY queries over the whole platform, whatever the number of departments, each bounded by the year's window
 * on an indexed column — all but the catalog snapshot (the catalog as it stands) and the unanswered replies (any due
 * year), so a year costs the same however many years came before it (docs/assessment.md "Reading one year"); no row
 * is loaded into JS except the freshness buckets (one per department, cycle and last-update day).
 */
export async function loadAssessmentFacts(em: EntityManager, opts: FactsOptions): Promise<DepartmentYearFacts[]> {
  const w = yearWindow(opts.year, opts.now);
  const progress = (done: number) => opts.onProgress?.(done, STEPS.length, STEPS[Math.min(done, STEPS.length - 1)] ?? '');

  const departments = await sqlAll<{ id: number | string }>(em, 'select id from departments where is_bureau = ? order by id', [false]);
  const facts = new Map<number, DepartmentYearFacts>();
  for (const d of departments) {
    const id = Number(d.id);
    const values = Object.fromEntries(FACT_KEYS.map((k) => [k, MISSING_SOURCE_FACTS.includes(k) ? null : 0])) as FactValues;
    facts.set(id, { departmentId: id, year: opts.year, asOf: w.asOf, values, violationsByType: zeroViolationCounts() });
  }
  const add = (departmentId: unknown, key: FactKey, n: number) => {
    const f = facts.get(Number(departmentId));
    if (!f || f.values[key] === null) return; // the bureau, or a fact without a source
    f.values[key] = (f.values[key] ?? 0) + n;
  };
  progress(1);

  for (const r of await catalogSnapshot(em, w)) {
    add(r.provider_id, 'catalogEntries', num(r.entries));
    add(r.provider_id, 'catalogEntriesPublished', num(r.published));
    add(r.provider_id, 'catalogEntriesMetadataComplete', num(r.complete));
    add(r.provider_id, 'entriesWithCycle', num(r.with_cycle));
    add(r.provider_id, 'entriesShareUnconditional', num(r.share_unconditional));
    add(r.provider_id, 'entriesShareConditional', num(r.share_conditional));
    add(r.provider_id, 'entriesOpenUnconditional', num(r.open_unconditional));
    add(r.provider_id, 'entriesOpenOnApplication', num(r.open_on_application));
  }
  progress(2);

  const calendar = (await CalendarHolder.load(em)).lenient;
  const at = freshnessInstant(w, opts.now);
  // the verdict depends on (cycle, day) only: judged once per pair, whatever the number of departments
  const verdicts = new Map<string, boolean>();
  for (const b of await freshnessBuckets(em, w)) {
    const key = `${String(b.update_cycle)}|${String(b.since)}`;
    let fresh = verdicts.get(key);
    if (fresh === undefined) {
      const since = startOfShanghaiDay(String(b.since));
      fresh = freshnessOf(calendar, { cycle: b.update_cycle as UpdateCycle, lastDataUpdateAt: since, publishedAt: since }, at).status === 'fresh';
      verdicts.set(key, fresh);
    }
    if (fresh) add(b.provider_id, 'entriesWithinCycle', num(b.n));
  }
  progress(3);

  for (const r of await deadlineCounts(em, w, opts.now)) {
    const pair = DEADLINE_FACTS[r.kind as keyof typeof DEADLINE_FACTS];
    if (!pair) continue;
    add(r.department_id, pair.due, num(r.n));
    if (r.state === 'met') add(r.department_id, pair.met, num(r.n));
  }
  progress(4);

  for (const r of await shareRejectionCounts(em, w)) {
    add(r.department_id, 'shareRejections', num(r.rejected));
    add(r.department_id, 'shareRejectionsWithoutBasis', num(r.without_basis));
  }
  for (const r of await unansweredReplyCounts(em, opts.now)) add(r.department_id, 'providerRepliesUnanswered', num(r.n));
  for (const r of await confirmedErrorCounts(em, w)) add(r.department_id, 'confirmedDataErrors', num(r.n));
  for (const r of await openDatasetUsage(em, w)) {
    add(r.department_id, 'openDatasets', num(r.open));
    add(r.department_id, 'openDatasetsUsed', num(r.used));
  }
  for (const r of await sharedCallsServed(em, w)) add(r.department_id, 'sharedCallsServed', num(r.n));
  for (const r of await sharedCallsMade(em, w)) add(r.department_id, 'sharedCallsMade', num(r.n));
  progress(5);

  for (const r of await violationCounts(em, w)) {
    const f = facts.get(Number(r.department_id));
    const type = Number(r.type) as ViolationType;
    if (f?.violationsByType && (VIOLATION_TYPES as readonly number[]).includes(type)) f.violationsByType[type] += num(r.n);
  }
  progress(6);

  return [...facts.values()];
}

/** The instant the freshness verdicts are taken at: the end of the statistics day, or now when that is earlier. */
export function freshnessInstant(w: YearWindow, now: Date): Date {
  const end = endOfShanghaiDay(w.asOf);
  return now.getTime() < end.getTime() ? now : end;
}

interface CatalogRow {
  provider_id: unknown;
  entries: unknown;
  published: unknown;
  complete: unknown;
  with_cycle: unknown;
  share_unconditional: unknown;
  share_conditional: unknown;
  open_unconditional: unknown;
  open_on_application: unknown;
}

/**
 * The catalog at the statistics instant: entries created before it and not retired; published ones are those in a
 * published status whose first publication came before it. (The entries table holds the current state: an entry
 * retired since, or a draft published again, reads as it is now — docs/assessment.md.)
 */
async function catalogSnapshot(em: EntityManager, w: YearWindow): Promise<CatalogRow[]> {
  // each entry's flags once (a derived table), then one sum per fact
  const flag = (cond: string) => `case when ${cond} then 1 else 0 end`;
  return sqlAll<CatalogRow>(
    em,
    `select f.provider_id,
            count(*) as entries,
            sum(f.pub) as published,
            sum(f.complete) as complete,
            sum(f.pub * f.cycle) as with_cycle,
            sum(f.pub * f.share_u) as share_unconditional,
            sum(f.pub * f.share_c) as share_conditional,
            sum(f.pub * f.open_u) as open_unconditional,
            sum(f.pub * f.open_a) as open_on_application
       from (select e.provider_id,
                    ${flag(`e.status in (${inList(PUBLISHED_STATUSES)}) and e.published_at is not null and e.published_at < ?`)} as pub,
                    ${flag(`e.status in (${inList(PUBLISHED_STATUSES)}) and e.published_at is not null and e.published_at < ? and ${metadataCompleteSql('e')}`)} as complete,
                    ${flag(`e.update_cycle <> 'irregular'`)} as cycle,
                    ${flag(`e.share_type = 'unconditional'`)} as share_u,
                    ${flag(`e.share_type = 'conditional'`)} as share_c,
                    ${flag(`e.open_type = 'open'`)} as open_u,
                    ${flag(`e.open_type = 'on_application'`)} as open_a
               from catalog_entries e
              where e.status <> 'retired' and e.created_at < ?) f
      group by f.provider_id`,
    [w.cut, w.cut, w.cut],
  );
}

/**
 * Published entries with a declared cycle, bucketed by (department, cycle, the day the cycle runs from): the last
 * data update, or the publication day when there was none — the catalog-freshness job's rule. An update recorded
 * after the statistics day cannot tell when the previous one was; such an entry counts from the statistics day
 * itself (within its cycle).
 */
async function freshnessBuckets(em: EntityManager, w: YearWindow): Promise<{ provider_id: unknown; update_cycle: unknown; since: unknown; n: unknown }[]> {
  const since = `case when e.data_updated_at is null then ${shanghaiDateSql(em, 'e.published_at')} when e.data_updated_at > ? then ? else e.data_updated_at end`;
  // grouped over a derived table: PostgreSQL would not match a GROUP BY expression holding its own bind parameters
  return sqlAll(
    em,
    `select b.provider_id, b.update_cycle, b.since, count(*) as n
       from (select e.provider_id, e.update_cycle, ${since} as since
               from catalog_entries e
              where e.status in (${inList(PUBLISHED_STATUSES)}) and e.published_at is not null and e.published_at < ?
                and e.created_at < ? and e.update_cycle <> 'irregular') b
      group by b.provider_id, b.update_cycle, b.since`,
    [w.asOf, w.asOf, w.cut, w.cut],
  );
}

/**
 * Deadlines of the department kinds due in the year that have run their course: met, missed, overdue, and open
 * ones whose due instant has passed (counted as overdue; reported with state 'overdue').
 */
async function deadlineCounts(em: EntityManager, w: YearWindow, now: Date): Promise<{ department_id: unknown; kind: string; state: string; n: unknown }[]> {
  return sqlAll(
    em,
    `select d.department_id, d.kind, case when d.state = 'open' then 'overdue' else d.state end as state, count(*) as n
       from deadlines d
      where d.department_id is not null and d.kind in (${inList(DEPARTMENT_DEADLINE_KINDS)})
        and d.due_date >= ? and d.due_date <= ?
        and (d.state in ('met', 'missed', 'overdue') or (d.state = 'open' and d.due_at < ?))
      group by d.department_id, d.kind, case when d.state = 'open' then 'overdue' else d.state end`,
    [w.firstDay, w.lastDay, now],
  );
}

/**
 * Share requests the provider (or its agent, 第十六条(一)) rejected in the year — provider_reply steps decided
 * `reject` — counted once per request; without basis: a rejecting step without a reason category or reason, or a
 * request the bureau's coordination then granted (经协调认定应予共享).
 */
async function shareRejectionCounts(em: EntityManager, w: YearWindow): Promise<{ department_id: unknown; rejected: unknown; without_basis: unknown }[]> {
  return sqlAll(
    em,
    `select r.department_id, count(*) as rejected, sum(r.without_basis) as without_basis
       from (select s.department_id, s.request_id,
                    max(case when s.reason_category is null or s.reason is null or trim(s.reason) = ''
                               or exists (select 1 from share_grants g where g.request_id = s.request_id and g.source = 'coordination')
                             then 1 else 0 end) as without_basis
               from share_request_steps s
              where s.kind = 'provider_reply' and s.decision = 'reject' and s.department_id is not null
                and s.decided_at >= ? and s.decided_at < ?
              group by s.department_id, s.request_id) r
      group by r.department_id`,
    [w.start, w.end],
  );
}

/**
 * Provider replies unanswered and past due at the computation, whatever year they fell due (第三十二条): not bounded
 * by the year by definition, but read by the (kind, state) index — only the open and overdue clocks, the backlog,
 * never the answered ones of earlier years.
 */
async function unansweredReplyCounts(em: EntityManager, now: Date): Promise<{ department_id: unknown; n: unknown }[]> {
  return sqlAll(
    em,
    `select d.department_id, count(*) as n
       from deadlines d
      where d.kind = 'provider_reply' and d.state in ('overdue', 'open') and d.department_id is not null
        and (d.state = 'overdue' or d.due_at < ?)
      group by d.department_id`,
    [now],
  );
}

/**
 * 经核实的数据错误 (第十七条): correction reports received in the year whose error was confirmed — by the provider's
 * answer (corrected or scheduled) or by the bureau's decision on a contest — by providing department.
 */
async function confirmedErrorCounts(em: EntityManager, w: YearWindow): Promise<{ department_id: unknown; n: unknown }[]> {
  return sqlAll(
    em,
    `select c.provider_id as department_id, count(*) as n
       from corrections c
      where c.error_confirmed = ? and c.received_at >= ? and c.received_at < ?
      group by c.provider_id`,
    [true, w.start, w.end],
  );
}

/**
 * 开放数据利用率 (第二十二条, 第二十五条): the department's open datasets that were open at some time in the year up
 * to the statistics instant, and of those the ones downloaded (`open_usage`, by its day index) or answered through the
 * open interface with a public key (`call_records`, client `open:…`, by its `at` index) in the same window — the
 * definition of the 开放数据使用统计 page's use rate (libs/opendata usage-stats.ts).
 */
/**
 * 共享数据调用量 (第十六条(四)): the answered gateway calls on each department's entries, by other departments'
 * systems, in [year start, cut) — the call records' real instants, counted by entry from the covering `at` index
 * (at, status, department, entry, client: no record is read), then summed by the entries' providers. The open
 * interface's calls (public keys, `open:` clients) are use of open data, counted by 开放数据利用率 instead.
 */
async function sharedCallsServed(em: EntityManager, w: YearWindow): Promise<{ department_id: unknown; n: unknown }[]> {
  return sqlAll(
    em,
    `select e.provider_id as department_id, sum(c.n) as n
       from (select c.entry_id, count(*) as n from call_records c
              where c.at >= ? and c.at < ? and c.status = 'ok' and (c.client_id is null or c.client_id not like 'open:%')
              group by c.entry_id) c
       join catalog_entries e on e.id = c.entry_id
      group by e.provider_id`,
    [w.start, w.cut],
  );
}

/**
 * 共享数据调用量 as consumer (第十六条(四)): the answered gateway calls made by each department's systems (the
 * record's `department_id`, the calling system's department) in [year start, cut), counted from the covering `at`
 * index; the open interface's calls are left out as in `sharedCallsServed`.
 */
async function sharedCallsMade(em: EntityManager, w: YearWindow): Promise<{ department_id: unknown; n: unknown }[]> {
  return sqlAll(
    em,
    `select c.department_id as department_id, count(*) as n
       from call_records c
      where c.at >= ? and c.at < ? and c.status = 'ok' and c.department_id is not null and (c.client_id is null or c.client_id not like 'open:%')
      group by c.department_id`,
    [w.start, w.cut],
  );
}

async function openDatasetUsage(em: EntityManager, w: YearWindow): Promise<{ department_id: unknown; open: unknown; used: unknown }[]> {
  return sqlAll(
    em,
    `select e.provider_id as department_id, count(*) as open,
            sum(case when exists (select 1 from open_usage u where u.dataset_id = d.id and u.day >= ? and u.day <= ? and u.downloads > 0)
                       or exists (select 1 from call_records c where c.entry_id = d.entry_id and c.at >= ? and c.at < ? and c.status = 'ok' and c.client_id like 'open:%')
                     then 1 else 0 end) as used
       from open_datasets d join catalog_entries e on e.id = d.entry_id
      where d.published_at < ? and (d.withdrawn_at is null or d.withdrawn_at >= ?)
      group by e.provider_id`,
    [w.firstDay, w.asOf, w.start, w.cut, w.cut, w.start],
  );
}

/** Confirmed violations detected in the year (Asia/Shanghai), by department and type. */
async function violationCounts(em: EntityManager, w: YearWindow): Promise<{ department_id: unknown; type: unknown; n: unknown }[]> {
  return sqlAll(
    em,
    `select v.department_id, v.type, count(*) as n
       from violations v
      where v.status in (${inList(COUNTED_VIOLATION_STATUSES)}) and v.detected_at >= ? and v.detected_at < ?
      group by v.department_id, v.type`,
    [w.start, w.end],
  );
}
