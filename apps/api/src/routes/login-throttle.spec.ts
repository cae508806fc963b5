import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { openPlatformDatabase } from '@govdata/platform';
import { DEMO_PASSWORD } from '@govdata/demo';
import { LOGIN_THROTTLE } from '@govdata/domain';
import { createApp } from '../app';
import { createTestApp, type TestApp } from '../testing/harness';

/**
 * issue 13 item 3 (anyone could lock out any account) and issue 18 item 4 (simultaneous attempts all passed one
 * check). The client address comes from X-Forwarded-For: the app trusts the loopback proxy, as behind nginx.
 */
describe('login throttling', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: 'loopback' } });
  });
  afterAll(() => t.close());

  const attempt = (from: string, username: string, password: string) =>
    request(t.app).post('/api/auth/login').set('X-Forwarded-For', from).send({ username, password });

  it('an attacker flooding one account blocks only themself: the owner logs in from elsewhere', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await attempt('203.0.113.7', 'agent', `guess-${i}`)).status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_THROTTLE.maxAttemptsPerAccountAndClient);
    expect(statuses.slice(LOGIN_THROTTLE.maxAttemptsPerAccountAndClient).every((s) => s === 429)).toBe(true);
    // even the right password is refused to the flooding client
    expect((await attempt('203.0.113.7', 'agent', DEMO_PASSWORD)).status).toBe(429);

    const owner = await attempt('198.51.100.20', 'agent', DEMO_PASSWORD);
    expect(owner.status).toBe(200);
  }, 180_000);

  it('guessing from many addresses is slowed per account (Retry-After of seconds), and the owner still gets in', async () => {
    const checked: number[] = [];
    let retryAfter = 0;
    const started = Date.now();
    for (let i = 0; i < 40; i++) {
      const res = await attempt(`10.0.${i}.1`, 'rsj', `guess-${i}`);
      if (res.status === 401) checked.push(i);
      else {
        expect(res.status).toBe(429);
        retryAfter = Number(res.headers['retry-after']);
      }
    }
    // ten failures, then one try per wait (1 s, 2 s, 4 s … as real time passes): the rest were refused unchecked
    const elapsedSeconds = (Date.now() - started) / 1000;
    expect(checked.length).toBeGreaterThanOrEqual(LOGIN_THROTTLE.slowAfterAccountFailures);
    expect(checked.length).toBeLessThanOrEqual(LOGIN_THROTTLE.slowAfterAccountFailures + 1 + Math.floor(Math.log2(elapsedSeconds + 1)));
    expect(checked.length).toBeLessThan(20);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_THROTTLE.maxSlowSeconds);

    // the owner waits seconds, not a lockout window
    const first = await attempt('198.51.100.30', 'rsj', DEMO_PASSWORD);
    if (first.status === 429) {
      const wait = Number(first.headers['retry-after']);
      expect(wait).toBeLessThanOrEqual(LOGIN_THROTTLE.maxSlowSeconds);
      t.advanceRealTime(wait * 1000);
      expect((await attempt('198.51.100.30', 'rsj', DEMO_PASSWORD)).status).toBe(200);
    } else expect(first.status).toBe(200);
  }, 180_000);

  it('counts simultaneous attempts atomically, across two API instances with their own connections', async () => {
    const db2 = await openPlatformDatabase(t.db.url, { migrate: false });
    try {
      const second = createApp({ ...t.ctx, db: db2 });
      const fire = (app: typeof t.app, i: number) =>
        request(app).post('/api/auth/login').set('X-Forwarded-For', '192.0.2.99').send({ username: 'scjgj', password: `wrong-${i}` });
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => fire(i % 2 ? second : t.app, i)));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_THROTTLE.maxAttemptsPerAccountAndClient);
      expect(statuses.filter((s) => s === 429)).toHaveLength(10 - LOGIN_THROTTLE.maxAttemptsPerAccountAndClient);
    } finally {
      await db2.close();
    }
  }, 120_000);
});
