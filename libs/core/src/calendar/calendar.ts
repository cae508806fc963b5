import type { EntityManager } from '@mikro-orm/knex';
import { createCalendar, type WorkCalendar, type YearSchedule } from '@govdata/workdays';
import { CalendarYear } from '../entities/calendar-year.entity';

/** The years the bureau entered in the admin UI (stored in the database), as schedules to merge over the built-in data. */
export async function storedYears(em: EntityManager): Promise<YearSchedule[]> {
  const rows = await em.find(CalendarYear, {}, { orderBy: { year: 'asc' } });
  return rows.map((r) => ({ year: r.year, papers: r.papers, days: r.days }));
}

/**
 * Holds the working-day calendar the platform computes with: the built-in official schedules merged with the years
 * stored in the database. Replaced when the bureau saves a year.
 */
export class CalendarHolder {
  #strict: WorkCalendar;
  #lenient: WorkCalendar;

  constructor(extra: YearSchedule[] = []) {
    this.#strict = createCalendar(extra);
    this.#lenient = createCalendar(extra, { onGap: 'assume-weekdays' });
  }

  static async load(em: EntityManager): Promise<CalendarHolder> {
    return new CalendarHolder(await storedYears(em));
  }

  /** throws CalendarGapError for years without a published schedule */
  get strict(): WorkCalendar {
    return this.#strict;
  }

  /** assumes Monday–Friday for unknown years and marks such results provisional — what deadlines are stored with */
  get lenient(): WorkCalendar {
    return this.#lenient;
  }

  async reload(em: EntityManager): Promise<void> {
    const extra = await storedYears(em);
    this.#strict = createCalendar(extra);
    this.#lenient = createCalendar(extra, { onGap: 'assume-weekdays' });
  }
}

/** The years whose schedule the bureau entered (they replace or extend the built-in official data). */
export async function bureauYears(em: EntityManager): Promise<Set<number>> {
  const rows = await em.find(CalendarYear, {}, { fields: ['year'] });
  return new Set(rows.map((r) => r.year));
}
