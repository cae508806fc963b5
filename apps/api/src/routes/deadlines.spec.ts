import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeDeadline, Deadline } from '@govdata/core';
import { addDeadlines, departmentId } from '@govdata/core/testing';
import { createTestApp, type TestApp } from '../testing/harness';

// Friday 2026-11-20, 10:00
const NOW = '2026-11-20T10:00:00+08:00';
const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`);

describe('deadlines for the dashboards', () => {
  let t: TestApp;
  let gaj: number;
  let scjgj: number;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    const em = t.db.fork();
    gaj = await departmentId(em, '朔州市公安局');
    scjgj = await departmentId(em, '朔州市市场监督管理局');
    const [due, flagged, unswept, met, missed, other, review] = await addDeadlines(
      em,
      [
        { kind: 'provider_reply', departmentId: gaj, dueAt: endOf('2026-11-24') },
        { kind: 'correction_feedback', departmentId: gaj, dueAt: endOf('2026-11-16') },
        { kind: 'open_application', departmentId: gaj, dueAt: endOf('2026-11-19') },
        { kind: 'provider_reply', departmentId: gaj, dueAt: endOf('2026-11-10') },
        { kind: 'provider_reply', departmentId: gaj, dueAt: endOf('2026-11-11') },
        { kind: 'provider_reply', departmentId: scjgj, dueAt: endOf('2026-11-25') },
        { kind: 'compliance_review', departmentId: null, dueAt: endOf('2026-11-23') },
      ],
      new Date(NOW),
    );
    Object.assign(ids, { due: due.id, flagged: flagged.id, unswept: unswept.id, met: met.id, missed: missed.id, other: other.id, review: review.id });
    const rows = await em.find(Deadline, { id: { $in: [flagged.id, met.id, missed.id] } });
    for (const d of rows) {
      if (d.id === flagged.id) Object.assign(d, { state: 'overdue', overdueAt: new Date('2026-11-17T00:05:00+08:00') });
      if (d.id === met.id) completeDeadline(d, new Date('2026-11-09T15:00:00+08:00'));
      if (d.id === missed.id) completeDeadline(d, new Date('2026-11-13T15:00:00+08:00'));
    }
    await em.flush();
  });
  afterAll(() => t.close());

  it('gives a department its own clocks with 剩余/已逾期 N 个工作日', async () => {
    const officer = await t.as('gaj');
    const res = await officer.get('/api/deadlines?pageSize=50');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(5);
    const byId = new Map(res.body.items.map((d: { id: number }) => [d.id, d]));
    // Friday → Tuesday 11-24: the working days after today, Monday and Tuesday, are left (issue 14, defect 3)
    expect(byId.get(ids.due)).toMatchObject({ state: 'open', overdue: false, workingDaysLeft: 2, standingText: '剩余 2 个工作日', standing: { text: '剩余 2 个工作日', dueText: '11-24 24:00', tone: 'primary', dueSoon: false }, kindLabel: '提供部门答复', department: { id: gaj } });
    // due Monday 11-16, now Friday: Tue, Wed, Thu, Fri → 4 working days late
    expect(byId.get(ids.flagged)).toMatchObject({ state: 'overdue', overdue: true, workingDaysLate: 4, standingText: '已逾期 4 个工作日' });
    expect(byId.get(ids.unswept)).toMatchObject({ state: 'open', overdue: true, workingDaysLate: 1, standingText: '已逾期 1 个工作日' });
    expect(byId.get(ids.met)).toMatchObject({ state: 'met', met: true, standingText: '按时完成' });
    expect(byId.get(ids.missed)).toMatchObject({ state: 'missed', met: false, workingDaysLate: 2, standingText: '逾期完成（逾期 2 个工作日）' });
    expect(byId.has(ids.other)).toBe(false);
    expect(byId.has(ids.review)).toBe(false);
  });

  it('filters by state: due, overdue (flagged or not yet swept), met, missed', async () => {
    const officer = await t.as('gaj');
    const list = async (q: string) => (await officer.get(`/api/deadlines?${q}`)).body.items.map((d: { id: number }) => d.id).sort();
    expect(await list('state=due')).toEqual([ids.due]);
    expect(await list('state=overdue')).toEqual([ids.flagged, ids.unswept].sort());
    expect(await list('state=met')).toEqual([ids.met]);
    expect(await list('state=missed')).toEqual([ids.missed]);
    expect(await list('kind=correction_feedback')).toEqual([ids.flagged]);
    const bad = await officer.get('/api/deadlines?state=late');
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/due（办理中）/);
  });

  it('keeps other departments’ and the bureau’s clocks from a department, and shows all to the bureau and leaders', async () => {
    const officer = await t.as('gaj');
    expect((await officer.get(`/api/deadlines?department=${scjgj}`)).status).toBe(403);
    expect((await officer.get(`/api/deadlines/${ids.other}`)).status).toBe(403);
    expect((await officer.get(`/api/deadlines/${ids.review}`)).status).toBe(403);
    expect((await officer.get(`/api/deadlines/${ids.due}`)).body.id).toBe(ids.due);
    for (const who of ['bureau', 'leader']) {
      const agent = await t.as(who);
      expect((await agent.get('/api/deadlines')).body.total).toBe(7);
      const review = await agent.get(`/api/deadlines/${ids.review}`);
      expect(review.body).toMatchObject({ kind: 'compliance_review', responsible: 'bureau', department: null, standingText: '剩余 1 个工作日', standing: { dueSoon: true, dueTomorrow: false, tone: 'warning' } });
      expect((await agent.get(`/api/deadlines?department=${scjgj}`)).body.items.map((d: { id: number }) => d.id)).toEqual([ids.other]);
    }
    expect((await officer.get('/api/deadlines/999999')).status).toBe(404);
  });
});
