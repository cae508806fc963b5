import type { EntityManager } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarHolder, sweepDeadlines } from '@govdata/core';
import { createPlatformTestDatabase } from '@govdata/platform/testing';
import type { TestDatabase } from '@govdata/core/testing';
import { facetCode, listEntries, searchTextOf, textGrams } from '@govdata/catalog';
import { loadAssessmentFacts } from '@govdata/assessment';
import { computeDue, entryQuerySchema, type DeadlineKind } from '@govdata/domain';
import { seedProvince, SEEDED_TABLES, type SeedReport } from './seed-load';
import { planDepartments, planTemplates, sizesOf } from './seed-plan';

/**
 * bench:seed at a small size (SQLite; PostgreSQL with DATABASE_URL): the rows are what the platform itself would
 * have written — every reference resolves, every clock is due when the working-day rule says, states agree between
 * requests, steps and clocks — and the platform's own code finds work in them.
 */
const NOW = new Date('2026-11-20T10:00:00+08:00');
const SIZES = { departments: 14, entries: 2_000, requests: 12_000 };

let db: TestDatabase;
let report: SeedReport;
const rows = async <T = Record<string, unknown>>(sql: string, bindings: (string | number | boolean | null)[] = []): Promise<T[]> => {
  const res: unknown = await (db.fork() as EntityManager).getKnex().raw(sql, bindings);
  return (Array.isArray(res) ? res : (res as { rows: T[] }).rows) as T[];
};
const one = async (sql: string, bindings: (string | number | boolean | null)[] = []) => Number(Object.values((await rows(sql, bindings))[0] ?? {})[0]);
const ms = (v: unknown) => (v instanceof Date ? v.getTime() : v === null ? null : typeof v === 'string' && !/^\d+$/.test(v) ? Date.parse(v) : Number(v));

beforeAll(async () => {
  db = await createPlatformTestDatabase();
  // two years of history: at this size a day's requests then leave some clocks running past due, as at full size
  report = await seedProvince(db, { sizes: SIZES, level: 'city', now: NOW, years: 2 });
}, 300_000);
afterAll(async () => {
  await db?.drop();
});

describe('bench:seed plan', () => {
  it('plans a province of 1,000 distinct departments, each keeping resources, one bureau', () => {
    const { topics } = planTemplates();
    const deps = planDepartments('province', sizesOf('province').departments, topics);
    expect(deps).toHaveLength(1_000);
    expect(new Set(deps.map((d) => d.name)).size).toBe(1_000);
    expect(new Set(deps.map((d) => d.code)).size).toBe(1_000);
    expect(deps.filter((d) => d.isBureau).map((d) => d.name)).toEqual(['山西省政务信息管理局']);
    expect(deps.map((d) => d.name)).toContain('太原市公安局');
    expect(deps.map((d) => d.name)).toContain('山西省公安厅');
  });
});

