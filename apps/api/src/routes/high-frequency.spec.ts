import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '@govdata/core';
import { shanghaiDate } from '@govdata/workdays';
import { HighFrequencyMember } from '@govdata/lifecycle';
import { createTestApp, type TestApp } from '../testing/harness';
import { entryOf, logins, requestBody } from '../testing/share-fixtures';

// 第十八条: the ranking by requests, grants in force and answered gateway calls (from the call records); the bureau
// curates the 高频数据共享库 with reasons (history kept, audited); members are marked on the catalog and their requests
// come first in the bureau's review queue.
describe('高频数据共享库 (第十八条)', () => {
  let t: TestApp;
  let as: ReturnType<typeof logins>;
  let used: { id: number; itemIds: number[] };
  let lessUsed: { id: number; itemIds: number[] };
  let quiet: { id: number; itemIds: number[] };

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-06-15T10:00:00+08:00' });
    as = logins(t);
    used = await entryOf(t, 'gaj', { name: '居民户籍信息', shareType: 'conditional', items: ['公民身份号码', '姓名'] });
    lessUsed = await entryOf(t, 'gaj', { name: '出入境证件信息', shareType: 'conditional', items: ['公民身份号码', '证件号码'] });
    quiet = await entryOf(t, 'gaj', { name: '犬只登记信息', shareType: 'conditional', items: ['登记编号', '犬主姓名'] });
    const gaj = await as('gaj');
    const up = await gaj.post(`/api/catalog/entries/${used.id}/datasets`).set('Content-Type', 'text/csv').send(['公民身份号码,姓名', '140602199001011234,张三丰'].join('\r\n'));
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    await gaj.post(`/api/datasets/${up.body.versionId}/publish`).send({}).expect(200);
    // rsj: a request for each of the two, the first approved (a grant), then three calls of its system on it
    const rsj = await as('rsj');
    const bureau = await as('bureau');
    const first = await rsj.post('/api/share-requests').send(requestBody(used, 2));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    await bureau.post(`/api/share-requests/${first.body.id}/compliance-review`).send({ decision: 'pass' }).expect(200);
    await gaj.post(`/api/share-requests/${first.body.id}/reply`).send({ decision: 'approve' }).expect(200);
    await rsj.post('/api/share-requests').send(requestBody(lessUsed, 2)).expect(201);
    const reg = await rsj.post('/api/systems').send({ name: '社保业务系统', description: '核验参保人身份' });
    const token = (await t.anonymous().post('/api/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: reg.body.clientId, client_secret: reg.body.clientSecret })).body.access_token as string;
    for (let i = 0; i < 3; i++) await t.anonymous().get(`/gateway/v1/entries/${used.id}/records?pageSize=1`).set('Authorization', `Bearer ${token}`).expect(200);
    // scjgj: two requests waiting for the bureau's review, the less used entry's submitted later
    const scjgj = await as('scjgj');
    await scjgj.post('/api/share-requests').send(requestBody(used, 2)).expect(201);
    t.clock.set('2026-06-15T11:00:00+08:00');
    await scjgj.post('/api/share-requests').send(requestBody(lessUsed, 2)).expect(201);
  });
  afterAll(() => t.close());

  it('ranks the entries by requests, grants in force and answered calls, with the score and its formula', async () => {
    const bureau = await as('bureau');
    // the default window: the 90 days up to the business day; the gateway's calls carry real time (security records)
    // and fall outside a pinned June clock — in production both clocks are the same
    const byDefault = await bureau.get('/api/high-frequency/ranking');
    expect(byDefault.status, JSON.stringify(byDefault.body)).toBe(200);
    expect(byDefault.body).toMatchObject({ from: '2026-03-18', to: '2026-06-15', max: { requests: 2, grants: 1, calls: 0 }, formula: expect.stringContaining('成功调用数') });
    expect(byDefault.body.items.map((i: { entry: { id: number }; score: number }) => [i.entry.id, i.score])).toEqual([
      [used.id, 70],
      [lessUsed.id, 40],
    ]);
    // a window up to the real day takes the calls in too
    const today = shanghaiDate(new Date());
    const res = await bureau.get(`/api/high-frequency/ranking?from=2026-03-18&to=${today}`);
    expect(res.body.max).toEqual({ requests: 2, grants: 1, calls: 3 });
    const [a, b] = res.body.items;
    expect(a).toMatchObject({ rank: 1, entry: { id: used.id }, requests: 2, grants: 1, calls: 3, score: 100, member: false });
    expect(b).toMatchObject({ rank: 2, entry: { id: lessUsed.id }, requests: 2, grants: 0, calls: 0, score: 40 });
    expect(res.body.total).toBe(2);
    expect(res.body.items.some((i: { entry: { id: number } }) => i.entry.id === quiet.id)).toBe(false);
    // paging keeps the ranks; a window before anything happened ranks nothing; another provider has none of these
    expect((await bureau.get(`/api/high-frequency/ranking?from=2026-03-18&to=${today}&page=2&pageSize=1`)).body.items[0]).toMatchObject({ rank: 2, entry: { id: lessUsed.id } });
    expect((await (await as('leader')).get('/api/high-frequency/ranking?from=2026-01-01&to=2026-03-01')).body).toMatchObject({ items: [], total: 0 });
    expect((await bureau.get('/api/high-frequency/ranking?department=999')).body.total).toBe(0);
  });

  it('refuses bad input with the field named, and departments, changing nothing', async () => {
    const bureau = await as('bureau');
    const bad = await bureau.get('/api/high-frequency/ranking?from=2026-06-10&to=2026-06-01');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors[0]).toMatchObject({ path: 'query.from' });
    const cases: [Record<string, unknown>, string, number][] = [
      [{ entryId: lessUsed.id }, 'body.reason', 400],
      [{ entryId: lessUsed.id, reason: '常用' }, 'body.reason', 400],
      [{ entryId: 999_999, reason: '多个部门频繁申请' }, 'entryId', 400],
      [{ entryId: lessUsed.id, reason: '多个部门频繁申请', extra: 1 }, '', 400],
    ];
    for (const [body, field, status] of cases) {
      const res = await bureau.post('/api/high-frequency/library').send(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      if (field) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    }
    expect((await (await as('gaj')).post('/api/high-frequency/library').send({ entryId: used.id, reason: '多个部门频繁申请' })).status).toBe(403);
    expect((await (await as('gaj')).get('/api/high-frequency/ranking')).status).toBe(403);
    expect(await t.db.fork().count(HighFrequencyMember, {})).toBe(0);
  });

  it('adds a member with its reason (audited, marked on the catalog), once, and puts its requests first in the review queue', async () => {
    const bureau = await as('bureau');
    const before = await bureau.get('/api/share-requests?box=review');
    // rsj's request for the less used entry (10:00), scjgj's for the used one (10:00), scjgj's for the less used (11:00)
    expect(before.body.items.map((r: { entry: { id: number } }) => r.entry.id)).toEqual([lessUsed.id, used.id, lessUsed.id]);
    expect(before.body.items.every((r: { fastTrack: boolean }) => !r.fastTrack)).toBe(true);

    const added = await bureau.post('/api/high-frequency/library').send({ entryId: lessUsed.id, reason: '出入境业务高频核验，多个部门申请' });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ entry: { id: lessUsed.id }, addReason: '出入境业务高频核验，多个部门申请', removedAt: null });
    expect((await bureau.post('/api/high-frequency/library').send({ entryId: lessUsed.id, reason: '再次纳入一次' })).status).toBe(409);

    const detail = await (await as('rsj')).get(`/api/catalog/entries/${lessUsed.id}`);
    expect(detail.body.highFrequency).toBe(true);
    const list = await (await as('rsj')).get('/api/catalog/entries?q=出入境证件信息');
    expect(list.body.items.find((e: { id: number }) => e.id === lessUsed.id)?.highFrequency).toBe(true);
    expect(detail.body.lockVersion).toBe((await (await as('gaj')).get(`/api/catalog/entries/${lessUsed.id}`)).body.lockVersion);

    const after = await bureau.get('/api/share-requests?box=review');
    expect(after.body.items.map((r: { entry: { id: number } }) => r.entry.id)).toEqual([lessUsed.id, lessUsed.id, used.id]);
    expect(after.body.items.map((r: { fastTrack: boolean }) => r.fastTrack)).toEqual([true, true, false]);
    // the text search goes through the other query: the same order
    const searched = await bureau.get('/api/share-requests?box=review&q=信息');
    expect(searched.body.items[0]).toMatchObject({ entry: { id: lessUsed.id }, fastTrack: true });

    const ranking = await bureau.get('/api/high-frequency/ranking');
    expect(ranking.body.items.find((i: { entry: { id: number } }) => i.entry.id === lessUsed.id)?.member).toBe(true);
    const audited = await t.db.fork().find(AuditEvent, { action: 'high_frequency.add', subjectId: String(lessUsed.id) });
    expect(audited).toHaveLength(1);
  });

  it('removes a member with its reason and keeps the history', async () => {
    const bureau = await as('bureau');
    const library = await (await as('gaj')).get('/api/high-frequency/library');
    expect(library.body.items).toHaveLength(1);
    const id = library.body.items[0].id as number;
    expect((await bureau.post(`/api/high-frequency/library/${id}/remove`).send({})).status).toBe(400);
    const removed = await bureau.post(`/api/high-frequency/library/${id}/remove`).send({ reason: '已由上级平台统一提供服务' });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body).toMatchObject({ removeReason: '已由上级平台统一提供服务', removedAt: expect.any(String) });
    expect((await bureau.post(`/api/high-frequency/library/${id}/remove`).send({ reason: '已由上级平台统一提供服务' })).status).toBe(409);
    expect((await bureau.get('/api/high-frequency/library')).body.items).toHaveLength(0);
    expect((await bureau.get('/api/high-frequency/library?history=true')).body.items).toHaveLength(1);
    expect((await bureau.get(`/api/catalog/entries/${lessUsed.id}`)).body.highFrequency).toBe(false);
    // it may be added again: a second membership
    expect((await bureau.post('/api/high-frequency/library').send({ entryId: lessUsed.id, reason: '恢复高频服务，需求再次集中' })).status).toBe(201);
    expect((await bureau.get('/api/high-frequency/library?history=true')).body.items).toHaveLength(2);
  });
});
