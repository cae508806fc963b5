import type { EntityManager } from '@mikro-orm/knex';
import {
  ForbiddenError,
  inclusiveDays,
  NotFoundError,
  OPEN_USAGE_MAX_DAYS,
  ValidationError,
  OPEN_USAGE_GROUP_LABELS,
  OPEN_USAGE_MAX_ROWS,
  readsAllDepartments,
  type Actor,
  type OpenUsageQuery,
  type OpenUsageRowDto,
  type OpenUsageStatsDto,
} from '@govdata/domain';
import { isPostgres, readTask, runRead, sqlAll, xlsxTable } from '@govdata/core';
import { shanghaiDate, startOfShanghaiDay } from '@govdata/workdays';

/**
 * 开放数据使用统计 (issue 16 §8): what the bureau (and a department, for its own datasets) reads back from the
 * portal's counters. Views and downloads come from `open_usage` (one row per dataset and Shanghai day, read by its
 * day index); API calls are the open interface's answered calls (`call_records`, client `open:<key prefix>`, status
 * ok) on the dataset's entry, read by the `at` range. The gateway's calls between departments are sharing
 * (第十六条(四)), not use of open data, and are not counted here.
 */

const DAY = 86_400_000;
/** The open interface's calls: the recorder names the client `open:<key prefix>` (routes/open-applications.ts). */
export const OPEN_CALL_CLIENT = 'open:%';

export interface UsageScope {
  from: string;
  to: string;
  departmentId?: number;
  datasetId?: number;
}

/** The range and scope an actor's query reads: defaults (the last 30 days up to `today`) and department isolation. */
export async function usageScope(em: EntityManager, actor: Actor, query: OpenUsageQuery, today: string): Promise<UsageScope> {
  const to = query.to ?? (query.from && query.from > today ? query.from : today);
  const from = query.from ?? shanghaiDate(new Date(startOfShanghaiDay(to).getTime() - 29 * DAY));
  // the schema checks a range given in full; one completed by a default is checked here, by the same rule
  if (inclusiveDays(from, to) > OPEN_USAGE_MAX_DAYS) throw new ValidationError(`统计区间最长 ${OPEN_USAGE_MAX_DAYS} 天（${from} 至 ${to} 超出），请缩短日期范围后再查询`, [{ path: 'from', message: `统计区间最长 ${OPEN_USAGE_MAX_DAYS} 天` }], 'open_usage.range');
  let departmentId = query.departmentId;
  if (!readsAllDepartments(actor)) {
    if (departmentId !== undefined && departmentId !== actor.departmentId) throw new ForbiddenError('只能查看本部门开放数据集的使用统计', 'open_usage.other_department');
    departmentId = actor.departmentId;
  }
  if (query.datasetId !== undefined) {
    const [d] = await sqlAll<{ provider_id: number | string }>(em, 'select e.provider_id from open_datasets d join catalog_entries e on e.id = d.entry_id where d.id = ?', [query.datasetId]);
    if (!d) throw new NotFoundError(`开放数据集 ${query.datasetId} 不存在`, 'open_usage.dataset_not_found');
    if (!readsAllDepartments(actor) && Number(d.provider_id) !== actor.departmentId) throw new ForbiddenError('只能查看本部门开放数据集的使用统计', 'open_usage.other_department');
  }
  return { from, to, departmentId, datasetId: query.datasetId };
}

/** The Asia/Shanghai date of a datetime column (epoch ms on SQLite, timestamptz on PostgreSQL). */
function shanghaiDaySql(em: EntityManager, column: string): string {
  return isPostgres(em) ? `to_char(${column} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')` : `strftime('%Y-%m-%d', ${column} / 1000 + 28800, 'unixepoch')`;
}

/** The dataset was in the open catalog at some time in [start, end): published before the end, not withdrawn before the start. */
const OPEN_DURING = '(d.published_at < ? and (d.withdrawn_at is null or d.withdrawn_at >= ?))';

const nextDay = (day: string): string => shanghaiDate(new Date(startOfShanghaiDay(day).getTime() + DAY));

