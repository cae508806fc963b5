import type { EntityManager } from '@mikro-orm/knex';
import {
  afterFailure,
  afterSuccess,
  assertCanManageDataset,
  breakerHealth,
  canManageDataset,
  NotFoundError,
  parseUpstreamAnswer,
  RuleViolationError,
  UPSTREAM_MAX_BYTES,
  upstreamHealthy,
  UpstreamError,
  type Actor,
  type BreakerState,
  type UpstreamAnswer,
  type UpstreamDto,
  type UpstreamInput,
  type UpstreamProbeDto,
} from '@govdata/domain';
import { CatalogEntry } from '@govdata/catalog';
import { readableEntry } from '../datasets/versions';
import { audit, fromSqlTime, realNow, sqlAll, type JobDefinition } from '@govdata/core';
import { DatasetUpstream, type IDatasetUpstream } from '../entities/dataset-upstream.entity';

/**
 * 接口服务 (issue 15 §2): an entry whose data stays in the providing department's own system registers that system's
 * HTTP interface; the gateway then proxies each granted call to it — with a timeout, without following redirects,
 * reading at most {@link UPSTREAM_MAX_BYTES} — and masks what comes back exactly as it masks a dataset's rows. A
 * circuit breaker (rules in @govdata/domain) stops calling an interface that keeps failing: after five consecutive
 * failures calls are refused with 503 for the cooldown, then one probe decides. Its state is a row of
 * `dataset_upstreams`, shared by every API process; its times are real time.
 */

export interface UpstreamContext {
  em: EntityManager;
  actor: Actor;
  /** business time, for the audit rows */
  now: Date;
}

const stateOf = (u: IDatasetUpstream): BreakerState => ({ openedUntil: u.openedUntil ?? null, consecutiveFailures: u.consecutiveFailures, lastSuccessAt: u.lastSuccessAt ?? null, lastFailureAt: u.lastFailureAt ?? null });
/** a boolean column read by raw SQL: 0/1 on SQLite, true/false on PostgreSQL */
const sqlTrue = (v: unknown): boolean => v === true || v === 1 || v === '1';
const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

export function upstreamDto(u: IDatasetUpstream, canManage: boolean, at = realNow()): UpstreamDto {
  const s = stateOf(u);
  return {
    entryId: u.entry.id,
    url: u.url,
    timeoutMs: u.timeoutMs,
    health: breakerHealth(s, at),
    healthy: upstreamHealthy(s, at),
    consecutiveFailures: u.consecutiveFailures,
    openedUntil: iso(u.openedUntil),
    lastSuccessAt: iso(u.lastSuccessAt),
    lastFailureAt: iso(u.lastFailureAt),
    lastError: u.lastError ?? null,
    registeredAt: u.registeredAt.toISOString(),
    registeredByName: u.registeredByName,
    updatedAt: u.updatedAt.toISOString(),
    canManage,
  };
}

/** The entry's interface registration, or 404 when it has none. */
export async function getUpstream(ctx: UpstreamContext, entryId: number): Promise<UpstreamDto> {
  const entry = await readableEntry(ctx.em, ctx.actor, entryId);
  const u = await ctx.em.findOne(DatasetUpstream, { entry: entryId });
  if (!u) throw new NotFoundError('该资源没有登记接口服务', 'gateway.no_upstream');
  return upstreamDto(u, canManageDataset(ctx.actor, entry.provider.id));
}

/** 登记/修改接口服务 — the providing department (or the bureau). A changed address starts with a fresh breaker. */
export async function registerUpstream(ctx: UpstreamContext, entryId: number, input: UpstreamInput): Promise<UpstreamDto> {
  const { em, actor, now } = ctx;
  const entry = await readableEntry(em, actor, entryId);
  assertCanManageDataset(actor, entry.provider.id);
  if (entry.status === 'retired') throw new RuleViolationError('该资源已下线（第十九条），不能再登记接口服务', 'gateway.entry_retired');
  const at = realNow();
  let u = await em.findOne(DatasetUpstream, { entry: entryId });
  const before = u ? { url: u.url, timeoutMs: u.timeoutMs } : null;
  if (!u) {
    u = em.create(DatasetUpstream, { entry: entryId, url: input.url, timeoutMs: input.timeoutMs, registeredAt: at, registeredBy: actor.userId, registeredByName: actor.displayName, updatedAt: at, consecutiveFailures: 0 });
  } else {
    if (u.url !== input.url) Object.assign(u, { consecutiveFailures: 0, openedUntil: null, lastSuccessAt: null, lastFailureAt: null, lastError: null });
    Object.assign(u, { url: input.url, timeoutMs: input.timeoutMs, updatedAt: at });
  }
  audit(em, { actor, action: before ? 'dataset.upstream.update' : 'dataset.upstream.register', subjectType: 'catalog_entry', subjectId: entryId, before, after: { url: input.url, timeoutMs: input.timeoutMs }, at: now });
  await em.flush();
  await refreshDataOnPlatform(em, entryId, now, at);
  return upstreamDto(u, true, at);
}

