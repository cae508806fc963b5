import { z } from 'zod';

/**
 * 接口服务 (issue 15 item 2): an entry's data served by proxying the providing department's own HTTP interface.
 * Registration contract and the circuit breaker's pure rules; state lives in the upstream's DB row.
 */

export const UPSTREAM_TIMEOUT_MIN = 100;
export const UPSTREAM_TIMEOUT_MAX = 10000;
export const UPSTREAM_TIMEOUT_DEFAULT = 3000;
export const UPSTREAM_MAX_BYTES = 5 * 1024 * 1024;
export const BREAKER_FAILURE_THRESHOLD = 5;
export const BREAKER_COOLDOWN_MS = 30_000;
export const UPSTREAM_HEALTHY_WINDOW_MS = 24 * 3600_000;

const upstreamUrl = z.string({ error: 'url 须为字符串' }).trim().max(2000, { error: '接口地址不能超过 2000 个字符' }).superRefine((s, ctx) => {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#\s]*)[^\s]*$/.exec(s);
  if (!m) { ctx.addIssue({ code: 'custom', message: '接口地址不是有效的 URL，请填写 http:// 或 https:// 开头的完整地址' }); return; }
  const scheme = m[1].toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') ctx.addIssue({ code: 'custom', message: '接口地址只能使用 http 或 https' });
  if (m[2].includes('@')) ctx.addIssue({ code: 'custom', message: '接口地址中不能包含用户名或密码' });
  else if (!m[2]) ctx.addIssue({ code: 'custom', message: '接口地址缺少主机名' });
});

export const upstreamInputSchema = z.strictObject({
  url: upstreamUrl,
  timeoutMs: z.number({ error: 'timeoutMs 须为整数毫秒' }).int({ error: 'timeoutMs 须为整数毫秒' })
    .min(UPSTREAM_TIMEOUT_MIN, { error: `超时时间不能少于 ${UPSTREAM_TIMEOUT_MIN} 毫秒` })
    .max(UPSTREAM_TIMEOUT_MAX, { error: `超时时间不能超过 ${UPSTREAM_TIMEOUT_MAX} 毫秒` })
    .default(UPSTREAM_TIMEOUT_DEFAULT),
});
export type UpstreamInput = z.infer<typeof upstreamInputSchema>;

export interface BreakerState { openedUntil: Date | null; consecutiveFailures: number; lastSuccessAt: Date | null; lastFailureAt: Date | null }
export type BreakerHealth = 'closed' | 'open' | 'half_open';

/** open: refuse without calling; half_open: cooldown over, one probe may go through; closed: normal. */
export function breakerHealth(s: BreakerState, now: Date): BreakerHealth {
  if (!s.openedUntil) return 'closed';
  return now.getTime() < s.openedUntil.getTime() ? 'open' : 'half_open';
}

export function afterSuccess(s: BreakerState, now: Date): BreakerState {
  return { ...s, openedUntil: null, consecutiveFailures: 0, lastSuccessAt: now };
}

/** A failed probe reopens at once; otherwise the circuit opens at the threshold. */
export function afterFailure(s: BreakerState, now: Date, cooldownMs = BREAKER_COOLDOWN_MS): BreakerState {
  const failures = s.consecutiveFailures + 1;
  const open = s.openedUntil !== null || failures >= BREAKER_FAILURE_THRESHOLD;
  return { ...s, consecutiveFailures: failures, lastFailureAt: now, openedUntil: open ? new Date(now.getTime() + cooldownMs) : null };
}

/** Healthy for data-on-platform: circuit not open and a success within the last 24 h. */
export function upstreamHealthy(s: BreakerState, now: Date): boolean {
  if (breakerHealth(s, now) === 'open') return false;
  return s.lastSuccessAt !== null && now.getTime() - s.lastSuccessAt.getTime() <= UPSTREAM_HEALTHY_WINDOW_MS;
}

// ---- what crosses the wire ----

export const BREAKER_HEALTHS = ['closed', 'open', 'half_open'] as const;
export const BREAKER_HEALTH_LABELS: Record<BreakerHealth, string> = { closed: '正常', open: '已熔断（暂停调用）', half_open: '待探测恢复' };

export const upstreamDtoSchema = z.object({
  entryId: z.number().int(),
  url: z.string(),
  timeoutMs: z.number().int(),
  health: z.enum(BREAKER_HEALTHS),
  /** not open and a success within 24 h: counts as data on the platform */
  healthy: z.boolean(),
  consecutiveFailures: z.number().int(),
  openedUntil: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastFailureAt: z.string().nullable(),
  /** what went wrong last, in words (never the upstream's body) */
  lastError: z.string().nullable(),
  registeredAt: z.string(),
  registeredByName: z.string(),
  updatedAt: z.string(),
  canManage: z.boolean(),
});
export type UpstreamDto = z.infer<typeof upstreamDtoSchema>;

/** The answer of 测试连接: the registration after the probe, and the probe's own outcome. */
export const upstreamProbeSchema = z.object({ upstream: upstreamDtoSchema, ok: z.boolean(), message: z.string(), latencyMs: z.number().int(), rows: z.number().int().nullable() });
export type UpstreamProbeDto = z.infer<typeof upstreamProbeSchema>;

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * The contract an upstream interface answers with (docs/gateway.md § 接口服务): `GET <url>?<fieldName>=<value>&page=&pageSize=`
 * → `{"items": [{<fieldName>: value, …}], "total": n}`. Values are scalars; keys the entry has no item for are dropped.
 */
export const upstreamAnswerSchema = z.object({
  items: z.array(z.record(z.string(), cell), { error: '应有 items 数组，每行为“字段名: 值”的对象' }).max(1000, { error: 'items 一页不能超过 1000 行' }),
  total: z.number({ error: '应有 total（总行数，整数）' }).int({ error: 'total 应为整数' }).min(0, { error: 'total 不能为负' }),
});
export type UpstreamAnswer = z.infer<typeof upstreamAnswerSchema>;

/** Parses an upstream body; the error names the first problem in words a provider can fix. */
export function parseUpstreamAnswer(text: string): { ok: true; answer: UpstreamAnswer } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: '上游接口返回的不是 JSON' };
  }
  const parsed = upstreamAnswerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `上游接口返回的数据不符合约定：${issue?.path.join('.') ? `${issue.path.join('.')}：` : ''}${issue?.message ?? '格式错误'}` };
  }
  return { ok: true, answer: parsed.data };
}
