import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Notification, User } from '@govdata/core';
import { ShareGrant } from '@govdata/sharing';
import { createTestApp, type TestApp } from '../testing/harness';
import { entryOf, logins, requestBody } from '../testing/share-fixtures';

// 第二十七条: grants — valid one year and renewable; revoked by the provider or the bureau with a reason, the
// consumer told at once; a consumer that no longer uses the data confirms its destruction.
describe('share grants', () => {
  let t: TestApp;
  let as: ReturnType<typeof logins>;
  const grants: number[] = [];

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-02-02T10:00:00+08:00' });
    as = logins(t);
    for (const [user, name] of [['rsj', '人口基础信息'], ['rsj', '出生医学证明信息'], ['scjgj', '企业登记注册信息']] as const) {
      const entry = await entryOf(t, 'gaj', { name, shareType: 'unconditional' });
      const { body } = await (await as(user)).post('/api/share-requests').send(requestBody(entry, 2));
      await (await as('bureau')).post(`/api/share-requests/${body.id}/compliance-review`).send({ decision: 'pass' }).expect(200);
      grants.push((await t.db.fork().findOneOrFail(ShareGrant, { request: body.id })).id);
    }
  });
  afterAll(() => t.close());

  it('lists grants held and given, one year valid', async () => {
    const held = await (await as('rsj')).get('/api/share-grants?side=held');
    expect(held.body.total).toBe(2);
    expect(held.body.items[0]).toMatchObject({ consumer: { name: '朔州市人力资源和社会保障局' }, provider: { name: '朔州市公安局' }, source: 'request', state: 'active', validUntil: '2027-02-02', actions: ['destroy'] });
    expect(held.body.items[0].items).toHaveLength(2);
    const given = await (await as('gaj')).get('/api/share-grants?side=given');
    expect(given.body.total).toBe(3);
    expect(given.body.items[0].actions).toEqual(['revoke', 'renew']);
    expect((await (await as('mzj')).get('/api/share-grants')).body.total).toBe(0);
    expect((await (await as('mzj')).get(`/api/share-grants/${grants[0]}`)).status).toBe(403);
    expect((await (await as('leader')).get('/api/share-grants')).body.total).toBe(3);
  });

  it('revokes with a reason, tells the consumer at once, and cannot revoke twice', async () => {
    const rsj = await as('rsj');
    expect((await rsj.post(`/api/share-grants/${grants[0]}/revoke`).send({ reason: '使用部门自行收回' })).status).toBe(403);
    expect((await (await as('leader')).post(`/api/share-grants/${grants[0]}/revoke`).send({ reason: '领导小组收回' })).status).toBe(403);
    const gaj = await as('gaj');
    const noReason = await gaj.post(`/api/share-grants/${grants[0]}/revoke`).send({});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].path).toBe('body.reason');
    const res = await gaj.post(`/api/share-grants/${grants[0]}/revoke`).send({ reason: '发现超出授权用途使用，依第二十七条收回' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'revoked', revocation: { bySide: 'provider', byName: '王志强(gaj)', reason: '发现超出授权用途使用，依第二十七条收回' }, actions: [] });
    const rsjUser = await t.db.fork().findOneOrFail(User, { username: 'rsj' });
    const note = await t.db.fork().findOneOrFail(Notification, { recipient: rsjUser.id, kind: 'share_grant.revoked' });
    expect(note.body).toContain('切断共享通道');
    expect((await gaj.post(`/api/share-grants/${grants[0]}/revoke`).send({ reason: '再次收回试试' })).status).toBe(409);
    const bureau = await as('bureau');
    const byBureau = await bureau.post(`/api/share-grants/${grants[2]}/revoke`).send({ reason: '专项检查发现数据管理失控' });
    expect(byBureau.body.revocation.bySide).toBe('bureau');
  });

  it('renews by a year or to a chosen date, never backwards', async () => {
    const gaj = await as('gaj');
    expect((await (await as('rsj')).post(`/api/share-grants/${grants[1]}/renew`).send({})).status).toBe(403);
    const back = await gaj.post(`/api/share-grants/${grants[1]}/renew`).send({ validUntil: '2026-12-31' });
    expect(back.status).toBe(422);
    expect(back.body.detail).toMatch(/应晚于 2027-02-02/);
    expect((await gaj.post(`/api/share-grants/${grants[1]}/renew`).send({ validUntil: '2027-02-30' })).status).toBe(400);
    const once = await gaj.post(`/api/share-grants/${grants[1]}/renew`).send({});
    expect(once.body).toMatchObject({ validUntil: '2028-02-02', renewCount: 1 });
    const chosen = await gaj.post(`/api/share-grants/${grants[1]}/renew`).send({ validUntil: '2028-06-30' });
    expect(chosen.body).toMatchObject({ validUntil: '2028-06-30', renewCount: 2 });
    expect((await gaj.post(`/api/share-grants/${grants[0]}/renew`).send({})).status).toBe(409);
  });

  it('shows a grant past its last day as expired, and lets it be renewed', async () => {
    t.clock.set('2028-07-01T09:00:00+08:00');
    as.clear();
    const rsj = await as('rsj');
    expect((await rsj.get(`/api/share-grants/${grants[1]}`)).body.state).toBe('expired');
    expect((await rsj.get('/api/share-grants?side=held&state=expired')).body.items.map((g: { id: number }) => g.id)).toEqual([grants[1]]);
    const renewed = await (await as('gaj')).post(`/api/share-grants/${grants[1]}/renew`).send({});
    expect(renewed.body).toMatchObject({ state: 'active', validUntil: '2029-07-01' });
  });

  it('lets the consumer declare it stopped using the data and confirm its destruction', async () => {
    const rsj = await as('rsj');
    expect((await (await as('gaj')).post(`/api/share-grants/${grants[1]}/destruction`).send({ destroyedOn: '2028-06-30', method: 'secure_delete' })).status).toBe(403);
    const future = await rsj.post(`/api/share-grants/${grants[1]}/destruction`).send({ destroyedOn: '2028-07-02', method: 'secure_delete' });
    expect(future.status).toBe(422);
    expect(future.body.detail).toMatch(/不能晚于今天/);
    expect((await rsj.post(`/api/share-grants/${grants[1]}/destruction`).send({ destroyedOn: '2028-06-30', method: 'shredder' })).status).toBe(400);
    const ok = await rsj.post(`/api/share-grants/${grants[1]}/destruction`).send({ destroyedOn: '2028-06-30', method: 'media_destruction', note: '硬盘消磁后物理粉碎，监销人：陈海涛' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ state: 'destroyed', destruction: { destroyedOn: '2028-06-30', methodLabel: '存储介质物理销毁', declaredBy: '陈海涛(rsj)' }, actions: [] });
    const gajUser = await t.db.fork().findOneOrFail(User, { username: 'gaj' });
    expect(await t.db.fork().count(Notification, { recipient: gajUser.id, kind: 'share_grant.destroyed' })).toBe(1);
    expect((await rsj.post(`/api/share-grants/${grants[1]}/destruction`).send({ destroyedOn: '2028-06-30', method: 'secure_delete' })).status).toBe(409);
    // a revoked grant's data is destroyed too
    expect((await rsj.post(`/api/share-grants/${grants[0]}/destruction`).send({ destroyedOn: '2028-07-01', method: 'secure_delete' })).body.state).toBe('destroyed');
  });
});
