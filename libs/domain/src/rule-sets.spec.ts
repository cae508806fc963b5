import { describe, expect, it } from 'vitest';
import { createCalendar } from '@govdata/workdays';
import { computeDue } from './deadline-rules';
import { DEADLINE_KIND_IDS } from './deadlines';
import { RuleViolationError } from './errors';
import {
  assertCancellable,
  assertSchedulable,
  clockClause,
  DEFAULT_RULE_SET,
  periodText,
  periodTexts,
  resolvePeriod,
  RULE_SETS,
  ruleSetById,
  ruleSetInForce,
  SHANXI_GAOPING_2024,
  SHUOZHOU_2022,
} from './rule-sets';

const calendar = createCalendar();

describe('rule sets (issue 12 §1)', () => {
  it('ship the Shuozhou rules as the default, with a rule for every kind in every set', () => {
    expect(DEFAULT_RULE_SET.id).toBe('shuozhou-2022');
    for (const rules of RULE_SETS) expect(Object.keys(rules.kinds).sort()).toEqual([...DEADLINE_KIND_IDS].sort());
    expect(periodTexts(SHUOZHOU_2022)).toEqual({
      compliance_review: '2 个工作日',
      provider_reply: '5 个工作日',
      catalog_update: '15 个工作日',
      correction_feedback: '5 个工作日',
      open_application: '10 个工作日',
      notice_rectification: '通报确定的期限',
      upper_need_submission: '5 个工作日',
      upper_reply_passback: '3 个工作日',
    });
    expect(SHUOZHOU_2022.kinds.provider_reply).toMatchObject({ article: '第十五条第（二）项', violationType: 2 });
  });

  it('each clause quotes the number its period gives (no period without its source)', () => {
    for (const rules of RULE_SETS) {
      for (const kind of DEADLINE_KIND_IDS) {
        const r = rules.kinds[kind];
        for (const p of [r.period, r.when?.yes, r.when?.no]) if (p) expect(r.clause, `${rules.id}/${kind}`).toContain(`${p.n}个工作日`);
      }
    }
  });

  it('the Shanxi variant gives the provider 5 working days when the data is on the platform and 10 when it is not', () => {
    expect(resolvePeriod(SHANXI_GAOPING_2024, 'provider_reply', { dataOnPlatform: true })).toEqual({ n: 5, unit: 'working' });
    expect(resolvePeriod(SHANXI_GAOPING_2024, 'provider_reply', { dataOnPlatform: false })).toEqual({ n: 10, unit: 'working' });
    expect(resolvePeriod(SHANXI_GAOPING_2024, 'provider_reply')).toEqual({ n: 10, unit: 'working' });
    // the Shuozhou rule does not depend on the fact
    expect(resolvePeriod(SHUOZHOU_2022, 'provider_reply', { dataOnPlatform: false })).toEqual({ n: 5, unit: 'working' });
    expect(periodText('provider_reply', SHANXI_GAOPING_2024)).toBe('5 个工作日（数据已在平台）或 10 个工作日（数据未在平台）');
    expect(periodText('provider_reply', SHANXI_GAOPING_2024, 'en')).toBe('5 working days (data already on the platform) or 10 working days (data not yet on the platform)');
    // a request forwarded on Tuesday 2026-09-29: 5 working days reach 10-09 across the National Day holiday, 10 reach 10-16
    const started = new Date('2026-09-29T15:00:00+08:00');
    expect(computeDue(calendar, 'provider_reply', started, { rules: SHANXI_GAOPING_2024, facts: { dataOnPlatform: true } }).dueDate).toBe(computeDue(calendar, 'provider_reply', started).dueDate);
    const onPlatform = computeDue(calendar, 'provider_reply', started, { rules: SHANXI_GAOPING_2024, facts: { dataOnPlatform: true } }).dueDate;
    const notOnPlatform = computeDue(calendar, 'provider_reply', started, { rules: SHANXI_GAOPING_2024, facts: { dataOnPlatform: false } }).dueDate;
    expect(calendar.workingDaysBetween(onPlatform, notOnPlatform)).toBe(5);
  });

  it('a per-record period (a notice) must be given, and must be a positive whole number', () => {
    expect(() => resolvePeriod(SHUOZHOU_2022, 'notice_rectification')).toThrow(RuleViolationError);
    expect(resolvePeriod(SHUOZHOU_2022, 'notice_rectification', {}, { n: 10, unit: 'working' })).toEqual({ n: 10, unit: 'working' });
    expect(() => resolvePeriod(SHUOZHOU_2022, 'notice_rectification', {}, { n: 0, unit: 'working' })).toThrow(RuleViolationError);
  });

  it('a clock quotes its own rule set and stored period', () => {
    expect(clockClause('provider_reply', 'shuozhou-2022', { n: 5, unit: 'working' })).toBe('第十五条第（二）项，5 个工作日');
    expect(clockClause('provider_reply', 'shanxi-gaoping-2024', { n: 10, unit: 'working' })).toBe('共享流程第（二）项，10 个工作日');
    // an id no longer shipped falls back to the default set's citation
    expect(clockClause('catalog_update', 'gone-2019', { n: 15, unit: 'working' })).toBe('第七条，15 个工作日');
  });

  it('the set in force on a date is the latest switch effective by then; cancelled switches do not count', () => {
    const switches = [
      { id: 1, ruleSetId: 'shanxi-gaoping-2024', ruleSetVersion: 1, effectiveFrom: '2027-01-01', cancelled: false },
      { id: 2, ruleSetId: 'shuozhou-2022', ruleSetVersion: 1, effectiveFrom: '2027-03-01', cancelled: true },
      { id: 3, ruleSetId: 'shuozhou-2022', ruleSetVersion: 1, effectiveFrom: '2027-06-01', cancelled: false },
    ];
    expect(ruleSetInForce(switches, '2026-12-31').id).toBe('shuozhou-2022');
    expect(ruleSetInForce(switches, '2027-01-01').id).toBe('shanxi-gaoping-2024');
    expect(ruleSetInForce(switches, '2027-03-15').id).toBe('shanxi-gaoping-2024');
    expect(ruleSetInForce(switches, '2027-06-01').id).toBe('shuozhou-2022');
    expect(ruleSetInForce([], '2030-01-01')).toBe(DEFAULT_RULE_SET);
  });

  it('a switch takes effect after today and can be withdrawn only until then', () => {
    const input = { ruleSetId: 'shanxi-gaoping-2024', effectiveFrom: '2026-12-03', reason: '晋政办发〔2021〕87号' };
    expect(() => assertSchedulable(input, '2026-12-03')).toThrow(/须晚于今日/);
    expect(() => assertSchedulable({ ...input, effectiveFrom: '2026-12-04' }, '2026-12-03')).not.toThrow();
    const s = { id: 1, ruleSetId: 'shanxi-gaoping-2024', ruleSetVersion: 1, effectiveFrom: '2027-01-01', cancelled: false };
    expect(() => assertCancellable(s, '2026-12-31')).not.toThrow();
    expect(() => assertCancellable(s, '2027-01-01')).toThrow(/已生效/);
    expect(() => assertCancellable({ ...s, cancelled: true }, '2026-12-01')).toThrow(/已撤销/);
    expect(() => ruleSetById('national-2025')).toThrow(/不存在/);
  });
});
