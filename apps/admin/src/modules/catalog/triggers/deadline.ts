import type { TriggerDto } from '@govdata/domain';
import { formatDate } from '../../../composables/format';
import type { TagType } from '../labels';

/** How a 第七条 clock reads in the list: its state and the working days left or late, in the platform's counting. */
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
      return d.workingDaysLeft === 0
        ? { state: 'open', type: 'warning', key: 'catalog.triggers.clock.dueToday', values: { due: d.dueDate } }
        : { state: 'open', type: (d.workingDaysLeft ?? 99) <= 3 ? 'warning' : 'primary', key: 'catalog.triggers.clock.left', values: { n: d.workingDaysLeft ?? 0, due: d.dueDate } };
    case 'overdue':
      return { state: 'overdue', type: 'danger', key: 'catalog.triggers.clock.late', values: { n: d.workingDaysLate ?? 0, due: d.dueDate } };
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
