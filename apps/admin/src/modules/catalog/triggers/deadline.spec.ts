import { describe, expect, it } from 'vitest';
import type { TriggerDto } from '@govdata/domain';
import { clockOf } from './deadline';

const deadline = (over: Partial<NonNullable<TriggerDto['deadline']>>): TriggerDto['deadline'] => ({
  state: 'open',
  dueAt: '2026-12-10T15:59:59.999Z',
  dueDate: '2026-12-10',
  provisional: false,
  workingDaysLeft: null,
  workingDaysLate: null,
  completedAt: null,
  standing: { overdue: false, workingDaysLeft: 0, workingDaysLate: 0, dueToday: false, dueTomorrow: false, dueSoon: false, dueText: '12-10 24:00', text: '剩余 9 个工作日', tone: 'primary' },
  ...over,
});

describe('the 第七条 clock as the list shows it', () => {
  it('shows a running clock in the domain’s words and colour, as every view does', () => {
    const running = (standing: Partial<NonNullable<TriggerDto['deadline']>['standing']>, state: 'open' | 'overdue' = 'open') =>
      clockOf({ status: 'open', resolvedAt: null, deadline: deadline({ state, standing: { ...deadline({})!.standing, ...standing } }) });
    expect(running({ text: '剩余 9 个工作日' })).toMatchObject({ state: 'open', type: 'primary', key: 'catalog.triggers.clock.running', values: { standing: '剩余 9 个工作日' } });
    expect(running({ text: '今日 24:00 到期', dueToday: true, dueSoon: true, tone: 'warning' })).toMatchObject({ type: 'warning', values: { standing: '今日 24:00 到期' } });
    // past due but not yet swept: overdue all the same
    expect(running({ text: '已逾期 31 个工作日', overdue: true, workingDaysLate: 31, tone: 'danger' })).toMatchObject({ state: 'overdue', type: 'danger', values: { standing: '已逾期 31 个工作日' } });
  });

  it('tells in time from late once resolved, and a withdrawn duty from both', () => {
    expect(clockOf({ status: 'resolved', resolvedAt: '2025-12-08T08:30:00.000Z', deadline: deadline({ state: 'met', completedAt: '2025-12-08T08:30:00.000Z' }) })).toMatchObject({ state: 'met', values: { at: '2025-12-08' } });
    expect(clockOf({ status: 'resolved', resolvedAt: '2026-01-29T02:00:00.000Z', deadline: deadline({ state: 'missed', workingDaysLate: 5, completedAt: '2026-01-29T02:00:00.000Z' }) })).toMatchObject({ state: 'missed', key: 'catalog.triggers.clock.missedBy', values: { n: 5, at: '2026-01-29' } });
    expect(clockOf({ status: 'cancelled', resolvedAt: null, deadline: deadline({ state: 'cancelled' }) }).state).toBe('cancelled');
  });
});
