import { afterEach, describe, expect, it } from 'vitest';
import { CalendarHolder, Deadline, ServiceRecordEntry, sweepDeadlines } from '@govdata/core';
import { UpperApplication, UpperNeed, UpperResource } from '@govdata/lifecycle';
import { type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '../testing';
import { organisationSeeder, Prng, upperSeeder } from '@govdata/demo';

describe('上级数据 demo seeder (第十八条)', () => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.drop();
    db = undefined;
  });

  it('leaves an application at each stage and two needs waiting, the same each run, nothing overdue', async () => {
    const now = new Date('2026-11-20T10:00:00+08:00');
    const seed = async () => {
      db = await createPlatformTestDatabase();
      const calendar = await CalendarHolder.load(db.fork());
      const ctx = { em: db.fork(), now, rng: new Prng(20_220_517), calendar, log: () => undefined, departments: new Map(), users: new Map() };
      await organisationSeeder.run(ctx);
      await upperSeeder.run(ctx);
      const em = db.fork();
      const needs = await em.find(UpperNeed, {}, { orderBy: { id: 'asc' } });
      const applications = await em.find(UpperApplication, {}, { orderBy: { id: 'asc' } });
      return { calendar, resources: await em.count(UpperResource, {}), needs: needs.map((n) => [n.status, n.outcome ?? null, n.dueDate]), applications: applications.map((a) => [a.status, a.decision ?? null]) };
    };
    const first = await seed();
    expect(first.resources).toBe(6);
    expect(first.applications).toEqual([['passed_back', 'partly_approved'], ['submitted', null]]);
    expect(first.needs.map((n) => n.slice(0, 2))).toEqual([['answered', 'partly_approved'], ['answered', 'approved'], ['applied', null], ['submitted', null], ['submitted', null]]);
    // the bureau met its commitments in the demo: the sweep at the demo's now records nothing
    const summary = await sweepDeadlines({ em: (db as TestDatabase).fork(), now, calendar: first.calendar });
    expect(summary.serviceRecordEntries).toBe(0);
    expect(await (db as TestDatabase).fork().count(ServiceRecordEntry, {})).toBe(0);
    expect(await (db as TestDatabase).fork().count(Deadline, { kind: 'upper_need_submission', state: 'open' })).toBe(2);
    await db?.drop();
    db = undefined;
    const second = await seed();
    expect(second.needs).toEqual(first.needs);
  });
});
