import type { EntityManager } from '@mikro-orm/knex';
import { DEADLINE_FACTS, type CatalogEntryFilter, type DrillDown, type DrillRecordDto, type FactKey } from '@govdata/analytics';
import {
  correctionCode,
  DEADLINE_KINDS,
  DEFAULT_RULE_SET,
  DEADLINE_STATE_LABELS,
  freshnessOf,
  REJECT_REASON_CATEGORY_LABELS,
  shareRequestCode,
  UPDATE_CYCLE_LABELS,
  VIOLATION_STATUS_LABELS,
  VIOLATION_TYPE_SPECS,
  violationClause,
  workingDaysLate,
  type DeadlineKind,
  type DeadlineState,
  type RejectReasonCategory,
  type UpdateCycle,
  type ViolationType,
} from '@govdata/domain';
import { shanghaiDate, startOfShanghaiDay, type WorkCalendar } from '@govdata/workdays';
import { CalendarHolder, describeSubjects, fromSqlTime, readTask, sqlAll } from '@govdata/core';
import { freshnessInstant, MISSING_SOURCE_FACTS } from './facts';
import { inList, metadataCompleteSql, num, PUBLISHED_STATUSES, shanghaiDateSql, yearWindow, type YearWindow } from './sql-helpers';

export interface DrillOptions {
  year: number;
  now: Date;
  asOf: string;
  departmentId: number;
  drillDown: DrillDown;
  page: number;
  pageSize: number;
}

export interface DrillPage {
  items: DrillRecordDto[];
  total: number;
  description: string;
}

/**
 * Pass the revision's computation time as `now` and its `asOf` to list exactly the records its facts counted (a
 * later `now` lists the records as they stand then: replies answered since are no longer overdue).
 *
 * The records behind a fact (第三十条: every point explainable down to its records), paged, in exactly the window
 * and with exactly the conditions the facts count (facts.ts): the number of records listed for a descriptor equals
 * the count its fact implies — the late replies of `providerRepliesDue − providerRepliesMet`, the entries of
 * `catalogEntriesPublished − catalogEntriesMetadataComplete`, …
 */
export async function loadDrillRecords(em: EntityManager, opts: DrillOptions): Promise<DrillPage> {
  // the catalog snapshot ends with the statistics day, whatever the time of the call
  const window = yearWindow(opts.year, opts.now);
  const dayAfterAsOf = startOfShanghaiDay(opts.asOf).getTime() + 86_400_000;
  const w: YearWindow = { ...window, asOf: opts.asOf, cut: new Date(Math.min(opts.now.getTime(), dayAfterAsOf)) };
  const page = Math.max(1, Math.floor(opts.page));
  const size = Math.max(1, Math.floor(opts.pageSize));
  const q: Query = { em, w, now: opts.now, departmentId: opts.departmentId, limit: size, offset: (page - 1) * size };
  const d = opts.drillDown;
  switch (d.kind) {
    case 'deadline':
      return deadlineRecords(q, d.deadlineKind, d.states);
    case 'catalog_entry':
      return d.filter === 'stale' ? staleEntries(q) : catalogEntries(q, d.filter);
    case 'share_request':
      return d.filter === 'unanswered' ? unansweredRequests(q) : rejectedRequests(q, d.filter === 'rejected_without_basis');
    case 'correction_feedback':
      return confirmedErrors(q);
    case 'violation':
      return violationRecords(q, d.statuses);
    case 'open_dataset':
      return openDatasetRecords(q, d.filter === 'unused');
    case 'call_record':
      return servedCallRecords(q, d.filter === 'made');
  }
}

/**
 * The drill-down as a read task (core's `runRead`, which `getDrill` goes through): a page is small, but counting it
 * reads a year of the department's clocks or calls — 100–300 ms at a city's size on SQLite, spent by the API in a
 * worker thread.
 */
export const drillRecordsRead = readTask('assessment.drill-records', (em, opts: DrillOptions) => loadDrillRecords(em, opts));

// ── call records (共享数据调用量) ─────────────────────────────────────────────────────────────────────────────────

