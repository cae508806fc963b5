import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deadline, User } from '@govdata/core';
import { ShareGrant, ShareRequest, ShareRequestEvent, ShareRequestStep } from '@govdata/sharing';
import { createTestApp, type TestApp } from '../testing/harness';
import { entryOf, logins, requestBody } from '../testing/share-fixtures';

// Two answers to the same step at the same moment: exactly one wins, the other gets 409 — enforced by the
// request's version column (and the grant's unique request), on SQLite and on PostgreSQL alike.
describe('share requests under concurrent replies', () => {
  let t: TestApp;
  let as: ReturnType<typeof logins>;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-04-13T10:00:00+08:00' });
    as = logins(t);
    const agentUser = await t.db.fork().findOneOrFail(User, { username: 'agent' });
    await (await as('gaj')).post('/api/share-agents').send({ userId: agentUser.id }).expect(201);
  });
  afterAll(() => t.close());

  async function forwarded(name: string): Promise<number> {
    const entry = await entryOf(t, 'gaj', { name, shareType: 'conditional' });
    const { body } = await (await as('rsj')).post('/api/share-requests').send(requestBody(entry, 3));
    await (await as('bureau')).post(`/api/share-requests/${body.id}/compliance-review`).send({ decision: 'pass' }).expect(200);
    return body.id;
  }

  const statuses = (rs: { status: number }[]) => rs.map((r) => r.status).sort();

  it('lets exactly one of two simultaneous replies (provider and its agent) through', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await forwarded(`并发答复资源${round}`);
      const [gaj, agent] = [await as('gaj'), await as('agent')];
      const results = await Promise.all([
        gaj.post(`/api/share-requests/${id}/reply`).send({ decision: 'approve' }),
        agent.post(`/api/share-requests/${id}/reply`).send({ decision: 'reject', reasonCategory: 'security_conditions', reason: '使用部门尚未通过等级保护测评，依《网络安全法》第二十一条暂不提供' }),
      ]);
      expect(statuses(results)).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409);
      expect(loser?.headers['content-type']).toMatch(/problem\+json/);
      expect(loser?.body.detail).toMatch(/已被他人修改或已处理|已被并发处理|当前状态为/);
      const winner = results.find((r) => r.status === 200)?.body.status;
      const em = t.db.fork();
      const request = await em.findOneOrFail(ShareRequest, id);
      expect(request.status).toBe(winner);
      const step = await em.findOneOrFail(ShareRequestStep, { request: id, kind: 'provider_reply' });
      expect(step.decision).toBe(winner === 'approved' ? 'approve' : 'reject');
      expect(await em.count(ShareRequestEvent, { request: id, event: { $in: ['approve', 'reject'] } })).toBe(1);
      expect(await em.count(ShareGrant, { request: id })).toBe(winner === 'approved' ? 1 : 0);
      const deadline = await em.findOneOrFail(Deadline, { subjectType: 'share_request_step', subjectId: step.id });
      expect(deadline.state).toBe('met');
    }
  });

  it('lets exactly one of two identical approvals through (no double grant)', async () => {
    const id = await forwarded('并发同意资源');
    const [gaj, agent] = [await as('gaj'), await as('agent')];
    const results = await Promise.all([gaj.post(`/api/share-requests/${id}/reply`).send({ decision: 'approve' }), agent.post(`/api/share-requests/${id}/reply`).send({ decision: 'approve' })]);
    expect(statuses(results)).toEqual([200, 409]);
    expect(await t.db.fork().count(ShareGrant, { request: id })).toBe(1);
  });

  it('lets exactly one of two simultaneous compliance reviews through', async () => {
    const entry = await entryOf(t, 'gaj', { name: '并发审查资源', shareType: 'conditional' });
    const { body } = await (await as('scjgj')).post('/api/share-requests').send(requestBody(entry, 2));
    const [b1, b2] = [await as('bureau'), await as('bureau2')];
    const results = await Promise.all([
      b1.post(`/api/share-requests/${body.id}/compliance-review`).send({ decision: 'pass' }),
      b2.post(`/api/share-requests/${body.id}/compliance-review`).send({ decision: 'return', reason: '用途表述不清，请补充' }),
    ]);
    expect(statuses(results)).toEqual([200, 409]);
    const em = t.db.fork();
    const steps = await em.find(ShareRequestStep, { request: body.id }, { orderBy: { seq: 'asc' } });
    const status = (await em.findOneOrFail(ShareRequest, body.id)).status;
    // pass opened the provider step; return did not
    expect(steps.map((s) => s.kind)).toEqual(status === 'provider_review' ? ['compliance_review', 'provider_reply'] : ['compliance_review']);
    expect(await em.count(Deadline, { subjectType: 'share_request_step', subjectId: { $in: steps.map((s) => s.id) } })).toBe(steps.length);
  });

  it('lets exactly one of two simultaneous revocations through', async () => {
    const entry = await entryOf(t, 'gaj', { name: '并发收回资源', shareType: 'unconditional' });
    const { body } = await (await as('rsj')).post('/api/share-requests').send(requestBody(entry, 2));
    await (await as('bureau')).post(`/api/share-requests/${body.id}/compliance-review`).send({ decision: 'pass' }).expect(200);
    const grant = await t.db.fork().findOneOrFail(ShareGrant, { request: body.id });
    const results = await Promise.all([
      (await as('gaj')).post(`/api/share-grants/${grant.id}/revoke`).send({ reason: '提供部门收回：数据口径调整' }),
      (await as('bureau')).post(`/api/share-grants/${grant.id}/revoke`).send({ reason: '管理部门收回：专项检查' }),
    ]);
    expect(statuses(results)).toEqual([200, 409]);
    expect((await t.db.fork().findOneOrFail(ShareGrant, grant.id)).lockVersion).toBe(2);
  });

  it('keeps one open request per entry per department: of 50 simultaneous submissions one is 201, 49 are 409', async () => {
    const entry = await entryOf(t, 'gaj', { name: '并发提交资源', shareType: 'conditional' });
    const rsj = await as('rsj');
    const results = await Promise.all(Array.from({ length: 50 }, () => rsj.post('/api/share-requests').send(requestBody(entry, 2))));
    const counts = results.reduce<Record<number, number>>((c, r) => ({ ...c, [r.status]: (c[r.status] ?? 0) + 1 }), {});
    expect(counts).toEqual({ 201: 1, 409: 49 });
    for (const r of results.filter((x) => x.status === 409)) expect(r.headers['content-type']).toMatch(/problem\+json/);
    expect(await t.db.fork().count(ShareRequest, { entry: entry.id })).toBe(1);
  }, 180_000);
});
