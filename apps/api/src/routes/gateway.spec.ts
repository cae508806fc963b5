import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogItem } from '@govdata/catalog';
import { ShareGrant } from '@govdata/sharing';
import { CallRecord, GrantLimit, sealCallDays, callSealKey, verifyCertificate } from '@govdata/gateway';
import { isPostgres } from '@govdata/core';
import { shanghaiDate } from '@govdata/workdays';
import { createTestApp, type TestApp } from '../testing/harness';
import { entryOf, logins } from '../testing/share-fixtures';
import { binary } from '../testing/responses';

// Issue 15: a department system obtains a token, reads masked records of a granted entry, is refused the moment the
// grant is revoked or the system disabled; every call, allowed or refused, is recorded.
describe('datasets, systems and the sharing gateway', () => {
  let t: TestApp;
  let as: ReturnType<typeof logins>;
  let entry: { id: number; itemIds: number[] };
  let grantId: number;
  let client: { id: number; clientId: string; clientSecret: string };

  const CSV = ['公民身份号码,姓名,性别,出生日期,联系电话', '140602199001011234,张三丰,男,1990-01-01,13912345678', '140602198505052345,李四,女,1985-05-05,13800001111', '140602200012123456,王五,男,2000-12-12,'].join('\r\n');

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-02-02T10:00:00+08:00' });
    as = logins(t);
    entry = await entryOf(t, 'gaj', { name: '人口基础信息', shareType: 'conditional', items: ['公民身份号码', '姓名', '性别', '出生日期', '联系电话'] });
    const em = t.db.fork();
    const items = await em.find(CatalogItem, { entry: entry.id }, { orderBy: { position: 'asc' } });
    // ID 6+4, name keeps the surname, gender removed from what consumers get, birth date hashed, phone 3+4
    const rules = ['partial_mask', 'partial_mask', 'remove', 'hash', 'partial_mask'] as const;
    items.forEach((it, i) => Object.assign(it, { desensitization: rules[i], nullable: i !== 0, dataType: i === 3 ? 'date' : 'string', length: i === 3 ? null : 50 }));
    await em.flush();
  });
  afterAll(() => t.close());

  it('refuses a dataset whose rows do not fit the items, naming row and column, and stores nothing', async () => {
    const gaj = await as('gaj');
    const bad = await gaj.post(`/api/catalog/entries/${entry.id}/datasets`).set('Content-Type', 'text/csv').send('公民身份号码,姓名,出生日期\n,张三,1990-02-30\n140602198505052345,李四,1985-05-05\n');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.body.errors.map((e: { message: string }) => e.message)).toEqual(['第 2 行“公民身份号码”列：“公民身份号码”不能为空', '第 2 行“出生日期”列：“出生日期”应为日期（YYYY-MM-DD），实际为“1990-02-30”']);
    const header = await gaj.post(`/api/catalog/entries/${entry.id}/datasets`).set('Content-Type', 'text/csv').send('身份证,姓名\n1,2\n');
    expect(header.status).toBe(400);
    expect(header.body.errors[0].message).toMatch(/表头“身份证”不是该资源的信息项/);
    expect((await gaj.get(`/api/catalog/entries/${entry.id}/datasets`)).body).toEqual({ items: [], permissions: { canUpload: true, canPublish: true, canPreviewAll: true } });
    // the 数据 tab's buttons follow the service's rule: another department only reads
    expect((await (await as('rsj')).get(`/api/catalog/entries/${entry.id}/datasets`)).body.permissions).toEqual({ canUpload: false, canPublish: false, canPreviewAll: false });
    expect((await (await as('rsj')).post(`/api/catalog/entries/${entry.id}/datasets`).set('Content-Type', 'text/csv').send(CSV)).status).toBe(403);
  });

  it('uploads a version, publishes it and previews it masked', async () => {
    const gaj = await as('gaj');
    const up = await gaj.post(`/api/catalog/entries/${entry.id}/datasets?filename=people.csv`).set('Content-Type', 'text/csv').send(CSV);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ version: 1, rows: 3, status: 'uploaded' });
    const pub = await gaj.post(`/api/datasets/${up.body.versionId}/publish`).send({});
    expect(pub.status).toBe(200);
    expect(pub.body.status).toBe('live');
    const preview = await gaj.get(`/api/catalog/entries/${entry.id}/datasets/preview`);
    expect(preview.body.items[0]).toMatchObject({ id_number: '140602********1234', name: '张**', phone: '139****5678' });
    expect(preview.body.items[0]).not.toHaveProperty('gender');
    expect(preview.body.items[0].birth_date).toMatch(/^[0-9a-f]{64}$/);
    expect(preview.body.items[2].phone).toBeNull();
  });

  it('takes a GB18030 file with field names as header; publishing it supersedes the live version, readable 30 days', async () => {
    const gaj = await as('gaj');
    // "id_number,name\n140602199001011234,张三\n" saved by Excel on Chinese Windows (GB18030)
    const gb = Buffer.concat([Buffer.from('id_number,name\n140602199001011234,'), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from('\n')]);
    const up = await gaj.post(`/api/catalog/entries/${entry.id}/datasets`).set('Content-Type', 'text/csv').send(gb);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ version: 2, rows: 1 });
    const listed = (await gaj.get(`/api/catalog/entries/${entry.id}/datasets`)).body.items;
    expect(listed[0]).toMatchObject({ version: 2, status: 'uploaded', encoding: 'gb18030' });
    const v2 = await gaj.get(`/api/catalog/entries/${entry.id}/datasets/preview?versionId=${up.body.versionId}`);
    expect(v2.body.items).toEqual([{ id_number: '140602********1234', name: '张*' }]);
    // a consumer previews only the live version
    expect((await (await as('rsj')).get(`/api/catalog/entries/${entry.id}/datasets/preview?versionId=${up.body.versionId}`)).status).toBe(403);
    await gaj.post(`/api/datasets/${up.body.versionId}/publish`).send({}).expect(200);
    const after = (await gaj.get(`/api/catalog/entries/${entry.id}/datasets`)).body.items;
    expect(after.map((v: { status: string }) => v.status)).toEqual(['live', 'superseded']);
    expect(Date.parse(after[1].readableUntil) - Date.parse(after[1].supersededAt)).toBe(30 * 86_400_000);
    expect((await gaj.post(`/api/datasets/${after[1].id}/publish`).send({})).status).toBe(409);
    // back to the three-row version for the gateway tests (versions are immutable: upload it again)
    const again = await gaj.post(`/api/catalog/entries/${entry.id}/datasets`).set('Content-Type', 'text/csv').send(CSV);
    await gaj.post(`/api/datasets/${again.body.versionId}/publish`).send({}).expect(200);
  });

  it('lists an entry\'s data versions only to those who may read the entry: a draft\'s to its department, not to others', async () => {
    const draft = await entryOf(t, 'gaj', { name: '未发布的草稿资源', shareType: 'conditional', status: 'draft' });
    expect((await (await as('gaj')).get(`/api/catalog/entries/${draft.id}/datasets`)).status).toBe(200);
    const other = await (await as('rsj')).get(`/api/catalog/entries/${draft.id}/datasets`);
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('catalog.entry_not_found');
    expect((await (await as('rsj')).get(`/api/catalog/entries/${entry.id}/datasets`)).status).toBe(200);
  });

  it('registers a system, issues a token by form and by Basic, and refuses wrong secrets', async () => {
    const rsj = await as('rsj');
    const reg = await rsj.post('/api/systems').send({ name: '社保卡业务系统', description: '社会保障卡申领' });
    expect(reg.status).toBe(201);
    client = { id: reg.body.id, clientId: reg.body.clientId, clientSecret: reg.body.clientSecret };
    expect((await rsj.get('/api/systems')).body.items[0]).not.toHaveProperty('clientSecret');
    expect((await rsj.get('/api/systems')).body.items[0].permissions).toEqual({ canManage: true });
    expect((await (await as('leader')).get('/api/systems')).body.items.find((x: { id: number }) => x.id === reg.body.id).permissions).toEqual({ canManage: false });
    const form = await t.anonymous().post('/api/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret });
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ token_type: 'Bearer', expires_in: 600 });
    const basic = await t.anonymous().post('/api/oauth/token').auth(client.clientId, client.clientSecret).type('form').send({ grant_type: 'client_credentials' });
    expect(basic.status).toBe(200);
    const wrong = await t.anonymous().post('/api/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: 'invalid_client' });
    const grantType = await t.anonymous().post('/api/oauth/token').type('form').send({ grant_type: 'password', client_id: client.clientId, client_secret: client.clientSecret });
    expect(grantType.body.error).toBe('unsupported_grant_type');
  });

  const token = async () => (await t.anonymous().post('/api/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret })).body.access_token as string;

  it('refuses without a token (401) and without a grant (403)', async () => {
    const none = await t.anonymous().get(`/gateway/v1/entries/${entry.id}/records`);
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/Bearer/);
    const noGrant = await t.anonymous().get(`/gateway/v1/entries/${entry.id}/records`).auth(await token(), { type: 'bearer' });
    expect(noGrant.status).toBe(403);
    expect(noGrant.body.code).toBe('gateway.no_grant');
  });

  it('serves only granted items, masked, filtered on key fields only', async () => {
    const rsj = await as('rsj');
    const req = await rsj.post('/api/share-requests').send({ entryId: entry.id, itemIds: entry.itemIds.slice(0, 3), purpose: '办理社会保障卡申领业务时核验申请人身份', scenario: '政务服务大厅窗口受理' });
    expect(req.status).toBe(201);
    await (await as('bureau')).post(`/api/share-requests/${req.body.id}/compliance-review`).send({ decision: 'pass' }).expect(200);
    await (await as('gaj')).post(`/api/share-requests/${req.body.id}/reply`).send({ decision: 'approve' }).expect(200);
    grantId = (await t.db.fork().findOneOrFail(ShareGrant, { request: req.body.id })).id;
    const tk = await token();
    const all = await t.anonymous().get(`/gateway/v1/entries/${entry.id}/records?pageSize=2`).auth(tk, { type: 'bearer' });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 2, version: 3, source: 'dataset' });
    // the gateway's lane skips the console's middleware but not its security headers, request id or caching rule
    expect(all.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'cache-control': 'no-store' });
    expect(all.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(all.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(all.headers).not.toHaveProperty('x-powered-by');
    expect(all.headers).not.toHaveProperty('set-cookie');
    expect(all.body.items[0]).toEqual({ id_number: '140602********1234', name: '张**' });
    const one = await t.anonymous().get(`/gateway/v1/entries/${entry.id}/records?id_number=140602198505052345`).auth(tk, { type: 'bearer' });
    expect(one.body).toMatchObject({ total: 1, items: [{ id_number: '140602********2345', name: '李*' }] });
    const notKey = await t.anonymous().get(`/gateway/v1/entries/${entry.id}/records?name=李四`).auth(tk, { type: 'bearer' });
    expect(notKey.status).toBe(400);
    expect(notKey.body.detail).toMatch(/可用的查询字段：id_number/);
  });

  it('applies the rate limit and the daily quota with Retry-After', async () => {
    const em = t.db.fork();
    em.create(GrantLimit, { grantId, perMinute: 100, perDay: 1, updatedAt: new Date() });
    await em.flush();
    const tk = await token();
    const res = await t.anonymous().get(`/gateway/v1/entries/${entry.id}/records`).auth(tk, { type: 'bearer' });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body.code).toBe('gateway.quota_exceeded');
    await em.nativeDelete(GrantLimit, { grantId });
  });

  it('shows a grant’s limits and daily use to its parties; the provider sets and resets them, audited', async () => {
    const rsj = await as('rsj');
    const usage = await rsj.get(`/api/share-grants/${grantId}/usage`);
    expect(usage.status).toBe(200);
    expect(usage.body.limits).toMatchObject({ perMinute: 600, perDay: 100_000, isDefault: true });
    expect(usage.body.days).toHaveLength(14);
    expect(usage.body.days.at(-1).day).toBe(usage.body.today.day);
    expect(usage.body.today.calls).toBeGreaterThanOrEqual(2);
    // the day's calls on the grant from the call records: two lookups answered; a filter on a non-key and the quota refused
    expect(usage.body.days.at(-1)).toMatchObject({ ok: 2, refused: 2 });
    expect(usage.body.permissions).toEqual({ canSetLimits: false });
    expect((await rsj.put(`/api/share-grants/${grantId}/limits`).send({ perMinute: 10, perDay: 100 })).status).toBe(403);
    expect((await (await as('scjgj')).get(`/api/share-grants/${grantId}/usage`)).status).toBe(403);
    const gaj = await as('gaj');
    const bad = await gaj.put(`/api/share-grants/${grantId}/limits`).send({ perMinute: 500, perDay: 100 });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.body.errors[0]).toMatchObject({ path: 'body.perDay', message: '每日调用配额不能少于每分钟调用上限' });
    expect((await gaj.get(`/api/share-grants/${grantId}/usage`)).body.limits.isDefault).toBe(true);
    const set = await gaj.put(`/api/share-grants/${grantId}/limits`).send({ perMinute: 30, perDay: 2000 });
    expect(set.status).toBe(200);
    expect(set.body.limits).toMatchObject({ perMinute: 30, perDay: 2000, isDefault: false });
    expect(set.body.permissions).toEqual({ canSetLimits: true });
    expect((await t.db.fork().findOneOrFail(GrantLimit, grantId)).perDay).toBe(2000);
    const audited = await (await as('bureau')).get(`/api/admin/audit/events?subjectType=share_grant&subjectId=${grantId}`);
    expect(audited.body.items.map((a: { action: string }) => a.action)).toContain('share_grant.limits_set');
    const reset = await gaj.delete(`/api/share-grants/${grantId}/limits`);
    expect(reset.body.limits).toMatchObject({ perMinute: 600, perDay: 100_000, isDefault: true });
  });

  it('refuses the moment the grant is revoked, and the moment the system is disabled', async () => {
    const tk = await token();
    expect((await t.anonymous().get(`/gateway/v1/entries/${entry.id}/records`).auth(tk, { type: 'bearer' })).status).toBe(200);
    await (await as('gaj')).post(`/api/share-grants/${grantId}/revoke`).send({ reason: '发现超出授权用途使用，依第二十七条收回' }).expect(200);
    const revoked = await t.anonymous().get(`/gateway/v1/entries/${entry.id}/records`).auth(tk, { type: 'bearer' });
    expect(revoked.status).toBe(403);
    expect(revoked.body.code).toBe('gateway.grant_revoked');
    await (await as('rsj')).patch(`/api/systems/${client.id}`).send({ status: 'disabled' }).expect(200);
    expect((await t.anonymous().get(`/gateway/v1/entries/${entry.id}/records`).auth(tk, { type: 'bearer' })).body.code).toBe('gateway.system_disabled');
    expect((await t.anonymous().post('/api/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret })).status).toBe(401);
  });

  it('recorded every call, allowed or refused, in a hash chain, without the query values', async () => {
    const records = await t.db.fork().find(CallRecord, {}, { orderBy: { seq: 'asc' } });
    expect(records.map((r) => r.status)).toEqual(['unauthorized', 'forbidden', 'ok', 'ok', 'bad_request', 'quota_exceeded', 'ok', 'forbidden', 'forbidden']);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (let i = 1; i < records.length; i++) expect(records[i].prevHash).toBe(records[i - 1].hash);
    const lookup = records[3];
    expect(lookup).toMatchObject({ queryFields: ['id_number'], fieldsReturned: ['id_number', 'name'], rowCount: 1, grantId });
    expect(JSON.stringify(lookup)).not.toContain('140602198505052345');
    expect(lookup.responseHash).toMatch(/^[0-9a-f]{64}$/);
    // the systems page reads a system's latest call from the records
    const system = (await (await as('rsj')).get('/api/systems')).body.items.find((x: { id: number }) => x.id === client.id);
    expect(system.lastCalledAt).toBe(records.filter((r) => r.systemId === client.id).at(-1)!.at.toISOString());
  });

  it('shows a consumer its own calls, the provider the calls on its entries, others nothing', async () => {
    const rsj = (await (await as('rsj')).get('/api/call-records')).body;
    expect(rsj.total).toBe(8);
    const gaj = (await (await as('gaj')).get(`/api/call-records?entryId=${entry.id}&status=ok`)).body;
    expect(gaj.items.map((r: { status: string }) => r.status)).toEqual(['ok', 'ok', 'ok']);
    expect(gaj.items[0]).toMatchObject({ system: { name: '社保卡业务系统' }, department: { name: '朔州市人力资源和社会保障局' }, entry: { name: '人口基础信息' } });
    expect((await (await as('mzj')).get('/api/call-records')).body.total).toBe(0);
    expect((await (await as('bureau')).get('/api/call-records')).body.total).toBe(9);
    const stats = (await (await as('bureau')).get('/api/call-records/stats')).body;
    expect(stats.perDepartment[0]).toEqual({ department: '朔州市人力资源和社会保障局', calls: 8 });
  });

  it('issues a certificate for the grant that verifies offline, and fails when a record in it is altered', async () => {
    // the days so far are sealed as if the night had passed
    const em = t.db.fork();
    await sealCallDays(em, callSealKey(), new Date(Date.now() + 2 * 86_400_000));
    const today = shanghaiDate(new Date());
    const res = await (await as('rsj')).get(`/api/call-records/certificate?grantId=${grantId}&from=2020-01-01&to=${today}`);
    expect(res.status).toBe(200);
    const cert = JSON.parse(res.text);
    expect(cert.counts).toMatchObject({ total: 6, ok: 3 });
    expect(cert.seals.length).toBeGreaterThan(0);
    const key = (await t.anonymous().get('/api/call-records/public-key')).body.pem;
    expect(verifyCertificate(cert, key)).toEqual([]);
    const own = cert.links.find((l: { content?: { rowCount: number } }) => l.content);
    own.content.rowCount = 999;
    expect(verifyCertificate(cert, key)).toContainEqual(expect.stringMatching(/内容与摘要不符/));
    expect((await (await as('mzj')).get(`/api/call-records/certificate?grantId=${grantId}&from=2020-01-01&to=${today}`)).status).toBe(403);
  });

  it('issues the certificate as a PDF in Chinese that carries the JSON certificate, which verifies offline (pdftotext, pdfdetach)', async () => {
    const today = shanghaiDate(new Date());
    const url = `/api/call-records/certificate.pdf?grantId=${grantId}&from=2020-01-01&to=${today}`;
    const res = await (await as('rsj')).get(url).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govdata-cert-pdf-'));
    try {
      const file = path.join(dir, 'cert.pdf');
      fs.writeFileSync(file, pdf);
      // poppler-utils (installed by .ci/run): the text as a reader sees it, and the attached JSON
      const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text.status, `pdftotext: ${text.error?.message ?? text.stderr}`).toBe(0);
      const cert = JSON.parse((await (await as('rsj')).get(url.replace('.pdf', ''))).text);
      expect(text.stdout).toContain('政务数据共享调用凭证');
      expect(text.stdout).toContain(cert.grant.entry.name);
      expect(text.stdout).toMatch(/调用总数：6 次（成功 3 次/);
      expect(text.stdout.replace(/\s+/g, '')).toContain(cert.first.hash);
      const detach = spawnSync('pdfdetach', ['-saveall', '-o', dir, file], { encoding: 'utf8' });
      expect(detach.status, detach.stderr).toBe(0);
      const attached = fs.readdirSync(dir).find((f) => f.endsWith('.json'));
      expect(attached).toBeDefined();
      const embedded = JSON.parse(fs.readFileSync(path.join(dir, attached as string), 'utf8'));
      const key = (await t.anonymous().get('/api/call-records/public-key')).body.pem;
      expect(embedded.counts).toEqual(cert.counts);
      expect(verifyCertificate(embedded, key)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect((await (await as('mzj')).get(url)).status).toBe(403);
  });

  it('refuses edits in the database, and verification names the first edited or deleted record', async () => {
    const em = t.db.fork();
    const pg = isPostgres(em);
    await expect(em.execute('update call_records set row_count = 5 where seq = 4')).rejects.toThrow(/append-only/);
    await expect(em.execute('delete from call_records where seq = 2')).rejects.toThrow(/append-only/);
    const bureau = await as('bureau');
    expect((await bureau.get('/api/call-records/verify')).body).toMatchObject({ ok: true, checked: 9, firstBroken: null });
    // an attacker with database access switches the triggers off
    if (pg) await em.execute('alter table call_records disable trigger call_records_append_only');
    else await em.execute('drop trigger call_records_no_update');
    await em.execute('update call_records set row_count = 5 where seq = 4');
    const edited = (await bureau.get('/api/call-records/verify')).body;
    expect(edited.ok).toBe(false);
    expect(edited.firstBroken.reason).toMatch(/序号 4）的内容与其哈希不符/);
    await em.execute('update call_records set row_count = 1 where seq = 4');
    if (!pg) await em.execute('drop trigger call_records_no_delete');
    await em.execute('delete from call_records where seq = 6');
    const deleted = (await bureau.get('/api/call-records/verify')).body;
    expect(deleted.firstBroken.reason).toMatch(/序号 6 的记录缺失/);
  });

  // 第三十三条第（六）项 from the records (issue 15 §6): the consumer's system keeps calling on a revoked grant
  it('records a (六) candidate when a system keeps calling after its grant was revoked — past the tolerance, once per grant', async () => {
    const bureau = await as('bureau');
    const run = async () => {
      const res = await bureau.post('/api/admin/jobs/gateway-ended-grant-calls/run').set('Content-Type', 'application/json').send({});
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    const candidates = async () => (await bureau.get('/api/violations').query({ pageSize: 100 })).body.items.filter((v: { source: { kind: string } }) => v.source.kind === 'share_grant_calls');
    // one refused call after the revocation so far (the next was refused for the disabled system): within the tolerance
    await run();
    expect(await candidates()).toEqual([]);
    await (await as('rsj')).patch(`/api/systems/${client.id}`).send({ status: 'active' }).expect(200);
    const tk = (await t.anonymous().post('/api/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret })).body.access_token;
    for (let i = 0; i < 2; i++) expect((await t.anonymous().get(`/gateway/v1/entries/${entry.id}/records`).auth(tk, { type: 'bearer' })).body.code).toBe('gateway.grant_revoked');
    await run();
    const found = await candidates();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: 6, status: 'candidate', department: { name: '朔州市人力资源和社会保障局' }, source: { id: String(grantId) } });
    expect(found[0].evidence.summary).toMatch(/人口基础信息.*被收回.*此后仍调用 3 次.*第三十三条第（六）项/);
    expect(found[0].evidence.details).toMatchObject({ grantId, ending: 'revoked', refusedCalls: 3 });
    // a second run finds the same grant and records nothing new
    await run();
    expect(await candidates()).toHaveLength(1);
  });
});