/** The answered gateway calls in the facts' window, newest first: on the department's entries (facts.ts `sharedCallsServed`) or, `made`, by its own systems (`sharedCallsMade`). */
async function servedCallRecords(q: Query, made = false): Promise<DrillPage> {
  const where = `from call_records c join catalog_entries e on e.id = c.entry_id
     where ${made ? 'c.department_id' : 'e.provider_id'} = ? and c.at >= ? and c.at < ? and c.status = 'ok' and (c.client_id is null or c.client_id not like 'open:%')`;
  const whereArgs = [q.departmentId, q.w.start, q.w.cut];
  const total = await countOf(q.em, `select c.id ${where}`, whereArgs);
  const rows = await sqlAll<Row>(
    q.em,
    `select c.id, c.seq, c.at, c.row_count, c.entry_id, e.code, e.name as title, s.name as system_name, dep.name as consumer
       ${where.replace('join catalog_entries e on e.id = c.entry_id', 'join catalog_entries e on e.id = c.entry_id left join app_systems s on s.id = c.system_id left join departments dep on dep.id = c.department_id')}
      order by c.at desc, c.id desc limit ? offset ?`,
    [...whereArgs, q.limit, q.offset],
  );
  const items = rows.map((r): DrillRecordDto => ({
    kind: 'call_record',
    id: String(r.id),
    title: `调用记录 ${num(r.seq)}：${String(r.code)}「${String(r.title)}」`,
    detail: `${r.consumer ? String(r.consumer) : '—'}${r.system_name ? `的接入系统“${String(r.system_name)}”` : ''}成功调用，返回 ${num(r.row_count)} 行`,
    at: fromSqlTime(r.at).toISOString(),
    link: `/gateway/calls?entryId=${Number(r.entry_id)}`,
  }));
  const year = q.w.firstDay.slice(0, 4);
  return { items, total, description: `${year} 年度内本部门目录资源经共享网关被成功调用的记录（第十六条第（四）项）` };
}

// ── open datasets (开放数据利用率) ──────────────────────────────────────────────────────────────────────────────────

/**
 * The department's open datasets in the facts' window (facts.ts `openDatasetUsage`), or those of them neither
 * downloaded nor called through the open interface; each with its downloads, calls and views of the year.
 */
async function openDatasetRecords(q: Query, unusedOnly: boolean): Promise<DrillPage> {
  const downloads = `(select coalesce(sum(u.downloads), 0) from open_usage u where u.dataset_id = d.id and u.day >= ? and u.day <= ?)`;
  const views = `(select coalesce(sum(u.views), 0) from open_usage u where u.dataset_id = d.id and u.day >= ? and u.day <= ?)`;
  const calls = `(select count(*) from call_records c where c.entry_id = d.entry_id and c.at >= ? and c.at < ? and c.status = 'ok' and c.client_id like 'open:%')`;
  const dayArgs = [q.w.firstDay, q.w.asOf];
  const atArgs = [q.w.start, q.w.cut];
  const where = `from open_datasets d join catalog_entries e on e.id = d.entry_id
     where e.provider_id = ? and d.published_at < ? and (d.withdrawn_at is null or d.withdrawn_at >= ?)`;
  const whereArgs = [q.departmentId, q.w.cut, q.w.start];
  const unused = unusedOnly ? ` and ${downloads} = 0 and ${calls} = 0` : '';
  const unusedArgs = unusedOnly ? [...dayArgs, ...atArgs] : [];
  const total = await countOf(q.em, `select d.id ${where}${unused}`, [...whereArgs, ...unusedArgs]);
  const rows = await sqlAll<Row>(
    q.em,
    `select d.id, d.name, d.entry_id, e.code, e.name as title, d.published_at, d.withdrawn_at, ${downloads} as downloads, ${calls} as calls, ${views} as views
       ${where}${unused} order by e.code, d.id limit ? offset ?`,
    [...dayArgs, ...atArgs, ...dayArgs, ...whereArgs, ...unusedArgs, q.limit, q.offset],
  );
  const items = rows.map((r): DrillRecordDto => {
    const withdrawn = r.withdrawn_at ? `，${shanghaiDate(fromSqlTime(r.withdrawn_at))} 已撤回` : '';
    const detail = unusedOnly
      ? `年度内无下载、无开放接口调用（浏览 ${num(r.views)} 次）${withdrawn}`
      : `年度内下载 ${num(r.downloads)} 次，开放接口调用 ${num(r.calls)} 次，浏览 ${num(r.views)} 次${withdrawn}`;
    return { kind: 'open_dataset', id: String(r.id), title: `开放数据集 ${String(r.code)}「${String(r.title)}」`, detail, at: fromSqlTime(r.published_at).toISOString(), link: `/catalog/entries/${Number(r.entry_id)}` };
  });
  const year = q.w.firstDay.slice(0, 4);
  return { items, total, description: unusedOnly ? `${year} 年度内没有下载或开放接口调用的开放数据集（第二十五条）` : `${year} 年度内曾开放的数据集（第二十二条）` };
}

