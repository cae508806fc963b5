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
  ...over,
});

describe('the 第七条 clock as the list shows it', () => {
  it('counts working days left or late as the server computed them', () => {
    expect(clockOf({ status: 'open', resolvedAt: null, deadline: deadline({ workingDaysLeft: 9 }) })).toMatchObject({ state: 'open', type: 'primary', key: 'catalog.triggers.clock.left', values: { n: 9, due: '2026-12-10' } });
    expect(clockOf({ status: 'open', resolvedAt: null, deadline: deadline({ workingDaysLeft: 2 }) }).type).toBe('warning');
    expect(clockOf({ status: 'open', resolvedAt: null, deadline: deadline({ workingDaysLeft: 0 }) }).key).toBe('catalog.triggers.clock.dueToday');
    expect(clockOf({ status: 'open', resolvedAt: null, deadline: deadline({ state: 'overdue', workingDaysLate: 31 }) })).toMatchObject({ state: 'overdue', type: 'danger', values: { n: 31 } });
  });

  it('tells in time from late once resolved, and a withdrawn duty from both', () => {
    expect(clockOf({ status: 'resolved', resolvedAt: '2025-12-08T08:30:00.000Z', deadline: deadline({ state: 'met', completedAt: '2025-12-08T08:30:00.000Z' }) })).toMatchObject({ state: 'met', values: { at: '2025-12-08' } });
    expect(clockOf({ status: 'resolved', resolvedAt: '2026-01-29T02:00:00.000Z', deadline: deadline({ state: 'missed', workingDaysLate: 5, completedAt: '2026-01-29T02:00:00.000Z' }) })).toMatchObject({ state: 'missed', key: 'catalog.triggers.clock.missedBy', values: { n: 5, at: '2026-01-29' } });
    expect(clockOf({ status: 'cancelled', resolvedAt: null, deadline: deadline({ state: 'cancelled' }) }).state).toBe('cancelled');
  });
});