describe('bench:seed data', () => {
  it('writes the sizes asked for and the rows that go with them', () => {
    expect(report.counts.departments).toBe(SIZES.departments);
    expect(report.counts.catalog_entries).toBe(SIZES.entries);
    expect(report.counts.share_requests).toBe(SIZES.requests);
    expect(report.counts.catalog_items).toBeGreaterThan(SIZES.entries * 3);
    expect(report.counts.share_request_steps).toBeGreaterThan(SIZES.requests);
    expect(report.counts.deadlines).toBe(report.counts.share_request_steps);
    for (const t of SEEDED_TABLES) expect(report.counts[t], t).toBeGreaterThan(0);
  });

  it('leaves no reference dangling (every foreign key resolves)', async () => {
    if (db.dialect === 'sqlite') {
      expect(await rows('pragma foreign_key_check')).toEqual([]);
      return;
    }
    const fks = await rows<{ t: string; c: string; rt: string; rc: string }>(
      `select cl.relname as t, a.attname as c, rcl.relname as rt, ra.attname as rc from pg_constraint k
       join pg_class cl on cl.oid = k.conrelid join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
       join pg_class rcl on rcl.oid = k.confrelid join pg_attribute ra on ra.attrelid = k.confrelid and ra.attnum = k.confkey[1]
       where k.contype = 'f' and cl.relname in (${SEEDED_TABLES.map(() => '?').join(', ')})`,
      [...SEEDED_TABLES],
    );
    expect(fks.length).toBeGreaterThan(20);
    for (const f of fks) expect(await one(`select count(*) from ${f.t} x where x.${f.c} is not null and not exists (select 1 from ${f.rt} y where y.${f.rc} = x.${f.c})`), `${f.t}.${f.c}`).toBe(0);
  });

  it('dates every clock as the working-day rule does, and keeps it in step with its step and request', async () => {
    const calendar = await CalendarHolder.load(db.fork());
    const clocks = await rows<Record<string, unknown>>(
      `select d.id, d.kind, d.state, d.started_at, d.due_at, d.due_date, d.completed_at, d.overdue_at, d.department_id, s.decided_at, s.decision, s.started_at as step_started, s.department_id as step_department,
         r.status, r.current_step_kind, r.current_due_at, r.provider_id
       from deadlines d join share_request_steps s on s.id = d.subject_id join share_requests r on r.id = s.request_id where d.subject_type = 'share_request_step' and d.id % 7 = 0`,
    );
    expect(clocks.length).toBeGreaterThan(1_000);
    const states = new Set<string>();
    for (const c of clocks) {
      const due = computeDue(calendar.lenient, c.kind as DeadlineKind, new Date(ms(c.started_at) as number), {});
      expect(ms(c.due_at), `clock ${c.id}`).toBe(due.dueAt.getTime());
      expect(c.due_date).toBe(due.dueDate);
      expect(ms(c.started_at)).toBe(ms(c.step_started));
      expect(c.department_id === null ? null : Number(c.department_id)).toBe(c.kind === 'provider_reply' ? Number(c.provider_id) : null);
      const state = String(c.state);
      states.add(state);
      if (c.decided_at === null) {
        // a running clock is the request's current one
        expect(['open', 'overdue']).toContain(state);
        expect(c.current_step_kind).toBe(c.kind);
        expect(ms(c.current_due_at)).toBe(ms(c.due_at));
        expect(state === 'overdue').toBe((ms(c.due_at) as number) < NOW.getTime() - 2 * 86_400_000);
      } else {
        expect(ms(c.completed_at)).toBe(ms(c.decided_at));
        expect(state).toBe(c.decision === 'cancelled' ? 'cancelled' : (ms(c.decided_at) as number) <= (ms(c.due_at) as number) ? 'met' : 'missed');
      }
    }
    expect([...states].sort()).toEqual(expect.arrayContaining(['cancelled', 'met', 'missed', 'open']));
    expect((await rows<{ state: string }>('select distinct state from deadlines')).map((r) => r.state).sort()).toEqual(['cancelled', 'met', 'missed', 'open', 'overdue']);
  });

  it('makes requests the platform would accept: a published entry of another department, its own items, one open request per entry', async () => {
    expect(await one('select count(*) from share_requests r join catalog_entries e on e.id = r.entry_id where e.published_at is null or e.published_at > r.submitted_at or r.provider_id <> e.provider_id or r.requester_id = r.provider_id')).toBe(0);
    const sample = await rows<{ id: number; entry_id: number; item_ids: unknown }>('select id, entry_id, item_ids from share_requests where id % 97 = 0');
    for (const r of sample) {
      const ids = (typeof r.item_ids === 'string' ? JSON.parse(r.item_ids) : r.item_ids) as number[];
      const own = (await rows<{ id: number }>('select id from catalog_items where entry_id = ?', [Number(r.entry_id)])).map((x) => Number(x.id));
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(own).toContain(id);
    }
    expect(await one("select count(*) from (select requester_id, entry_id from share_requests where status in ('submitted', 'returned', 'provider_review', 'negotiating', 'coordinating') group by requester_id, entry_id having count(*) > 1) x")).toBe(0);
    expect(await one("select count(*) from share_requests where status in ('submitted', 'provider_review', 'returned')")).toBeGreaterThan(0);
    // a grant for each approved request and none else; a violation for each late reply the sweep flagged
    expect(await one("select count(*) from share_requests r left join share_grants g on g.request_id = r.id where (r.status = 'approved') <> (g.id is not null)")).toBe(0);
    expect(await one("select count(*) from deadlines where kind = 'provider_reply' and overdue_at is not null")).toBe(await one("select count(*) from violations where source_kind = 'share_request_step'"));
    const statuses = (await rows<{ status: string }>('select distinct status from share_requests')).map((r) => r.status).sort();
    expect(statuses).toEqual(expect.arrayContaining(['approved', 'provider_review', 'rejected', 'submitted', 'withdrawn']));
  });

  it('writes the search text and the published version as the catalog does', async () => {
    const entries = await rows<{ id: number; code: string; name: string; summary: string; text: string; snapshot: unknown }>(
      'select e.id, e.code, e.name, e.summary, s.text, v.snapshot from catalog_entries e join catalog_search s on s.entry_id = e.id join catalog_entry_versions v on v.entry_id = e.id and v.version = e.current_version where e.id % 37 = 0',
    );
    expect(entries.length).toBeGreaterThan(10);
    for (const e of entries) {
      const items = await rows<{ id: number; name: string }>('select id, name from catalog_items where entry_id = ? order by position', [Number(e.id)]);
      expect(e.text).toBe(searchTextOf(e, items.map((i) => i.name)));
      const snapshot = (typeof e.snapshot === 'string' ? JSON.parse(e.snapshot) : e.snapshot) as { code: string; items: { id: number; name: string; nullable: boolean }[] };
      expect(snapshot.code).toBe(e.code);
      expect(snapshot.items.map((i) => [Number(i.id), i.name])).toEqual(items.map((i) => [Number(i.id), i.name]));
      expect(typeof snapshot.items[0]?.nullable).toBe('boolean');
    }
    // PostgreSQL: the n-grams of the search text and the facet codes, as the platform's triggers write them
    if (db.dialect === 'postgresql') {
      const grams = await rows<{ text: string; grams: number[]; status: string; share_type: string; open_type: string; security_grade: string; update_cycle: string; resource_type: string }>(
        'select s.text, e.search_grams as grams, e.status, e.share_type, e.open_type, e.security_grade, e.update_cycle, e.resource_type from catalog_entries e join catalog_search s on s.entry_id = e.id where e.id % 37 = 0',
      );
      expect(grams.length).toBeGreaterThanOrEqual(entries.length);
      for (const g of grams) {
        const facets = (['status', 'share_type', 'open_type', 'security_grade', 'update_cycle', 'resource_type'] as const).map((c) => facetCode(c, g[c]) as number);
        expect([...g.grams].sort((a, b) => a - b)).toEqual([...textGrams(g.text), ...facets].sort((a, b) => a - b));
      }
    }
  });

  it('gives the catalog search, the assessment and the sweep work', async () => {
    const bureau = { userId: 1, username: 'bureau', displayName: '局', roles: ['bureau_admin' as const], departmentId: 1 };
    const page = await listEntries(db.fork(), bureau, entryQuerySchema.parse({ q: '信息', shareType: 'conditional', status: 'published' }));
    expect(page.total).toBeGreaterThan(50);
    expect(page.items).toHaveLength(20);

    const facts = await loadAssessmentFacts(db.fork(), { year: 2026, now: NOW });
    expect(facts).toHaveLength(SIZES.departments - 1);
    expect(facts.reduce((n, f) => n + Number(f.values.providerRepliesDue ?? 0), 0)).toBeGreaterThan(500);

    const backlog = await one("select count(*) from deadlines where state = 'open' and due_at < ?", [db.dialect === 'postgresql' ? NOW.toISOString() : NOW.getTime()]);
    expect(backlog).toBeGreaterThan(0);
    const swept = await sweepDeadlines({ em: db.fork(), now: NOW, calendar: await CalendarHolder.load(db.fork()) });
    expect(swept.newlyOverdue).toBe(backlog);
    expect(swept.violationsCreated + swept.serviceRecordEntries).toBe(backlog);
  });
});