interface Sums {
  views: number;
  downloads: number;
  apiCalls: number;
}

/**
 * Usage between two Shanghai dates (inclusive) grouped by dataset, department or day. Every read is bounded by the
 * range: `open_usage.day` for views and downloads, `call_records.at` for calls — over a year, every open-interface
 * call of the year (seconds at a million calls), so it is a read task (core's `runRead`): the API on SQLite reads
 * it in a worker thread.
 */
export function openUsageStats(em: EntityManager, scope: UsageScope, groupBy: OpenUsageQuery['groupBy']): Promise<OpenUsageStatsDto> {
  return runRead(em, openUsageStatsRead, { scope, groupBy });
}

export const openUsageStatsRead = readTask('opendata.usage-stats', (em, a: { scope: UsageScope; groupBy: OpenUsageQuery['groupBy'] }) => readOpenUsageStats(em, a.scope, a.groupBy));

async function readOpenUsageStats(em: EntityManager, scope: UsageScope, groupBy: OpenUsageQuery['groupBy']): Promise<OpenUsageStatsDto> {
  const start = startOfShanghaiDay(scope.from);
  const end = startOfShanghaiDay(nextDay(scope.to));
  const filters: string[] = [];
  const filterArgs: number[] = [];
  if (scope.departmentId !== undefined) {
    filters.push('e.provider_id = ?');
    filterArgs.push(scope.departmentId);
  }
  if (scope.datasetId !== undefined) {
    filters.push('d.id = ?');
    filterArgs.push(scope.datasetId);
  }
  const and = filters.map((f) => ` and ${f}`).join('');
  const usageKey = { dataset: 'd.id', department: 'e.provider_id', day: 'u.day' }[groupBy];
  const callKey = { dataset: 'd.id', department: 'e.provider_id', day: shanghaiDaySql(em, 'c.at') }[groupBy];
  // grouped over derived tables: PostgreSQL would not match a GROUP BY expression against a select-list one
  const [usage, calls, counts] = await Promise.all([
    sqlAll<{ k: unknown; v: unknown; dl: unknown }>(
      em,
      // the datasets first, each one's days by the primary key (dataset_id, day): grouped by day, SQLite otherwise read
      // the year through the day index to spare a sort — a table lookup per usage row, out of order (365,000 rows of
      // a city's year: 6–9 s, against 0.13 s this way); PostgreSQL plans the CROSS JOIN as the join it is
      `select x.k, sum(x.views) as v, sum(x.downloads) as dl
         from (select ${usageKey} as k, u.views, u.downloads
                 from open_datasets d cross join open_usage u join catalog_entries e on e.id = d.entry_id
                where u.dataset_id = d.id and u.day >= ? and u.day <= ?${and}) x
        group by x.k`,
      [scope.from, scope.to, ...filterArgs],
    ),
    sqlAll<{ k: unknown; n: unknown }>(
      em,
      `select x.k, count(*) as n
         from (select ${callKey} as k
                 from call_records c join open_datasets d on d.entry_id = c.entry_id join catalog_entries e on e.id = d.entry_id
                where c.at >= ? and c.at < ? and c.status = 'ok' and c.client_id like ?${and}) x
        group by x.k`,
      [start, end, OPEN_CALL_CLIENT, ...filterArgs],
    ),
    sqlAll<{ datasets: unknown; used: unknown }>(
      em,
      // "used" is a subset of "open in the range" by construction, as the assessment's facts (part ≤ whole)
      `select (select count(*) from open_datasets d join catalog_entries e on e.id = d.entry_id where ${OPEN_DURING}${and}) as datasets,
              (select count(*) from (
                 select u.dataset_id as id from open_usage u join open_datasets d on d.id = u.dataset_id join catalog_entries e on e.id = d.entry_id
                  where u.day >= ? and u.day <= ? and u.downloads > 0 and ${OPEN_DURING}${and}
                 union
                 select d.id from call_records c join open_datasets d on d.entry_id = c.entry_id join catalog_entries e on e.id = d.entry_id
                  where c.at >= ? and c.at < ? and c.status = 'ok' and c.client_id like ? and ${OPEN_DURING}${and}) used_ids) as used`,
      [end, start, ...filterArgs, scope.from, scope.to, end, start, ...filterArgs, start, end, OPEN_CALL_CLIENT, end, start, ...filterArgs],
    ),
  ]);

  const sums = new Map<string, Sums>();
  const at = (k: unknown): Sums => {
    const key = String(k);
    let s = sums.get(key);
    if (!s) sums.set(key, (s = { views: 0, downloads: 0, apiCalls: 0 }));
    return s;
  };
  for (const r of usage) Object.assign(at(r.k), { views: at(r.k).views + Number(r.v ?? 0), downloads: at(r.k).downloads + Number(r.dl ?? 0) });
  for (const r of calls) at(r.k).apiCalls += Number(r.n ?? 0);

  const totals = { views: 0, downloads: 0, apiCalls: 0, datasets: Number(counts[0]?.datasets ?? 0), usedDatasets: Number(counts[0]?.used ?? 0) };
  for (const s of sums.values()) {
    totals.views += s.views;
    totals.downloads += s.downloads;
    totals.apiCalls += s.apiCalls;
  }

  let items: OpenUsageRowDto[];
  let truncated = false;
  if (groupBy === 'day') {
    // every day of the range, zeros included: the trend reads as a continuous line
    items = [];
    for (let day = scope.from; day <= scope.to; day = nextDay(day)) items.push({ key: day, label: day, ...(sums.get(day) ?? { views: 0, downloads: 0, apiCalls: 0 }) });
  } else {
    const ranked = [...sums].sort(([ka, a], [kb, b]) => b.downloads + b.apiCalls - (a.downloads + a.apiCalls) || b.views - a.views || Number(ka) - Number(kb));
    truncated = ranked.length > OPEN_USAGE_MAX_ROWS;
    const top = ranked.slice(0, OPEN_USAGE_MAX_ROWS);
    const labels = await labelsOf(em, groupBy, top.map(([k]) => Number(k)));
    items = top.map(([k, s]) => ({ key: k, label: labels.get(Number(k)) ?? `#${k}`, ...s }));
  }
  return { from: scope.from, to: scope.to, groupBy, items, totals, truncated };
}

