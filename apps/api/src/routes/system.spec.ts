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

describe('clock outside a pinned setup', () => {
  it('refuses to move an unpinned clock', async () => {
    const { parseConfig } = await import('../config');
    expect(() => parseConfig({ NODE_ENV: 'production', GOVDATA_NOW: '2026-01-01T00:00:00+08:00' })).toThrow(/production/);
    expect(parseConfig({ NODE_ENV: 'production' }).demo).toBe(false);
    expect(parseConfig({ REDIS_URL: '' }).redisUrl).toBeNull();
    expect(parseConfig({ REDIS_URL: '  ' }).redisUrl).toBeNull();
    expect(parseConfig({ GOVDATA_DEMO: 'false' }).demo).toBe(false);
    expect(parseConfig({}).demo).toBe(true);
    expect(parseConfig({}).port).toBe(3000);
  });
});
