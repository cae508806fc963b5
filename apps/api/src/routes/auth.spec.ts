import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, LoginThrottle, Session, User } from '@govdata/core';
import { DEMO_PASSWORD } from '@govdata/demo';
import { LOGIN_THROTTLE, SESSION_POLICY } from '@govdata/domain';
import { createTestApp, type TestApp } from '../testing/harness';

describe('authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('logs in with the demo password, sets an HttpOnly SameSite=Strict cookie, and answers /me', async () => {
    const agent = t.anonymous();
    const res = await agent.post('/api/auth/login').send({ username: 'gaj', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/govdata_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await agent.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'gaj', roles: ['dept_admin'], department: { name: '朔州市公安局' } });
    expect(me.body.department.code).toHaveLength(18);
  });

  it('refuses a wrong password with 401 problem+json and records the failure', async () => {
    const failures = async () => (await t.db.fork().findOne(LoginThrottle, { key: 'account:rsj' }))?.count ?? 0;
    const before = await failures();
    const res = await t.anonymous().post('/api/auth/login').send({ username: 'rsj', password: 'wrong-password' });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code: 'auth.invalid_credentials', detail: '用户名或密码错误' });
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await failures()).toBe(before + 1);
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const res = await t.anonymous().post('/api/auth/login').send({ username: 'nobody', password: 'whatever' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('auth.invalid_credentials');
  });

  it('throttles one client on one account with 429 and Retry-After, even with the right password', async () => {
    const agent = t.anonymous();
    for (let i = 0; i < LOGIN_THROTTLE.maxAttemptsPerAccountAndClient; i++) {
      expect((await agent.post('/api/auth/login').send({ username: 'scjgj', password: `bad-${i}` })).status).toBe(401);
    }
    const blocked = await agent.post('/api/auth/login').send({ username: 'scjgj', password: DEMO_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(LOGIN_THROTTLE.windowMinutes * 60);
    expect(blocked.body.detail).toMatch(/分钟后再试/);
    // moving the business clock does not lift the throttle: it runs on real time
    t.clock.advance(LOGIN_THROTTLE.windowMinutes * 60_000 + 1000);
    expect((await agent.post('/api/auth/login').send({ username: 'scjgj', password: DEMO_PASSWORD })).status).toBe(429);
    // once the window has passed in real time, the right password works again
    t.advanceRealTime(LOGIN_THROTTLE.windowMinutes * 60_000 + 1000);
    expect((await agent.post('/api/auth/login').send({ username: 'scjgj', password: DEMO_PASSWORD })).status).toBe(200);
  });

  it('throttles one client across usernames (password spraying)', async () => {
    const agent = t.anonymous();
    let last = 0;
    for (let i = 0; i <= LOGIN_THROTTLE.maxFailuresPerClient; i++) {
      last = (await agent.post('/api/auth/login').send({ username: `guess${i}`, password: 'x' })).status;
    }
    expect(last).toBe(429);
    t.advanceRealTime(LOGIN_THROTTLE.windowMinutes * 60_000 + 1000);
  }, 180_000);

  it('refuses a disabled user even with the right password, and ends their sessions', async () => {
    const em = t.db.fork();
    const victim = await (await t.as('bureau')).get('/api/users?q=leader');
    const leaderId = victim.body.items[0].id as number;
    const leaderAgent = await t.as('leader');
    expect((await leaderAgent.get('/api/auth/me')).status).toBe(200);

    const bureau = await t.as('bureau');
    const res = await bureau.patch(`/api/users/${leaderId}`).send({ disabled: true });
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);
    expect((await leaderAgent.get('/api/auth/me')).status).toBe(401);
    const login = await t.anonymous().post('/api/auth/login').send({ username: 'leader', password: DEMO_PASSWORD });
    expect(login.status).toBe(403);
    expect(login.body.code).toBe('auth.disabled');
    const audit = await em.find(AuditEvent, { action: 'user.disable', subjectId: String(leaderId) });
    expect(audit).toHaveLength(1);
    expect(audit[0].before).toMatchObject({ disabled: false });
    expect(audit[0].after).toMatchObject({ disabled: true });
    expect(JSON.stringify(audit[0].after)).not.toMatch(/scrypt/);
    await bureau.patch(`/api/users/${leaderId}`).send({ disabled: false });
  });

  it('logs out: the cookie stops working and an audit event is written', async () => {
    const agent = await t.as('rsj');
    const out = await agent.post('/api/auth/logout');
    expect(out.status).toBe(200);
    expect((await agent.get('/api/auth/me')).status).toBe(401);
    const rsj = await t.db.fork().findOneOrFail(User, { username: 'rsj' });
    expect(await t.db.fork().count(AuditEvent, { action: 'auth.logout', subjectId: String(rsj.id) })).toBeGreaterThan(0);
  });

  it('expires a session after the idle limit and after the absolute limit', async () => {
    const idle = await t.as('gaj');
    t.advanceRealTime(SESSION_POLICY.idleMinutes * 60_000 - 60_000);
    expect((await idle.get('/api/auth/me')).status).toBe(200); // activity slides the idle window
    t.advanceRealTime(SESSION_POLICY.idleMinutes * 60_000 + 1000);
    const expired = await idle.get('/api/auth/me');
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('auth.required');

    const busy = await t.as('gaj');
    for (let h = 0; h < SESSION_POLICY.absoluteHours; h++) {
      t.advanceRealTime(60 * 60_000);
      const r = await busy.get('/api/auth/me');
      expect(r.status).toBe(h < SESSION_POLICY.absoluteHours - 1 ? 200 : 401);
    }
    expect(await t.db.fork().count(Session, {})).toBeGreaterThan(0);
  });

  it('keeps sessions on real time: moving the business clock neither logs people out nor revives an expired session', async () => {
    const start = t.clock.now();
    const agent = await t.as('gaj');
    t.clock.advance(90 * 24 * 3600_000); // the bureau moves a training clock three months on
    expect((await agent.get('/api/auth/me')).status).toBe(200);
    t.clock.set(new Date(start.getTime() - 30 * 24 * 3600_000)); // and back before the session began
    expect((await agent.get('/api/auth/me')).status).toBe(200);
    t.clock.set(start);

    t.advanceRealTime(SESSION_POLICY.idleMinutes * 60_000 + 1000);
    expect((await agent.get('/api/auth/me')).status).toBe(401);
    t.clock.set(new Date(start.getTime() - 24 * 3600_000)); // winding the business clock back does not revive it
    expect((await agent.get('/api/auth/me')).status).toBe(401);
    t.clock.set(start);
  });

  it('audit rows keep the business time and the real recording time', async () => {
    t.clock.set('2026-06-15T10:00:00+08:00');
    const before = Date.now();
    const agent = await t.as('gaj');
    await agent.post('/api/auth/logout');
    const gaj = await t.db.fork().findOneOrFail(User, { username: 'gaj' });
    const [row] = await t.db.fork().find(AuditEvent, { action: 'auth.logout', subjectId: String(gaj.id) }, { orderBy: { id: 'desc' }, limit: 1 });
    expect(row.at.toISOString()).toBe('2026-06-15T02:00:00.000Z');
    expect(row.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.recordedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('rejects a forged or malformed cookie as not logged in', async () => {
    const res = await t.anonymous().get('/api/auth/me').set('Cookie', 'govdata_session=forged-token');
    expect(res.status).toBe(401);
  });
});
