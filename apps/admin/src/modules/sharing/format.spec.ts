import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { en, zhCN } from './messages';
import { clockText, statusTag, stepOutcome } from './format';

const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, en } });
const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;

describe('sharing page texts', () => {
  it('says how a running clock stands in working days', () => {
    expect(clockText(t, { overdue: false, workingDaysLeft: 4, workingDaysLate: 0 })).toEqual({ text: '剩余 4 个工作日', type: 'primary' });
    expect(clockText(t, { overdue: false, workingDaysLeft: 2, workingDaysLate: 0 }).type).toBe('warning');
    expect(clockText(t, { overdue: false, workingDaysLeft: 1, workingDaysLate: 0 }).text).toBe('今日到期');
    expect(clockText(t, { overdue: true, workingDaysLeft: 0, workingDaysLate: 3 })).toEqual({ text: '已逾期 3 个工作日', type: 'danger' });
    expect(clockText(t, { overdue: true, workingDaysLeft: 0, workingDaysLate: 0 }).text).toBe('已超期');
  });

  it('says how a finished step ended', () => {
    expect(stepOutcome(t, { met: true, deadlineState: 'met', workingDaysLate: null })?.text).toBe('按时办结');
    expect(stepOutcome(t, { met: false, deadlineState: 'missed', workingDaysLate: 2 })?.text).toBe('逾期 2 个工作日办结');
    expect(stepOutcome(t, { met: null, deadlineState: 'cancelled', workingDaysLate: null })?.text).toBe('已撤销');
    expect(stepOutcome(t, { met: null, deadlineState: 'open', workingDaysLate: null })).toBeNull();
    expect(statusTag('approved')).toBe('success');
  });

  it('has every Chinese text in English too, key for key', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    expect(keys(zhCN).length).toBeGreaterThan(200);
  });
});
