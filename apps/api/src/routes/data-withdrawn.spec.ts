import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/harness';
import { entryOf, logins, requestBody } from '../testing/share-fixtures';

// 第十九条: a provider stops a resource only through the retirement procedure. Data gone while grants are in force —
// grant holders' calls answered "no data", still none when the daily check runs — is a (五) candidate against the
// provider, once; data restored before the check is not.
describe('未经下线程序停止提供数据 (第十九条 → 第三十三条第（五）项)', () => {
  let t: TestApp;
  let as: ReturnType<typeof logins>;
  let gone: { id: number; itemIds: number[] };
  let restored: { id: number; itemIds: number[] };
  let token: string;
  const CSV = ['公民身份号码,姓名', '140602199001011234,张三丰'].join('\r\n');

  const publish = async (entryId: number) => {
    const gaj = await as('gaj');
    const up = await gaj.post(`/api/catalog/entries/${entryId}/datasets`).set('Content-Type', 'text/csv').send(CSV);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    await gaj.post(`/api/datasets/${up.body.versionId}/publish`).send({}).expect(200);
  };
  /** the data removed outside the platform's procedure (the platform itself offers no way to delete a live version) */
  const removeData = (entryId: number) => t.db.fork().getConnection().execute(`update dataset_versions set status = 'superseded' where entry_id = ${Number(entryId)}`);
  const read = (entryId: number) => t.anonymous().get(`/gateway/v1/entries/${entryId}/records?pageSize=1`).set('Authorization', `Bearer ${token}`);
  const run = async () => {
    const res = await (await as('bureau')).post('/api/admin/jobs/lifecycle-data-withdrawn/run');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const candidates = async () =>
    (await (await as('bureau')).get('/api/violations').query({ sourceKind: 'entry_data_withdrawn', pageSize: 100 })).body.items as Array<{ type: number; department: { name: string }; source: { id: string }; evidence: { summary: string } }>;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-06-15T10:00:00+08:00' });
    as = logins(t);
    gone = await entryOf(t, 'gaj', { name: '居住证信息', shareType: 'conditional', items: ['公民身份号码', '姓名'] });
    restored = await entryOf(t, 'gaj', { name: '暂住登记信息', shareType: 'conditional', items: ['公民身份号码', '姓名'] });
    await publish(gone.id);
    await publish(restored.id);
    const rsj = await as('rsj');
    for (const e of [gone, restored]) {
      const req = await rsj.post('/api/share-requests').send(requestBody(e, 2));
      expect(req.status, JSON.stringify(req.body)).toBe(201);
      await (await as('bureau')).post(`/api/share-requests/${req.body.id}/compliance-review`).send({ decision: 'pass' }).expect(200);
      await (await as('gaj')).post(`/api/share-requests/${req.body.id}/reply`).send({ decision: 'approve' }).expect(200);
    }
    const reg = await rsj.post('/api/systems').send({ name: '社保业务系统', description: '核验参保人身份' });
    token = (await t.anonymous().post('/api/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: reg.body.clientId, client_secret: reg.body.clientSecret })).body.access_token as string;
  });
  afterAll(() => t.close());

  it('records (五) against the provider when grant holders get no data and it is still gone at the check — once', async () => {
    await read(gone.id).expect(200);
    await read(restored.id).expect(200);
    await removeData(gone.id);
    await removeData(restored.id);
    for (let i = 0; i < 3; i++) {
      expect((await read(gone.id)).status).toBe(404);
      expect((await read(restored.id)).status).toBe(404);
    }
    // the provider puts one of them back before the night's check
    await publish(restored.id);

    const first = await run();
    expect(first).toMatchObject({ scanned: 2, violationsCreated: 1 });
    const found = await candidates();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: 5, department: { name: '朔州市公安局' } });
    expect(found[0].source.id.startsWith(`${gone.id}:`)).toBe(true);
    expect(found[0].evidence.summary).toContain('居住证信息');
    expect(found[0].evidence.summary).toContain('第十九条下线程序');

    const again = await run();
    expect(again).toMatchObject({ violationsCreated: 0 });
    expect(await candidates()).toHaveLength(1);
  });
});
