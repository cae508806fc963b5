import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/harness';

describe('health, clock and OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-06-15T10:00:00+08:00' });
  });
  afterAll(() => t.close());

  it('reports database, queue and the pinned clock', async () => {
    const res = await t.anonymous().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', db: t.db.dialect, queue: 'in-process', now: '2026-06-15T02:00:00.000Z', clockPinned: true });
    expect(res.body.checks).toMatchObject({ database: { status: 'up', dialect: t.db.dialect, error: null }, queue: { status: 'up', kind: 'in-process', latencyMs: null } });
    expect(res.body.checks.database.latencyMs).toBeGreaterThanOrEqual(0);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('keeps liveness apart from readiness', async () => {
    const live = await t.anonymous().get('/api/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ status: 'alive', pid: process.pid });
    const ready = await t.anonymous().get('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', reason: null, checks: { database: { status: 'up' } } });
    // a process that received SIGTERM drains: not ready, still alive
    t.ctx.lifecycle = { draining: true };
    try {
      const draining = await t.anonymous().get('/api/health/ready');
      expect(draining.status).toBe(503);
      expect(draining.body).toMatchObject({ status: 'not_ready', reason: expect.stringMatching(/正在停止/) });
      expect((await t.anonymous().get('/api/health/live')).status).toBe(200);
    } finally {
      t.ctx.lifecycle = { draining: false };
    }
  });

  it('lets the bureau move a pinned clock; the new time is what rules see', async () => {
    const bureau = await t.as('bureau');
    const res = await bureau.put('/api/admin/clock').send({ now: '2026-09-30T17:00:00+08:00' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ now: '2026-09-30T09:00:00.000Z', pinned: true });
    expect((await t.anonymous().get('/api/health')).body.now).toBe('2026-09-30T09:00:00.000Z');
    // sessions run on real time: moving the platform clock 3½ months on logs nobody out
    expect((await bureau.get('/api/auth/me')).status).toBe(200);
    const bad = await bureau.put('/api/admin/clock').send({ now: 'tomorrow' });
    expect(bad.status).toBe(400);
    expect((await t.anonymous().get('/api/health')).body.now).toBe('2026-09-30T09:00:00.000Z');
  });

  it('serves an OpenAPI 3.1 document generated from the schemas, and Swagger UI', async () => {
    const doc = await t.anonymous().get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const login = doc.body.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    expect(login.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    expect(doc.body.paths['/api/users/{id}'].patch.parameters[0]).toMatchObject({ name: 'id', in: 'path', required: true });
    expect(doc.body.paths['/api/users'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['page', 'pageSize', 'q', 'role']));
    const ui = await t.anonymous().get('/api/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toMatch(/swagger/i);
  });

  it('sends security headers', async () => {
    const res = await t.anonymous().get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('health while the database is down', () => {
  it('answers 503 on /api/health and /api/health/ready, 200 on /api/health/live, and nothing crashes', async () => {
    const t = await createTestApp({ now: '2026-06-15T10:00:00+08:00', seedUntil: null });
    // a session cookie of a browser must not turn the health check into a 500 (sessions live in the database)
    const agent = t.anonymous().set('Cookie', 'govdata_session=stale-token-of-a-browser');
    await t.db.orm.close(true);
    try {
      const health = await agent.get('/api/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'down', checks: { database: { status: 'down', latencyMs: null }, queue: { status: 'up' } } });
      expect(health.body.checks.database.error).toBeTruthy();
      const ready = await agent.get('/api/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'not_ready', reason: expect.stringMatching(/数据库不可用/) });
      expect((await agent.get('/api/health/live')).status).toBe(200);
    } finally {
      await t.close().catch(() => undefined);
    }
  });
});

describe('clock outside a pinned setup', () => {
  it('refuses to move an unpinned clock', async () => {
    const { parseConfig } = await import('../config');
    expect(() => parseConfig({ NODE_ENV: 'production', GOVDATA_NOW: '2026-01-01T00:00:00+08:00' })).toThrow(/production/);
    expect(parseConfig({ NODE_ENV: 'production' }).demo).toBe(false);
    expect(parseConfig({ REDIS_URL: '' }).redisUrl).toBeNull();
    // a relative dist directory is taken from the working directory (sendFile refuses relative paths: that was a 500)
    expect(parseConfig({ GOVDATA_ADMIN_DIST: 'apps/admin/dist' }).adminDist).toBe(`${process.cwd()}/apps/admin/dist`);
    expect(parseConfig({ GOVDATA_PORTAL_DIST: ' ' }).portalDist).toBeNull();
    expect(parseConfig({ REDIS_URL: '  ' }).redisUrl).toBeNull();
    expect(parseConfig({ GOVDATA_DEMO: 'false' }).demo).toBe(false);
    expect(parseConfig({}).demo).toBe(true);
    expect(parseConfig({}).port).toBe(3000);
  });
});
