import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchDto } from '@govdata/domain';
import { createTestApp, type TestApp } from '../testing/harness';

/** GET /api/me/workbench on the whole demo (issue 14, "A workbench, not a menu"): what waits for each demo role. */
describe('workbench per role on the demo data', () => {
  let t: TestApp;
  const get = async (username: string): Promise<WorkbenchDto> => {
    const res = await (await t.as(username)).get('/api/me/workbench');
    expect(res.status).toBe(200);
    return res.body as WorkbenchDto;
  };
  const soonestFirst = (w: WorkbenchDto) => w.items.every((item, i) => i === 0 || w.items[i - 1].dueAt <= item.dueAt);

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-11-20T10:00:00+08:00', seedUntil: 'assessment' });
  }, 600_000);
  afterAll(() => t.close());

  it('gives a department officer its own department’s clocks, overdue first, each one click from its page', async () => {
    const w = await get('gaj');
    const me = (await (await t.as('gaj')).get('/api/auth/me')).body as { department: { id: number } };
    expect(w.items.length).toBeGreaterThan(0);
    expect(w.counts.total).toBe(w.items.length);
    expect(soonestFirst(w)).toBe(true);
    expect(w.items.every((i) => i.department?.id === me.department.id && !i.asAgent)).toBe(true);
    // the overdue ones lead, and the counters agree with the rows
    expect(w.counts.overdue).toBeGreaterThan(0);
    expect(w.items.slice(0, w.counts.overdue).every((i) => i.overdue)).toBe(true);
    expect(w.items.filter((i) => i.dueSoon).length).toBe(w.counts.dueSoon);
    const first = w.items[0];
    expect(first.standingText).toMatch(/^已逾期 \d+ 个工作日$/);
    expect(first.label).toMatch(/^共享申请 GXSQ-\d{4}-\d{6}「/);
    expect(first.link).toMatch(/^\/share\/requests\/\d+$/);
    // the same standing as the deadline's own page
    const clock = await (await t.as('gaj')).get(`/api/deadlines/${first.deadlineId}`);
    expect(clock.body.standingText).toBe(first.standingText);
    expect(w.bureau).toBeNull();
    expect(w.overview).toBeNull();
  });

  it('gives an agent the replies of the provider it answers for, marked as such (第十六条(一))', async () => {
    const w = await get('agent');
    expect(w.items.length).toBeGreaterThan(0);
    expect(w.items.every((i) => i.kind === 'provider_reply' && i.asAgent && i.department?.name === '朔州市公安局')).toBe(true);
    expect(soonestFirst(w)).toBe(true);
    // each is a request the agent may answer
    const agent = await t.as('agent');
    const detail = await agent.get(w.items[0].link.replace('/share/requests/', '/api/share-requests/'));
    expect(detail.status).toBe(200);
    expect(detail.body.actions).toContain('approve');
  });

  it('gives the bureau its compliance reviews, its queues, overdue by department, candidates, jobs and the KPIs', async () => {
    const w = await get('bureau');
    const reviews = w.items.filter((i) => i.kind === 'compliance_review');
    expect(reviews.length).toBeGreaterThan(0);
    expect(reviews.every((i) => i.department === null)).toBe(true);
    expect(soonestFirst(w)).toBe(true);
    expect(w.bureau).not.toBeNull();
    const panel = w.bureau!;
    expect(panel.reviewQueue.submitted).toBe(reviews.length);
    expect(panel.reviewQueue.overdue).toBe(reviews.filter((i) => i.overdue).length);
    const counts = panel.overdueByDepartment.map((d) => d.overdue);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const gaj = panel.overdueByDepartment.find((d) => d.department.name === '朔州市公安局');
    expect(gaj?.overdue).toBe((await get('gaj')).counts.overdue);
    const bureau = await t.as('bureau');
    expect(panel.candidateViolations).toBe((await bureau.get('/api/violations?status=candidate')).body.total);
    expect(panel.jobs.total).toBeGreaterThan(0);
    expect(w.overview?.kpis).toEqual((await bureau.get('/api/dashboard')).body.kpis);
  });

  it('gives the leader nothing to do but the year’s KPIs and the way into the dashboard', async () => {
    const w = await get('leader');
    expect(w.items).toEqual([]);
    expect(w.counts).toEqual({ total: 0, overdue: 0, dueSoon: 0 });
    expect(w.bureau).toBeNull();
    expect(w.overview?.year).toBe(2026);
    expect(w.overview?.kpis).toEqual((await (await t.as('leader')).get('/api/dashboard')).body.kpis);
  });

  it('lists unread notifications, and drops an item once it is done', async () => {
    const w = await get('scjgj');
    expect(w.notifications.unread).toBeGreaterThanOrEqual(w.notifications.latest.length);
    expect(w.notifications.latest.every((n) => n.readAt === null)).toBe(true);
    const item = w.items.find((i) => i.kind === 'provider_reply');
    expect(item).toBeDefined();
    const scjgj = await t.as('scjgj');
    const id = item!.link.split('/').pop();
    const reply = await scjgj.post(`/api/share-requests/${id}/reply`).send({ decision: 'approve', conditions: '仅用于企业登记核验' });
    expect(reply.status).toBe(200);
    const after = await get('scjgj');
    expect(after.items.some((i) => i.deadlineId === item!.deadlineId)).toBe(false);
    expect(after.counts.total).toBe(w.counts.total - 1);
  });

  it('refuses anonymous callers', async () => {
    const res = await t.anonymous().get('/api/me/workbench');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});
