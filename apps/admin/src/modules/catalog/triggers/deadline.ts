import type { TriggerDto } from '@govdata/domain';
import { formatDate } from '../../../composables/format';
import type { TagType } from '../labels';

/** How a 第七条 clock reads in the list: its state and, while it runs, the domain's standing. */
export interface ClockText {
  state: 'open' | 'overdue' | 'met' | 'missed' | 'cancelled';
  type: TagType;
  /** i18n key and its values */
  key: string;
  values: Record<string, string | number>;
}

export function clockOf(trigger: Pick<TriggerDto, 'status' | 'deadline' | 'resolvedAt'>): ClockText {
  const d = trigger.deadline;
  if (trigger.status === 'cancelled' || d?.state === 'cancelled') return { state: 'cancelled', type: 'info', key: 'catalog.triggers.clock.cancelled', values: {} };
  if (!d) return { state: trigger.status === 'resolved' ? 'met' : 'open', type: 'info', key: 'catalog.triggers.clock.none', values: {} };
  switch (d.state) {
    case 'open':
    case 'overdue':
      // the domain's words (剩余 / 明日 / 今日 24:00 到期 / 已逾期), the same as every other view
      return { state: d.standing.overdue ? 'overdue' : d.state, type: d.standing.tone, key: 'catalog.triggers.clock.running', values: { standing: d.standing.text } };
    case 'met':
      return { state: 'met', type: 'success', key: 'catalog.triggers.clock.met', values: { at: formatDate(d.completedAt ?? trigger.resolvedAt) } };
    case 'missed':
      return d.workingDaysLate
        ? { state: 'missed', type: 'warning', key: 'catalog.triggers.clock.missedBy', values: { n: d.workingDaysLate, at: formatDate(d.completedAt ?? trigger.resolvedAt) } }
        : { state: 'missed', type: 'warning', key: 'catalog.triggers.clock.missed', values: { at: formatDate(d.completedAt ?? trigger.resolvedAt) } };
    default:
      return { state: 'cancelled', type: 'info', key: 'catalog.triggers.clock.cancelled', values: {} };
  }
}
