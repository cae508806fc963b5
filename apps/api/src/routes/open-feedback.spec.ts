import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { OPEN_AGREEMENT } from '@govdata/domain';
import { OpenDataset, OpenRating, OpenShowcase } from '@govdata/opendata';
import { createTestApp, type TestApp } from '../testing/harness';

type Agent = ReturnType<typeof request.agent>;

function expectProblem(res: { status: number; headers: Record<string, string>; body: { detail?: string } }, status: number, text?: RegExp) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body.detail).toMatch(/[\u4e00-\u9fff]/);
  if (text) expect(res.body.detail).toMatch(text);
}

/** 评分与利用成果 (issue 16 item 5): one rating per user and dataset; 利用成果 shown after the bureau's review. */
describe('open portal feedback: ratings and 利用成果', () => {
  let t: TestApp;
  let a: Agent;
  let b: Agent;
  let name: string;
  const register = async (identifier: string) => {
    const agent = t.anonymous();
    const res = await agent.post('/api/open/account/register').send({ kind: 'person', identifier, password: 'Meadow-copper-41-gently', displayName: '孙读者', agreementVersion: OPEN_AGREEMENT.version, acceptAgreement: true });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return agent;
  };

  beforeAll(async () => {
    t = await createTestApp({ seedUntil: 'opendata' });
    const d = await t.db.fork().findOneOrFail(OpenDataset, { withdrawnAt: null, entry: { status: 'published' } }, { orderBy: { id: 'asc' } });
    name = d.name;
    [a, b] = [await register('reader-a@example.com'), await register('reader-b@example.com')];
  }, 240_000);
  afterAll(() => t.close());

  it('keeps one rating per user and dataset, changeable, and refuses bad scores', async () => {
    expectProblem(await t.anonymous().put(`/api/open/datasets/${name}/rating`).send({ score: 5 }), 401);
    expectProblem(await a.put(`/api/open/datasets/${name}/rating`).send({ score: 6 }), 400, /1–5/);
    expectProblem(await a.put(`/api/open/datasets/${name}/rating`).send({ score: 2.5 }), 400, /1–5/);
    expectProblem(await a.put('/api/open/datasets/sz-nothing/rating').send({ score: 3 }), 404);
    expect((await a.put(`/api/open/datasets/${name}/rating`).send({ score: 2 })).body.rating).toEqual({ average: 2, count: 1, mine: 2 });
    expect((await a.put(`/api/open/datasets/${name}/rating`).send({ score: 4 })).body.rating).toEqual({ average: 4, count: 1, mine: 4 });
    expect((await b.put(`/api/open/datasets/${name}/rating`).send({ score: 5 })).body.rating).toEqual({ average: 4.5, count: 2, mine: 5 });
    expect((await t.anonymous().get(`/api/open/datasets/${name}/feedback`)).body.rating).toEqual({ average: 4.5, count: 2, mine: null });
    expect(await t.db.fork().count(OpenRating, {})).toBe(2);
  });

  it('shows a 利用成果 only after the bureau approved it; a decline needs a reason', async () => {
    const before = await t.db.fork().count(OpenShowcase, {});
    expectProblem(await a.post(`/api/open/datasets/${name}/showcases`).send({ title: '朔州办事通', kind: 'app', description: '短', url: 'ftp://x' }), 400);
    expect(await t.db.fork().count(OpenShowcase, {})).toBe(before);
    const made = await a.post(`/api/open/datasets/${name}/showcases`).send({ title: '朔州办事通', kind: 'app', description: '基于本数据集的便民查询小程序，按区县展示办理地点。', url: 'https://example.com/app' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ status: 'pending', author: { name: '孙读者' } });
    const other = await b.post(`/api/open/datasets/${name}/showcases`).send({ title: '一份无关的材料', kind: 'other', description: '与数据集无关的推广内容，不应展示。' });

    // not shown yet; the author sees its own
    expect((await t.anonymous().get(`/api/open/datasets/${name}/feedback`)).body.showcases).toEqual([]);
    expect((await a.get(`/api/open/datasets/${name}/feedback`)).body.mine.map((s: { id: number }) => s.id)).toEqual([made.body.id]);

    // only the bureau reviews
    const gaj = await t.as('gaj');
    expectProblem(await gaj.get('/api/open-showcases'), 403);
    expectProblem(await gaj.post(`/api/open-showcases/${made.body.id}/review`).send({ decision: 'approve' }), 403);
    expectProblem(await (await t.as('leader')).post(`/api/open-showcases/${made.body.id}/review`).send({ decision: 'approve' }), 403);
    const bureau = await t.as('bureau');
    expect((await bureau.get('/api/open-showcases').query({ status: 'pending' })).body.total).toBe(2);
    expectProblem(await bureau.post(`/api/open-showcases/${other.body.id}/review`).send({ decision: 'reject' }), 400, /原因/);
    expect((await bureau.post(`/api/open-showcases/${other.body.id}/review`).send({ decision: 'reject', reason: '与数据集无关' })).body.status).toBe('rejected');
    expect((await bureau.post(`/api/open-showcases/${made.body.id}/review`).send({ decision: 'approve' })).body.status).toBe('approved');
    expectProblem(await bureau.post(`/api/open-showcases/${made.body.id}/review`).send({ decision: 'reject', reason: '改变主意' }), 409);

    const shown = (await t.anonymous().get(`/api/open/datasets/${name}/feedback`)).body.showcases;
    expect(shown.map((s: { title: string }) => s.title)).toEqual(['朔州办事通']);
    expect((await b.get(`/api/open/datasets/${name}/feedback`)).body.mine[0]).toMatchObject({ status: 'rejected', reason: '与数据集无关' });
  });
});
