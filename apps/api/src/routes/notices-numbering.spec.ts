import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Notice, NoticeCounter } from '@govdata/supervision';
import { createTestApp, type TestApp } from '../testing/harness';
import { recordViolation } from '../testing/notices';

/** 发文字号: never a gap, never a duplicate — on SQLite and on PostgreSQL (DATABASE_URL), whatever the concurrency. */
describe('notice numbering under concurrent issues', () => {
  let t: TestApp;
  const draft = async (department: string): Promise<number> => {
    const v = await recordViolation(t, { department, type: 9 });
    const res = await (await t.as('bureau')).post('/api/notices').send({ violationIds: [v], rectifyWithinWorkingDays: 10 });
    expect(res.status).toBe(201);
    return res.body[0].id;
  };
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-11-20T10:00:00+08:00' });
  });
  afterAll(() => t.close());

  it('gives 20 concurrent issues 20 distinct consecutive numbers', async () => {
    const departments = ['朔州市公安局', '朔州市市场监督管理局', '朔州市人力资源和社会保障局', '朔州市民政局'];
    const ids: number[] = [];
    for (let i = 0; i < 20; i++) ids.push(await draft(departments[i % departments.length]));
    const bureau = await t.as('bureau');
    const results = await Promise.all(ids.map((id) => bureau.post(`/api/notices/${id}/issue`)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const numbers = results.map((r) => r.body.number as string);
    expect(new Set(numbers).size).toBe(20);
    const sequences = numbers.map((n) => Number(/^朔政数通〔2026〕(\d+)号$/.exec(n)?.[1])).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const stored = await t.db.fork().find(Notice, { id: { $in: ids } }, { orderBy: { sequence: 'asc' } });
    expect(stored.map((n) => n.sequence)).toEqual(sequences);
    expect((await t.db.fork().findOneOrFail(NoticeCounter, 2026)).lastSequence).toBe(20);
  });

  it('issues one draft once when it is sent twice at the same time, and leaves no gap', async () => {
    const id = await draft('朔州市教育局');
    const bureau = await t.as('bureau');
    const [a, b] = await Promise.all([bureau.post(`/api/notices/${id}/issue`), bureau.post(`/api/notices/${id}/issue`)]);
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(200);
    expect([409, 422]).toContain(statuses[1]);
    const loser = a.status === 200 ? b : a;
    expect(loser.headers['content-type']).toMatch(/problem\+json/);
    expect((a.status === 200 ? a : b).body.number).toBe('朔政数通〔2026〕21号');
    const next = await draft('朔州市教育局');
    expect((await bureau.post(`/api/notices/${next}/issue`)).body.number).toBe('朔政数通〔2026〕22号');
  });

  it('starts each year at 1', async () => {
    t.clock.set('2027-01-04T09:00:00+08:00');
    const id = await draft('朔州市公安局');
    const res = await (await t.as('bureau')).post(`/api/notices/${id}/issue`);
    expect(res.body.number).toBe('朔政数通〔2027〕1号');
  });
});
