import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { actorOf, CalendarHolder, Department, sqlAll, User } from '@govdata/core';
import { type Actor, type CallRecordQuery } from '@govdata/domain';
import { CallRecord, callRecordStats, callRecordWhere } from '@govdata/gateway';
import { seedDemo } from '@govdata/demo';
import { shanghaiDate } from '@govdata/workdays';
import { type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '../testing';

type Query = Omit<CallRecordQuery, 'page' | 'pageSize'>;

/** The call statistics as they were computed before: every record of the filters read through the ORM, counted here. */
async function previousStats(em: EntityManager, actor: Actor, q: Query) {
  const where = await callRecordWhere(em, actor, q);
  const rows = await em.find(CallRecord, where, { fields: ['at', 'status', 'departmentId'], orderBy: { seq: 'asc' }, limit: 200_000 });
  const perDay = new Map<string, { ok: number; refused: number }>();
  const perDept = new Map<number, number>();
  for (const r of rows) {
    const day = shanghaiDate(r.at);
    const d = perDay.get(day) ?? { ok: 0, refused: 0 };
    if (r.status === 'ok') d.ok++;
    else d.refused++;
    perDay.set(day, d);
    if (r.departmentId) perDept.set(r.departmentId, (perDept.get(r.departmentId) ?? 0) + 1);
  }
  const depts = await em.find(Department, { id: { $in: [...perDept.keys()] } }, { fields: ['name'] });
  const dn = new Map(depts.map((d) => [d.id, d.name]));
  return {
    perDay: [...perDay].map(([day, v]) => ({ day, ...v })),
    perDepartment: [...perDept].map(([id, calls]) => ({ department: dn.get(id) ?? `#${id}`, calls })).sort((a, b) => b.calls - a.calls),
  };
}

/**
 * The 调用记录 page's charts (第十六条(四)) are two GROUP BYs now, not the records read through the ORM (at most the
 * first 200,000 of them — a fifth of a city's year). On the demo's calls they give what the ORM way gave, for the
 * bureau, a provider and a consumer, with and without filters.
 */
describe('call statistics by GROUP BY', () => {
  let db: TestDatabase;
  const actors = new Map<string, Actor>();
  beforeAll(async () => {
    db = await createPlatformTestDatabase();
    await seedDemo(db.fork(), { now: new Date('2026-11-20T10:00:00+08:00'), calendar: new CalendarHolder() });
    for (const username of ['bureau', 'rsj', 'gaj', 'mzj']) {
      actors.set(username, actorOf(await db.fork().findOneOrFail(User, { username }, { populate: ['department'] })));
    }
  }, 180_000);
  afterAll(() => db.drop());

  it('counts the calls per day and per department as the ORM way did', async () => {
    const [{ n } = { n: 0 }] = await sqlAll<{ n: number | string }>(db.fork(), 'select count(*) as n from call_records', []);
    expect(Number(n)).toBeGreaterThan(10);
    const [first] = await sqlAll<{ entry_id: number; department_id: number }>(db.fork(), "select entry_id, department_id from call_records where department_id is not null and status = 'ok' order by seq limit 1", []);
    const queries: Query[] = [{}, { status: 'ok' }, { status: 'forbidden' }, { from: '2026-01-01', to: '2026-06-30' }, { entryId: Number(first?.entry_id) }, { departmentId: Number(first?.department_id) }];
    let compared = 0;
    for (const [name, actor] of actors) {
      for (const q of queries) {
        const now = await callRecordStats(db.fork(), actor, q);
        expect(now, `${name} ${JSON.stringify(q)}`).toEqual(await previousStats(db.fork(), actor, q));
        if (now.perDay.length > 0) compared++;
      }
    }
    // most of the comparisons are of calls, not of empty charts
    expect(compared).toBeGreaterThan(8);
    // every call counted: the days add up to the records
    const all = await callRecordStats(db.fork(), actors.get('bureau') as Actor, {});
    expect(all.perDay.reduce((s, d) => s + d.ok + d.refused, 0)).toBe(Number(n));
  });
});
