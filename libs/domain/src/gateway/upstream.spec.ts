import { describe, expect, it } from 'vitest';
import { afterFailure, afterSuccess, breakerHealth, parseUpstreamAnswer, upstreamHealthy, upstreamInputSchema, type BreakerState } from './upstream';

const fresh: BreakerState = { openedUntil: null, consecutiveFailures: 0, lastSuccessAt: null, lastFailureAt: null };
const t0 = new Date('2026-12-04T03:00:00Z');

describe('upstream registration', () => {
  it('accepts http/https with default timeout, refuses other schemes, credentials and out-of-range timeouts', () => {
    expect(upstreamInputSchema.parse({ url: 'https://a.example/q' })).toEqual({ url: 'https://a.example/q', timeoutMs: 3000 });
    expect(upstreamInputSchema.safeParse({ url: 'ftp://a.example/q' }).success).toBe(false);
    expect(upstreamInputSchema.safeParse({ url: 'https://u:p@a.example/q' }).success).toBe(false);
    expect(upstreamInputSchema.safeParse({ url: 'not a url' }).success).toBe(false);
    expect(upstreamInputSchema.safeParse({ url: 'http://a.example', timeoutMs: 99 }).success).toBe(false);
    expect(upstreamInputSchema.safeParse({ url: 'http://a.example', timeoutMs: 10001 }).success).toBe(false);
    expect(upstreamInputSchema.safeParse({ url: 'http://a.example', timeoutMs: 10000 }).success).toBe(true);
  });
});

describe('circuit breaker', () => {
  it('opens after 5 consecutive failures, half-opens after the cooldown, a failed probe reopens, a success closes', () => {
    let s = fresh;
    for (let i = 0; i < 4; i++) s = afterFailure(s, t0, 30_000);
    expect(breakerHealth(s, t0)).toBe('closed');
    s = afterFailure(s, t0, 30_000);
    expect(breakerHealth(s, t0)).toBe('open');
    const later = new Date(t0.getTime() + 30_000);
    expect(breakerHealth(s, later)).toBe('half_open');
    const re = afterFailure(s, later, 30_000);
    expect(breakerHealth(re, later)).toBe('open');
    const ok = afterSuccess(s, later);
    expect(breakerHealth(ok, later)).toBe('closed');
    expect(ok.consecutiveFailures).toBe(0);
  });
  it('healthy only with a success in the last 24 h and the circuit not open', () => {
    expect(upstreamHealthy(fresh, t0)).toBe(false);
    const ok = afterSuccess(fresh, t0);
    expect(upstreamHealthy(ok, new Date(t0.getTime() + 24 * 3600_000))).toBe(true);
    expect(upstreamHealthy(ok, new Date(t0.getTime() + 24 * 3600_000 + 1))).toBe(false);
    let s = ok;
    for (let i = 0; i < 5; i++) s = afterFailure(s, t0);
    expect(upstreamHealthy(s, t0)).toBe(false);
  });
});

describe('the upstream answer contract', () => {
  it('takes {items, total} with scalar values and names what is wrong otherwise', () => {
    expect(parseUpstreamAnswer('{"items":[{"id_number":"1","age":3,"ok":true,"x":null}],"total":1}')).toEqual({ ok: true, answer: { items: [{ id_number: '1', age: 3, ok: true, x: null }], total: 1 } });
    expect(parseUpstreamAnswer('<html>')).toEqual({ ok: false, message: '上游接口返回的不是 JSON' });
    const nested = parseUpstreamAnswer('{"items":[{"a":{"b":1}}],"total":1}');
    expect(nested.ok).toBe(false);
    expect(!nested.ok && nested.message).toMatch(/^上游接口返回的数据不符合约定：items\.0\.a/);
    expect(parseUpstreamAnswer('{"items":[],"total":-1}')).toMatchObject({ ok: false, message: expect.stringContaining('total 不能为负') });
    expect(parseUpstreamAnswer('{"total":0}')).toMatchObject({ ok: false, message: expect.stringContaining('items') });
  });
});