interface Query {
  em: EntityManager;
  w: YearWindow;
  now: Date;
  departmentId: number;
  limit: number;
  offset: number;
}

type Row = Record<string, unknown>;

async function countOf(em: EntityManager, sql: string, bindings: (string | number | boolean | Date | null)[]): Promise<number> {
  const [row] = await sqlAll<Row>(em, `select count(*) as n from (${sql}) x`, bindings);
  return num(row?.n);
}

// ── deadlines ────────────────────────────────────────────────────────────────────────────────────────────────────

/** The SQL for a set of states, as the facts read them: `overdue` includes open rows past their due instant. Each `?` binds `now`. */
function stateCondition(states: readonly DeadlineState[]): { sql: string; nowBindings: number } {
  const parts: string[] = [];
  let nowBindings = 0;
  const plain = states.filter((s) => s === 'met' || s === 'missed' || s === 'cancelled');
  if (plain.length) parts.push(`d.state in (${inList(plain)})`);
  if (states.includes('overdue')) {
    parts.push(`d.state = 'overdue'`, `(d.state = 'open' and d.due_at < ?)`);
    nowBindings++;
  }
  if (states.includes('open')) {
    parts.push(`(d.state = 'open' and d.due_at >= ?)`);
    nowBindings++;
  }
  return { sql: parts.length ? `(${parts.join(' or ')})` : '1 = 0', nowBindings };
}

async function deadlineRecords(q: Query, kind: DeadlineKind, states: readonly DeadlineState[]): Promise<DrillPage> {
  const spec = DEADLINE_KINDS[kind];
  const pair = (DEADLINE_FACTS as Partial<Record<DeadlineKind, { due: FactKey }>>)[kind];
  if (!pair || MISSING_SOURCE_FACTS.includes(pair.due)) {
    // the facts do not read these clocks (their area does not exist yet): nothing is counted, nothing is listed
    return { items: [], total: 0, description: `${spec.label}（该功能尚未建立，暂无记录）` };
  }
  const cond = stateCondition(states);
  const where = `from deadlines d
      where d.department_id = ? and d.kind = ? and d.due_date >= ? and d.due_date <= ? and ${cond.sql}`;
  const bindings = [q.departmentId, kind, q.w.firstDay, q.w.lastDay, ...Array.from({ length: cond.nowBindings }, () => q.now)];
  const total = await countOf(q.em, `select d.id ${where}`, bindings);
  const rows = await sqlAll<Row>(
    q.em,
    `select d.id, d.subject_type, d.subject_id, d.due_date, d.due_at, d.state, d.completed_at ${where} order by d.due_date, d.id limit ? offset ?`,
    [...bindings, q.limit, q.offset],
  );
  const calendar = (await CalendarHolder.load(q.em)).lenient;
  const describe = await describeSubjects(q.em, rows.map((r) => ({ subjectType: String(r.subject_type), subjectId: Number(r.subject_id) })));
  const items = rows.map((r): DrillRecordDto => {
    const subject = describe(String(r.subject_type), Number(r.subject_id));
    const due = String(r.due_date);
    const completed = r.completed_at ? fromSqlTime(r.completed_at) : null;
    const state = String(r.state) as DeadlineState;
    let detail: string;
    if (state === 'met') detail = `应于 ${due} 前完成，${completed ? `${shanghaiDate(completed)} ` : ''}按时完成`;
    else if (state === 'missed') detail = `应于 ${due} 前完成，${completed ? `${shanghaiDate(completed)} 完成，` : ''}逾期 ${completed ? workingDaysLate(calendar, due, completed) : 0} 个工作日`;
    else if (state === 'cancelled') detail = `应于 ${due} 前完成，已撤销`;
    else if (fromSqlTime(r.due_at).getTime() < q.now.getTime()) detail = `应于 ${due} 前完成，至今未完成，已逾期 ${workingDaysLate(calendar, due, q.now)} 个工作日`;
    else detail = `应于 ${due} 前完成，办理中`;
    return { kind: 'deadline', id: String(r.id), title: `${spec.label}：${subject.label}`, detail, at: fromSqlTime(r.due_at).toISOString(), link: `/deadlines/${Number(r.id)}` };
  });
  const stateNames = states.map((s) => (s === 'overdue' ? '逾期未完成' : DEADLINE_STATE_LABELS[s])).join('、');
  return { items, total, description: `${q.w.firstDay.slice(0, 4)} 年度内到期的${spec.label}期限中${stateNames}的（${DEFAULT_RULE_SET.kinds[kind].article}）` };
}

