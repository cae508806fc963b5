import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { OPEN_AGREEMENT } from '@govdata/domain';
import { User, Violation } from '@govdata/core';
import { Correction } from '@govdata/lifecycle';
import { OpenDataset } from '@govdata/opendata';
import { createTestApp, type TestApp } from '../testing/harness';

type Agent = ReturnType<typeof request.agent>;

// 第十七条 “any consumer”, issue 16 item 5: a portal user reports an error in an open dataset; the provider checks it
// within 5 working days like any report ((五) when missed); the user follows it under 我的账户 and contests once.
describe('纠错 by portal users (第十七条)', () => {
  let t: TestApp;
  let a: Agent;
  let b: Agent;
  let name: string;
  let officer: string;
  let reportId: number;
  const register = async (identifier: string, displayName: string) => {
    const agent = t.anonymous();
    const res = await agent.post('/api/open/account/register').send({ kind: 'person', identifier, password: 'Meadow-copper-41-gently', displayName, agreementVersion: OPEN_AGREEMENT.version, acceptAgreement: true });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return agent;
  };

  beforeAll(async () => {
    t = await createTestApp({ seedUntil: 'opendata' });
    const d = await t.db.fork().findOneOrFail(OpenDataset, { withdrawnAt: null, entry: { status: 'published', openType: 'open' } }, { populate: ['entry'], orderBy: { id: 'asc' } });
    name = d.name;
    const users = await t.db.fork().find(User, { department: d.entry.getEntity().provider.id, disabled: false }, { orderBy: { id: 'asc' } });
    officer = (users.find((u) => u.roles.includes('dept_admin')) as { username: string }).username;
    [a, b] = [await register('reporter-a@example.com', '周读者'), await register('reporter-b@example.com', '吴读者')];
  }, 240_000);
  afterAll(() => t.close());

  it('refuses the anonymous, unknown datasets and bad reports, storing nothing', async () => {
    const before = await t.db.fork().count(Correction, {});
    expect((await t.anonymous().post(`/api/open/datasets/${name}/corrections`).send({ description: '登记日期晚于注销日期' })).status).toBe(401);
    expect((await a.post('/api/open/datasets/sz-nothing/corrections').send({ description: '登记日期晚于注销日期' })).status).toBe(404);
    const short = await a.post(`/api/open/datasets/${name}/corrections`).send({ description: '错' });
    expect(short.status).toBe(400);
    expect(short.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(short.body.errors.map((e: { path: string }) => e.path)).toContain('body.description');
    expect((await a.post(`/api/open/datasets/${name}/corrections`).send({ description: '登记日期晚于注销日期', entryId: 1 })).status).toBe(400);
    expect(await t.db.fork().count(Correction, {})).toBe(before);
  });

  it('opens the provider’s 5-working-day check, shows the report to its reporter only, and takes one contest', async () => {
    const res = await a.post(`/api/open/datasets/${name}/corrections`).send({ description: '部分记录的登记日期晚于注销日期，疑似录入颠倒', recordKey: '91140600MA0TEST01' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'open', code: expect.stringMatching(/^JCFK-/), dueDate: expect.any(String) });
    reportId = res.body.id;

    const mine = (await a.get('/api/open/corrections')).body.items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: reportId, channel: 'portal', reporter: null, status: 'open', permissions: { canContest: false } });
    expect((await b.get('/api/open/corrections')).body.items).toHaveLength(0);

    // the provider sees it in the console, with the portal user as reporter, and answers
    const provider = await t.as(officer);
    const seen = await provider.get(`/api/corrections/${reportId}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ reporter: null, channel: 'portal', reportedBy: expect.stringContaining('周读者') });
    await provider.post(`/api/corrections/${reportId}/answer`).send({ decision: 'not_an_error', reason: '经核对登记原件，登记日期与注销日期无误' }).expect(200);

    const answered = (await a.get('/api/open/corrections')).body.items[0];
    expect(answered).toMatchObject({ status: 'answered', decision: 'not_an_error', answeredBy: null, permissions: { canContest: true } });
    expect((await b.post(`/api/open/corrections/${reportId}/contest`).send({ reason: '我认为答复有误，请核查' })).status).toBe(404);
    const contested = await a.post(`/api/open/corrections/${reportId}/contest`).send({ reason: '登记机关公示信息显示注销日期更早，请管理局裁定' });
    expect(contested.status, JSON.stringify(contested.body)).toBe(200);
    expect(contested.body).toMatchObject({ status: 'contested', permissions: { canContest: false } });
    expect((await a.post(`/api/open/corrections/${reportId}/contest`).send({ reason: '再次提出异议' })).status).toBe(409);
    // the bureau decides as for any contest
    await (await t.as('bureau')).post(`/api/corrections/${reportId}/decide`).send({ decision: 'error_confirmed', reason: '登记机关公示信息为准' }).expect(200);
    expect((await a.get('/api/open/corrections')).body.items[0]).toMatchObject({ status: 'decided', errorConfirmed: true });
  });

  it('records (五) when the provider lets the 5 working days pass', async () => {
    const res = await b.post(`/api/open/datasets/${name}/corrections`).send({ description: '联系电话位数不足 11 位' });
    expect(res.status).toBe(201);
    t.clock.set(new Date(Date.parse(`${res.body.dueDate}T00:00:00+08:00`) + 2 * 86_400_000).toISOString());
    const run = await (await t.as('bureau')).post('/api/admin/jobs/deadline-sweep/run');
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    const v = await t.db.fork().find(Violation, { sourceKind: 'correction', sourceId: String(res.body.id) });
    expect(v.map((x) => x.type)).toEqual([5]);
  });
});
