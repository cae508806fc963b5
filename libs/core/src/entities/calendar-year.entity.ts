import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { YearSchedule } from '@govdata/workdays';
import { User } from './user.entity';

/** A year's official holiday schedule entered by the bureau (beyond the built-in data), merged at start. */
export const CalendarYear = defineEntity({
  name: 'CalendarYear',
  tableName: 'calendar_years',
  properties: {
    year: p.integer().primary().autoincrement(false),
    papers: p.json<string[]>(),
    days: p.json<YearSchedule['days']>(),
    updatedAt: p.datetime(),
    updatedBy: () => p.manyToOne(User).ref().nullable(),
  },
});
export type ICalendarYear = InferEntity<typeof CalendarYear>;