// ── corrections (第十七条) ───────────────────────────────────────────────────────────────────────────────────────

/** The confirmed data errors the fact counts: reports received in the year, error confirmed, of the department's entries. */
async function confirmedErrors(q: Query): Promise<DrillPage> {
  const where = 'from corrections c join catalog_entries e on e.id = c.entry_id join departments r on r.id = c.reporter_id where c.provider_id = ? and c.error_confirmed = ? and c.received_at >= ? and c.received_at < ?';
  const bindings = [q.departmentId, true, q.w.start, q.w.end];
  const total = await countOf(q.em, `select c.id ${where}`, bindings);
  const rows = await sqlAll<Row>(q.em, `select c.id, c.received_at, c.description, c.decision, c.bureau_decision, e.name as entry_name, r.name as reporter_name ${where} order by c.received_at, c.id limit ? offset ?`, [...bindings, q.limit, q.offset]);
  const items = rows.map((r): DrillRecordDto => {
    const received = fromSqlTime(r.received_at);
    const how = r.bureau_decision === 'error_confirmed' ? '经政务信息管理局裁定确有错误' : r.decision === 'scheduled' ? '提供部门确认有误，限期更正' : '提供部门确认有误并已更正';
    return { kind: 'correction_feedback', id: String(r.id), title: `纠错反馈 ${correctionCode(Number(r.id), received)}「${String(r.entry_name)}」`, detail: `${String(r.reporter_name)}反馈：${String(r.description).slice(0, 80)}；${how}`, at: received.toISOString(), link: `/corrections/${Number(r.id)}` };
  });
  return { items, total, description: `${q.w.firstDay.slice(0, 4)} 年度内收到、经核实确有错误的纠错反馈（第十七条）` };
}

// ── catalog entries ──────────────────────────────────────────────────────────────────────────────────────────────

const ENTRY_FILTERS: Record<Exclude<CatalogEntryFilter, 'stale'>, { sql: string; description: string }> = {
  published: { sql: '1 = 1', description: '已发布的目录条目' },
  metadata_incomplete: { sql: `not ${metadataCompleteSql('e')}`, description: '必填要素不完整的已发布目录条目（第六条、第十一条）' },
  with_cycle: { sql: `e.update_cycle <> 'irregular'`, description: '声明更新周期的已发布目录条目（第十九条）' },
  not_shared: { sql: `e.share_type not in ('unconditional', 'conditional')`, description: '不予共享的已发布目录条目（第十三条）' },
  not_open: { sql: `e.open_type not in ('open', 'on_application')`, description: '不予开放的已发布目录条目（第二十三条）' },
};

/** The published entries of the department at the statistics instant — the facts' `pub` condition. */
const PUBLISHED_AT_CUT = `e.provider_id = ? and e.status in (${inList(PUBLISHED_STATUSES)}) and e.published_at is not null and e.published_at < ? and e.created_at < ?`;

