import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Department, Notification, User, Violation } from '@govdata/core';
import { entryInput } from '@govdata/catalog/testing';
import { createTestApp, type TestApp } from '../testing/harness';

interface Dup {
  id: number;
  status: string;
  overlapCount: number;
  score: number;
  sourceIsBaseLibrary: boolean;
  entry: { id: number; name: string; department: { name: string } };
  source: { id: number; name: string; department: { name: string }; library: string | null };
  overlap: { normalized: string; itemName: string; sourceItemName: string }[];
}

describe('一数一源 duplicate collection (第九条)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-11-20T10:00:00+08:00', seedUntil: 'catalog' });
  });
  afterAll(() => t.close());

  const all = async (): Promise<Dup[]> => (await (await t.as('bureau')).get('/api/catalog/duplicates?pageSize=100')).body.items;

  it('finds exactly the planted cases, ranked by overlap, pointing at the base-library source where there is one', async () => {
    const found = await all();
    const pairs = found.map((d) => [d.entry.name, d.source.name, d.status]);
    expect(pairs).toEqual(
      expect.arrayContaining([
        ['就业失业登记信息', '人口基本信息', 'candidate'],
        ['学生学籍信息', '人口基本信息', 'candidate'],
        ['城乡居民医保参保信息', '社会保险参保信息', 'candidate'],
        ['建筑业企业资质信息', '企业登记信息', 'confirmed'],
        ['纳税人登记信息', '企业登记信息', 'dismissed'],
      ]),
    );
    expect(found).toHaveLength(5);
    const counts = found.map((d) => d.overlapCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const school = found.find((d) => d.entry.name === '学生学籍信息') as Dup;
    expect(school).toMatchObject({ sourceIsBaseLibrary: true, source: { library: 'population', department: { name: '朔州市公安局' } }, entry: { department: { name: '朔州市教育局' } } });
    expect(school.overlap.map((o) => o.normalized)).toEqual(['性别', '出生日期', '民族', '户籍地址', '现住址']);
    expect(school.overlap.find((o) => o.normalized === '户籍地址')).toMatchObject({ itemName: '户口所在地', sourceItemName: '户籍地址' });
    const insurance = found.find((d) => d.entry.name === '城乡居民医保参保信息') as Dup;
    expect(insurance).toMatchObject({ sourceIsBaseLibrary: false, source: { department: { name: '朔州市人力资源和社会保障局' } } });
  });

  it('re-scanning finds nothing new', async () => {
    const res = await (await t.as('bureau')).post('/api/catalog/duplicates/scan');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 0, found: 5 });
    expect(res.body.scanned).toBeGreaterThan(600);
    expect(await all()).toHaveLength(5);
  });

  it('confirming records one violation of type 三 against the collecting department; deciding twice is refused', async () => {
    const school = (await all()).find((d) => d.entry.name === '学生学籍信息') as Dup;
    expect((await (await t.as('jyj')).post(`/api/catalog/duplicates/${school.id}/confirm`).send({})).status).toBe(403);
    const res = await (await t.as('bureau')).post(`/api/catalog/duplicates/${school.id}/confirm`).send({ note: '学籍系统应通过共享获取户籍信息' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'confirmed', decidedBy: '张明远', violationId: expect.any(Number) });
    const em = t.db.fork();
    const v = await em.findOneOrFail(Violation, { sourceKind: 'duplicate_collection', sourceId: String(school.id) }, { populate: ['department'] });
    expect(v).toMatchObject({ type: 3, status: 'confirmed', id: res.body.violationId });
    expect(v.department.getEntity().name).toBe('朔州市教育局');
    expect(v.evidence.summary).toContain('学生学籍信息');
    expect(v.evidence.summary).toContain('人口基本信息');
    expect(v.evidence.details).toMatchObject({ entry: { id: school.entry.id }, source: { id: school.source.id, baseLibrary: 'population' } });
    expect((v.evidence.details?.items as unknown[]).length).toBe(5);
    const officer = await em.findOneOrFail(User, { username: 'jyj' });
    expect(await em.count(Notification, { recipient: officer.id, kind: 'catalog.duplicate_confirmed' })).toBe(1);

    expect((await (await t.as('bureau')).post(`/api/catalog/duplicates/${school.id}/confirm`).send({})).status).toBe(409);
    expect((await (await t.as('bureau')).post(`/api/catalog/duplicates/${school.id}/dismiss`).send({ reason: '改主意了' })).status).toBe(409);
    expect(await em.count(Violation, { sourceKind: 'duplicate_collection', sourceId: String(school.id) })).toBe(1);
  });

  it('dismissing needs a reason and records no violation', async () => {
    const job = (await all()).find((d) => d.entry.name === '就业失业登记信息') as Dup;
    const bureau = await t.as('bureau');
    const noReason = await bureau.post(`/api/catalog/duplicates/${job.id}/dismiss`).send({});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].path).toBe('body.reason');
    const res = await bureau.post(`/api/catalog/duplicates/${job.id}/dismiss`).send({ reason: '就业登记依《就业服务与就业管理规定》须当面核验采集' });
    expect(res.body).toMatchObject({ status: 'dismissed', decisionNote: expect.stringContaining('就业服务') });
    expect(await t.db.fork().count(Violation, { sourceKind: 'duplicate_collection', sourceId: String(job.id) })).toBe(0);
  });

  it('checks a newly published entry at once, and shows a department only the candidates that concern it', async () => {
    const mzj = await t.as('mzj');
    const items = [
      { name: '救助证号', dataType: 'string' as const, length: 20, nullable: false, primaryKey: true },
      { name: '姓名', dataType: 'string' as const, length: 30 },
      { name: '身份证号', dataType: 'string' as const, length: 18, sensitive: true, desensitization: 'partial_mask' as const },
      { name: '出生年月', dataType: 'date' as const },
      { name: '民族名称', dataType: 'string' as const, length: 10 },
      { name: '婚姻状态', dataType: 'string' as const, length: 10 },
    ];
    const created = await mzj.post('/api/catalog/entries').send(entryInput({ name: '临时救助对象信息', classCode: '3-08-060-001', items, dataUpdatedAt: '2026-11-01' }));
    expect(created.status).toBe(201);
    await mzj.post(`/api/catalog/entries/${created.body.id}/publish`).send({});
    const mine = (await mzj.get('/api/catalog/duplicates')).body.items as Dup[];
    expect(mine.map((d) => [d.entry.name, d.source.name])).toEqual([['临时救助对象信息', '人口基本信息']]);
    expect(mine[0].overlap.map((o) => o.normalized)).toEqual(['出生日期', '民族', '婚姻状况']);
    const mzjId = (await t.db.fork().findOneOrFail(Department, { name: '朔州市民政局' })).id;
    expect((await (await t.as('bureau')).get(`/api/catalog/duplicates?departmentId=${mzjId}&status=candidate`)).body.items).toHaveLength(1);
    // removing the copied items clears the open candidate
    const detail = (await mzj.get(`/api/catalog/entries/${created.body.id}`)).body;
    const keep = detail.items.slice(0, 3).map(({ position: _p, normalizedName: _n, ...i }: Record<string, unknown>) => i);
    expect((await mzj.patch(`/api/catalog/entries/${created.body.id}`).send({ items: keep })).status).toBe(200);
    expect((await mzj.get('/api/catalog/duplicates')).body.items).toEqual([]);
  });
});
