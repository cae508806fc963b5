import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_COUNT_BOUND, TEXT_SEARCH_LIMITS } from '@govdata/catalog';
import { isPostgres, sqlAll, sqlRun } from '@govdata/core';
import { createTestApp, type TestApp } from '../testing/harness';
import { departmentOf, entryOf, logins } from '../testing/share-fixtures';

/**
 * Issue 19, finding 2: the catalog list counts its matches up to a bound — beyond it the page says “at least” — and
 * pages in the order (updated_at, id) also through thousands of entries sharing one updated_at (a bulk import).
 * A text search counts to a lower bound (TEXT_SEARCH_LIMITS.countBound) and, on PostgreSQL, finds a page beyond it
 * in one of three ways; each must give the page a scan would.
 */
describe('catalog list beyond the count bound', () => {
  let t: TestApp;
  let as: ReturnType<typeof logins>;
  beforeAll(async () => {
    t = await createTestApp();
    as = logins(t);
    const model = await entryOf(t, 'gaj', { name: '批量导入的资源', shareType: 'conditional' });
    // LIST_COUNT_BOUND + 500 copies of one entry with one updated_at, written in bulk as an import would
    const em = t.db.fork();
    const [row] = await sqlAll<Record<string, unknown>>(em, 'select * from catalog_entries where id = ?', [model.id]);
    const columns = Object.keys(row as object).filter((c) => c !== 'id');
    const pick = columns.map((c) => (c === 'code' ? `e.code || '-' || s.i` : c === 'name' ? `e.name || s.i` : `e.${c}`)).join(', ');
    const n = LIST_COUNT_BOUND + 500;
    const series = isPostgres(em) ? `generate_series(1, ${n}) as s(i)` : `(with recursive r(i) as (select 1 union all select i + 1 from r where i < ${n}) select i from r) s`;
    await sqlRun(em, `insert into catalog_entries (${columns.join(', ')}) select ${pick} from catalog_entries e, ${series} where e.id = ?`, [model.id]);
    // and their search text, as an import writes it (on PostgreSQL the trigger writes the n-grams, on SQLite FTS5's)
    await sqlRun(em, "insert into catalog_search (entry_id, text) select e.id, lower(e.code || ' ' || e.name || ' ' || e.summary) from catalog_entries e where e.id > ?", [model.id]);
  });
  afterAll(() => t.close());

  it('says “at least the bound” past it, exact below it, and pages the tied rows without repeating one', async () => {
    const bureau = await as('bureau');
    const all = await bureau.get('/api/catalog/entries?pageSize=50');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: LIST_COUNT_BOUND, totalBounded: true });
    const few = await bureau.get('/api/catalog/entries?q=不存在的词语组合&pageSize=50');
    expect(few.body.total).toBe(0);
    expect(few.body).not.toHaveProperty('totalBounded');
    await entryOf(t, 'rsj', { name: '另一部门的资源', shareType: 'conditional' });
    const some = await bureau.get(`/api/catalog/entries?departmentId=${await departmentOf(t, 'rsj')}`);
    expect(some.status).toBe(200);
    expect(some.body.total).toBeGreaterThan(0);
    expect(some.body.total).toBeLessThan(LIST_COUNT_BOUND);
    expect(some.body.totalBounded).toBeUndefined();
    // two pages deep in the tied rows: distinct, in (updated_at desc, id desc) order
    const p1 = (await bureau.get('/api/catalog/entries?pageSize=100&page=3')).body.items as { id: number; updatedAt: string }[];
    const p2 = (await bureau.get('/api/catalog/entries?pageSize=100&page=4')).body.items as { id: number; updatedAt: string }[];
    const ids = [...p1, ...p2].map((e) => e.id);
    expect(new Set(ids).size).toBe(200);
    const sorted = [...p1, ...p2].every((e, i, xs) => i === 0 || e.updatedAt < xs[i - 1].updatedAt || (e.updatedAt === xs[i - 1].updatedAt && e.id < xs[i - 1].id));
    expect(sorted).toBe(true);
  });

  it('bounds a text search’s count lower and pages its many matches in order, with a filter and without', async () => {
    const bureau = await as('bureau');
    const many = await bureau.get(`/api/catalog/entries?q=${encodeURIComponent('批量导入')}&pageSize=100&page=2`);
    expect(many.status).toBe(200);
    expect(many.body).toMatchObject({ total: TEXT_SEARCH_LIMITS.countBound, totalBounded: true });
    const items = many.body.items as { id: number; name: string; updatedAt: string }[];
    expect(items).toHaveLength(100);
    expect(items.every((e) => e.name.startsWith('批量导入的资源'))).toBe(true);
    expect(items.every((e, i) => i === 0 || e.updatedAt < items[i - 1].updatedAt || (e.updatedAt === items[i - 1].updatedAt && e.id < items[i - 1].id))).toBe(true);
    // one character, a long word (its pairs read again) and a facet filter
    for (const q of ['导', '批量导入的资源', '导入 资源']) {
      const r = await bureau.get(`/api/catalog/entries?q=${encodeURIComponent(q)}&shareType=conditional&status=published`);
      expect(r.body, q).toMatchObject({ total: TEXT_SEARCH_LIMITS.countBound, totalBounded: true });
      expect(r.body.items.length, q).toBe(20);
    }
    const none = await bureau.get(`/api/catalog/entries?q=${encodeURIComponent('批量导入')}&shareType=unconditional`);
    expect(none.body.total).toBe(0);
    // a word in only one of them: the few matches read from the index
    const one = await bureau.get(`/api/catalog/entries?q=${encodeURIComponent('批量导入的资源10499')}`);
    expect(one.body.items.map((e: { name: string }) => e.name)).toEqual(['批量导入的资源10499']);
  });

  it('gives a text search beyond the count bound the same pages whichever way it finds them', async () => {
    const bureau = await as('bureau');
    // the scan's answer: every entry whose search text holds the word, in (updated_at desc, id desc) order
    const em = t.db.fork();
    const expected = (await sqlAll<{ id: number | string }>(em, "select e.id from catalog_entries e join catalog_search s on s.entry_id = e.id where s.text like '%批量导入%' and e.share_type = 'conditional' order by e.updated_at desc, e.id desc", [])).map((r) => Number(r.id));
    expect(expected.length).toBeGreaterThan(LIST_COUNT_BOUND);
    const pageOf = async (page: number) => {
      const r = await bureau.get(`/api/catalog/entries?q=${encodeURIComponent('批量导入')}&shareType=conditional&pageSize=50&page=${page}`);
      expect(r.status).toBe(200);
      return r.body as { items: { id: number }[]; total: number; totalBounded?: boolean };
    };
    const saved = { ...TEXT_SEARCH_LIMITS };
    try {
      // the first page lies in the walked window (PostgreSQL), or is counted to the bound (SQLite)
      const near = await pageOf(1);
      expect(near.items.map((e) => e.id)).toEqual(expected.slice(0, 50));
      expect(near).toMatchObject({ total: TEXT_SEARCH_LIMITS.countBound, totalBounded: true });
      // a page beyond a small window: all the matches ranked, and then counted exactly (PostgreSQL)
      TEXT_SEARCH_LIMITS.walkWindow = 60;
      const deep = await pageOf(3);
      expect(deep.items.map((e) => e.id)).toEqual(expected.slice(100, 150));
      if (isPostgres(em)) expect(deep).toMatchObject({ total: expected.length });
      // more matches than are ranked: the whole sort order walked
      TEXT_SEARCH_LIMITS.rankAll = 2_000;
      const walked = await pageOf(4);
      expect(walked.items.map((e) => e.id)).toEqual(expected.slice(150, 200));
      expect(walked).toMatchObject({ total: TEXT_SEARCH_LIMITS.countBound, totalBounded: true });
    } finally {
      Object.assign(TEXT_SEARCH_LIMITS, saved);
    }
  });
});
