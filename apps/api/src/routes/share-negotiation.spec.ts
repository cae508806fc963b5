import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Notification, User } from '@govdata/core';
import { ShareGrant, ShareRequest } from '@govdata/sharing';
import { createTestApp, type TestApp } from '../testing/harness';
import { departmentOf, entryOf, logins, requestBody } from '../testing/share-fixtures';

const BASIS = '依据《中华人民共和国个人信息保护法》第三十四条，申请范围超出履职必要';

// 第十五条(三): rejected → 协商 between the two departments → 协调 by the bureau, whose decision is final.
// 第十三条(三): a 不予共享 resource is refused at submission; the requester may only ask for coordination.
// 第十六条(三): a 专用 department gets a grant directly.
describe('share requests: rejection, negotiation, coordination, 不予共享 and 专用', () => {
  let t: TestApp;
  let entry: { id: number; itemIds: number[] };
  let as: ReturnType<typeof logins>;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00+08:00' });
    entry = await entryOf(t, 'gaj', { name: '机动车驾驶人信息', shareType: 'conditional' });
    as = logins(t);
  });
  afterAll(() => t.close());

  /** a fresh entry of gaj's, requested by rsj, passed by the bureau, rejected by gaj */
  async function rejectedRequest(): Promise<{ id: number; entry: { id: number; itemIds: number[] } }> {
    const entry = await entryOf(t, 'gaj', { name: '机动车驾驶证信息', shareType: 'conditional' });
    const rsj = await as('rsj');
    const { body } = await rsj.post('/api/share-requests').send(requestBody(entry, 4));
    await (await as('bureau')).post(`/api/share-requests/${body.id}/compliance-review`).send({ decision: 'pass' }).expect(200);
    await (await as('gaj')).post(`/api/share-requests/${body.id}/reply`).send({ decision: 'reject', reasonCategory: 'excessive_items', reason: BASIS }).expect(200);
    return { id: body.id, entry };
  }

  it('refuses a rejection without a reason category and a basis (第十六条(二)), changing nothing', async () => {
    const rsj = await as('rsj');
    const { body } = await rsj.post('/api/share-requests').send(requestBody(entry, 2));
    await (await as('bureau')).post(`/api/share-requests/${body.id}/compliance-review`).send({ decision: 'pass' }).expect(200);
    const gaj = await as('gaj');
    const bare = await gaj.post(`/api/share-requests/${body.id}/reply`).send({ decision: 'reject' });
    expect(bare.status).toBe(400);
    expect(bare.headers['content-type']).toMatch(/problem\+json/);
    expect(bare.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.reason', 'body.reasonCategory']);
    const thin = await gaj.post(`/api/share-requests/${body.id}/reply`).send({ decision: 'reject', reasonCategory: 'other', reason: '不同意' });
    expect(thin.status).toBe(400);
    expect(thin.body.detail).toMatch(/至少 10 个字/);
    const widened = await gaj.post(`/api/share-requests/${body.id}/reply`).send({ decision: 'approve', itemIds: entry.itemIds });
    expect(widened.status).toBe(422);
    expect(widened.body.code).toBe('share_request.items_widened');
    const r = await t.db.fork().findOneOrFail(ShareRequest, body.id);
    expect(r).toMatchObject({ status: 'provider_review', rejectCategory: null, approvedItemIds: null });
    expect(await t.db.fork().count(ShareGrant, { request: body.id })).toBe(0);
  });

  it('opens a negotiation with the requester’s first message; the provider may approve during it', async () => {
    const { id, entry } = await rejectedRequest();
    const gaj = await as('gaj');
    // only the requester opens the negotiation
    expect((await gaj.post(`/api/share-requests/${id}/messages`).send({ body: '请说明具体用途' })).status).toBe(403);
    const rsj = await as('rsj');
    const open = await rsj.post(`/api/share-requests/${id}/messages`).send({ body: '我局仅需核验驾驶证状态，可缩减为两项' });
    expect(open.status).toBe(201);
    expect(open.body).toMatchObject({ side: 'requester', department: { name: '朔州市人力资源和社会保障局' }, body: '我局仅需核验驾驶证状态，可缩减为两项' });
    expect((await rsj.get(`/api/share-requests/${id}`)).body.status).toBe('negotiating');
    const gajUser = await t.db.fork().findOneOrFail(User, { username: 'gaj' });
    expect(await t.db.fork().count(Notification, { recipient: gajUser.id, kind: 'share_request.open_negotiation' })).toBe(1);

    const answer = await gaj.post(`/api/share-requests/${id}/messages`).send({ body: '同意按两项提供，需签署安全协议' });
    expect(answer.body.side).toBe('provider');
    const rsjUser = await t.db.fork().findOneOrFail(User, { username: 'rsj' });
    expect(await t.db.fork().count(Notification, { recipient: rsjUser.id, kind: 'share_request.message' })).toBe(1);
    const thread = await rsj.get(`/api/share-requests/${id}/messages`);
    expect(thread.body.map((m: { side: string }) => m.side)).toEqual(['requester', 'provider']);

    const approve = await gaj.post(`/api/share-requests/${id}/reply`).send({ decision: 'approve', itemIds: entry.itemIds.slice(0, 2), conditions: '签署数据安全协议后开通' });
    expect(approve.body.status).toBe('approved');
    const d = await rsj.get(`/api/share-requests/${id}`);
    expect(d.body.history.map((h: { event: string }) => h.event)).toEqual(['submit', 'pass_conditional', 'reject', 'open_negotiation', 'approve']);
    expect(d.body.grant.state).toBe('active');
    // a reject while negotiating is no longer possible
    expect((await gaj.post(`/api/share-requests/${id}/reply`).send({ decision: 'reject', reasonCategory: 'other', reason: BASIS })).status).toBe(409);
  });

  it('escalates to the bureau, whose decision is final', async () => {
    const { id } = await rejectedRequest();
    const rsj = await as('rsj');
    await rsj.post(`/api/share-requests/${id}/messages`).send({ body: '本局确需全部四项用于待遇资格认证' }).expect(201);
    // escalation needs a reason of substance
    expect((await rsj.post(`/api/share-requests/${id}/coordination`).send({ reason: '协商未果' })).status).toBe(400);
    const gaj = await as('gaj');
    const esc = await gaj.post(`/api/share-requests/${id}/coordination`).send({ reason: '双方对信息项范围意见不一致，提请协调' });
    expect(esc.body.status).toBe('coordinating');
    const bureauUser = await t.db.fork().findOneOrFail(User, { username: 'bureau' });
    expect(await t.db.fork().count(Notification, { recipient: bureauUser.id, kind: 'share_request.escalate' })).toBe(1);
    const bureau = await as('bureau');
    const queue = await bureau.get('/api/share-requests?box=review&status=coordinating');
    expect(queue.body.items.map((r: { id: number }) => r.id)).toContain(id);
    // the bureau may write in the thread while it coordinates
    expect((await bureau.post(`/api/share-requests/${id}/messages`).send({ body: '请双方于周三前提交书面意见' })).body.side).toBe('bureau');
    expect((await rsj.post(`/api/share-requests/${id}/coordination-decision`).send({ decision: 'approve', reason: '我方认为应当共享全部信息项' })).status).toBe(403);
    const refuse = await bureau.post(`/api/share-requests/${id}/coordination-decision`).send({ decision: 'refuse', reason: '经协调，申请范围超出待遇资格认证所需，维持不予提供' });
    expect(refuse.body.status).toBe('refused');
    const d = await rsj.get(`/api/share-requests/${id}`);
    expect(d.body).toMatchObject({ status: 'refused', actions: [], grant: null, coordinationReason: '双方对信息项范围意见不一致，提请协调' });
    expect((await gaj.post(`/api/share-requests/${id}/reply`).send({ decision: 'approve' })).status).toBe(409);
    expect((await rsj.post(`/api/share-requests/${id}/messages`).send({ body: '再议' })).status).toBe(409);
  });

  it('refuses a request for 不予共享 data with the provider’s reasons, storing nothing; coordination is possible', async () => {
    const secret = await entryOf(t, 'gaj', { name: '刑事案件侦查信息', shareType: 'none', noShareReason: '涉及侦查秘密，公开或共享将妨碍侦查', noShareBasis: '《中华人民共和国刑事诉讼法》第一百五十二条' });
    const rsj = await as('rsj');
    const before = await t.db.fork().count(ShareRequest, {});
    const res = await rsj.post('/api/share-requests').send(requestBody(secret, 2));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'share_request.not_shared', noShareReason: '涉及侦查秘密，公开或共享将妨碍侦查', noShareBasis: '《中华人民共和国刑事诉讼法》第一百五十二条' });
    expect(res.body.detail).toMatch(/不予共享类.*刑事诉讼法.*申请政务信息管理局协调/);
    expect(await t.db.fork().count(ShareRequest, {})).toBe(before);

    // an ordinary entry cannot skip the flow through a coordination request
    expect((await rsj.post('/api/share-requests/coordination').send({ ...requestBody(entry, 1), reason: '履行社会保险稽核职责确需使用' })).body.code).toBe('share_request.coordination_not_needed');
    const coord = await rsj.post('/api/share-requests/coordination').send({ ...requestBody(secret, 2), reason: '办理工伤认定时需核实事故性质，确需使用' });
    expect(coord.status).toBe(201);
    expect(coord.body).toEqual({ id: expect.any(Number), status: 'coordinating', dueAt: null });
    const bureau = await as('bureau');
    const ok = await bureau.post(`/api/share-requests/${coord.body.id}/coordination-decision`).send({ decision: 'approve', reason: '经协调，限定一项信息用于工伤认定', itemIds: [secret.itemIds[0]], conditions: '仅限工伤认定个案查询' });
    expect(ok.body.status).toBe('approved');
    const grant = await t.db.fork().findOneOrFail(ShareGrant, { request: coord.body.id });
    expect(grant).toMatchObject({ source: 'coordination', itemIds: [secret.itemIds[0]], conditions: '仅限工伤认定个案查询' });
    expect((await rsj.get(`/api/share-requests/${coord.body.id}`)).body.origin).toBe('not_shared');
  });

  it('sends a 专用 department to the direct grant (第十六条(三)) and refuses a second active one', async () => {
    const rsjDept = await departmentOf(t, 'rsj');
    const dedicated = await entryOf(t, 'gaj', { name: '流动人口居住登记信息', shareType: 'conditional', dedicatedTo: [rsjDept] });
    const rsj = await as('rsj');
    const req = await rsj.post('/api/share-requests').send(requestBody(dedicated, 2));
    expect(req.status).toBe(422);
    expect(req.body.code).toBe('share_request.dedicated');
    const g = await rsj.post('/api/share-grants/dedicated').send({ entryId: dedicated.id, purpose: '就业登记核验居住信息' });
    expect(g.status).toBe(201);
    expect(g.body).toMatchObject({ source: 'dedicated', requestId: null, consumer: { name: '朔州市人力资源和社会保障局' }, state: 'active', validUntil: '2027-03-02' });
    expect(g.body.items).toHaveLength(5);
    expect((await rsj.post('/api/share-grants/dedicated').send({ entryId: dedicated.id, purpose: '就业登记核验居住信息' })).status).toBe(409);
    // a department not on the list must request
    const scj = await as('scjgj');
    const notListed = await scj.post('/api/share-grants/dedicated').send({ entryId: dedicated.id, purpose: '市场主体住所核验' });
    expect(notListed.status).toBe(422);
    expect(notListed.body.code).toBe('share_grant.not_dedicated');
    expect((await scj.post('/api/share-requests').send(requestBody(dedicated, 1))).status).toBe(201);
  });

  it('keeps one open request per department and entry, and refuses own, unknown and unpublished entries', async () => {
    const scj = await as('scjgj');
    const fresh = await entryOf(t, 'gaj', { name: '出入境证件信息', shareType: 'conditional' });
    const first = await scj.post('/api/share-requests').send(requestBody(fresh, 1));
    expect(first.status).toBe(201);
    const dup = await scj.post('/api/share-requests').send(requestBody(fresh, 2));
    expect(dup.status).toBe(409);
    expect(dup.body.detail).toMatch(/已有该资源的在办申请 GXSQ-2026-/);
    expect((await (await as('gaj')).post('/api/share-requests').send(requestBody(fresh, 1))).body.code).toBe('share_request.own_entry');
    expect((await scj.post('/api/share-requests').send({ ...requestBody(fresh, 1), entryId: 999_999 })).status).toBe(404);
    expect((await scj.post('/api/share-requests').send({ ...requestBody(fresh, 1), itemIds: [999_999] })).body.code).toBe('share_request.unknown_items');
    const draft = await entryOf(t, 'gaj', { name: '草稿资源', status: 'draft' });
    expect((await scj.post('/api/share-requests').send(requestBody(draft, 1))).body.code).toBe('share_request.entry_not_published');
  });
});
