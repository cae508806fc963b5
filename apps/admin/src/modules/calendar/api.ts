import type { CalendarYearView, YearScheduleInput } from '@govdata/domain';
import { http } from '../../api/http';

export const fetchCalendarYear = (year: number) => http.get<CalendarYearView>(`/calendar/${year}`);
export const saveCalendarYear = (year: number, input: YearScheduleInput) => http.put<CalendarYearView & { recomputedDeadlines: number }>(`/calendar/${year}`, input);
