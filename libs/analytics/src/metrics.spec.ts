import { describe, it, expect } from 'vitest';
import { DEADLINE_KINDS, DEADLINE_STATES } from '@govdata/domain';
import { FACT_KEYS } from './facts';
import { METRICS, METRIC_IDS, computeMetric, isMetricId, isSourceMissing, metricFormula, type MetricDefinition } from './metrics';
import { byId, factsFor } from './testing/fixtures';
import { defaultScheme2026 } from './default-scheme';
import { describeValue } from './explain';
import type { AssessmentScheme } from './scheme';
import { scoreDepartment } from './score';
import { validateScheme } from './validate-scheme';

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

  it('reads 开放数据利用率 as the open datasets downloaded or called over the open datasets (第二十二条, 第二十五条)', () => {
    const m = METRICS.open_data_use_rate;
    expect(m.article).toBe('第二十二条、第二十五条');
    expect(metricFormula(m)).toBe('有下载或接口调用的开放数据集 ÷ 开放数据集');
    expect(computeMetric(m, factsFor(1))).toEqual({ kind: 'ratio', numerator: 5, denominator: 8, rate: 0.625, missingFacts: [] });
    // no open dataset: no rate (the rule's whenNoCases decides), not a zero
    expect(computeMetric(m, factsFor(1, { openDatasets: 0, openDatasetsUsed: 0 }))).toMatchObject({ rate: null, denominator: 0 });
    expect(describeValue(m, computeMetric(m, factsFor(1)))).toBe('开放数据集 8 个，年度内有下载或接口调用 5 个，利用率 62.50%');
    expect(m.drillDown).toEqual({ kind: 'open_dataset', filter: 'unused' });
  });

  it('scores 开放数据利用率 in a scheme that uses it, and leaves the default scheme’s figures alone', () => {
    const base = defaultScheme2026();
    const scheme: AssessmentScheme = {
      ...base,
      indicators: base.indicators.map((i) => (i.id === 'open_entries' ? { ...i, id: 'open_use', name: '开放数据利用', metric: 'open_data_use_rate', rule: { type: 'ratio', whenNoCases: 'neutral' } } : i)),
    };
    expect(validateScheme(scheme)).toEqual([]);
    const used = byId(scoreDepartment(scheme, factsFor(1)).indicators, 'open_use');
    expect(used.points).toBe(3.13); // 5 / 8 × 5
    expect(used.explanation).toContain('利用率 62.50%');
    const more = byId(scoreDepartment(scheme, factsFor(1, { openDatasetsUsed: 8 })).indicators, 'open_use');
    expect(more.points).toBe(5);
    // the default scheme does not read the new facts: changing them changes nothing
    expect(scoreDepartment(base, factsFor(1, { openDatasetsUsed: 0 })).total).toBe(scoreDepartment(base, factsFor(1)).total);
  });

  it('totals violations over the nine types, and is missing without violation records', () => {
    expect(computeMetric(METRICS.violations_confirmed, factsFor(1, {}, { 2: 3, 9: 1 }))).toMatchObject({ count: 4 });
    expect(isSourceMissing(computeMetric(METRICS.violations_confirmed, factsFor(1, {}, null)))).toBe(true);
  });
});
