import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, Deadline, Notification, User } from '@govdata/core';
import { ShareAgent, ShareRequest, ShareRequestEvent, ShareRequestStep } from '@govdata/sharing';
import { createTestApp, type TestApp } from '../testing/harness';
import { departmentOf, entryOf, logins, requestBody } from '../testing/share-fixtures';

// Who sees and does what: parties only, the bureau everything, leaders read-only, agents (第十六条(一)) only their
// delegated entries — and bad input changes nothing.
describe('share requests: isolation, leaders, review agents, bad input', () => {
  let t: TestApp;
  let as: ReturnType<typeof logins>;
  let a: { id: number; itemIds: number[] };
  let b: { id: number; itemIds: number[] };
  const ids: Record<string, number> = {};
  let gajDept: number;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-06-15T10:00:00+08:00' });
    as = logins(t);
    gajDept = await departmentOf(t, 'gaj');
    a = await entryOf(t, 'gaj', { name: '居民身份证信息', shareType: 'conditional' });
    b = await entryOf(t, 'gaj', { name: '户籍人口信息', shareType: 'conditional' });
    for (const [key, user, entry] of [['rsjA', 'rsj', a], ['rsjB', 'rsj', b], ['scjA', 'scjgj', a]] as const) {
      const res = await (await as(user)).post('/api/share-requests').send(requestBody(entry, 3));
      expect(res.status).toBe(201);
      ids[key] = res.body.id;
      await (await as('bureau')).post(`/api/share-requests/${res.body.id}/compliance-review`).send({ decision: 'pass' }).expect(200);
    }
  });
  afterAll(() => t.close());

  const idsOf = (body: { items: { id: number }[] }) => body.items.map((r) => r.id).sort((x, y) => x - y);

  it('shows a department only the requests it is party to', async () => {
    const scj = await as('scjgj');
    expect(idsOf((await scj.get('/api/share-requests')).body)).toEqual([ids.scjA]);
    const foreign = await scj.get(`/api/share-requests/${ids.rsjA}`);
    expect(foreign.status).toBe(403);
    expect(foreign.body.detail).toMatch(/仅申请部门、提供部门/);
    expect((await scj.get(`/api/share-requests/${ids.rsjA}/messages`)).status).toBe(403);
    const mzj = await as('mzj');
    expect((await mzj.get('/api/share-requests')).body.total).toBe(0);
    const gaj = await as('gaj');
    expect(idsOf((await gaj.get('/api/share-requests?box=provided')).body)).toEqual([ids.rsjA, ids.rsjB, ids.scjA]);
    expect(idsOf((await gaj.get('/api/share-requests?box=todo')).body)).toEqual([ids.rsjA, ids.rsjB, ids.scjA]);
    expect((await gaj.get('/api/share-requests?box=mine')).body.total).toBe(0);
    // a provider cannot act as the requester, nor the requester as the provider
    expect((await gaj.post(`/api/share-requests/${ids.rsjA}/withdraw`).send({})).status).toBe(403);
    expect((await (await as('rsj')).post(`/api/share-requests/${ids.rsjA}/reply`).send({ decision: 'approve' })).status).toBe(403);
  });

  it('lets the bureau see all and leaders read all while changing nothing', async () => {
    expect((await (await as('bureau')).get('/api/share-requests')).body.total).toBe(3);
    const leader = await as('leader');
    expect((await leader.get('/api/share-requests')).body.total).toBe(3);
    expect((await leader.get('/api/share-requests?box=review')).status).toBe(200);
    const d = await leader.get(`/api/share-requests/${ids.rsjA}`);
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ parties: [], actions: [] });
    const before = await t.db.fork().count(ShareRequestEvent, {});
    for (const [path, body] of [
      [`/api/share-requests/${ids.rsjA}/reply`, { decision: 'approve' }],
      [`/api/share-requests/${ids.rsjA}/compliance-review`, { decision: 'pass' }],
      [`/api/share-requests/${ids.rsjA}/messages`, { body: '领导批示' }],
      [`/api/share-requests/${ids.rsjA}/withdraw`, {}],
      ['/api/share-requests', requestBody(a, 1)],
      ['/api/share-agents', { userId: 1 }],
    ] as const) {
      const res = await leader.post(path).send(body);
      expect(res.status, path).toBe(403);
    }
    expect(await t.db.fork().count(ShareRequestEvent, {})).toBe(before);
  });

  it('lets a provider designate an agent for some entries; the agent then sees and answers only those', async () => {
    const agentUser = await t.db.fork().findOneOrFail(User, { username: 'agent' }, { populate: ['department'] });
    expect(agentUser.department.getEntity().name).toBe('朔州市大数据中心');
    const agent = await as('agent');
    expect((await agent.get('/api/share-requests?box=todo')).body.total).toBe(0);
    expect((await agent.post(`/api/share-requests/${ids.rsjA}/reply`).send({ decision: 'approve' })).status).toBe(403);

    const gaj = await as('gaj');
    const candidates = await gaj.get('/api/share-agents/candidates');
    expect(candidates.body.map((u: { username: string }) => u.username)).toEqual(['agent']);
    const rsjUser = await t.db.fork().findOneOrFail(User, { username: 'rsj' });
    expect((await gaj.post('/api/share-agents').send({ userId: rsjUser.id })).body.code).toBe('share_agent.not_agent_role');
    const scjEntry = await entryOf(t, 'scjgj', { name: '市场主体登记信息' });
    expect((await gaj.post('/api/share-agents').send({ userId: agentUser.id, entryIds: [scjEntry.id] })).body.code).toBe('share_agent.foreign_entry');
    expect((await agent.post('/api/share-agents').send({ userId: agentUser.id })).status).toBe(403);

    const designated = await gaj.post('/api/share-agents').send({ userId: agentUser.id, entryIds: [a.id] });
    expect(designated.status).toBe(201);
    expect(designated.body).toMatchObject([{ provider: { name: '朔州市公安局' }, user: { username: 'agent', department: { name: '朔州市大数据中心' } }, entry: { id: a.id } }]);
    expect((await gaj.post('/api/share-agents').send({ userId: agentUser.id, entryIds: [a.id] })).status).toBe(409);
    expect(await t.db.fork().count(Notification, { recipient: agentUser.id, kind: 'share_agent.designated' })).toBe(1);
    expect((await agent.get('/api/share-agents')).body.map((x: { entry: { id: number } }) => x.entry.id)).toEqual([a.id]);

    expect(idsOf((await agent.get('/api/share-requests?box=todo')).body)).toEqual([ids.rsjA, ids.scjA]);
    expect((await agent.get(`/api/share-requests/${ids.rsjB}`)).status).toBe(403);
    expect((await agent.post(`/api/share-requests/${ids.rsjB}/reply`).send({ decision: 'approve' })).status).toBe(403);
    const detail = await agent.get(`/api/share-requests/${ids.rsjA}`);
    expect(detail.body).toMatchObject({ parties: ['provider'], actions: ['approve', 'reject'] });

    // the agent's reply counts as the provider's and is recorded as made on its behalf
    const reply = await agent.post(`/api/share-requests/${ids.rsjA}/reply`).send({ decision: 'approve', conditions: '按数据安全协议使用' });
    expect(reply.status).toBe(200);
    const d = await (await as('rsj')).get(`/api/share-requests/${ids.rsjA}`);
    expect(d.body.steps[1]).toMatchObject({ kind: 'provider_reply', decision: 'approve', actorName: '赵思远(agent)', onBehalfOf: { id: gajDept, name: '朔州市公安局' }, met: true });
    expect(d.body.history.at(-1)).toMatchObject({ event: 'approve', actorDepartment: '朔州市大数据中心', onBehalfOf: '朔州市公安局' });
    const ev = await t.db.fork().findOneOrFail(AuditEvent, { action: 'share_request.approve', subjectId: String(ids.rsjA) });
    expect(ev.onBehalfOfDepartmentId).toBe(gajDept);
    expect(ev.actorName).toBe('赵思远(agent)');

    // all entries, then the designation ends
    const all = await gaj.post('/api/share-agents').send({ userId: agentUser.id });
    expect(all.body[0].entry).toBeNull();
    expect(idsOf((await agent.get('/api/share-requests?box=todo')).body)).toEqual([ids.rsjB, ids.scjA]);
    for (const x of (await gaj.get('/api/share-agents')).body) await gaj.delete(`/api/share-agents/${x.id}`).expect(204);
    expect(await t.db.fork().count(ShareAgent, {})).toBe(0);
    expect((await agent.get('/api/share-requests')).body.total).toBe(0);
    expect((await agent.get(`/api/share-requests/${ids.rsjA}`)).status).toBe(403);
  });

  it('refuses bad input with a Chinese problem and changes nothing', async () => {
    const counts = async () => {
      const em = t.db.fork();
      return [await em.count(ShareRequest, {}), await em.count(ShareRequestStep, {}), await em.count(Deadline, {}), await em.count(ShareRequestEvent, {}), await em.count(AuditEvent, {})];
    };
    const before = await counts();
    const rsj = await as('rsj');
    const gaj = await as('gaj');
    const cases = [
      [await rsj.post('/api/share-requests').set('Content-Type', 'application/json').send('{"entryId": 1,'), 400, /JSON/],
      [await rsj.post('/api/share-requests').send({ ...requestBody(a, 1), secret: true }), 400, /secret|未知|Unrecognized|无法识别/],
      [await rsj.post('/api/share-requests').send({ entryId: 'one', itemIds: [], purpose: '', scenario: '' }), 400, /资源|信息项|用途/],
      [await gaj.post('/api/share-requests/abc/reply').send({ decision: 'approve' }), 400, /./],
      [await gaj.post('/api/share-requests/999999/reply').send({ decision: 'approve' }), 404, /共享申请 999999 不存在/],
      [await gaj.post(`/api/share-requests/${ids.scjA}/reply`).send({ decision: 'approve', itemIds: [a.itemIds[4]] }), 422, /不在申请范围内/],
      [await gaj.post(`/api/share-requests/${ids.scjA}/reply`).send({ decision: 'approve', reasonCategory: 'other' }), 400, /不需要驳回理由类别/],
      [await (await as('bureau')).post(`/api/share-requests/${ids.scjA}/compliance-review`).send({ decision: 'pass' }), 409, /当前状态为“待提供部门答复”/],
    ] as const;
    for (const [res, status, detail] of cases) {
      expect(res.status, res.text).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.detail).toMatch(detail);
    }
    expect(await counts()).toEqual(before);
  });
});