async function catalogEntries(q: Query, filter: Exclude<CatalogEntryFilter, 'stale'>): Promise<DrillPage> {
  const f = ENTRY_FILTERS[filter];
  const where = `from catalog_entries e where ${PUBLISHED_AT_CUT} and ${f.sql}`;
  const bindings = [q.departmentId, q.w.cut, q.w.cut];
  const total = await countOf(q.em, `select e.id ${where}`, bindings);
  const rows = await sqlAll<Row>(
    q.em,
    `select e.id, e.code, e.name, e.class_code, e.format, e.update_cycle, e.share_type, e.share_method, e.share_conditions, e.no_share_basis,
            e.security_grade, e.collection_basis, e.open_type, e.published_at,
            (select count(*) from catalog_items ci where ci.entry_id = e.id and ci.removed_at is null) as items
       ${where} order by e.code, e.id limit ? offset ?`,
    [...bindings, q.limit, q.offset],
  );
  const items = rows.map((r): DrillRecordDto => {
    let detail: string;
    if (filter === 'metadata_incomplete') detail = `缺少：${missingElements(r).join('、')}`;
    else if (filter === 'not_shared') detail = '共享类型为不予共享';
    else if (filter === 'not_open') detail = '开放类型为不予开放';
    else if (filter === 'with_cycle') detail = `更新周期：${UPDATE_CYCLE_LABELS[r.update_cycle as UpdateCycle] ?? String(r.update_cycle)}`;
    else detail = `发布于 ${shanghaiDate(fromSqlTime(r.published_at))}`;
    return entryRecord(r, detail);
  });
  return { items, total, description: f.description };
}

function entryRecord(r: Row, detail: string): DrillRecordDto {
  return { kind: 'catalog_entry', id: String(r.id), title: `目录条目 ${String(r.code)}「${String(r.name)}」`, detail, at: r.published_at ? fromSqlTime(r.published_at).toISOString() : null, link: `/catalog/entries/${Number(r.id)}` };
}

/** The REQUIRED_METADATA elements an entry lacks, by the same tests as `metadataCompleteSql`. */
function missingElements(r: Row): string[] {
  const blank = (v: unknown) => v === null || v === undefined || String(v).trim() === '';
  const missing: string[] = [];
  if (blank(r.class_code)) missing.push('分类');
  if (blank(r.format)) missing.push('格式');
  if (num(r.items) === 0) missing.push('信息项（属性）');
  if (blank(r.update_cycle)) missing.push('更新周期（更新时限）');
  if (blank(r.share_type)) missing.push('共享类型');
  if (blank(r.share_method)) missing.push('共享方式');
  if ((r.share_type === 'conditional' && blank(r.share_conditions)) || (r.share_type === 'none' && blank(r.no_share_basis))) missing.push('使用要求');
  if (blank(r.security_grade)) missing.push('分类分级');
  if (blank(r.collection_basis)) missing.push('采集依据或被采集对象同意');
  return missing;
}

/**
 * Entries whose data missed its cycle at the statistics day: the department's published entries with a cycle are
 * read (one department's catalog, not the platform's) and judged by the catalog-freshness rule, as the facts do.
 */
async function staleEntries(q: Query): Promise<DrillPage> {
  const since = `case when e.data_updated_at is null then ${shanghaiDateSql(q.em, 'e.published_at')} when e.data_updated_at > ? then ? else e.data_updated_at end`;
  const rows = await sqlAll<Row>(
    q.em,
    `select e.id, e.code, e.name, e.update_cycle, e.published_at, e.data_updated_at, ${since} as since
       from catalog_entries e where ${PUBLISHED_AT_CUT} and e.update_cycle <> 'irregular' order by e.code, e.id`,
    [q.w.asOf, q.w.asOf, q.departmentId, q.w.cut, q.w.cut],
  );
  const calendar: WorkCalendar = (await CalendarHolder.load(q.em)).lenient;
  const at = freshnessInstant(q.w, q.now);
  const stale: DrillRecordDto[] = [];
  for (const r of rows) {
    const s = startOfShanghaiDay(String(r.since));
    const v = freshnessOf(calendar, { cycle: r.update_cycle as UpdateCycle, lastDataUpdateAt: s, publishedAt: s }, at);
    if (v.status !== 'stale') continue;
    const cycle = UPDATE_CYCLE_LABELS[r.update_cycle as UpdateCycle];
    const basis = r.data_updated_at ? `最近一次数据更新于 ${String(r.since)}` : `发布于 ${String(r.since)}，此后未更新数据`;
    stale.push(entryRecord(r, `更新周期为${cycle}，${basis}，应于 ${v.expectedDate} 更新（宽限至 ${v.dueDate}），截至 ${q.w.asOf} 逾期 ${v.workingDaysLate} 个工作日`));
  }
  return { items: stale.slice(q.offset, q.offset + q.limit), total: stale.length, description: `截至 ${q.w.asOf} 未按更新周期更新数据的已发布目录条目（第十九条、第三十三条第（五）项）` };
}

