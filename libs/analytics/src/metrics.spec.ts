import { describe, it, expect } from 'vitest';
import { DEADLINE_KINDS, DEADLINE_STATES } from '@govdata/domain';
import { FACT_KEYS } from './facts';
import { METRICS, METRIC_IDS, computeMetric, isMetricId, isSourceMissing, metricFormula, type MetricDefinition } from './metrics';
import { factsFor } from './testing/fixtures';

describe('metric registry', () => {
  it('reads only known facts, cites an article and names drill-downs that exist', () => {
    for (const id of METRIC_IDS) {
      const m: MetricDefinition = METRICS[id];
      expect(m.article).toMatch(/^第.+条/);
      const facts = m.kind === 'ratio' ? [...m.numerator, m.denominator] : m.kind === 'count' ? [m.fact, ...(m.context ? [m.context.fact] : [])] : [];
      for (const f of facts) expect(FACT_KEYS).toContain(f);
      for (const d of [m.drillDown, m.population]) {
        if (d.kind === 'deadline') {
          expect(Object.keys(DEADLINE_KINDS)).toContain(d.deadlineKind);
          for (const s of d.states) expect(DEADLINE_STATES).toContain(s);
        }
      }
    }
  });

  it('points the late replies at missed and overdue provider-reply deadlines', () => {
    expect(METRICS.provider_reply_on_time_rate.drillDown).toEqual({ kind: 'deadline', deadlineKind: 'provider_reply', states: ['missed', 'overdue'] });
  });

  it('gives each metric a unit and a formula in words', () => {
    expect(METRICS.provider_reply_on_time_rate.unit).toBe('%');
    expect(METRICS.violations_confirmed.unit).toBe('起');
    expect(metricFormula(METRICS.provider_reply_on_time_rate)).toBe('5 个工作日内答复的共享申请 ÷ 应答复共享申请');
    expect(metricFormula(METRICS.share_rate)).toBe('（无条件共享条目 + 有条件共享条目） ÷ 已发布目录条目数');
    expect(metricFormula(METRICS.confirmed_data_errors)).toBe('经核实的数据错误');
  });

  it('knows its ids', () => {
    expect(isMetricId('share_rate')).toBe(true);
    expect(isMetricId('toString')).toBe(false);
    expect(isMetricId('nope')).toBe(false);
  });
});

describe('computeMetric', () => {
  it('sums numerator facts over the denominator', () => {
    expect(computeMetric(METRICS.share_rate, factsFor(1))).toEqual({ kind: 'ratio', numerator: 45, denominator: 50, rate: 0.9, missingFacts: [] });
  });

  it('has no rate without cases, and lists the missing facts when a source is missing', () => {
    const none = computeMetric(METRICS.provider_reply_on_time_rate, factsFor(1, { providerRepliesDue: 0, providerRepliesMet: 0 }));
    expect(none).toMatchObject({ rate: null, denominator: 0 });
    expect(isSourceMissing(none)).toBe(false);
    const missing = computeMetric(METRICS.open_entries_rate, factsFor(1, { entriesOpenOnApplication: null }));
    expect(missing).toMatchObject({ rate: null, missingFacts: ['entriesOpenOnApplication'] });
    expect(isSourceMissing(missing)).toBe(true);
  });

  it('reads a count with its context, a missing context not making the source missing', () => {
    expect(computeMetric(METRICS.share_rejections_without_basis, factsFor(1))).toEqual({ kind: 'count', count: 1, context: 6, missingFacts: [] });
    const noContext = computeMetric(METRICS.share_rejections_without_basis, factsFor(1, { shareRejections: null }));
    expect(isSourceMissing(noContext)).toBe(false);
  });

  it('totals violations over the nine types, and is missing without violation records', () => {
    expect(computeMetric(METRICS.violations_confirmed, factsFor(1, {}, { 2: 3, 9: 1 }))).toMatchObject({ count: 4 });
    expect(isSourceMissing(computeMetric(METRICS.violations_confirmed, factsFor(1, {}, null)))).toBe(true);
  });
});
