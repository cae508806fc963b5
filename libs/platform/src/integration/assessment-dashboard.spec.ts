import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { dashboardSchema, type DashboardDto } from '@govdata/analytics';
import { shanghaiDate } from '@govdata/workdays';
import { CatalogEntry } from '@govdata/catalog';
import { Deadline, Department, Violation } from '@govdata/core';
import { Notice } from '@govdata/supervision';
import { ShareGrant, ShareRequest } from '@govdata/sharing';
import { type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '../testing';
import { seedAssessmentFixture, type AssessmentFixture } from '../testing/assessment-fixtures';
import { loadDashboard } from '@govdata/assessment';

/** Every figure of the dashboard counted over rows loaded with em.find — independent of the SQL. */
async function bruteForceDashboard(em: EntityManager, year: number, now: Date): Promise<DashboardDto> {
  const today = shanghaiDate(now);
  const lastMonth = today > `${year}-12-31` ? 12 : Number(today.slice(5, 7));
  const months = Array.from({ length: lastMonth }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const entries = await em.find(CatalogEntry, { status: { $in: ['published', 'retiring'] } });
  const requests = (await em.find(ShareRequest, {})).filter((r) => shanghaiDate(r.submittedAt).startsWith(`${year}-`));
  const violations = await em.find(Violation, { status: { $in: ['candidate', 'confirmed'] } });
  const notices = (await em.find(Notice, {})).filter((n) => n.status !== 'draft' && n.status !== 'closed');
  const deadlines = (await em.find(Deadline, {})).filter((d) => d.dueDate.startsWith(`${year}-`));
  const departments = new Map((await em.find(Department, {})).map((d) => [d.id, { id: d.id, code: d.code, name: d.name }]));

  const pastDue = (d: (typeof deadlines)[number]) => d.state === 'overdue' || (d.state === 'open' && d.dueAt.getTime() < now.getTime());
  const monthly = months.map((month) => {
    const inMonth = deadlines.filter((d) => d.dueDate.startsWith(month));
    const replies = inMonth.filter((d) => d.kind === 'provider_reply' && d.department);
    const repliesDue = replies.filter((d) => d.state === 'met' || d.state === 'missed' || pastDue(d)).length;
    const repliesMet = replies.filter((d) => d.state === 'met').length;
    return { month, repliesDue, repliesMet, onTimeRate: repliesDue > 0 ? repliesMet / repliesDue : null, overdue: inMonth.filter((d) => d.state === 'missed' || pastDue(d)).length };
  });
  const due = monthly.reduce((a, m) => a + m.repliesDue, 0);
  const met = monthly.reduce((a, m) => a + m.repliesMet, 0);

  const heat = new Map<string, number>();
  for (const d of deadlines) {
    if (!d.department || !(d.state === 'missed' || pastDue(d))) continue;
    const key = `${d.department.id}|${d.dueDate.slice(0, 7)}`;
    heat.set(key, (heat.get(key) ?? 0) + 1);
  }
  const heatDepartments = [...new Set([...heat.keys()].map((k) => Number(k.split('|')[0])))].sort((a, b) => a - b);
  const cells: [number, number, number][] = [...heat.entries()]
    .map(([k, n]): [number, number, number] => [heatDepartments.indexOf(Number(k.split('|')[0])), months.indexOf(k.split('|')[1] ?? ''), n])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);

  const grants = (await em.find(ShareGrant, { status: 'active' })).filter((g) => g.validUntil >= today);
  const pairs = new Map<string, number>();
  for (const g of grants) pairs.set(`${g.provider.id}|${g.consumer.id}`, (pairs.get(`${g.provider.id}|${g.consumer.id}`) ?? 0) + 1);
  const nodes = [...new Set(grants.flatMap((g) => [g.provider.id, g.consumer.id]))].sort((a, b) => a - b);
  const links = [...pairs.entries()]
    .map(([k, n]) => ({ source: nodes.indexOf(Number(k.split('|')[0])), target: nodes.indexOf(Number(k.split('|')[1])), grants: n }))
    .sort((a, b) => a.source - b.source || a.target - b.target);

  return {
    year,
    asOf: today > `${year}-12-31` ? `${year}-12-31` : today,
    kpis: { entries: entries.length, requests: requests.length, onTimeRate: due > 0 ? met / due : null, openViolations: violations.length, openNotices: notices.length },
    monthly,
    heatmap: { departments: heatDepartments.map((id) => departments.get(id) as { id: number; code: string; name: string }), months, cells },
    network: { nodes: nodes.map((id) => departments.get(id) as { id: number; code: string; name: string }), links },
  };
}

describe('leadership dashboard aggregates', () => {
  let db: TestDatabase;
  let fx: AssessmentFixture;

  beforeAll(async () => {
    db = await createPlatformTestDatabase();
    fx = await seedAssessmentFixture(db.fork());
  }, 180_000);
  afterAll(() => db.drop());

  it.each([2025, 2026])('equal a brute-force count over the seeded rows (%i)', async (year) => {
    const dto = await loadDashboard(db.fork(), { year, now: fx.now });
    expect(() => dashboardSchema.parse(dto)).not.toThrow();
    expect(dto).toEqual(await bruteForceDashboard(db.fork(), year, fx.now));
  });

  it('has the months up to the statistics day, only non-zero heatmap cells, and a network of active grants', async () => {
    const dto = await loadDashboard(db.fork(), { year: 2026, now: fx.now });
    expect(dto.monthly.map((m) => m.month)).toEqual(dto.heatmap.months);
    expect(dto.monthly).toHaveLength(Number(dto.asOf.slice(5, 7)));
    expect(dto.monthly.at(-1)?.month).toBe(dto.asOf.slice(0, 7));
    expect((await loadDashboard(db.fork(), { year: 2025, now: fx.now })).monthly).toHaveLength(12);
    expect(dto.monthly[0]?.month).toBe('2026-01');
    expect(dto.heatmap.cells.length).toBeGreaterThan(0);
    for (const [d, m, n] of dto.heatmap.cells) {
      expect(n).toBeGreaterThan(0);
      expect(dto.heatmap.departments[d]).toBeDefined();
      expect(dto.heatmap.months[m]).toBeDefined();
    }
    expect(dto.network.links.length).toBeGreaterThan(0);
    for (const l of dto.network.links) {
      expect(dto.network.nodes[l.source]).toBeDefined();
      expect(dto.network.nodes[l.target]).toBeDefined();
      expect(l.grants).toBeGreaterThan(0);
    }
    expect(dto.kpis.requests).toBeGreaterThan(0);
    expect(dto.kpis.onTimeRate).toBeGreaterThan(0);
    expect(dto.kpis.onTimeRate).toBeLessThanOrEqual(1);
  });

  it('counts a grant revoked, or past its valid-until day, out of the network', async () => {
    const em = db.fork();
    const before = await loadDashboard(em, { year: 2026, now: fx.now });
    const total = (d: DashboardDto) => d.network.links.reduce((a, l) => a + l.grants, 0);
    const grant = await em.findOneOrFail(ShareGrant, { status: 'active', validUntil: { $gte: shanghaiDate(fx.now) } }, { orderBy: { id: 'asc' } });
    const validUntil = grant.validUntil;
    grant.validUntil = '2026-11-19';
    await em.flush();
    expect(total(await loadDashboard(db.fork(), { year: 2026, now: fx.now }))).toBe(total(before) - 1);
    grant.validUntil = validUntil;
    await em.flush();
  });
});
