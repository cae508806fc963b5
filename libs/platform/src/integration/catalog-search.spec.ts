import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarHolder, fromSqlTime, isPostgres, sqlAll, User } from '@govdata/core';
import { FACETS, facetCode, LIST_COUNT_BOUND, listEntries, textGrams, wordGrams } from '@govdata/catalog';
import { seedDemo } from '@govdata/demo';
import { canReadEntry, ENTRY_STATUSES, entryQuerySchema, OPEN_TYPES, RESOURCE_TYPES, SECURITY_GRADES, SHARE_TYPES, UPDATE_CYCLES, type Actor, type EntryStatus, type ResourceType } from '@govdata/domain';
import { type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '../testing';

/**
 * The catalog list's text search (issue 19, finding 2) over the demo catalog: whatever index answers it — the n-gram
 * GIN index with the filters as facets on PostgreSQL, FTS5 or a scan on SQLite — the list must hold exactly the
 * entries a scan of the search texts finds, counted and paged in the list's order. Runs on SQLite and, with
 * DATABASE_URL=postgres://…, on PostgreSQL.
 */
describe('catalog text search', () => {
  let db: TestDatabase;
  interface Row {
    id: number;
    code: string;
    status: EntryStatus;
    share_type: string;
    open_type: string;
    security_grade: string;
    update_cycle: string;
    resource_type: ResourceType;
    library: string | null;
    provider_id: number;
    updated_at: unknown;
    text: string | null;
  }
  let rows: Row[];
  let leads: Map<string, number>;
  const actorOf = async (username: string): Promise<Actor> => {
    const u = await db.fork().findOneOrFail(User, { username });
    return { userId: u.id, username: u.username, displayName: u.displayName, roles: u.roles, departmentId: u.department.id };
  };

  beforeAll(async () => {
    db = await createPlatformTestDatabase();
    await seedDemo(db.fork(), { now: new Date('2026-05-20T10:00:00+08:00'), calendar: await CalendarHolder.load(db.fork()), until: 'catalog' });
    const em = db.fork();
    rows = await sqlAll<Row>(
      em,
      'select e.id, e.code, e.status, e.share_type, e.open_type, e.security_grade, e.update_cycle, e.resource_type, e.library, e.provider_id, e.updated_at, s.text from catalog_entries e left join catalog_search s on s.entry_id = e.id',
      [],
    );
    leads = new Map((await sqlAll<{ resource_type: string; library: string; department_id: number }>(em, 'select resource_type, library, department_id from catalog_library_leads', [])).map((l) => [`${l.resource_type}/${l.library}`, Number(l.department_id)]));
  }, 120_000);
  afterAll(() => db.drop());

  it('codes a text as the SQL function does, and a word by its characters or pairs, exact only up to two characters of the BMP', () => {
    const code = (a: string, b?: string) => (a.codePointAt(0) as number) * 65_536 + (b ? (b.codePointAt(0) as number) : 0) - 2 ** 31;
    expect(textGrams('ab 登记')).toEqual([code('a'), code('a', 'b'), code('b'), code('登'), code('登', '记'), code('记')].sort((x, y) => x - y));
    // split at spaces, tabs and line breaks only; every other character is part of a word
    expect(textGrams('a\tb\r\nc　d')).toEqual([code('a'), code('b'), code('c'), code('c', '　'), code('　'), code('　', 'd'), code('d')].sort((x, y) => x - y));
    expect(wordGrams('登')).toEqual({ grams: [code('登')], exact: true });
    expect(wordGrams('登记')).toEqual({ grams: [code('登', '记')], exact: true });
    expect(wordGrams('登记表')).toEqual({ grams: [code('登', '记'), code('记', '表')], exact: false });
    // characters beyond the BMP share one code (U+FFFF): a candidate, read again
    expect(wordGrams('𠀀')).toEqual({ grams: [code('\uffff')], exact: false });
    expect(wordGrams('𪚥')).toEqual(wordGrams('𠀀'));
    expect(textGrams('𠀀')).toEqual([code('\uffff')]);
  });

  it('has a facet code for every value of the filters it indexes, none equal to another or to a text code', () => {
    const domain = { status: ENTRY_STATUSES, share_type: SHARE_TYPES, open_type: OPEN_TYPES, security_grade: SECURITY_GRADES, update_cycle: UPDATE_CYCLES, resource_type: RESOURCE_TYPES };
    // a value added to the domain needs a migration that adds it to catalog_entry_facets(…) and to FACETS
    for (const [column, values] of Object.entries(domain)) expect([...FACETS[column as keyof typeof FACETS]].sort()).toEqual([...values].sort());
    const codes = (Object.keys(FACETS) as (keyof typeof FACETS)[]).flatMap((c) => FACETS[c].map((v) => facetCode(c, v) as number));
    expect(new Set(codes).size).toBe(codes.length);
    // text codes start with a code point ≠ U+D800 (a surrogate, in no text): facet codes start with it
    for (const c of codes) expect(Math.floor((c + 2 ** 31) / 65_536)).toBe(0xd800);
    expect(facetCode('status', 'archived')).toBeNull();
  });

  it('finds exactly what a scan of the search texts finds, with the filters, as the bureau and as a department, counted and paged', async () => {
    const bureau = await actorOf('bureau');
    const officer = await actorOf('gaj');
    const someCode = rows[0]?.code as string;
    const words = ['登记', '信息', '许可', '证', '公民身份号码', '企业 登记', '数据 更新 周期', '统计', '的', someCode.slice(2, 8), '不存在的词语', '麒麟鳐'];
    const filters: Record<string, string>[] = [
      {},
      { shareType: 'conditional' },
      { status: 'published', updateCycle: 'daily' },
      { securityGrade: 'general', resourceType: 'department' },
      { openType: 'closed', status: 'draft' },
      { status: 'published', departmentId: String(officer.departmentId) },
      { shareType: 'unconditional', openType: 'open', sort: 'code', order: 'asc' },
    ];
    const column: Record<string, keyof Row> = { status: 'status', shareType: 'share_type', openType: 'open_type', securityGrade: 'security_grade', updateCycle: 'update_cycle', resourceType: 'resource_type' };
    const time = (v: unknown) => fromSqlTime(v).getTime();
    let found = 0;
    let paged = 0;
    for (const actor of [bureau, officer]) {
      for (const q of words) {
        for (const f of filters) {
          const expected = rows
            .filter((r) => q.toLowerCase().split(/\s+/).every((w) => (r.text ?? '').includes(w)))
            .filter((r) => Object.entries(f).every(([k, v]) => (k === 'departmentId' ? r.provider_id === Number(v) : column[k] ? r[column[k] as keyof Row] === v : true)))
            .filter((r) => canReadEntry(actor, { status: r.status, providerId: Number(r.provider_id), resourceType: r.resource_type, library: r.library }, r.library ? (leads.get(`${r.resource_type}/${r.library}`) ?? null) : null))
            .sort((a, b) => (f.sort === 'code' ? (a.code < b.code ? -1 : a.code > b.code ? 1 : a.id - b.id) : time(b.updated_at) - time(a.updated_at) || b.id - a.id))
            .map((r) => Number(r.id));
          const list = async (page: number) => listEntries(db.fork(), actor, entryQuerySchema.parse({ q, ...f, page: String(page), pageSize: '7' }));
          const first = await list(1);
          const second = await list(2);
          const label = `${actor.username} q=${q} ${JSON.stringify(f)}`;
          expect(first.total, label).toBe(Math.min(expected.length, LIST_COUNT_BOUND));
          expect([...first.items, ...second.items].map((e) => e.id), label).toEqual(expected.slice(0, 14));
          found += expected.length;
          if (expected.length > 7) paged += 1;
        }
      }
    }
    // the comparison is not vacuous: words are found, and found on more than one page
    expect(found).toBeGreaterThan(1000);
    expect(paged).toBeGreaterThan(20);
  }, 120_000);

  it('on PostgreSQL keeps every entry’s n-grams as its search text has them and its facets’ codes (written through the ORM), as the SQL functions code them', async () => {
    const em = db.fork();
    if (!isPostgres(em)) {
      // SQLite has no n-gram column: FTS5 and the search table serve it
      const columns = await sqlAll<{ name: string }>(em, "select name from pragma_table_info('catalog_entries')", []);
      expect(columns.map((c) => c.name)).not.toContain('search_grams');
      return;
    }
    const stored = await sqlAll<{ id: number; text: string; grams: number[] | null }>(em, 'select e.id, s.text, e.search_grams as grams from catalog_entries e join catalog_search s on s.entry_id = e.id', []);
    expect(stored.length).toBe(rows.length);
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    const facetsOf = (r: Row) => (['status', 'share_type', 'open_type', 'security_grade', 'update_cycle', 'resource_type'] as const).map((c) => facetCode(c, String(r[c])) as number);
    for (const s of stored) expect([...(s.grams ?? [])].sort((a, b) => a - b)).toEqual([...textGrams(s.text), ...facetsOf(byId.get(Number(s.id)) as Row)].sort((a, b) => a - b));
    const tricky = 'ab 登记\n𠀀𪚥\tx\r\ny　z  ';
    const [fn] = await sqlAll<{ grams: number[] }>(em, 'select catalog_search_grams(?) as grams', [tricky]);
    expect(fn?.grams).toEqual(textGrams(tricky));
    const args = ['status', 'share_type', 'open_type', 'security_grade', 'update_cycle', 'resource_type'] as const;
    for (const c of args) {
      for (const v of FACETS[c]) {
        const [r] = await sqlAll<{ codes: number[] }>(em, `select catalog_entry_facets(${args.map((a) => (a === c ? '?' : 'null')).join(', ')}) as codes`, [v]);
        expect(r?.codes, `${c}=${v}`).toEqual([facetCode(c, v)]);
      }
    }
  });
});
