import type { CalendarYearView, RuleSetsOverviewDto, RuleSetSwitchDto, ScheduleRuleSetInput, YearScheduleInput } from '@govdata/domain';
import { http } from '../../api/http';

export const fetchCalendarYear = (year: number) => http.get<CalendarYearView>(`/calendar/${year}`);
export const saveCalendarYear = (year: number, input: YearScheduleInput) => http.put<CalendarYearView & { recomputedDeadlines: number }>(`/calendar/${year}`, input);

export const fetchRuleSets = () => http.get<RuleSetsOverviewDto>('/rule-sets');
export const scheduleRuleSet = (input: ScheduleRuleSetInput) => http.post<RuleSetSwitchDto>('/rule-sets/switches', input);
export const cancelRuleSetSwitch = (id: number) => http.post<RuleSetSwitchDto>(`/rule-sets/switches/${id}/cancel`);
