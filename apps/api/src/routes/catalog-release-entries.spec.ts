import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogEntry, CatalogRelease, CatalogReleaseEntry, numberReleaseEntries, RELEASE_SEARCH_COUNT_BOUND } from '@govdata/catalog';
import { multiplyPublishedCatalog } from '@govdata/catalog/testing';
import { User } from '@govdata/core';
import type { ReleaseEntryDto } from '@govdata/domain';
import { createTestApp, type TestApp } from '../testing/harness';

type Agent = Awaited<ReturnType<TestApp['as']>>;
interface PageBody {
  items: ReleaseEntryDto[];
  total: number;
  page: number;
  pageSize: number;
  totalBounded?: boolean;
}
/** The release's rows as the database holds them, in code order (ties by id): what every page is checked against. */
interface Row {
  entryId: number;
  code: string;
  name: string;
  providerId: number;
  position: number;
}

/**
 * The release page's list of entries (issue 19, finding 1): pages are ranges of the positions numbered when the
 * release is made — checked page by page against the release's rows, for the whole release, one provider's part, a
 * text search, and entries that share a code. Runs on SQLite and on PostgreSQL (DATABASE_URL).
 */
describe('a release’s entries, page by page (keyset on the positions)', () => {
  let t: TestApp;
  let gaj: Agent;
  let release: { id: number; entryCount: number };
  let rows: Row[];

  const list = async (query: Record<string, string | number>, as: Agent = gaj): Promise<PageBody> => {
    const res = await as.get(`/api/catalog/releases/${release.id}/entries`).query(query);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as PageBody;
  };
  const releaseRows = async (releaseId: number): Promise<Row[]> =>
    (await t.db.fork().find(CatalogReleaseEntry, { release: releaseId }, { orderBy: { code: 'asc', id: 'asc' } })).map((r) => ({ entryId: r.entry.id, code: r.code, name: r.name, providerId: r.provider.id, position: r.position }));
  /** every page in turn, as the SPA turns them: `after` the last position of the page before */
  async function walk(query: Record<string, string | number>, pageSize: number): Promise<{ pages: PageBody[]; ids: number[] }> {
    const pages: PageBody[] = [];
    for (let page = 1, after: number | undefined; ; page++) {
      const body = await list({ ...query, page, pageSize, ...(after === undefined ? {} : { after }) });
      pages.push(body);
      if (body.items.length < pageSize) break;
      after = body.items.at(-1)?.position;
    }
    return { pages, ids: pages.flatMap((p) => p.items.map((i) => i.entryId)) };
  }

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-11-20T10:00:00+08:00', seedUntil: 'catalog' });
    gaj = await t.as('gaj');
    // a release larger than the text search's count bound: the catalog three times over
    await multiplyPublishedCatalog(t.db.fork(), 2);
    const made = await (await t.as('bureau')).post('/api/catalog/releases').send({ note: '分页测试' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    release = made.body;
    rows = await releaseRows(release.id);
    expect(rows.length).toBe(release.entryCount);
    expect(release.entryCount).toBeGreaterThan(RELEASE_SEARCH_COUNT_BOUND);
  });
  afterAll(() => t.close());

  it('numbers the release 1 … entryCount in code order, and each provider’s entries 1 … n in the same order', async () => {
    expect(rows.map((r) => r.position)).toEqual(rows.map((_, i) => i + 1));
    const all = await t.db.fork().find(CatalogReleaseEntry, { release: release.id }, { orderBy: { position: 'asc' } });
    const seen = new Map<number, number>();
    for (const r of all) {
      const n = (seen.get(r.provider.id) ?? 0) + 1;
      seen.set(r.provider.id, n);
      expect(r.providerPosition).toBe(n);
    }
    // the earlier releases (the demo's, written row by row) are numbered the same way
    const demo = (await t.db.fork().find(CatalogRelease, { number: 1 }))[0] as { id: number; entryCount: number };
    expect((await releaseRows(demo.id)).map((r) => r.position)).toEqual(Array.from({ length: demo.entryCount }, (_, i) => i + 1));
  });

  it('the whole release: consecutive pages hold every entry once in code order; a jump to any page is its slice; the total is the stored count', async () => {
    const pageSize = 97;
    const { pages, ids } = await walk({}, pageSize);
    expect(ids).toEqual(rows.map((r) => r.entryId));
    expect(pages.length).toBe(Math.floor(rows.length / pageSize) + 1);
    for (const p of pages) expect(p.total).toBe(release.entryCount);
    for (const page of [1, 2, 7, pages.length - 1, pages.length]) {
      const body = await list({ page, pageSize });
      expect(body.items.map((i) => i.entryId)).toEqual(rows.slice((page - 1) * pageSize, page * pageSize).map((r) => r.entryId));
      expect(body.items.map((i) => i.position)).toEqual(rows.slice((page - 1) * pageSize, page * pageSize).map((r) => r.position));
      expect(body).toMatchObject({ page, pageSize, total: release.entryCount });
      expect(body.totalBounded).toBeUndefined();
    }
    // past the end: nothing, the total still right
    expect(await list({ page: pages.length + 3, pageSize })).toMatchObject({ items: [], total: release.entryCount });
    // a row carries what the page shows
    const first = (await list({ page: 1, pageSize: 1 })).items[0] as ReleaseEntryDto;
    const entry = await t.db.fork().findOneOrFail(CatalogEntry, first.entryId, { populate: ['provider'] });
    expect(first).toMatchObject({ position: 1, code: rows[0]?.code, name: rows[0]?.name, provider: { id: entry.provider.id, name: entry.provider.getEntity().name } });
  });

  it('one provider’s entries: pages by the provider’s own numbers, the same entries as filtering the release; the total is its count', async () => {
    const counts = new Map<number, number>();
    for (const r of rows) counts.set(r.providerId, (counts.get(r.providerId) ?? 0) + 1);
    const [largest, count] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] as [number, number];
    const expected = rows.filter((r) => r.providerId === largest).map((r) => r.entryId);
    expect(expected.length).toBe(count);
    const pageSize = 11;
    const { pages, ids } = await walk({ departmentId: largest }, pageSize);
    expect(ids).toEqual(expected);
    for (const p of pages) expect(p.total).toBe(count);
    const last = Math.ceil(count / pageSize);
    for (const page of [1, 2, last]) {
      const body = await list({ departmentId: largest, page, pageSize });
      expect(body.items.map((i) => i.entryId)).toEqual(expected.slice((page - 1) * pageSize, page * pageSize));
    }
    // a department with no entry in the release
    const unknown = Math.max(...counts.keys()) + 1000;
    expect(await list({ departmentId: unknown })).toMatchObject({ items: [], total: 0 });
  });

  it('a text search matches name or code, with or without a provider; walked by `after` or jumped to by page, the same matches; a short first page counts itself', async () => {
    // a word of the names that many entries share, but not all
    const words = new Map<string, number>();
    for (const r of rows) for (const w of new Set(r.name.match(/[\u4e00-\u9fa5]{2}/g) ?? [])) words.set(w, (words.get(w) ?? 0) + 1);
    const word = [...words.entries()].filter(([, n]) => n > 60 && n < RELEASE_SEARCH_COUNT_BOUND).sort((a, b) => b[1] - a[1])[0]?.[0] as string;
    expect(word).toBeTruthy();
    const matches = rows.filter((r) => r.name.includes(word) || r.code.includes(word)).map((r) => r.entryId);
    const pageSize = 13;
    const { pages, ids } = await walk({ q: word }, pageSize);
    expect(ids).toEqual(matches);
    for (const p of pages) expect(p).toMatchObject({ total: matches.length });
    expect(pages[0]?.totalBounded).toBeUndefined();
    const page3 = await list({ q: word, page: 3, pageSize });
    expect(page3.items.map((i) => i.entryId)).toEqual(matches.slice(2 * pageSize, 3 * pageSize));
    // with a provider
    const provider = rows.find((r) => matches.includes(r.entryId))?.providerId as number;
    const both = rows.filter((r) => r.providerId === provider && (r.name.includes(word) || r.code.includes(word))).map((r) => r.entryId);
    expect((await walk({ q: word, departmentId: provider }, 2)).ids).toEqual(both);
    // by code (the copies' suffix), case and surrounding spaces aside
    const byCode = rows.filter((r) => r.code.toLowerCase().includes('-x2')).map((r) => r.entryId);
    expect(byCode.length).toBeGreaterThan(0);
    const short = await list({ q: '  -X2 ', pageSize: 200 });
    expect(short.items.map((i) => i.entryId)).toEqual(byCode.slice(0, 200));
    // a first page that is not full is the whole answer
    const one = rows[rows.length - 1] as Row;
    expect(await list({ q: one.code })).toMatchObject({ total: 1, items: [expect.objectContaining({ entryId: one.entryId, position: release.entryCount })] });
    expect(await list({ q: '没有这样的资源名称' })).toMatchObject({ items: [], total: 0 });
  });

  it('a text search counts up to the bound, then says “at least”; its pages past the count are still right', async () => {
    const all = rows.filter((r) => r.code.includes('/'));
    expect(all.length).toBeGreaterThan(RELEASE_SEARCH_COUNT_BOUND);
    const body = await list({ q: '/', pageSize: 50 });
    expect(body).toMatchObject({ total: RELEASE_SEARCH_COUNT_BOUND, totalBounded: true });
    expect(body.items.map((i) => i.entryId)).toEqual(all.slice(0, 50).map((r) => r.entryId));
    const after = all[RELEASE_SEARCH_COUNT_BOUND + 9] as Row;
    const deep = await list({ q: '/', pageSize: 5, page: 300, after: after.position });
    expect(deep.items.map((i) => i.entryId)).toEqual(all.slice(RELEASE_SEARCH_COUNT_BOUND + 10, RELEASE_SEARCH_COUNT_BOUND + 15).map((r) => r.entryId));
  });

  it('entries that share a code are numbered by row and paged without a gap or a repeat', async () => {
    const em = t.db.fork();
    const bureau = await em.findOneOrFail(User, { username: 'bureau' });
    const last = await em.findOneOrFail(CatalogRelease, { number: { $gt: 0 } }, { orderBy: { number: 'desc' } });
    const tied = em.create(CatalogRelease, {
      number: last.number + 1,
      title: '并列编码测试',
      releasedAt: new Date('2026-11-20T02:00:00Z'),
      releasedBy: bureau.id,
      releasedByName: '测试',
      note: null,
      previous: null,
      entryCount: 30,
      addedCount: 30,
      changedCount: 0,
      retiredCount: 0,
      filedAt: null,
      filingReference: null,
    });
    await em.flush();
    // 30 entries of the release above under three codes, written in an order that is not the codes' order
    const source = rows.slice(0, 30);
    const codes = ['B-TIE', 'A-TIE', 'C-TIE'];
    const made = await em.find(CatalogReleaseEntry, { release: release.id, entry: { $in: source.map((r) => r.entryId) } });
    for (const [i, r] of made.reverse().entries()) {
      em.create(CatalogReleaseEntry, { release: tied.id, entry: r.entry.id, entryVersion: r.entryVersion.id, versionNumber: r.versionNumber, code: codes[i % 3] as string, name: r.name, provider: r.provider.id, shareType: r.shareType, openType: r.openType, status: r.status, position: -(i + 1), providerPosition: -(i + 1) });
    }
    await em.flush();
    await numberReleaseEntries(em, tied.id);
    const expected = await releaseRows(tied.id);
    expect(expected.map((r) => r.code)).toEqual([...Array(10).fill('A-TIE'), ...Array(10).fill('B-TIE'), ...Array(10).fill('C-TIE')]);
    expect(expected.map((r) => r.position)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const saved = release;
    release = { id: tied.id, entryCount: 30 };
    try {
      // pages of 4 end inside every run of one code
      expect((await walk({}, 4)).ids).toEqual(expected.map((r) => r.entryId));
      expect((await walk({ q: 'TIE' }, 4)).ids).toEqual(expected.map((r) => r.entryId));
      expect((await list({ page: 3, pageSize: 4 })).items.map((i) => i.entryId)).toEqual(expected.slice(8, 12).map((r) => r.entryId));
    } finally {
      release = saved;
    }
  });

  it('bad paging is a 400 problem; an unknown release a 404', async () => {
    for (const query of ['after=-1', 'after=x', 'page=0', 'pageSize=201', `q=${'长'.repeat(101)}`]) {
      const res = await gaj.get(`/api/catalog/releases/${release.id}/entries?${encodeURI(query)}`);
      expect(res.status, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await gaj.get('/api/catalog/releases/999999/entries')).status).toBe(404);
  });
});
