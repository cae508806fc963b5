import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, Notification, User } from '@govdata/core';
import { CatalogEntry } from '@govdata/catalog';
import { ShareGrant } from '@govdata/sharing';
import { createTestApp, type TestApp } from '../testing/harness';
import { entryOf, logins } from '../testing/share-fixtures';

// 第十九条: the provider proposes a retirement with a live replacement and at least 20 natural days; the bureau
// approves; consumers are told at once, 5 days before and on the day; new requests are refused with a pointer; the
// gateway answers with Deprecation/Sunset/Link; the daily job retires the entry on the date and ends its grants.
describe('retirement (下线, 第十九条)', () => {
  let t: TestApp;
  let as: ReturnType<typeof logins>;
  let old: { id: number; itemIds: number[] };
  let replacement: { id: number; itemIds: number[] };
  let retirementId: number;
  let tokenOf: () => Promise<string>;

  const CSV = ['公民身份号码,姓名', '140602199001011234,张三丰'].join('\r\n');
  const upload = async (entryId: number) => {
    const gaj = await as('gaj');
    const up = await gaj.post(`/api/catalog/entries/${entryId}/datasets`).set('Content-Type', 'text/csv').send(CSV);
    expect(up.status).toBe(201);
    await gaj.post(`/api/datasets/${up.body.versionId}/publish`).send({}).expect(200);
  };

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-06-15T10:00:00+08:00' });
    as = logins(t);
    old = await entryOf(t, 'gaj', { name: '人口基础信息（旧版）', shareType: 'conditional', items: ['公民身份号码', '姓名'] });
    replacement = await entryOf(t, 'gaj', { name: '人口基础信息', shareType: 'conditional', items: ['公民身份号码', '姓名'] });
    await upload(old.id);
    const rsj = await as('rsj');
    const req = await rsj.post('/api/share-requests').send({ entryId: old.id, itemIds: old.itemIds, purpose: '办理社会保障卡申领业务时核验申请人身份', scenario: '政务服务大厅窗口受理' });
    expect(req.status).toBe(201);
    await (await as('bureau')).post(`/api/share-requests/${req.body.id}/compliance-review`).send({ decision: 'pass' }).expect(200);
    await (await as('gaj')).post(`/api/share-requests/${req.body.id}/reply`).send({ decision: 'approve' }).expect(200);
    const reg = await rsj.post('/api/systems').send({ name: '社保卡业务系统', description: '社会保障卡申领' });
    tokenOf = async () => (await t.anonymous().post('/api/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: reg.body.clientId, client_secret: reg.body.clientSecret })).body.access_token as string;
  });
  afterAll(() => t.close());

  const inbox = async (username: string, kind: string) => {
    const u = await t.db.fork().findOneOrFail(User, { username });
    return t.db.fork().find(Notification, { recipient: u.id, kind }, { orderBy: { id: 'asc' } });
  };
  const runJob = async (at: string) => {
    t.clock.set(at);
    as.clear();
    const res = await (await as('bureau')).post('/api/admin/jobs/retirements/run');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  it('refuses a proposal without a live replacement or with less than 20 natural days, naming the field', async () => {
    const gaj = await as('gaj');
    const propose = (body: Record<string, unknown>) => gaj.post(`/api/catalog/entries/${old.id}/retirement`).send({ reason: '该资源已整合进新版资源', ...body });
    // the entry has data, the replacement none yet: refused (checked, not asserted)
    const noData = await propose({ replacementEntryId: replacement.id, retireOn: '2026-07-05' });
    expect(noData.status).toBe(400);
    expect(noData.body.errors[0]).toMatchObject({ path: 'replacementEntryId', message: expect.stringMatching(/尚无现行数据/) });
    await upload(replacement.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ replacementEntryId: old.id, retireOn: '2026-07-05' }, 'replacementEntryId'],
      [{ replacementEntryId: replacement.id, retireOn: '2026-07-04' }, 'retireOn'],
      [{ replacementEntryId: replacement.id, retireOn: '2026-06-01' }, 'retireOn'],
      [{ replacementEntryId: replacement.id, retireOn: '2026-7-5' }, 'body.retireOn'],
      [{ replacementEntryId: 999_999, retireOn: '2026-07-05' }, 'replacementEntryId'],
    ];
    for (const [body, field] of cases) {
      const res = await propose(body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.errors[0].path).toBe(field);
    }
    expect((await (await as('rsj')).post(`/api/catalog/entries/${old.id}/retirement`).send({ reason: '不是本部门的资源', replacementEntryId: replacement.id, retireOn: '2026-07-05' })).status).toBe(403);
    expect((await (await as('bureau')).get('/api/retirements')).body.total).toBe(0);
  });

  it('takes the proposal; the bureau approves: consumers told, new requests refused with the replacement, Sunset headers', async () => {
    const gaj = await as('gaj');
    const res = await gaj.post(`/api/catalog/entries/${old.id}/retirement`).send({ reason: '该资源已整合进新版资源', replacementEntryId: replacement.id, retireOn: '2026-07-05' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'proposed', retireOn: '2026-07-05' });
    retirementId = res.body.id;
    expect((await gaj.post(`/api/catalog/entries/${old.id}/retirement`).send({ reason: '再申请一次下线', replacementEntryId: replacement.id, retireOn: '2026-07-06' })).status).toBe(409);
    expect(await inbox('bureau', 'retirement.proposed')).toHaveLength(1);
    expect((await gaj.post(`/api/retirements/${retirementId}/approve`)).status).toBe(403);

    const approved = await (await as('bureau')).post(`/api/retirements/${retirementId}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', entry: { status: 'retiring' }, daysLeft: 20, consumers: [{ name: '朔州市人力资源和社会保障局' }] });
    const told = await inbox('rsj', 'retirement.announced');
    expect(told).toHaveLength(1);
    expect(told[0].body).toMatch(/将于 2026-07-05 下线.*替代资源：“人口基础信息”/);

    const refused = await (await as('scjgj')).post('/api/share-requests').send({ entryId: old.id, itemIds: old.itemIds, purpose: '市场主体登记时核验经营者身份', scenario: '登记窗口' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'share_request.entry_retiring', replacementEntryId: replacement.id });

    const read = await t.anonymous().get(`/gateway/v1/entries/${old.id}/records`).auth(await tokenOf(), { type: 'bearer' });
    expect(read.status).toBe(200);
    expect(read.headers.sunset).toBe('Sat, 04 Jul 2026 16:00:00 GMT');
    expect(read.headers.deprecation).toMatch(/^@\d+$/);
    expect(read.headers.link).toContain(`</gateway/v1/entries/${replacement.id}/records>; rel="successor-version"`);
    expect((await (await as('rsj')).get(`/api/catalog/entries/${old.id}`)).body.lifecycle.retirement).toMatchObject({ status: 'approved', retireOn: '2026-07-05', replacement: { id: replacement.id } });
  });

  it('reminds 5 days before (once), and retires on the date: grants end, consumers asked to declare destruction', async () => {
    await runJob('2026-06-29T00:10:00+08:00');
    expect(await inbox('rsj', 'retirement.reminder')).toHaveLength(0);
    await runJob('2026-06-30T00:10:00+08:00');
    await runJob('2026-07-01T00:10:00+08:00');
    expect(await inbox('rsj', 'retirement.reminder')).toHaveLength(1);
    expect((await t.db.fork().findOneOrFail(CatalogEntry, old.id)).status).toBe('retiring');

    await runJob('2026-07-05T00:10:00+08:00');
    const em = t.db.fork();
    expect((await em.findOneOrFail(CatalogEntry, old.id)).status).toBe('retired');
    const grants = await em.find(ShareGrant, { entry: old.id });
    expect(grants.map((g) => g.status)).toEqual(['revoked']);
    expect(grants[0]?.revokeReason).toMatch(/资源已于 2026-07-05 下线/);
    expect((await inbox('rsj', 'retirement.retired'))[0].body).toMatch(/确认销毁.*第二十七条/);
    expect(await em.count(AuditEvent, { action: 'catalog.entry.retire', subjectId: String(old.id) })).toBe(1);
    // a re-run finds nothing to do
    await runJob('2026-07-05T08:00:00+08:00');
    expect(await inbox('rsj', 'retirement.retired')).toHaveLength(1);
    // the gateway no longer serves it; its page stays readable
    const gone = await t.anonymous().get(`/gateway/v1/entries/${old.id}/records`).auth(await tokenOf(), { type: 'bearer' });
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('gateway.entry_retired');
    const page = await (await as('rsj')).get(`/api/catalog/entries/${old.id}`);
    expect(page.status).toBe(200);
    expect(page.body.lifecycle.retirement).toMatchObject({ status: 'retired' });
  });

  it('the bureau returns a proposal with its reasons', async () => {
    const gaj = await as('gaj');
    const p = await gaj.post(`/api/catalog/entries/${replacement.id}/retirement`).send({ reason: '拟整合进全市人口库', replacementEntryId: old.id, retireOn: '2026-08-01' });
    expect(p.status).toBe(400); // the retired entry cannot replace anything
    expect(p.body.errors[0].path).toBe('replacementEntryId');
    const third = await entryOf(t, 'gaj', { name: '人口基础信息（2027 版）', shareType: 'conditional', items: ['公民身份号码', '姓名'] });
    const ok = await gaj.post(`/api/catalog/entries/${third.id}/retirement`).send({ reason: '试运行结束，不再单独提供', replacementEntryId: replacement.id, retireOn: '2026-08-01' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const bureau = await as('bureau');
    expect((await bureau.post(`/api/retirements/${ok.body.id}/return`).send({})).status).toBe(400);
    const back = await bureau.post(`/api/retirements/${ok.body.id}/return`).send({ reason: '替代资源的口径说明不足，请补充后再申请' });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'returned', returnReason: '替代资源的口径说明不足，请补充后再申请', entry: { status: 'published' } });
    expect((await inbox('gaj', 'retirement.returned'))[0].body).toMatch(/口径说明不足/);
    const list = await bureau.get('/api/retirements').query({ status: 'retired' });
    expect(list.body.items.map((r: { id: number }) => r.id)).toEqual([retirementId]);
  });
});
