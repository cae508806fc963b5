import { describe, it, expect } from 'vitest';
import { copyScheme, defaultScheme2026 } from './default-scheme';
import { METRICS, type MetricId } from './metrics';
import { byId } from './testing/fixtures';
import { validateScheme } from './validate-scheme';

describe('default 2026 scheme', () => {
  it('has the seven categories of issue 7 with their points', () => {
    const scheme = defaultScheme2026();
    const weights = scheme.categories.map((c) => [c.name, scheme.indicators.filter((i) => i.category === c.id).reduce((a, i) => a + i.weight, 0)]);
    expect(weights).toEqual([
      ['目录编制与更新', 20],
      ['共享响应', 25],
      ['数据质量', 15],
      ['数据更新', 15],
      ['开放', 10],
      ['共享率', 5],
      ['违规与整改', 10],
    ]);
    expect(scheme.year).toBe(2026);
    expect(scheme.grades).toEqual({ excellent: 90, good: 80, pass: 60 });
  });

  it('uses every kind of rule and cites an article for every indicator', () => {
    const scheme = defaultScheme2026();
    expect(new Set(scheme.indicators.map((i) => i.rule.type))).toEqual(new Set(['ratio', 'bands', 'deduction']));
    for (const i of scheme.indicators) {
      expect(METRICS[i.metric as MetricId].article).toMatch(/^第.+条/);
      expect(i.description).toMatch(/第.+条/);
    }
  });

  it('returns a fresh object each time', () => {
    const a = defaultScheme2026();
    a.indicators[0].weight = 99;
    expect(defaultScheme2026().indicators[0].weight).toBe(10);
  });
});

describe('copyScheme', () => {
  it('copies a year into an independent scheme for another year, renaming the year', () => {
    const original = defaultScheme2026();
    const copy = copyScheme(original, 2027);
    expect(copy.year).toBe(2027);
    expect(copy.name).toBe('2027 年度政务数据资源共享开放工作考核方案');
    expect(copy.indicators).toEqual(original.indicators);
    expect(validateScheme(copy)).toEqual([]);

    copy.indicators[0].weight = 1;
    copy.grades.excellent = 95;
    const rule = byId(copy.indicators, 'share_rate').rule;
    if (rule.type === 'bands') rule.bands[0].award = 1;
    expect(original.indicators[0].weight).toBe(10);
    expect(original.grades.excellent).toBe(90);
    const originalRule = byId(original.indicators, 'share_rate').rule;
    expect(originalRule.type === 'bands' && originalRule.bands[0].award).toBe(5);
  });

  it('refuses a year outside the regulation’s span', () => {
    expect(() => copyScheme(defaultScheme2026(), 2021)).toThrow(/2022/);
  });
});
