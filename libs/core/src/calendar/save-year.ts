import type { EntityManager } from '@mikro-orm/knex';
import type { Actor } from '@govdata/domain';
import type { YearSchedule } from '@govdata/workdays';
import { audit } from '../audit/audit';
import { recomputeProvisionalDeadlines, type RecomputeResult } from '../deadlines/deadlines';
import { CalendarYear } from '../entities/calendar-year.entity';
import type { CalendarHolder } from './calendar';

/**
 * Stores a year's official schedule entered by the bureau, swaps the platform's calendar, and recomputes every
 * stored provisional deadline: none stays computed on guessed weekdays once the real schedule is known; overdue ones
 * that were never really late re-open and their violation candidates are dismissed (issue 13 item 9).
 */
export async function saveCalendarYear(em: EntityManager, holder: CalendarHolder, actor: Actor, schedule: YearSchedule, now: Date): Promise<RecomputeResult> {
  const existing = await em.findOne(CalendarYear, schedule.year);
  const before = existing ? { papers: existing.papers, days: existing.days } : null;
  if (existing) {
    existing.papers = schedule.papers;
    existing.days = schedule.days;
    existing.updatedAt = now;
    existing.updatedBy = actor.userId as never;
  } else {
    em.create(CalendarYear, { year: schedule.year, papers: schedule.papers, days: schedule.days, updatedAt: now, updatedBy: actor.userId });
  }
  audit(em, { actor, action: existing ? 'calendar.update_year' : 'calendar.enter_year', subjectType: 'calendar_year', subjectId: schedule.year, before, after: { papers: schedule.papers, days: schedule.days }, at: now });
  await em.flush();
  await holder.reload(em);
  return recomputeProvisionalDeadlines(em, holder, { actor, now, year: schedule.year });
}
