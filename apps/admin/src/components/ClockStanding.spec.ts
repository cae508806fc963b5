import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { computeDue, standing } from '@govdata/domain';
import { createCalendar } from '@govdata/workdays';
import { testPlugins, testRouter } from '../modules/assessment/testing';
import ClockStanding from './ClockStanding.vue';

const calendar = createCalendar();

/**
 * Issue 14, defect 3: one clock, one wording. A provider reply forwarded on Wednesday 2026-12-02 is due at the end of
 * Wednesday 12-09; the component shows what the domain says, wherever it is used.
 */
describe('<ClockStanding> — the standing of a clock as the domain words it', () => {
  const due = computeDue(calendar, 'provider_reply', new Date('2026-12-02T10:00:00+08:00'));
  const render = (nowIso: string, props: Record<string, unknown> = {}) =>
    mount(ClockStanding, {
      props: { standing: standing(calendar, { dueAt: due.dueAt, dueDate: due.dueDate }, new Date(nowIso)), ...props },
      global: { plugins: testPlugins(testRouter()) },
    });

  it('words due-tomorrow, due-today and one day late, with the due time at 24:00', () => {
    expect(due.dueDate).toBe('2026-12-09');
    const start = render('2026-12-02T10:00:00+08:00', { due: true });
    expect(start.find('.el-tag').text()).toBe('剩余 5 个工作日');
    expect(start.find('.el-tag').classes()).toContain('el-tag--primary');
    expect(start.text()).toContain('截止 12-09 24:00');

    const tomorrow = render('2026-12-08T09:00:00+08:00', { due: true });
    expect(tomorrow.find('.el-tag').text()).toBe('明日 24:00 到期');
    expect(tomorrow.find('.el-tag').classes()).toContain('el-tag--warning');
    expect(tomorrow.text()).not.toContain('截止'); // the words already say when

    const today = render('2026-12-09T17:00:00+08:00');
    expect(today.find('.el-tag').text()).toBe('今日 24:00 到期');

    const late = render('2026-12-10T08:00:00+08:00', { due: true });
    expect(late.find('.el-tag').text()).toBe('已逾期 1 个工作日');
    expect(late.find('.el-tag').classes()).toContain('el-tag--danger');
  });

  it('counts across a holiday as the 2026 calendar says (元旦 Jan 1–3 off, Sunday Jan 4 a make-up working day)', () => {
    // a compliance review (2 working days) submitted on Wednesday 2025-12-31: day 1 is Sunday 01-04 (调休上班), due Monday 01-05
    const review = computeDue(calendar, 'compliance_review', new Date('2025-12-31T16:00:00+08:00'));
    expect(review.dueDate).toBe('2026-01-05');
    const at = (iso: string) =>
      mount(ClockStanding, { props: { standing: standing(calendar, { dueAt: review.dueAt, dueDate: review.dueDate }, new Date(iso)), due: true }, global: { plugins: testPlugins(testRouter()) } });
    expect(at('2025-12-31T16:00:00+08:00').text()).toContain('剩余 2 个工作日');
    expect(at('2025-12-31T16:00:00+08:00').text()).toContain('截止 2026-01-05 24:00');
    expect(at('2026-01-02T10:00:00+08:00').text()).toContain('剩余 2 个工作日');
    expect(at('2026-01-04T10:00:00+08:00').find('.el-tag').text()).toBe('明日 24:00 到期');
  });
});