// ── share requests ───────────────────────────────────────────────────────────────────────────────────────────────

async function rejectedRequests(q: Query, withoutBasis: boolean): Promise<DrillPage> {
  const noBasis = `(s.reason_category is null or s.reason is null or trim(s.reason) = '' or exists (select 1 from share_grants g where g.request_id = s.request_id and g.source = 'coordination'))`;
  const grouped = `select s.request_id, max(s.decided_at) as decided_at, max(case when ${noBasis} then 1 else 0 end) as without_basis
      from share_request_steps s
     where s.kind = 'provider_reply' and s.decision = 'reject' and s.department_id = ? and s.decided_at >= ? and s.decided_at < ?
     group by s.request_id`;
  const bindings = [q.departmentId, q.w.start, q.w.end];
  const filtered = `select x.request_id, x.decided_at from (${grouped}) x ${withoutBasis ? 'where x.without_basis = 1' : ''}`;
  const total = await countOf(q.em, filtered, bindings);
  const rows = await sqlAll<Row>(
    q.em,
    `select r.id, r.submitted_at, r.reject_category, r.reject_reason, r.status, f.decided_at, e.name as entry_name, rq.name as requester_name,
            (select count(*) from share_grants g where g.request_id = r.id and g.source = 'coordination') as coordinated
       from (${filtered}) f
       join share_requests r on r.id = f.request_id
       join catalog_entries e on e.id = r.entry_id
       join departments rq on rq.id = r.requester_id
      order by f.decided_at, r.id limit ? offset ?`,
    [...bindings, q.limit, q.offset],
  );
  const steps = rows.length
    ? await sqlAll<Row>(
        q.em,
        `select s.request_id, s.reason_category, s.reason from share_request_steps s
          where s.kind = 'provider_reply' and s.decision = 'reject' and s.department_id = ? and s.decided_at >= ? and s.decided_at < ?
            and s.request_id in (${rows.map(() => '?').join(', ')}) order by s.seq`,
        [...bindings, ...rows.map((r) => Number(r.id))],
      )
    : [];
  const items = rows.map((r): DrillRecordDto => {
    // the year's rejecting steps of the request: one without a basis is the one to show
    const reasons = steps.filter((s) => Number(s.request_id) === Number(r.id));
    const last = reasons.find((s) => !s.reason_category || !s.reason || !String(s.reason).trim()) ?? reasons[reasons.length - 1];
    const category = last?.reason_category ? REJECT_REASON_CATEGORY_LABELS[last.reason_category as RejectReasonCategory] ?? String(last.reason_category) : null;
    const reason = last?.reason && String(last.reason).trim() ? String(last.reason).trim() : null;
    const parts = [`${shanghaiDate(fromSqlTime(r.decided_at))} 驳回`];
    parts.push(category || reason ? `驳回依据：${[category, reason].filter(Boolean).join('，')}` : '未说明驳回依据');
    if (num(r.coordinated) > 0) parts.push('经协调认定应予共享');
    return {
      kind: 'share_request',
      id: String(r.id),
      title: `共享申请 ${shareRequestCode(Number(r.id), fromSqlTime(r.submitted_at))}「${String(r.entry_name)}」（申请部门：${String(r.requester_name)}）`,
      detail: parts.join('；'),
      at: fromSqlTime(r.decided_at).toISOString(),
      link: `/share/requests/${Number(r.id)}`,
    };
  });
  return {
    items,
    total,
    description: withoutBasis ? `${q.w.firstDay.slice(0, 4)} 年度内无充分依据驳回的共享申请（未说明依据，或经协调认定应予共享，第十六条第（二）项）` : `${q.w.firstDay.slice(0, 4)} 年度内驳回的共享申请（第十六条第（二）项）`,
  };
}

