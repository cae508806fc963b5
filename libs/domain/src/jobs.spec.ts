import { describe, expect, it } from 'vitest';
import { cronText, describeSchedule } from './jobs';

/** Issue 14, defect 7: the jobs page words a schedule; nobody has to read "0 2 5 1 *". */
describe('cron patterns in words', () => {
  it('words the schedules the platform uses', () => {
    expect(cronText('0 2 5 1 *')).toBe('每年 1 月 5 日 02:00');
    expect(cronText('0 1 * * *')).toBe('每天 01:00');
    expect(cronText('30 8 * * *')).toBe('每天 08:30');
    expect(cronText('0 9 * * 1')).toBe('每周一 09:00');
    expect(cronText('0 3 1 * *')).toBe('每月 1 日 03:00');
    expect(cronText('*/15 * * * *')).toBe('每 15 分钟');
    expect(cronText('5 * * * *')).toBe('每小时第 5 分钟');
  });

  it('words lists and ranges', () => {
    expect(cronText('30 8 * * 1-5')).toBe('每周一至五 08:30');
    expect(cronText('0 0 * * 0')).toBe('每周日 00:00');
    expect(cronText('0 6,18 * * *')).toBe('每天 06:00、18:00');
    expect(cronText('0 2 1,15 * *')).toBe('每月 1、15 日 02:00');
    expect(cronText('0 2 10 1,4,7,10 *')).toBe('每年 1、4、7、10 月 10 日 02:00');
  });

  it('says plainly when a pattern is beyond words, without failing', () => {
    expect(cronText('0 */2 * * *')).toBe('按计划（cron 0 */2 * * *）');
    expect(cronText('0 2 1 * 1')).toBe('按计划（cron 0 2 1 * 1）');
    expect(cronText('nonsense')).toBe('按计划（cron nonsense）');
  });

  it('words the working-day schedules and fixed intervals', () => {
    expect(describeSchedule({ every: 300_000 })).toBe('每 5 分钟');
    expect(describeSchedule({ pattern: '30 8 * * *' }, true)).toBe('每个工作日 08:30');
    expect(describeSchedule({ pattern: '0 2 5 1 *' })).toBe('每年 1 月 5 日 02:00');
    expect(describeSchedule({ pattern: '0 9 * * 1' }, true)).toBe('每周一 09:00（仅工作日）');
  });
});
