import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/harness';
import { departmentOf, entryOf, logins } from '../testing/share-fixtures';

/**
 * The new-request picker (GET /api/share-entries): published resources only, found through the catalog list's own
 * text search (issue 19, finding 2: the engines' indexes, counted and paged in SQL), filtered by provider and share
 * type, by code, each with how the caller gets it (第十五条 request, 第十六条(三) 专用, coordination, its own).
 */
describe('the share-request picker', () => {
  let t: TestApp;
  let as: ReturnType<typeof logins>;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-11-20T10:00:00+08:00' });
    as = logins(t);
    ids.open = (await entryOf(t, 'gaj', { name: '机动车驾驶人信息', shareType: 'unconditional', items: ['驾驶证号码', '准驾车型'] })).id;
    ids.conditional = (await entryOf(t, 'gaj', { name: '机动车登记信息', shareType: 'conditional', items: ['号牌号码', '车辆识别代号'] })).id;
    ids.none = (await entryOf(t, 'gaj', { name: '机动车违法记录', shareType: 'none', noShareReason: '涉及执法办案', noShareBasis: '《中华人民共和国道路交通安全法》第一百一十二条规定的执法信息' })).id;
    ids.draft = (await entryOf(t, 'gaj', { name: '机动车草稿资源', status: 'draft' })).id;
    ids.own = (await entryOf(t, 'rsj', { name: '机动车驾驶培训补贴', shareType: 'conditional' })).id;
    ids.dedicated = (await entryOf(t, 'gaj', { name: '机动车专用核查', shareType: 'conditional', dedicatedTo: [await departmentOf(t, 'rsj')] })).id;
  });
  afterAll(() => t.close());

  it('finds published resources by a word of their name or an item, by code, never a draft', async () => {
    const rsj = await as('rsj');
    const found = await rsj.get(`/api/share-entries?q=${encodeURIComponent('机动车')}&pageSize=50`);
    expect(found.status).toBe(200);
    const got = found.body.items as { id: number; code: string }[];
    expect(got.map((e) => e.id).sort()).toEqual([ids.open, ids.conditional, ids.none, ids.own, ids.dedicated].sort());
    expect(found.body.total).toBe(5);
    expect(got.map((e) => e.code)).toEqual([...got.map((e) => e.code)].sort());
    // an item's name, and two words that must both match
    const byItem = await rsj.get(`/api/share-entries?q=${encodeURIComponent('车辆识别代号')}`);
    expect(byItem.body.items.map((e: { id: number }) => e.id)).toEqual([ids.conditional]);
    const two = await rsj.get(`/api/share-entries?q=${encodeURIComponent('机动车 准驾')}`);
    expect(two.body.items.map((e: { id: number }) => e.id)).toEqual([ids.open]);
    expect((await rsj.get(`/api/share-entries?q=${encodeURIComponent('机动车草稿')}`)).body.total).toBe(0);
  });

  it('filters by provider and share type, pages, and says how the caller gets each', async () => {
    const rsj = await as('rsj');
    const gaj = await departmentOf(t, 'gaj');
    const conditional = await rsj.get(`/api/share-entries?q=${encodeURIComponent('机动车')}&providerId=${gaj}&shareType=conditional`);
    const items = conditional.body.items as { id: number; access: string; provider: { id: number }; items: { name: string }[] }[];
    expect(items.map((e) => e.id).sort()).toEqual([ids.conditional, ids.dedicated].sort());
    expect(items.every((e) => e.provider.id === gaj)).toBe(true);
    expect(items.find((e) => e.id === ids.dedicated)?.access).toBe('dedicated');
    expect(items.find((e) => e.id === ids.conditional)?.access).toBe('request');
    expect(items.find((e) => e.id === ids.conditional)?.items.map((i) => i.name)).toEqual(['号牌号码', '车辆识别代号']);
    const all = (await rsj.get(`/api/share-entries?q=${encodeURIComponent('机动车')}&pageSize=50`)).body.items as { id: number; access: string }[];
    expect(all.find((e) => e.id === ids.none)?.access).toBe('coordination');
    expect(all.find((e) => e.id === ids.own)?.access).toBe('own');
    const p1 = (await rsj.get(`/api/share-entries?q=${encodeURIComponent('机动车')}&pageSize=2&page=1`)).body;
    const p3 = (await rsj.get(`/api/share-entries?q=${encodeURIComponent('机动车')}&pageSize=2&page=3`)).body;
    expect(p1.items.map((e: { id: number }) => e.id)).toEqual(all.slice(0, 2).map((e) => e.id));
    expect(p3.items.map((e: { id: number }) => e.id)).toEqual(all.slice(4, 6).map((e) => e.id));
    expect(p3.total).toBe(5);
  });
});
