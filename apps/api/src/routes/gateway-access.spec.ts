import { hash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlRun } from '@govdata/core';
import { CallRecord } from '@govdata/gateway';
import { ShareGrant } from '@govdata/sharing';
import { createTestApp, type TestApp } from '../testing/harness';
import { departmentOf, entryOf, logins } from '../testing/share-fixtures';

// Which grant decides a gateway call (issue 15 §4, 第二十七条): the consumer's active, unexpired grant for the entry
// whatever grants came after it; with none, the latest one, whose ending names the refusal; 专用 access
// (第十六条(三)) without a grant; an entry that is not there or retired (第十九条) is a 404. The gateway reads all of it
// in one statement (serve.ts ACCESS_SQL), so each way through it is checked here against the recorded grant.
describe('the gateway: which grant decides a call', () => {
  let t: TestApp;
  let as: ReturnType<typeof logins>;
  let entry: { id: number; itemIds: number[] };
  let first: number;
  let second: number;
  let tk: string;

  const call = (entryId = entry.id) => t.anonymous().get(`/gateway/v1/entries/${entryId}/records`).auth(tk, { type: 'bearer' });
  const lastRecord = async () => (await t.db.fork().find(CallRecord, {}, { orderBy: { seq: 'desc' }, limit: 1 }))[0];
  const setGrant = (id: number, status: string, validUntil: string) =>
    sqlRun(t.db.fork(), 'update share_grants set status = ?, valid_until = ?, active_key = ? where id = ?', [status, validUntil, status === 'active' ? `test-${id}` : null, id]);
  /** A share request of rsj for the entry, passed and approved: its grant's id. */
  const granted = async () => {
    const req = await (await as('rsj')).post('/api/share-requests').send({ entryId: entry.id, itemIds: entry.itemIds.slice(0, 2), purpose: '办理社会保障卡申领业务时核验申请人身份', scenario: '政务服务大厅窗口受理' });
    expect(req.status).toBe(201);
    await (await as('bureau')).post(`/api/share-requests/${req.body.id}/compliance-review`).send({ decision: 'pass' }).expect(200);
    await (await as('gaj')).post(`/api/share-requests/${req.body.id}/reply`).send({ decision: 'approve' }).expect(200);
    return (await t.db.fork().findOneOrFail(ShareGrant, { request: req.body.id })).id;
  };

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-02-02T10:00:00+08:00' });
    as = logins(t);
    entry = await entryOf(t, 'gaj', { name: '出生登记信息', shareType: 'conditional', items: ['公民身份号码', '姓名', '出生日期'] });
    const gaj = await as('gaj');
    const up = await gaj.post(`/api/catalog/entries/${entry.id}/datasets`).set('Content-Type', 'text/csv').send('公民身份号码,姓名,出生日期\n140602199001011234,张三,1990-01-01\n');
    await gaj.post(`/api/datasets/${up.body.versionId}/publish`).send({}).expect(200);
    const reg = await (await as('rsj')).post('/api/systems').send({ name: '社保业务系统', description: '核验身份' });
    tk = (await t.anonymous().post('/api/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: reg.body.clientId, client_secret: reg.body.clientSecret })).body.access_token;
    first = await granted();
    await (await as('gaj')).post(`/api/share-grants/${first}/revoke`).send({ reason: '调整共享范围后重新申请' }).expect(200);
    second = await granted();
  });
  afterAll(() => t.close());

  it('serves through the active grant, also when a later grant has ended', async () => {
    expect((await call()).status).toBe(200);
    expect((await lastRecord()).grantId).toBe(second);
    // the earlier grant active again, the later one revoked: the active one decides, not the latest
    await setGrant(second, 'revoked', '2027-02-01');
    await setGrant(first, 'active', '2027-02-01');
    const res = await call();
    expect(res.status).toBe(200);
    // the grant's two items only, each as its rule says
    expect(res.body.items).toEqual([{ id_number: '140602********1234', name: '张三' }]);
    const record = await lastRecord();
    expect(record.grantId).toBe(first);
    // the record's response hash is the SM3 of the very bytes the consumer received (第十六条(四))
    expect(record.responseHash).toBe(hash('sm3', res.text, 'hex'));
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
  });

  it('without an active grant, names the latest grant’s ending: revoked, expired, destroyed', async () => {
    await setGrant(first, 'revoked', '2027-02-01');
    const revoked = await call();
    expect(revoked.status).toBe(403);
    expect(revoked.body.code).toBe('gateway.grant_revoked');
    expect(revoked.body.detail).toContain(`共享授权 ${second} 已被撤销`);
    // an active grant past its date is expired (the business date, 2026-02-02)
    await setGrant(second, 'active', '2026-02-01');
    const expired = await call();
    expect(expired.body.code).toBe('gateway.grant_expired');
    expect(expired.body.detail).toContain('已于 2026-02-01 到期');
    await setGrant(second, 'destroyed', '2026-02-01');
    expect((await call()).body.code).toBe('gateway.grant_destroyed');
    expect((await lastRecord()).grantId).toBe(second);
  });

  it('serves 专用 access without a grant (第十六条(三))', async () => {
    const rsj = await departmentOf(t, 'rsj');
    await sqlRun(t.db.fork(), 'insert into catalog_dedicated_departments (entry_id, department_id) values (?, ?)', [entry.id, rsj]);
    const res = await call();
    expect(res.status).toBe(200);
    // no grant limits the items: every item, as its rule masks it
    expect(Object.keys(res.body.items[0]).sort()).toEqual(['birth_date', 'id_number', 'name']);
    expect((await lastRecord()).grantId).toBeNull();
  });

  it('answers 404 for an entry that is not there, and for a retired one', async () => {
    const missing = await call(999_999);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('gateway.entry_not_found');
    await sqlRun(t.db.fork(), "update catalog_entries set status = 'retired' where id = ?", [entry.id]);
    const retired = await call();
    expect(retired.status).toBe(404);
    expect(retired.body.code).toBe('gateway.entry_retired');
  });
});
