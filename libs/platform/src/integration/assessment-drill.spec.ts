import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillRecordSchema, METRICS, type DepartmentYearFacts, type DrillDown, type MetricDefinition } from '@govdata/analytics';
import { type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '../testing';
import { seedAssessmentFixture, type AssessmentFixture } from '../testing/assessment-fixtures';
import { assessmentAsOf, loadAssessmentFacts, loadDrillRecords } from '@govdata/assessment';

/** What a descriptor's record count must be, read from the facts alone (null facts: no records). */
function expectedCount(metric: MetricDefinition, which: 'drillDown' | 'population', f: DepartmentYearFacts): number {
  const v = (k: keyof DepartmentYearFacts['values']) => f.values[k] ?? 0;
  switch (metric.kind) {
    case 'ratio': {
      const whole = v(metric.denominator);
      return which === 'population' ? whole : whole - metric.numerator.reduce((a, k) => a + v(k), 0);
    }
    case 'count':
      return which === 'population' && metric.context ? v(metric.context.fact) : v(metric.fact);
    case 'violations':
      return Object.values(f.violationsByType ?? {}).reduce((a, b) => a + b, 0);
  }
}

/** The SPA routes a record may open (apps/admin/src/modules/*). */
const ROUTES = [/^\/deadlines\/\d+$/, /^\/catalog\/entries\/\d+$/, /^\/share\/requests\/\d+$/, /^\/violations\/\d+$/];

describe('assessment drill-down records', () => {
  let db: TestDatabase;
  let fx: AssessmentFixture;
  const facts = new Map<number, DepartmentYearFacts[]>();

  beforeAll(async () => {
    db = await createPlatformTestDatabase();
    fx = await seedAssessmentFixture(db.fork());
    for (const year of [2025, 2026]) facts.set(year, await loadAssessmentFacts(db.fork(), { year, now: fx.now }));
  }, 180_000);
  afterAll(() => db.drop());

  const cases = Object.entries(METRICS).flatMap(([id, metric]) => (['drillDown', 'population'] as const).map((which) => [id, which, metric as MetricDefinition] as const));

  it.each(cases)('%s %s: as many records as its facts imply', async (_id, which, metric) => {
    for (const year of [2025, 2026]) {
      const asOf = assessmentAsOf(year, fx.now);
      // a sample keeps it fast: the edge-case and empty departments, and every eighth other one
      const sample = (facts.get(year) ?? []).filter((f, i) => i % 8 === 0 || f.departmentId === fx.edgeDepartmentId || f.departmentId === fx.emptyDepartmentId);
      for (const f of sample) {
        const drillDown: DrillDown = metric[which];
        const page = await loadDrillRecords(db.fork(), { year, now: fx.now, asOf, departmentId: f.departmentId, drillDown, page: 1, pageSize: 5 });
        expect(page.total, `${year} department ${f.departmentId}`).toBe(expectedCount(metric, which, f));
        expect(page.items.length).toBe(Math.min(5, page.total));
        expect(page.description).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
  });

  it('pages through every record once, with Chinese titles and details and links to SPA routes', async () => {
    const f = (facts.get(2026) ?? []).reduce((a, b) => ((b.values.providerRepliesDue ?? 0) > (a.values.providerRepliesDue ?? 0) ? b : a));
    const descriptors: DrillDown[] = [
      METRICS.provider_reply_on_time_rate.population,
      METRICS.provider_reply_on_time_rate.drillDown,
      METRICS.catalog_published_entries.drillDown,
      METRICS.update_cycle_compliance_rate.drillDown,
      METRICS.share_rejections_without_basis.population,
      METRICS.provider_replies_unanswered.drillDown,
      METRICS.violations_confirmed.drillDown,
    ];
    for (const drillDown of descriptors) {
      const seen = new Set<string>();
      let total = -1;
      for (let page = 1; page < 500; page++) {
        const res = await loadDrillRecords(db.fork(), { year: 2026, now: fx.now, asOf: '2026-11-20', departmentId: f.departmentId, drillDown, page, pageSize: 7 });
        total = res.total;
        for (const item of res.items) {
          expect(() => drillRecordSchema.parse(item)).not.toThrow();
          expect(item.title).toMatch(/[\u4e00-\u9fa5]/);
          expect(item.detail).toMatch(/[\u4e00-\u9fa5]/);
          expect(ROUTES.some((r) => r.test(item.link ?? '')), item.link ?? 'null').toBe(true);
          seen.add(`${item.kind}:${item.id}`);
        }
        if (res.items.length < 7) break;
      }
      expect(seen.size, JSON.stringify(drillDown)).toBe(total);
    }
  });

  it('explains a late reply and an incomplete entry in words', async () => {
    const edge = fx.edgeDepartmentId;
    const late = await loadDrillRecords(db.fork(), { year: 2025, now: fx.now, asOf: '2025-12-31', departmentId: edge, drillDown: METRICS.provider_reply_on_time_rate.drillDown, page: 1, pageSize: 100 });
    expect(late.items.some((i) => /应于 2025-12-31 前完成，至今未完成，已逾期 \d+ 个工作日/.test(i.detail))).toBe(true);
    const incomplete = await loadDrillRecords(db.fork(), { year: 2025, now: fx.now, asOf: '2025-12-31', departmentId: edge, drillDown: METRICS.catalog_metadata_complete_rate.drillDown, page: 1, pageSize: 100 });
    const details = incomplete.items.map((i) => `${i.title} ${i.detail}`);
    expect(details.some((d) => d.includes('无信息项') && d.includes('缺少：信息项（属性）'))).toBe(true);
    expect(details.some((d) => d.includes('无使用要求') && d.includes('缺少：使用要求'))).toBe(true);
    expect(details.some((d) => d.includes('信息项已删除') && d.includes('信息项（属性）'))).toBe(true);
    expect(details.some((d) => d.includes('无采集依据') && d.includes('采集依据或被采集对象同意'))).toBe(true);
    const rejected = await loadDrillRecords(db.fork(), { year: 2025, now: fx.now, asOf: '2025-12-31', departmentId: edge, drillDown: METRICS.share_rejections_without_basis.drillDown, page: 1, pageSize: 100 });
    expect(rejected.items.some((i) => i.detail.includes('2025-12-31 驳回') && i.detail.includes('未说明驳回依据'))).toBe(true);
  });
});
