import { describe, expect, it } from 'vitest';
import { describeRule } from './explain';
import { metricDefinition } from './metrics';

/** Issue 14, defect 9: how an indicator scores, in words a leader reads. */
describe('describeRule', () => {
  const reply = metricDefinition('provider_reply_on_time_rate');
  it('words a ratio, bands and a deduction', () => {
    expect(describeRule(reply, { type: 'ratio', whenNoCases: 'neutral' }, 20)).toBe('比例计分：得分 = 20 分 × 按时率；无计分事项时不奖不罚');
    expect(describeRule(reply, { type: 'bands', award: 'fraction', bands: [{ threshold: 0.95, award: 1 }, { threshold: 0.9, award: 0.5 }], otherwise: 0, whenNoCases: 'full' }, 20)).toBe(
      '分档：≥ 95.00% 得 20 分；≥ 90.00% 得 10 分；未达档得 0 分；无计分事项时按满分计',
    );
    expect(describeRule(metricDefinition('violations_confirmed'), { type: 'deduction', perEvent: 2, perType: { '6': 5 }, cap: 10 }, 15)).toMatch(/^每.扣 2 分（类型六 5 分），最多扣 10 分$/);
  });
});
