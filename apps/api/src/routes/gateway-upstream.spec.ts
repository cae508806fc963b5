import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogEntry, CatalogItem } from '@govdata/catalog';
import { AuditEvent } from '@govdata/core';
import { CallRecord, DatasetUpstream } from '@govdata/gateway';
import { BREAKER_FAILURE_THRESHOLD, UPSTREAM_MAX_BYTES } from '@govdata/domain';
import { createTestApp, type TestApp } from '../testing/harness';
import { entryOf, logins } from '../testing/share-fixtures';

/**
 * 接口服务 (issue 15 §2) against a real HTTP server on this machine standing in for a provider's system: the gateway
 * proxies granted calls, masks what comes back, refuses what the contract forbids, and opens its circuit after
 * repeated failures; 数据已在平台 follows the interface's health.
 */
type Mode = 'ok' | 'error' | 'slow' | 'redirect' | 'huge' | 'html' | 'nested';

describe('接口服务: the gateway proxies a provider interface', () => {
  let t: TestApp;
  let as: ReturnType<typeof logins>;
  let entry: { id: number; itemIds: number[] };
  let server: http.Server;
  let base: string;
  let mode: Mode = 'ok';
  const hits: { url: string; headers: http.IncomingHttpHeaders }[] = [];
  let client: { clientId: string; clientSecret: string };

  const PEOPLE = [
    { id_number: '140602199001011234', name: '张三丰', gender: '男', phone: '13912345678', secret_note: '不应外流' },
    { id_number: '140602198505052345', name: '李四', gender: '女', phone: '13800001111', secret_note: '不应外流' },
  ];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.push({ url: req.url ?? '', headers: req.headers });
      const u = new URL(req.url ?? '/', 'http://stub');
      if (mode === 'error') return void res.writeHead(500).end('boom');
      if (mode === 'redirect') return void res.writeHead(302, { location: 'http://example.invalid/' }).end();
      if (mode === 'html') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>维护中</html>');
      if (mode === 'nested') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[{"id_number":{"x":1}}],"total":1}');
      if (mode === 'huge') {
        // streamed without Content-Length: the cap must hold while reading
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        let sent = 0;
        const push = () => {
          while (sent < 8 && res.write(chunk)) sent++;
          if (sent < 8) res.once('drain', () => { sent++; push(); });
          else res.end('{"items":[],"total":0}');
        };
        return void push();
      }
      const send = () => {
        const id = u.searchParams.get('id_number');
        const rows = id ? PEOPLE.filter((p) => p.id_number === id) : PEOPLE;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: rows.slice(0, Number(u.searchParams.get('pageSize') ?? 20)), total: rows.length }));
      };
      if (mode === 'slow') return void setTimeout(send, 600);
      send();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/people`;

    t = await createTestApp({ now: '2026-02-02T10:00:00+08:00' });
    as = logins(t);
    entry = await entryOf(t, 'gaj', { name: '人口基础信息（接口）', shareType: 'conditional', items: ['公民身份号码', '姓名', '性别', '联系电话'] });
    const em = t.db.fork();
    const items = await em.find(CatalogItem, { entry: entry.id }, { orderBy: { position: 'asc' } });
    const rules = ['partial_mask', 'partial_mask', 'remove', 'partial_mask'] as const;
    items.forEach((it, i) => Object.assign(it, { desensitization: rules[i] }));
    await em.flush();
    // 人社局 holds a grant for ID number, name and phone
    const rsj = await as('rsj');
    const req = await rsj.post('/api/share-requests').send({ entryId: entry.id, itemIds: [entry.itemIds[0], entry.itemIds[1], entry.itemIds[3]], purpose: '办理社会保障卡申领业务时核验申请人身份', scenario: '政务服务大厅窗口受理' });
    await (await as('bureau')).post(`/api/share-requests/${req.body.id}/compliance-review`).send({ decision: 'pass' }).expect(200);
    await (await as('gaj')).post(`/api/share-requests/${req.body.id}/reply`).send({ decision: 'approve' }).expect(200);
    const reg = await rsj.post('/api/systems').send({ name: '社保卡业务系统', description: '社会保障卡申领' });
    client = { clientId: reg.body.clientId, clientSecret: reg.body.clientSecret };
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const token = async () => (await t.anonymous().post('/api/oauth/token').type('form').send({ grant_type: 'client_credentials', ...{ client_id: client.clientId, client_secret: client.clientSecret } })).body.access_token as string;
  const call = async (query = '') => t.anonymous().get(`/gateway/v1/entries/${entry.id}/records${query}`).auth(await token(), { type: 'bearer' });
  const onPlatform = async () => (await t.db.fork().findOneOrFail(CatalogEntry, entry.id)).dataOnPlatform;
  const upstreamRow = () => t.db.fork().findOneOrFail(DatasetUpstream, { entry: entry.id });

  it('registers only for the providing department, with a URL and timeout it can act on', async () => {
    const gaj = await as('gaj');
    expect((await gaj.get(`/api/catalog/entries/${entry.id}/upstream`)).status).toBe(404);
    const ftp = await gaj.put(`/api/catalog/entries/${entry.id}/upstream`).send({ url: 'ftp://10.0.0.1/people' });
    expect(ftp.status).toBe(400);
    expect(ftp.headers['content-type']).toMatch(/problem\+json/);
    expect(ftp.body.errors[0].message).toBe('接口地址只能使用 http 或 https');
    expect((await gaj.put(`/api/catalog/entries/${entry.id}/upstream`).send({ url: 'http://u:p@10.0.0.1/people' })).body.errors[0].message).toBe('接口地址中不能包含用户名或密码');
    expect((await gaj.put(`/api/catalog/entries/${entry.id}/upstream`).send({ url: base, timeoutMs: 50 })).status).toBe(400);
    expect((await (await as('rsj')).put(`/api/catalog/entries/${entry.id}/upstream`).send({ url: base })).status).toBe(403);
    expect(await t.db.fork().count(DatasetUpstream, {})).toBe(0);

    const made = await gaj.put(`/api/catalog/entries/${entry.id}/upstream`).send({ url: base, timeoutMs: 400 });
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ entryId: entry.id, url: base, timeoutMs: 400, health: 'closed', healthy: false, consecutiveFailures: 0, canManage: true });
    // registered but never answered: not yet data on the platform
    expect(await onPlatform()).toBe(false);
    const seen = await (await as('rsj')).get(`/api/catalog/entries/${entry.id}/upstream`);
    expect(seen.body.canManage).toBe(false);
    const audited = await t.db.fork().find(AuditEvent, { action: 'dataset.upstream.register', subjectId: String(entry.id) });
    expect(audited[0].after).toEqual({ url: base, timeoutMs: 400 });
  });

  it('测试连接 reaches the interface; a healthy interface makes the data count as on the platform', async () => {
    const probe = await (await as('gaj')).post(`/api/catalog/entries/${entry.id}/upstream/probe`).send({});
    expect(probe.status).toBe(200);
    expect(probe.body).toMatchObject({ ok: true, message: '连接正常，上游共有 2 行', rows: 2 });
    expect(probe.body.upstream.healthy).toBe(true);
    expect(await onPlatform()).toBe(true);
    const changed = await t.db.fork().find(AuditEvent, { action: 'catalog.entry.data_on_platform', subjectId: String(entry.id) });
    expect(changed.at(-1)?.after).toMatchObject({ dataOnPlatform: true, liveVersion: false, upstreamHealthy: true });
  });

  it('proxies a granted call: passes the key filter on, serves only granted items, masked, and records the call', async () => {
    hits.length = 0;
    const res = await call('?id_number=140602199001011234&pageSize=5');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [{ id_number: '140602********1234', name: '张**', phone: '139****5678' }], total: 1, page: 1, pageSize: 5, version: null, source: 'upstream' });
    const asked = new URL(hits[0].url, 'http://stub');
    expect(Object.fromEntries(asked.searchParams)).toEqual({ id_number: '140602199001011234', page: '1', pageSize: '5' });
    expect(hits[0].headers['x-govdata-consumer-department']).toMatch(/^\d+$/);
    expect(hits[0].headers['x-govdata-grant']).toMatch(/^\d+$/);
    // a non-key filter is refused before the interface is called
    const before = hits.length;
    expect((await call('?name=张三丰')).status).toBe(400);
    expect(hits.length).toBe(before);
    const rec = await t.db.fork().findOneOrFail(CallRecord, { entryId: entry.id, status: 'ok' }, { orderBy: { id: 'desc' } });
    expect(rec).toMatchObject({ rowCount: 1, fieldsReturned: ['id_number', 'name', 'phone'], datasetVersion: null });
  });

  it.each([
    ['error', 502, 'gateway.upstream_bad_gateway', /上游接口返回 HTTP 500/],
    ['redirect', 502, 'gateway.upstream_bad_gateway', /不跟随重定向/],
    ['html', 502, 'gateway.upstream_bad_gateway', /不是 JSON/],
    ['nested', 502, 'gateway.upstream_bad_gateway', /不符合约定：items\.0\.id_number/],
    ['huge', 502, 'gateway.upstream_bad_gateway', new RegExp(`超过 ${UPSTREAM_MAX_BYTES / 1024 / 1024} MB 上限`)],
    ['slow', 504, 'gateway.upstream_timeout', /400 毫秒内未应答/],
  ] as const)('an interface that answers %s gives %i problem+json, recorded as upstream_error', async (m, status, code, message) => {
    // each case starts from a closed circuit
    const em = t.db.fork();
    await em.nativeUpdate(DatasetUpstream, { entry: entry.id }, { consecutiveFailures: 0, openedUntil: null });
    mode = m;
    const res = await call();
    mode = 'ok';
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.code).toBe(code);
    expect(res.body.detail).toMatch(message);
    const rec = await em.findOneOrFail(CallRecord, { entryId: entry.id }, { orderBy: { id: 'desc' } });
    expect(rec).toMatchObject({ status: 'upstream_error', httpStatus: status, rowCount: 0 });
    expect((await upstreamRow()).consecutiveFailures).toBe(1);
  });

  it('opens the circuit after five consecutive failures: refused at once with Retry-After, no longer data on the platform; a probe after the cooldown closes it', async () => {
    const em = t.db.fork();
    await em.nativeUpdate(DatasetUpstream, { entry: entry.id }, { consecutiveFailures: 0, openedUntil: null });
    await (await as('gaj')).post(`/api/catalog/entries/${entry.id}/upstream/probe`).send({}).expect(200);
    expect(await onPlatform()).toBe(true);
    mode = 'error';
    for (let i = 0; i < BREAKER_FAILURE_THRESHOLD; i++) expect((await call()).status).toBe(502);
    const calls = hits.length;
    const open = await call();
    expect(open.status).toBe(503);
    expect(open.body.code).toBe('gateway.upstream_circuit_open');
    expect(Number(open.headers['retry-after'])).toBeGreaterThan(0);
    expect(hits.length).toBe(calls); // not called while open
    expect(await onPlatform()).toBe(false);
    const row = await upstreamRow();
    expect(row.lastError).toBe('上游接口返回 HTTP 500');
    expect((await (await as('gaj')).get(`/api/catalog/entries/${entry.id}/upstream`)).body).toMatchObject({ health: 'open', healthy: false, consecutiveFailures: BREAKER_FAILURE_THRESHOLD });

    // the cooldown passes (real time: move the row's clock instead of waiting); the interface is repaired
    mode = 'ok';
    await em.nativeUpdate(DatasetUpstream, { entry: entry.id }, { openedUntil: new Date(Date.now() - 1000) });
    expect((await (await as('gaj')).get(`/api/catalog/entries/${entry.id}/upstream`)).body.health).toBe('half_open');
    const back = await call();
    expect(back.status).toBe(200);
    expect((await upstreamRow()).openedUntil ?? null).toBeNull();
    expect(await onPlatform()).toBe(true);
  });

  it('a failed half-open probe reopens the circuit at once', async () => {
    const em = t.db.fork();
    await em.nativeUpdate(DatasetUpstream, { entry: entry.id }, { consecutiveFailures: BREAKER_FAILURE_THRESHOLD, openedUntil: new Date(Date.now() - 1000) });
    mode = 'error';
    expect((await call()).status).toBe(502);
    mode = 'ok';
    const row = await upstreamRow();
    expect(row.openedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect((await call()).status).toBe(503);
  });

  it('the hourly check re-derives the fact; removing the interface takes the data off the platform', async () => {
    const em = t.db.fork();
    // a success more than 24 h ago and a closed circuit: not healthy any more, and the check probes it again
    await em.nativeUpdate(DatasetUpstream, { entry: entry.id }, { consecutiveFailures: 0, openedUntil: null, lastSuccessAt: new Date(Date.now() - 25 * 3600_000) });
    mode = 'error';
    const run = await (await as('bureau')).post('/api/admin/jobs/gateway-upstream-health/run').send({});
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ scanned: 1, probed: 1, failed: 1, changed: 1 });
    expect(await onPlatform()).toBe(false);
    mode = 'ok';
    expect((await (await as('bureau')).post('/api/admin/jobs/gateway-upstream-health/run').send({})).body).toMatchObject({ probed: 1, failed: 0, changed: 1 });
    expect(await onPlatform()).toBe(true);

    expect((await (await as('rsj')).delete(`/api/catalog/entries/${entry.id}/upstream`)).status).toBe(403);
    expect((await (await as('gaj')).delete(`/api/catalog/entries/${entry.id}/upstream`)).status).toBe(204);
    expect(await onPlatform()).toBe(false);
    const gone = await call();
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('gateway.no_data');
  });
});