/** 删除接口服务: the gateway stops proxying; without a live version the entry's data is no longer on the platform. */
export async function removeUpstream(ctx: UpstreamContext, entryId: number): Promise<void> {
  const { em, actor, now } = ctx;
  const entry = await readableEntry(em, actor, entryId);
  assertCanManageDataset(actor, entry.provider.id);
  const u = await em.findOne(DatasetUpstream, { entry: entryId });
  if (!u) throw new NotFoundError('该资源没有登记接口服务', 'gateway.no_upstream');
  audit(em, { actor, action: 'dataset.upstream.remove', subjectType: 'catalog_entry', subjectId: entryId, before: { url: u.url, timeoutMs: u.timeoutMs }, at: now });
  em.remove(u);
  await em.flush();
  await refreshDataOnPlatform(em, entryId, now, realNow());
}

// ---- data on the platform, derived ----

/**
 * 数据已在平台, the fact some rule sets make the provider's reply period depend on (issue 12 §1), is derived: the entry
 * has a live dataset version, or a registered interface that is healthy (circuit not open, a success within 24 h).
 * `catalog_entries.data_on_platform` keeps the derived value for the sharing workflow to read; this recomputes it
 * after every event that can change it (publish, register, remove, a breaker that opens or closes) and the hourly
 * upstream check (the 24 h window passing). A change is audited.
 */
export async function refreshDataOnPlatform(em: EntityManager, entryId: number, now: Date, at = realNow()): Promise<boolean> {
  const [row] = await sqlAll<{ stored: unknown; live: number | string; opened_until: unknown; consecutive_failures: number | null; last_success_at: unknown; last_failure_at: unknown; has_upstream: number | string }>(
    em,
    `select e.data_on_platform as stored,
       (select count(*) from dataset_versions v where v.entry_id = e.id and v.status = 'live') as live,
       (select count(*) from dataset_upstreams u where u.entry_id = e.id) as has_upstream,
       u.opened_until, u.consecutive_failures, u.last_success_at, u.last_failure_at
     from catalog_entries e left join dataset_upstreams u on u.entry_id = e.id where e.id = ?`,
    [entryId],
  );
  if (!row) return false;
  const date = (v: unknown): Date | null => (v === null || v === undefined ? null : fromSqlTime(v));
  const healthy = Number(row.has_upstream) > 0 && upstreamHealthy({ openedUntil: date(row.opened_until), consecutiveFailures: Number(row.consecutive_failures ?? 0), lastSuccessAt: date(row.last_success_at), lastFailureAt: date(row.last_failure_at) }, at);
  const derived = Number(row.live) > 0 || healthy;
  const stored = sqlTrue(row.stored);
  if (derived !== stored) {
    await em.nativeUpdate(CatalogEntry, { id: entryId }, { dataOnPlatform: derived });
    audit(em, { actor: null, systemName: 'system:data-on-platform', action: 'catalog.entry.data_on_platform', subjectType: 'catalog_entry', subjectId: entryId, before: { dataOnPlatform: stored }, after: { dataOnPlatform: derived, liveVersion: Number(row.live) > 0, upstreamHealthy: healthy }, at: now });
    await em.flush();
  }
  return derived;
}

// ---- calling the interface ----

export interface UpstreamCall {
  /** query-key filters, by field name */
  filters: Record<string, string>;
  page: number;
  pageSize: number;
  /** who is asking, passed on for the provider's own logs */
  consumerDepartmentId: number | null;
  grantId: number | null;
}

export type UpstreamFetch = typeof fetch;

const cut = (s: string) => (s.length > 300 ? `${s.slice(0, 297)}…` : s);

