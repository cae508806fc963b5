import { describe, it, expect } from 'vitest';
import { ValidationError } from '@govdata/domain';
import { defaultScheme2026 } from './default-scheme';
import type { AssessmentScheme, Indicator } from './scheme';
import { byId } from './testing/fixtures';
import { parseScheme, validateScheme } from './validate-scheme';

/** The default scheme with one indicator replaced. */
function withIndicator(id: string, patch: (i: Indicator) => Indicator): AssessmentScheme {
  const scheme = defaultScheme2026();
  return { ...scheme, indicators: scheme.indicators.map((i) => (i.id === id ? patch(i) : i)) };
}

describe('validateScheme', () => {
  it('accepts the default 2026 scheme', () => {
    expect(validateScheme(defaultScheme2026())).toEqual([]);
  });

  it('reports weights that do not sum to 100, with the actual sum', () => {
    const messages = validateScheme(withIndicator('provider_reply', (i) => ({ ...i, weight: 15 })));
    expect(messages).toEqual(['indicators：各指标权重之和应为 100 分，当前为 95 分']);
  });

  it('sums weights in hundredths, so 33.33 + 33.33 + 33.34 is exactly 100', () => {
    const scheme = defaultScheme2026();
    const three = ['provider_reply', 'update_cycle', 'catalog_metadata'].map((id, k) => ({
      ...byId(scheme.indicators, id),
      category: 'catalog',
      weight: k === 2 ? 33.34 : 33.33,
    }));
    expect(validateScheme({ ...scheme, categories: [{ id: 'catalog', name: '目录' }], indicators: three })).toEqual([]);
  });

  it('reports duplicate indicator and category ids', () => {
    const scheme = defaultScheme2026();
    scheme.indicators[1] = { ...scheme.indicators[1], id: scheme.indicators[0].id };
    scheme.categories.push({ id: 'catalog', name: '目录（重复）' });
    const messages = validateScheme(scheme);
    expect(messages).toContain('indicators：指标编号“catalog_metadata”重复');
    expect(messages).toContain('categories：一级指标编号“catalog”重复');
  });

  it('reports an unknown metric by name', () => {
    expect(validateScheme(withIndicator('share_rate', (i) => ({ ...i, metric: 'happiness_index' })))).toEqual([
      'indicators.9.metric：指标“数据共享率”引用了未知的度量“happiness_index”',
    ]);
  });

  it('reports an indicator in a category that does not exist, and a category without indicators', () => {
    const scheme = withIndicator('share_rate', (i) => ({ ...i, category: 'nowhere' }));
    const messages = validateScheme(scheme);
    expect(messages).toContain('indicators.9.category：指标“数据共享率”所属的一级指标“nowhere”不存在');
    expect(messages).toContain('categories：一级指标“共享率”下没有任何指标');
  });

  it('reports bands listed out of order for a rate where higher is better', () => {
    const messages = validateScheme(
      withIndicator('share_rate', (i) => ({
        ...i,
        rule: { type: 'bands', award: 'points', bands: [{ threshold: 0.6, award: 3 }, { threshold: 0.9, award: 5 }], otherwise: 0, whenNoCases: 'zero' },
      })),
    );
    expect(messages).toContain('indicators.9.rule：指标“数据共享率”：分档应从最好的一档排起，阈值由高到低严格递减');
    expect(messages).toContain('indicators.9.rule：指标“数据共享率”：分档得分应随档次降低而不增（未达档得分也不能高于最后一档）');
  });

  it('reports bands with equal thresholds, awards above the weight, and rate thresholds above 1', () => {
    const messages = validateScheme(
      withIndicator('share_rate', (i) => ({
        ...i,
        rule: { type: 'bands', award: 'points', bands: [{ threshold: 90, award: 6 }, { threshold: 90, award: 4 }], otherwise: 0, whenNoCases: 'zero' },
      })),
    );
    expect(messages).toEqual([
      'indicators.9.rule：指标“数据共享率”：比率类度量的分档阈值应在 0 到 1 之间（0.95 表示 95%）',
      'indicators.9.rule：指标“数据共享率”：分档应从最好的一档排起，阈值由高到低严格递减',
      'indicators.9.rule：指标“数据共享率”：分档得分不能超过权重 5 分',
    ]);
  });

  it('requires ascending thresholds for a count where fewer is better', () => {
    const bands = (thresholds: number[]) =>
      withIndicator('rejection_basis', (i) => ({
        ...i,
        rule: { type: 'bands', award: 'fraction', bands: thresholds.map((threshold, k) => ({ threshold, award: 1 - k * 0.4 })), otherwise: 0, whenNoCases: 'zero' },
      }));
    expect(validateScheme(bands([0, 2]))).toEqual([]);
    expect(validateScheme(bands([2, 0]))).toEqual(['indicators.3.rule：指标“驳回依据充分”：分档应从最好的一档排起，阈值由低到高严格递增（“无充分依据驳回共享申请”越少越好）']);
  });

  it('reports a rule that does not fit its metric', () => {
    expect(validateScheme(withIndicator('rejection_basis', (i) => ({ ...i, rule: { type: 'ratio', whenNoCases: 'full' } })))).toEqual([
      'indicators.3.rule：指标“驳回依据充分”：比例计分只能用于比率类度量，“无充分依据驳回共享申请”不是比率',
    ]);
    expect(validateScheme(withIndicator('provider_reply', (i) => ({ ...i, rule: { type: 'deduction', perEvent: 1, cap: null } })))).toEqual([
      'indicators.2.rule：指标“共享申请按时答复”：扣分规则只能用于计数类度量，“共享申请按时答复率”是比率',
      'indicators.2.rule：指标“共享申请按时答复”：扣分规则只能用于越少越好的度量，“共享申请按时答复率”越多越好',
    ]);
    expect(
      validateScheme(withIndicator('rejection_basis', (i) => ({ ...i, rule: { type: 'deduction', perEvent: 1, perType: { '6': 3 }, cap: 5 } }))),
    ).toEqual(['indicators.3.rule：指标“驳回依据充分”：按违规类型扣分只能用于违规度量']);
  });

  it('reports a deduction cap above the weight', () => {
    expect(validateScheme(withIndicator('violations', (i) => ({ ...i, rule: { type: 'deduction', perEvent: 1, cap: 8 } })))).toEqual([
      'indicators.10.rule：指标“违规行为”：扣分上限应大于 0 且不超过权重 6 分',
    ]);
  });

  it('reports grade thresholds out of order', () => {
    expect(validateScheme({ ...defaultScheme2026(), grades: { excellent: 80, good: 85, pass: 60 } })).toEqual([
      'grades：等级分数线应满足 100 ≥ 优秀 > 良好 > 合格 > 0，当前为 优秀 80、良好 85、合格 60',
    ]);
  });

  it('reports shape errors with the field path, in Chinese', () => {
    const scheme: Record<string, unknown> = { ...defaultScheme2026() };
    scheme.indicators = [{ ...defaultScheme2026().indicators[0], weight: -1, rule: { type: 'magic' } }];
    const messages = validateScheme(scheme);
    expect(messages).toContain('indicators.0.weight：权重应大于 0');
    expect(messages.some((m) => m.startsWith('indicators.0.rule') && m.includes('计分规则应为'))).toBe(true);
    expect(validateScheme({ ...defaultScheme2026(), year: 2019 })).toEqual(['year：年度不能早于 2022 年（办法施行之年）']);
    expect(validateScheme(null).length).toBeGreaterThan(0);
  });

  it('parseScheme applies defaults and throws a ValidationError listing every problem', () => {
    const { grades: _g, neutralPolicy: _n, suspension: _s, ...bare } = defaultScheme2026();
    const parsed = parseScheme(bare);
    expect(parsed.grades).toEqual({ excellent: 90, good: 80, pass: 60 });
    expect(parsed.neutralPolicy).toBe('proportional');
    expect(parsed.suspension.unansweredRequestsAtLeast).toBe(1);

    const bad = withIndicator('provider_reply', (i) => ({ ...i, weight: 15, metric: 'nope' }));
    expect(() => parseScheme(bad)).toThrow(ValidationError);
    try {
      parseScheme(bad);
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => i.path)).toEqual(['indicators', 'indicators.2.metric']);
      expect((e as ValidationError).code).toBe('assessment.scheme_invalid');
    }
  });
});
