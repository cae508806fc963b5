import type { EntityManager } from '@mikro-orm/knex';
import {
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  ValidationError,
  type Desensitization,
  type GatewayRecords,
} from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { sqlAll } from '@govdata/core';
import { isDedicatedFor } from '@govdata/catalog';
import type { GrantStatus } from '@govdata/domain';
import type { DatasetColumn } from '../entities/dataset-version.entity';
import { readRows, type RowFilter } from '../datasets/rows-table';
import { maskRow, servedItem } from '../masking';
import type { TokenClaims } from '../systems/tokens';
import { DatasetUpstream } from '../entities/dataset-upstream.entity';
import { callUpstream, type UpstreamFetch } from '../upstream/upstream';
import { DEFAULT_LIMITS, type QuotaCounter, type RateWindow } from './limits';
import type { CallInput } from '../records/call-digest';

/** What the call record keeps of a call, filled in as far as the call got: the record's own fields (call-digest.ts). */
export type CallFacts = Pick<CallInput, 'systemId' | 'clientId' | 'departmentId' | 'entryId' | 'grantId' | 'datasetVersion' | 'queryFields' | 'fieldsReturned' | 'rowCount'>;

export const emptyFacts = (): CallFacts => ({ systemId: null, clientId: null, departmentId: null, entryId: null, grantId: null, datasetVersion: null, queryFields: [], fieldsReturned: [], rowCount: 0 });

export interface GatewayRequest {
  claims: TokenClaims;
  entryId: number;
  /** the query string: page, pageSize and field-name filters */
  query: Record<string, unknown>;
  /** business date (Shanghai) for grant validity */
  today: string;
  /** business time, for what a call changes (the audit of 数据已在平台 when an interface's health changes) */
  now: Date;
  /** real time for rate and quota */
  realNow: Date;
}

export interface GatewayDeps {
  rate: RateWindow;
  quota: QuotaCounter;
  hash: (text: string) => string;
  /** how the upstream interface is called (fetch; tests may pass their own) */
  fetch?: UpstreamFetch;
}

/** Grant ids that were active once but no longer are — what the detectors of (六)/(七) look for among refusals. */
export type RefusalReason = 'system_disabled' | 'no_grant' | 'grant_revoked' | 'grant_expired' | 'grant_destroyed';

export class GatewayForbidden extends ForbiddenError {
  constructor(
    message: string,
    code: string,
    readonly reason: RefusalReason,
    readonly grantId: number | null,
  ) {
    super(message, code);
  }
}

const POSITIVE = /^[1-9]\d{0,8}$/;

// The reads of a call are plain SQL: each call makes them all, and entity hydration cost more than the queries
// (bench:gateway). JSON columns arrive as text on SQLite, booleans as 0/1.
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
const truthy = (v: unknown): boolean => v === true || v === 1 || v === '1';

/**
 * What decides a call, in one row: the system, the entry, the consumer's grant for it — its active, unexpired one if
 * any, else its latest (which names why the call is refused) — that grant's limits and the entry's live version.
 * The system's row is the one the statement starts from: no row, no system.
 */
const ACCESS_SQL =
  'select sys.status as system_status, sys.department_id, e.status as entry_status,' +
  ' g.id as grant_id, g.status as grant_status, g.valid_until, g.item_ids, l.per_minute, l.per_day, v.version, v.columns, v.rows_table' +
  ' from app_systems sys' +
  ' left join catalog_entries e on e.id = ?' +
  ' left join share_grants g on g.id = (select g2.id from share_grants g2 where g2.consumer_id = sys.department_id and g2.entry_id = e.id' +
  "  order by case when g2.status = 'active' and g2.valid_until >= ? then 0 else 1 end, g2.id desc limit 1)" +
  ' left join grant_limits l on l.grant_id = g.id' +
  " left join dataset_versions v on v.entry_id = e.id and v.status = 'live'" +
  ' where sys.id = ?';
interface AccessRow {
  system_status: string;
  department_id: number;
  entry_status: string | null;
  grant_id: number | null;
  grant_status: string | null;
  valid_until: string | null;
  item_ids: string | number[] | null;
  per_minute: number | string | null;
  per_day: number | string | null;
  version: number | null;
  columns: string | DatasetColumn[] | null;
  rows_table: string | null;
}
interface ItemRow {
  id: number;
  name: string;
  field_name: string;
  desensitization: Desensitization;
  query_key: unknown;
  primary_key: unknown;
}

