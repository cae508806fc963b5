import { Writable } from 'node:stream';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { createTestApp, type TestApp } from '../testing/harness';
import { CLIENT_HEADER, CLIENT_HEADER_VALUE } from './csrf';
import { createLogger } from './logging';

/** The headers helmet sets on every answer (their values are fixed by its configuration). */
const SECURITY = ['content-security-policy', 'cross-origin-opener-policy', 'cross-origin-resource-policy', 'origin-agent-cluster', 'referrer-policy', 'x-content-type-options', 'x-dns-prefetch-control', 'x-download-options', 'x-frame-options', 'x-permitted-cross-domain-policies', 'x-xss-protection'];

const securityOf = (headers: Record<string, string>) => Object.fromEntries(SECURITY.map((h) => [h, headers[h]]));

describe('the read lane (GET/HEAD served as JSON by a route spec, past the console middleware)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-11-20T10:00:00+08:00', seedUntil: 'sharing' });
  });
  afterAll(() => t.close());

  it('answers with the same security headers as the whole pipeline, a request id, no-store and no ETag', async () => {
    const bureau = await t.as('bureau');
    const lane = await bureau.get('/api/share-requests?page=1&pageSize=5');
    expect(lane.status).toBe(200);
    // the OpenAPI document is not a route spec: it goes through helmet itself
    const full = await t.anonymous().get('/api/openapi.json');
    expect(full.status).toBe(200);
    for (const h of SECURITY) expect(full.headers[h], h).toBeTruthy();
    expect(securityOf(lane.headers)).toEqual(securityOf(full.headers));
    expect(lane.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(lane.headers['cache-control']).toBe('no-store');
    expect(lane.headers.etag).toBeUndefined();
    expect(lane.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(lane.body.items).toHaveLength(5);
  });

  it('reads the session: anonymous is 401 as problem+json, another role sees its own scope', async () => {
    const anon = await t.anonymous().get('/api/share-requests');
    expect(anon.status).toBe(401);
    expect(anon.headers['content-type']).toMatch(/problem\+json/);
    expect(anon.body.code).toBe('auth.required');
    const all = (await (await t.as('bureau')).get('/api/share-requests?pageSize=1')).body.total as number;
    const gaj = await t.as('gaj');
    const own = await gaj.get('/api/share-requests?pageSize=100');
    expect(own.status).toBe(200);
    expect(own.body.total).toBeGreaterThan(0);
    expect(own.body.total).toBeLessThan(all);
    const me = (await gaj.get('/api/auth/me')).body as { department: { id: number } };
    for (const r of own.body.items as { requester: { id: number }; provider: { id: number } }[]) expect([r.requester.id, r.provider.id]).toContain(me.department.id);
  });

  it('compresses when the client accepts it, and not otherwise', async () => {
    const bureau = await t.as('bureau');
    const plain = await bureau.get('/api/share-requests?page=1&pageSize=50').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    // superagent inflates the body; the header says it travelled compressed
    const gz = await bureau.get('/api/share-requests?page=1&pageSize=50').set('Accept-Encoding', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body).toEqual(plain.body);
    expect(gz.headers['cache-control']).toBe('no-store');
  });

  it('serves HEAD without a body, keeps declaration order between a fixed path and a parameter, refuses bad parameters', async () => {
    const bureau = await t.as('bureau');
    const head = await bureau.head('/api/share-requests');
    expect(head.status).toBe(200);
    expect(head.text ?? '').toBe('');
    // `/api/violations/export` (a download, not the lane's) is declared before `/api/violations/:id`
    const exported = await bureau.get('/api/violations/export');
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toMatch(/spreadsheetml/);
    const bad = await bureau.get('/api/share-requests/abc');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(securityOf(bad.headers)).toEqual(securityOf(exported.headers));
  });

  it('leaves writes to the whole pipeline: a cross-site post is still refused by the CSRF guard', async () => {
    const bureau = await t.as('bureau');
    const res = await bureau.post('/api/auth/logout-everywhere').set('Origin', 'https://evil.example').set('Sec-Fetch-Site', 'cross-site');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('csrf.refused');
  });

  it('logs, counts and addresses its requests as the whole pipeline does: request id, client behind a trusted proxy, user, route metric', async () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    });
    const app = createApp({ ...t.ctx, log: createLogger('json', { destination }), config: { ...t.ctx.config, trustProxy: 'loopback' } });
    const login = await request(app).post('/api/auth/login').set(CLIENT_HEADER, CLIENT_HEADER_VALUE).send({ username: 'bureau', password: 'Govdata@2026' });
    expect(login.status).toBe(200);
    const cookie = (login.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const lane = await request(app).get('/api/share-requests?pageSize=2').set('Cookie', cookie).set('X-Forwarded-For', '203.0.113.7').set('X-Request-Id', 'proxy-req-lane-0001');
    expect(lane.status).toBe(200);
    expect(lane.headers['x-request-id']).toBe('proxy-req-lane-0001');
    await new Promise((r) => setTimeout(r, 20));
    const line = lines.find((l) => l.reqId === 'proxy-req-lane-0001');
    expect(line).toMatchObject({ msg: 'request', method: 'GET', url: '/api/share-requests?pageSize=2', status: 200, ip: '203.0.113.7', userId: login.body.id });
    // the latency metric carries the route pattern, as for the pipeline's requests
    const metrics = await request(app).get('/metrics').set('Cookie', cookie);
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/govdata_http_request_duration_seconds_count\{[^}]*route="\/api\/share-requests"[^}]*status="200"/);
  });
});
