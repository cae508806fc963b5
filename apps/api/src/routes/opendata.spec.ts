import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import { CatalogEntry, CatalogItem } from '@govdata/catalog';
import { Department } from '@govdata/core';
import { createTestApp, type TestApp } from '../testing/harness';

type Agent = ReturnType<typeof request.agent>;

function expectProblem(res: { status: number; headers: Record<string, string>; body: { detail?: string } }, status: number, text?: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body.detail).toMatch(/[\u4e00-\u9fff]/);
  if (text) expect(res.body.detail).toMatch(text);
}

const approve = (kind: 'secrecy' | 'disclosure') => ({ kind, conclusion: 'approved', basis: '经逐项核查，可以向社会开放。', reviewer: '保密办 王五' });

describe('open catalog: reviews before opening, publishing, the public portal API (第二十二至二十六条)', () => {
  let t: TestApp;
  let bureau: Agent;
  let gaj: Agent;
  let scjgj: Agent;
  let open: { id: number; code: string; name: string };
  let onApplication: { id: number };
  let closed: { id: number };
  let secretItem: string;

  beforeAll(async () => {
    t = await createTestApp({ seedUntil: 'catalog' });
    [bureau, gaj, scjgj] = await Promise.all([t.as('bureau'), t.as('gaj'), t.as('scjgj')]);
    const em = t.db.fork();
    const dept = await em.findOneOrFail(Department, { name: '朔州市公安局' });
    const entries = await em.find(CatalogEntry, { provider: dept.id, status: 'published' }, { orderBy: { id: 'asc' } });
    const pick = (type: string) => entries.find((e) => e.openType === type);
    const o = pick('open');
    const a = pick('on_application');
    const c = pick('closed');
    if (!o || !a || !c) throw new Error('the demo catalog of 市公安局 should have open, on-application and closed published entries');
    open = { id: o.id, code: o.code, name: o.name };
    onApplication = { id: a.id };
    closed = { id: c.id };
    // one 涉密 item on the open entry: it must never reach the public
    const item = await em.findOneOrFail(CatalogItem, { entry: o.id, removedAt: null }, { orderBy: { position: 'desc' } });
    item.secret = true;
    secretItem = item.name;
    await em.flush();
  }, 240_000);
  afterAll(() => t.close());

  it('the provider records its reviews; others cannot, closed entries need none, bad input changes nothing', async () => {
    const before = await gaj.get(`/api/catalog/entries/${open.id}/open`);
    expect(before.status).toBe(200);
    expect(before.body.state).toBe('not_ready');
    expect(before.body.reasons).toEqual(['尚未记录保密审查（第二十六条）', '尚未记录政务公开审查（第二十六条）']);
    expect(before.body.permissions).toMatchObject({ canReview: true, canPublish: false });

    expectProblem(await scjgj.post(`/api/catalog/entries/${open.id}/open-reviews`).send(approve('secrecy')), 403, /提供部门/);
    expectProblem(await scjgj.get(`/api/catalog/entries/${open.id}/open`), 403);
    expectProblem(await gaj.post(`/api/catalog/entries/${open.id}/open-reviews`).send({ ...approve('secrecy'), kind: 'other' }), 400, /审查类型/);
    expectProblem(await gaj.post(`/api/catalog/entries/${open.id}/open-reviews`).send({ ...approve('secrecy'), basis: '' }), 400, /审查依据/);
    expectProblem(await gaj.post(`/api/catalog/entries/${closed.id}/open-reviews`).send(approve('secrecy')), 422, /不予开放/);
    expectProblem(await gaj.post('/api/catalog/entries/999999/open-reviews').send(approve('secrecy')), 404);
    expect((await gaj.get(`/api/catalog/entries/${open.id}/open`)).body.reviews).toEqual([]);

    const first = await gaj.post(`/api/catalog/entries/${open.id}/open-reviews`).send(approve('secrecy'));
    expect(first.status).toBe(201);
    expect(first.body.state).toBe('not_ready');
    expect(first.body.reasons).toEqual(['尚未记录政务公开审查（第二十六条）']);
    const second = await gaj.post(`/api/catalog/entries/${open.id}/open-reviews`).send(approve('disclosure'));
    expect(second.body.state).toBe('ready');
    expect(second.body.reviews.map((r: { kind: string; recordedBy: string }) => [r.kind, r.recordedBy])).toEqual([
      ['disclosure', '王志强'],
      ['secrecy', '王志强'],
    ]);
  });

  it('only the bureau publishes, and only what is ready; the public then finds it without login', async () => {
    expectProblem(await gaj.post(`/api/open-catalog/${open.id}/publish`), 403);
    expectProblem(await bureau.post(`/api/open-catalog/${onApplication.id}/publish`), 422, /尚未记录保密审查/);
    const queue = await bureau.get('/api/open-catalog/queue?state=ready');
    expect(queue.body.items.map((r: { entryId: number }) => r.entryId)).toContain(open.id);

    const published = await bureau.post(`/api/open-catalog/${open.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.state).toBe('published');
    const name = published.body.datasetName as string;
    expect(name).toMatch(/^sz-[a-z0-9-]+$/);
    expectProblem(await bureau.post(`/api/open-catalog/${open.id}/publish`), 409);

    const anon = t.anonymous();
    const found = await anon.get(`/api/open/datasets?q=${encodeURIComponent(open.name.slice(0, 4))}`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((d: { name: string }) => d.name)).toContain(name);
    expect(found.body.facets.department).toEqual([{ value: expect.any(String), label: '朔州市公安局', count: found.body.total }]);

    const page = await anon.get(`/api/open/datasets/${name}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ name, code: open.code, title: open.name, openType: 'open', department: { name: '朔州市公安局' }, license: { id: 'sz-open-data-1.0' } });
    expect(page.body.items.map((i: { name: string }) => i.name)).not.toContain(secretItem);
    expect(page.body.items.length).toBeGreaterThan(0);
    expect(page.body.history[0].version).toBeGreaterThanOrEqual(1);
    // the view was counted (a page's count includes its own view)
    expect((await anon.get(`/api/open/datasets/${name}`)).body.views).toBe(2);

    expectProblem(await anon.get('/api/open/datasets/sz-nope'), 404, /不存在/);
    expectProblem(await anon.get('/api/open/datasets/NOT%20A%20NAME'), 400);
    expectProblem(await anon.get('/api/open/datasets?pageSize=1000'), 400, /每页最多/);
    expectProblem(await anon.get('/api/open/datasets?format=pdf'), 400, /资源格式/);
    // the staff side is not public
    expectProblem(await anon.get('/api/open-catalog/queue'), 401);

    const home = await anon.get('/api/open/home');
    expect(home.body.counts).toMatchObject({ datasets: 1, departments: 1, open: 1, onApplication: 0 });
    expect(home.body.newest[0].name).toBe(name);
  });

  it('a rejected review takes the dataset out of the open catalog at once; the bureau can withdraw with a reason', async () => {
    const rejected = await gaj.post(`/api/catalog/entries/${open.id}/open-reviews`).send({ ...approve('secrecy'), conclusion: 'rejected', basis: '发现新增信息项涉及工作秘密' });
    expect(rejected.status).toBe(201);
    expect(rejected.body.state).toBe('withdrawn');
    expect((await t.anonymous().get('/api/open/datasets')).body.total).toBe(0);
    expectProblem(await bureau.post(`/api/open-catalog/${open.id}/publish`), 422, /保密审查结论为不同意开放/);

    await gaj.post(`/api/catalog/entries/${open.id}/open-reviews`).send(approve('secrecy'));
    expect((await bureau.post(`/api/open-catalog/${open.id}/publish`)).body.state).toBe('published');
    expectProblem(await bureau.post(`/api/open-catalog/${open.id}/withdraw`).send({}), 400, /撤回原因/);
    const withdrawn = await bureau.post(`/api/open-catalog/${open.id}/withdraw`).send({ reason: '数据质量核查中' });
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn', withdrawnReason: '数据质量核查中', permissions: { canPublish: true } });
    expect((await t.anonymous().get('/api/open/home')).body.counts.datasets).toBe(0);
    // published again under the same name
    const again = await bureau.post(`/api/open-catalog/${open.id}/publish`);
    expect(again.body.datasetName).toBe(withdrawn.body.datasetName);
  });
});