/** One HTTP exchange with the interface; throws UpstreamError('bad_gateway' | 'timeout') with what went wrong. */
async function exchange(u: IDatasetUpstream, call: UpstreamCall, fetcher: UpstreamFetch): Promise<UpstreamAnswer> {
  const url = new URL(u.url);
  for (const [k, v] of Object.entries(call.filters)) url.searchParams.set(k, v);
  url.searchParams.set('page', String(call.page));
  url.searchParams.set('pageSize', String(call.pageSize));
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'govdata-gateway' };
  if (call.consumerDepartmentId !== null) headers['x-govdata-consumer-department'] = String(call.consumerDepartmentId);
  if (call.grantId !== null) headers['x-govdata-grant'] = String(call.grantId);
  const signal = AbortSignal.timeout(u.timeoutMs);
  const timedOut = () => new UpstreamError('timeout', `上游接口 ${u.timeoutMs} 毫秒内未应答`);
  let res: Response;
  try {
    res = await fetcher(url, { method: 'GET', headers, redirect: 'manual', signal });
  } catch (e) {
    if (signal.aborted) throw timedOut();
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    throw new UpstreamError('bad_gateway', `无法连接上游接口${cause ? `（${cause}）` : ''}`);
  }
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel().catch(() => undefined);
    throw new UpstreamError('bad_gateway', `上游接口返回重定向 ${res.status}；平台不跟随重定向，请登记最终地址`);
  }
  if (res.status !== 200) {
    await res.body?.cancel().catch(() => undefined);
    throw new UpstreamError('bad_gateway', `上游接口返回 HTTP ${res.status}`);
  }
  const declared = Number(res.headers.get('content-length') ?? 0);
  const tooLarge = () => new UpstreamError('bad_gateway', `上游接口的应答超过 ${UPSTREAM_MAX_BYTES / 1024 / 1024} MB 上限；请减少每页行数`);
  if (declared > UPSTREAM_MAX_BYTES) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  // read at most the cap, whatever the headers say
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    const reader = res.body?.getReader();
    for (;;) {
      const next = reader ? await reader.read() : { done: true as const, value: undefined };
      if (next.done) break;
      size += next.value.byteLength;
      if (size > UPSTREAM_MAX_BYTES) {
        await reader?.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(next.value);
    }
  } catch (e) {
    if (e instanceof UpstreamError) throw e;
    if (signal.aborted) throw timedOut();
    throw new UpstreamError('bad_gateway', '读取上游接口的应答时连接中断');
  }
  const parsed = parseUpstreamAnswer(Buffer.concat(chunks).toString('utf8'));
  if (!parsed.ok) throw new UpstreamError('bad_gateway', parsed.message);
  return parsed.answer;
}

/** Loads the breaker state fresh (another process may have changed it) and writes the outcome of a call. */
async function settle(em: EntityManager, u: IDatasetUpstream, error: UpstreamError | null, now: Date, at: Date): Promise<void> {
  await em.refresh(u);
  const before = stateOf(u);
  const wasHealthy = upstreamHealthy(before, at);
  const next = error ? afterFailure(before, at) : afterSuccess(before, at);
  Object.assign(u, { ...next, lastError: error ? cut(error.message) : u.lastError });
  await em.flush();
  if (upstreamHealthy(next, at) !== wasHealthy) await refreshDataOnPlatform(em, u.entry.id, now, at);
}

/**
 * Calls the interface through its breaker. Open: refused at once (503, Retry-After = the rest of the cooldown).
 * Half-open: the first caller claims the probe by moving `opened_until` on (a conditional update, so of concurrent
 * callers exactly one wins); the others are refused as if open.
 */