async function unansweredRequests(q: Query): Promise<DrillPage> {
  const unanswered = `d.kind = 'provider_reply' and d.department_id = ? and (d.state = 'overdue' or (d.state = 'open' and d.due_at < ?))`;
  const bindings = [q.departmentId, q.now];
  // counted over the deadlines alone, as the fact is
  const total = await countOf(q.em, `select d.id from deadlines d where ${unanswered}`, bindings);
  const rows = await sqlAll<Row>(
    q.em,
    `select r.id, r.submitted_at, d.id as deadline_id, d.due_date, d.due_at, e.name as entry_name, rq.name as requester_name
       from deadlines d
       left join share_request_steps s on d.subject_type = 'share_request_step' and s.id = d.subject_id
       left join share_requests r on r.id = s.request_id
       left join catalog_entries e on e.id = r.entry_id
       left join departments rq on rq.id = r.requester_id
      where ${unanswered}
      order by d.due_at, d.id limit ? offset ?`,
    [...bindings, q.limit, q.offset],
  );
  const calendar = (await CalendarHolder.load(q.em)).lenient;
  const items = rows.map((r): DrillRecordDto => {
    const detail = `应于 ${String(r.due_date)} 前答复，至今未答复，已逾期 ${workingDaysLate(calendar, String(r.due_date), q.now)} 个工作日`;
    const at = fromSqlTime(r.due_at).toISOString();
    if (r.id === null || r.id === undefined) {
      // a clock whose request is not found still counted: shown as the deadline itself
      return { kind: 'deadline', id: String(r.deadline_id), title: `提供部门答复期限 #${Number(r.deadline_id)}`, detail, at, link: `/deadlines/${Number(r.deadline_id)}` };
    }
    return {
      kind: 'share_request',
      id: String(r.id),
      title: `共享申请 ${shareRequestCode(Number(r.id), fromSqlTime(r.submitted_at))}「${String(r.entry_name)}」（申请部门：${String(r.requester_name)}）`,
      detail,
      at,
      link: `/share/requests/${Number(r.id)}`,
    };
  });
  return { items, total, description: '计算时仍未答复且已过答复期限的共享申请（不论到期年度，第十五条第（二）项、第三十二条）' };
}

// ── violations ───────────────────────────────────────────────────────────────────────────────────────────────────

async function violationRecords(q: Query, statuses: readonly string[]): Promise<DrillPage> {
  const where = `from violations v where v.department_id = ? and v.status in (${inList(statuses)}) and v.detected_at >= ? and v.detected_at < ?`;
  const bindings = [q.departmentId, q.w.start, q.w.end];
  const total = await countOf(q.em, `select v.id ${where}`, bindings);
  const rows = await sqlAll<Row>(q.em, `select v.id, v.type, v.status, v.detected_at, v.evidence ${where} order by v.detected_at, v.id limit ? offset ?`, [...bindings, q.limit, q.offset]);
  const items = rows.map((r): DrillRecordDto => {
    const type = Number(r.type) as ViolationType;
    const evidence = (typeof r.evidence === 'string' ? JSON.parse(r.evidence) : r.evidence) as { summary?: string } | null;
    const status = VIOLATION_STATUS_LABELS[r.status as keyof typeof VIOLATION_STATUS_LABELS] ?? String(r.status);
    return {
      kind: 'violation',
      id: String(r.id),
      title: `${violationClause(type)} ${VIOLATION_TYPE_SPECS[type]?.short ?? ''}`.trim(),
      detail: `${shanghaiDate(fromSqlTime(r.detected_at))} 发现，${status}${evidence?.summary ? `：${evidence.summary}` : ''}`,
      at: fromSqlTime(r.detected_at).toISOString(),
      link: `/violations/${Number(r.id)}`,
    };
  });
  return { items, total, description: `${q.w.firstDay.slice(0, 4)} 年度内发现并确认的违规行为（第三十三条）` };
}