function pageOf(query: Record<string, unknown>): { page: number; pageSize: number } {
  const page = query.page === undefined ? 1 : String(query.page);
  const size = query.pageSize === undefined ? 20 : String(query.pageSize);
  if (typeof page === 'string' && !POSITIVE.test(page)) throw new ValidationError('page 应为正整数', [{ path: 'query.page', message: 'page 应为正整数' }], 'gateway.bad_page');
  if (typeof size === 'string' && (!POSITIVE.test(size) || Number(size) > 100)) throw new ValidationError('pageSize 应为 1–100 的整数', [{ path: 'query.pageSize', message: 'pageSize 应为 1–100 的整数' }], 'gateway.bad_page');
  return { page: Number(page), pageSize: Number(size) };
}

/**
 * One gateway read (issue 15 §4), checked at this moment: the system is active, its department holds an active,
 * unexpired grant for the entry (or 专用 access, 第十六条(三)); only granted items are served, each desensitised by
 * its rule; filters only on query-key items; per-minute rate and daily quota per grant. Nothing is cached: a revoked
 * grant or a disabled system is refused on the very next call. `facts` is filled in as the call proceeds, for its
 * call record whatever the outcome.
 */
export async function serveRecords(em: EntityManager, deps: GatewayDeps, req: GatewayRequest, facts: CallFacts): Promise<GatewayRecords> {
  const { claims, entryId } = req;
  Object.assign(facts, { systemId: claims.systemId, clientId: claims.clientId, departmentId: claims.departmentId, entryId });
  facts.queryFields = Object.keys(req.query).filter((k) => k !== 'page' && k !== 'pageSize').sort();

  // one statement for what decides access (bench:gateway: each statement costs 7–20 µs of a lookup's ~0.4 ms)
  const [a] = await sqlAll<AccessRow>(em, ACCESS_SQL, [entryId, req.today, claims.systemId]);
  if (!a || a.system_status !== 'active') throw new GatewayForbidden('该接入系统已停用，不能调用共享数据', 'gateway.system_disabled', 'system_disabled', null);
  const departmentId = Number(a.department_id);
  facts.departmentId = departmentId;

  if (!a.entry_status || a.entry_status === 'draft') throw new NotFoundError(`资源目录条目 ${entryId} 不存在`, 'gateway.entry_not_found');
  if (a.entry_status === 'retired') throw new NotFoundError(`资源目录条目 ${entryId} 已下线（第十九条），请改用其替代资源`, 'gateway.entry_retired');

  // the grant, read now (no cache may outlive a revocation): the department's active, unexpired one, else its latest
  const grant = a.grant_id == null ? null : { id: Number(a.grant_id), status: a.grant_status as GrantStatus, validUntil: String(a.valid_until) };
  const active = grant && grant.status === 'active' && grant.validUntil >= req.today ? grant : null;
  let itemIds: number[] | null = null;
  let accessKey: string;
  if (active) {
    facts.grantId = active.id;
    itemIds = json<number[]>(a.item_ids);
    accessKey = `g:${active.id}`;
  } else if (await isDedicatedFor(em, entryId, departmentId)) {
    accessKey = `d:${entryId}:${departmentId}`;
  } else {
    const last = grant;
    if (!last) throw new GatewayForbidden('本部门没有该资源的共享授权，请先提交共享申请', 'gateway.no_grant', 'no_grant', null);
    facts.grantId = last.id;
    if (last.status === 'revoked') throw new GatewayForbidden(`共享授权 ${last.id} 已被撤销，共享通道已切断（第二十七条）`, 'gateway.grant_revoked', 'grant_revoked', last.id);
    if (last.status === 'destroyed') throw new GatewayForbidden(`本部门已确认销毁共享授权 ${last.id} 的数据，不能再调用（第二十七条）`, 'gateway.grant_destroyed', 'grant_destroyed', last.id);
    throw new GatewayForbidden(`共享授权 ${last.id} 已于 ${last.validUntil} 到期，请续期或重新申请`, 'gateway.grant_expired', 'grant_expired', last.id);
  }

  const items = (
    await sqlAll<ItemRow>(em, 'select id, name, field_name, desensitization, query_key, primary_key from catalog_items where entry_id = ? and removed_at is null order by position', [entryId])
  ).map((i) => ({ id: Number(i.id), name: i.name, fieldName: i.field_name, desensitization: i.desensitization, queryKey: truthy(i.query_key), primaryKey: truthy(i.primary_key) }));
  const granted = itemIds ? items.filter((i) => itemIds.includes(i.id)) : items;

  // filters: only query-key items the grant covers
  const { page, pageSize } = pageOf(req.query);
  const byField = new Map(granted.map((i) => [i.fieldName, i]));
  const keys = granted.filter((i) => i.queryKey || i.primaryKey).map((i) => i.fieldName);
  const filters: RowFilter[] = [];
  for (const field of facts.queryFields) {
    const it = byField.get(field);
    const value = req.query[field];
    if (!it || !(it.queryKey || it.primaryKey)) {
      throw new ValidationError(`“${field}”不能作为查询条件；可用的查询字段：${keys.join('、') || '无'}`, [{ path: `query.${field}`, message: `可用的查询字段：${keys.join('、') || '无'}` }], 'gateway.not_a_key');
    }
    if (typeof value !== 'string' || value === '') throw new ValidationError(`查询字段“${field}”应给出一个值`, [{ path: `query.${field}`, message: '应给出一个值' }], 'gateway.bad_filter');
    filters.push({ column: `c_${field}`, value });
  }

  // rate and quota
  const limits = active && a.per_minute != null ? { perMinute: Number(a.per_minute), perDay: Number(a.per_day) } : DEFAULT_LIMITS;
  const wait = deps.rate.take(accessKey, limits.perMinute, req.realNow.getTime());
  if (wait > 0) throw new TooManyRequestsError(`调用过于频繁：每分钟最多 ${limits.perMinute} 次，请 ${wait} 秒后再试`, wait, 'gateway.rate_limited');
  if (!(await deps.quota.take(accessKey, shanghaiDate(req.realNow), limits.perDay))) {
    const midnight = Date.parse(`${shanghaiDate(req.realNow)}T00:00:00+08:00`) + 86_400_000;
    throw new TooManyRequestsError(`今日调用已达配额 ${limits.perDay} 次，次日 0 时恢复`, Math.max(1, Math.ceil((midnight - req.realNow.getTime()) / 1000)), 'gateway.quota_exceeded');
  }

  if (a.rows_table == null) {
    // 接口服务: no dataset on the platform, the provider's own interface answers instead (issue 15 §2)
    const upstream = await em.findOne(DatasetUpstream, { entry: entryId });
    if (!upstream) throw new NotFoundError('该资源尚未发布数据，也没有登记接口服务', 'gateway.no_data');
    const answer = await callUpstream(em, upstream, { filters: Object.fromEntries(filters.map((f) => [f.column.slice(2), String(f.value)])), page, pageSize, consumerDepartmentId: departmentId, grantId: active?.id ?? null }, req.now, deps.fetch);
    const served = granted.map((i) => servedItem(i));
    const out = answer.items.map((r) => maskRow(r, served, deps.hash));
    facts.fieldsReturned = served.filter((s) => s.desensitization !== 'remove').map((s) => s.fieldName);
    facts.rowCount = out.length;
    return { items: out, total: answer.total, page, pageSize, version: null, source: 'upstream' };
  }
  const version = { version: Number(a.version), columns: json<DatasetColumn[]>(a.columns), rowsTable: a.rows_table };
  facts.datasetVersion = version.version;
  const grantedIds = new Set(granted.map((i) => i.id));
  const rule = new Map(granted.map((i) => [i.id, i]));
  const columns = version.columns.filter((c) => grantedIds.has(c.itemId));
  const missing = filters.find((f) => !columns.some((c) => c.column === f.column));
  if (missing) throw new ValidationError(`现行数据版本中没有“${missing.column.slice(2)}”列`, [], 'gateway.not_a_key');
  const served = columns.map((c) => servedItem({ fieldName: c.fieldName, name: c.name, desensitization: (rule.get(c.itemId)?.desensitization ?? 'remove') as Desensitization }));
  const { rows, total } = await readRows(em, version.rowsTable, columns, filters, page, pageSize);
  const out = rows.map((r) => maskRow(r, served, deps.hash));
  facts.fieldsReturned = served.filter((s) => s.desensitization !== 'remove').map((s) => s.fieldName);
  facts.rowCount = out.length;
  return { items: out, total, page, pageSize, version: version.version, source: 'dataset' };
}
