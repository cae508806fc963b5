import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { violationSourceLink, type ViolationDto } from '@govdata/domain';
import { Notification, User } from '@govdata/core';
import { createTestApp, type TestApp } from '../testing/harness';
import { entryOf, logins, requestBody } from '../testing/share-fixtures';

// 第十五条第（二）项 and 第十六条(一): a provider's review agents hear of the reply clock (reminder, overdue) like its
// data officers do, and the waiting requester is told when the provider lets the 5 working days pass.
describe('provider reply clock: agents reminded, requester told of the overdue reply', () => {
  let t: TestApp;
  let as: ReturnType<typeof logins>;
  let agentId: number;
  let requestId: number;
  let otherId: number;

  beforeAll(async () => {
    // Monday 2026-06-15: forwarded today, the reply is due on the 5th working day after — 06-19 is 端午节, so Tuesday 06-23
    t = await createTestApp({ now: '2026-06-15T10:00:00+08:00' });
    as = logins(t);
    const delegated = await entryOf(t, 'gaj', { name: '居民身份证信息', shareType: 'conditional' });
    const other = await entryOf(t, 'gaj', { name: '户籍人口信息', shareType: 'conditional' });
    agentId = (await t.db.fork().findOneOrFail(User, { username: 'agent' })).id;
    await (await as('gaj')).post('/api/share-agents').send({ userId: agentId, entryIds: [delegated.id] }).expect(201);
    for (const entry of [delegated, other]) {
      const res = await (await as('rsj')).post('/api/share-requests').send(requestBody(entry, 2));
      expect(res.status).toBe(201);
      await (await as('bureau')).post(`/api/share-requests/${res.body.id}/compliance-review`).send({ decision: 'pass' }).expect(200);
      if (entry === delegated) requestId = res.body.id;
      else otherId = res.body.id;
    }
  });
  afterAll(() => t.close());

  const run = async (job: string, at: string) => {
    t.clock.set(at);
    as.clear();
    const res = await (await as('bureau')).post(`/api/admin/jobs/${job}/run`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const inbox = (userId: number, kind: string) => t.db.fork().find(Notification, { recipient: userId, kind }, { orderBy: { id: 'asc' } });

  it('reminds the agent of the delegated entry only, and tells agent and requester when the reply is overdue', async () => {
    const detail = await (await as('rsj')).get(`/api/share-requests/${requestId}`);
    expect(detail.body.current).toMatchObject({ kind: 'provider_reply', dueDate: '2026-06-23' });

    // Monday 06-22 08:30: the reply is due on the next working day
    await run('due-soon-reminders', '2026-06-22T08:30:00+08:00');
    const reminders = await inbox(agentId, 'deadline.due_soon');
    expect(reminders).toHaveLength(1);
    expect(reminders[0].link).toBe(`/share/requests/${requestId}`);
    expect(reminders[0].body).toContain('居民身份证信息');

    // Wednesday 06-24: both replies are overdue
    await run('deadline-sweep', '2026-06-24T09:00:00+08:00');
    const overdue = await inbox(agentId, 'deadline.overdue');
    expect(overdue.map((n) => n.link)).toEqual([`/share/requests/${requestId}`]);

    const rsj = await t.db.fork().findOneOrFail(User, { username: 'rsj' });
    const told = await inbox(rsj.id, 'share_request.provider_overdue');
    expect(told.map((n) => n.link).sort()).toEqual([`/share/requests/${requestId}`, `/share/requests/${otherId}`].sort());
    expect(told[0].body).toMatch(/朔州市公安局未在 2026-06-23 前答复贵部门的共享申请 .*第十五条第（二）项/);

    // the violation candidates open the request they rest on (the evidence keeps the request's id)
    const found = await (await as('bureau')).get('/api/violations').query({ pageSize: 100 });
    const links = (found.body.items as ViolationDto[]).filter((v) => v.source.kind === 'share_request_step').map((v) => violationSourceLink(v.source, v.evidence.details ?? {})?.to);
    expect(links).toContain(`/share/requests/${requestId}`);

    // a second sweep tells nobody again
    await run('deadline-sweep', '2026-06-24T10:00:00+08:00');
    expect(await inbox(rsj.id, 'share_request.provider_overdue')).toHaveLength(2);
    expect(await inbox(agentId, 'deadline.overdue')).toHaveLength(1);
  });
});