export async function callUpstream(em: EntityManager, u: IDatasetUpstream, call: UpstreamCall, now: Date, fetcher: UpstreamFetch = fetch): Promise<UpstreamAnswer> {
  const at = realNow();
  const state = stateOf(u);
  const health = breakerHealth(state, at);
  const refuse = (until: Date) => new UpstreamError('circuit_open', `上游接口连续调用失败，已暂停调用（熔断），约 ${Math.max(1, Math.ceil((until.getTime() - at.getTime()) / 1000))} 秒后自动重试`, Math.max(1, Math.ceil((until.getTime() - at.getTime()) / 1000)));
  if (health === 'open') throw refuse(state.openedUntil as Date);
  if (health === 'half_open') {
    const claim = new Date(at.getTime() + u.timeoutMs + 1000);
    const won = await em.nativeUpdate(DatasetUpstream, { id: u.id, openedUntil: state.openedUntil }, { openedUntil: claim });
    if (won !== 1) throw refuse(claim);
    u.openedUntil = claim;
  }
  try {
    const answer = await exchange(u, call, fetcher);
    await settle(em, u, null, now, realNow());
    return answer;
  } catch (e) {
    const error = e instanceof UpstreamError ? e : new UpstreamError('bad_gateway', '调用上游接口失败');
    await settle(em, u, error, now, realNow());
    throw error;
  }
}

/** 测试连接: one call of page 1, size 1, through the breaker's bookkeeping (a success closes an open circuit). */
export async function probeUpstream(ctx: UpstreamContext, entryId: number, fetcher: UpstreamFetch = fetch): Promise<UpstreamProbeDto> {
  const { em, actor, now } = ctx;
  const entry = await readableEntry(em, actor, entryId);
  assertCanManageDataset(actor, entry.provider.id);
  const u = await em.findOne(DatasetUpstream, { entry: entryId });
  if (!u) throw new NotFoundError('该资源没有登记接口服务', 'gateway.no_upstream');
  return probe(em, u, now, fetcher, true);
}

async function probe(em: EntityManager, u: IDatasetUpstream, now: Date, fetcher: UpstreamFetch, canManage: boolean): Promise<UpstreamProbeDto> {
  const started = performance.now();
  const call: UpstreamCall = { filters: {}, page: 1, pageSize: 1, consumerDepartmentId: null, grantId: null };
  try {
    // a deliberate probe goes through even when the circuit is open: the provider is checking a repair
    const answer = await exchange(u, call, fetcher);
    await settle(em, u, null, now, realNow());
    return { upstream: upstreamDto(u, canManage), ok: true, message: `连接正常，上游共有 ${answer.total.toLocaleString('zh-CN')} 行`, latencyMs: Math.round(performance.now() - started), rows: answer.total };
  } catch (e) {
    const error = e instanceof UpstreamError ? e : new UpstreamError('bad_gateway', '调用上游接口失败');
    await settle(em, u, error, now, realNow());
    return { upstream: upstreamDto(u, canManage), ok: false, message: error.message, latencyMs: Math.round(performance.now() - started), rows: null };
  }
}

/**
 * The hourly check (job `gateway-upstream-health`): probes every interface that has had no success in the last hour
 * and is not open (an open one is left to its cooldown), then re-derives 数据已在平台 for every entry with an
 * interface — so the 24-hour window of "healthy" passes even when no one calls.
 */
export async function checkUpstreams(em: EntityManager, now: Date, fetcher: UpstreamFetch = fetch): Promise<{ scanned: number; probed: number; failed: number; changed: number }> {
  const at = realNow();
  const all = await em.find(DatasetUpstream, {}, { orderBy: { id: 'asc' } });
  let probed = 0;
  let failed = 0;
  let changed = 0;
  for (const u of all) {
    const [stored] = await sqlAll<{ d: unknown }>(em, 'select data_on_platform as d from catalog_entries where id = ?', [u.entry.id]);
    const s = stateOf(u);
    if (breakerHealth(s, at) !== 'open' && (!s.lastSuccessAt || at.getTime() - s.lastSuccessAt.getTime() > 3600_000)) {
      probed++;
      if (!(await probe(em, u, now, fetcher, false)).ok) failed++;
    }
    const derived = await refreshDataOnPlatform(em, u.entry.id, now);
    if (stored && sqlTrue(stored.d) !== derived) changed++;
  }
  return { scanned: all.length, probed, failed, changed };
}

/** Hourly: probe idle interfaces and re-derive 数据已在平台 (see checkUpstreams). */
export const upstreamHealthJob: JobDefinition = {
  name: 'gateway-upstream-health',
  title: '接口服务可用性检查（数据是否在平台）',
  schedule: { pattern: '5 * * * *' },
  async run({ em, now, log }) {
    const r = await checkUpstreams(em, now);
    if (r.failed) log(`接口服务检查：${r.failed} 个接口调用失败`);
    return { scanned: r.scanned, probed: r.probed, failed: r.failed, changed: r.changed };
  },
};
