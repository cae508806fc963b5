import type { AnswerOpenApplicationInput, OpenApplicationDto, OpenApplicationQuery, OpenUsageGroup, OpenUsageQuery, OpenUsageStatsDto, Page, ReviewShowcaseInput, ShowcaseDto, ShowcaseQuery } from '@govdata/domain';
import { http } from '../../api/http';

type Q = Record<string, string | number | boolean | undefined>;

export const listOpenApplications = (q: Partial<Omit<OpenApplicationQuery, 'overdue'>> & { overdue?: boolean }) => http.get<Page<OpenApplicationDto>>('/open-applications', q as Q);
export const getOpenApplication = (id: number) => http.get<OpenApplicationDto>(`/open-applications/${id}`);
export const answerOpenApplication = (id: number, input: AnswerOpenApplicationInput) => http.post<OpenApplicationDto>(`/open-applications/${id}/answer`, input);

export const listShowcases = (q: Partial<ShowcaseQuery>) => http.get<Page<ShowcaseDto>>('/open-showcases', q as Q);
export const reviewShowcase = (id: number, input: ReviewShowcaseInput) => http.post<ShowcaseDto>(`/open-showcases/${id}/review`, input);

export type OpenUsageFilters = Partial<Omit<OpenUsageQuery, 'groupBy'>> & { groupBy?: OpenUsageGroup };
export const openUsageStats = (q: OpenUsageFilters) => http.get<OpenUsageStatsDto>('/open-usage', q as Q);
/** 开放数据年度报告 (issue 16 §8): the year's workbook. */
export const exportAnnualReport = (year: number) => http.download(`/open-reports/${year}/report.xlsx`, {}, `朔州市政务数据开放${year}年度报告.xlsx`);
export const exportOpenUsage = (q: OpenUsageFilters) => http.download('/open-usage/export.xlsx', q as Q, `开放数据使用统计-${q.from ?? ''}-${q.to ?? ''}.xlsx`);