async function labelsOf(em: EntityManager, groupBy: 'dataset' | 'department', ids: number[]): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    if (!chunk.length) break;
    const marks = chunk.map(() => '?').join(', ');
    const rows =
      groupBy === 'dataset'
        ? await sqlAll<{ id: unknown; name: string }>(em, `select d.id, e.name from open_datasets d join catalog_entries e on e.id = d.entry_id where d.id in (${marks})`, chunk)
        : await sqlAll<{ id: unknown; name: string }>(em, `select id, name from departments where id in (${marks})`, chunk);
    for (const r of rows) names.set(Number(r.id), r.name);
  }
  return names;
}

/** The statistics as a workbook: one row per group and a total row, with the range and grouping in the title. */
export async function openUsageWorkbook(stats: OpenUsageStatsDto): Promise<Buffer> {
  const rows = [...stats.items, { key: '', label: '合计', views: stats.totals.views, downloads: stats.totals.downloads, apiCalls: stats.totals.apiCalls }];
  return xlsxTable(
    '开放数据使用统计',
    [
      { header: OPEN_USAGE_GROUP_LABELS[stats.groupBy], width: stats.groupBy === 'day' ? 14 : 40, value: (r) => r.label },
      { header: '浏览次数', width: 12, value: (r) => r.views },
      { header: '下载次数', width: 12, value: (r) => r.downloads },
      { header: '接口调用次数', width: 14, value: (r) => r.apiCalls },
    ],
    rows,
    { title: `开放数据使用统计（${stats.from} 至 ${stats.to}，按${OPEN_USAGE_GROUP_LABELS[stats.groupBy]}）` },
  );
}
