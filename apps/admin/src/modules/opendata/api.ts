import type { AnswerOpenApplicationInput, OpenApplicationDto, OpenApplicationQuery, Page, ReviewShowcaseInput, ShowcaseDto, ShowcaseQuery } from '@govdata/domain';
import { http } from '../../api/http';

type Q = Record<string, string | number | boolean | undefined>;

export const listOpenApplications = (q: Partial<Omit<OpenApplicationQuery, 'overdue'>> & { overdue?: boolean }) => http.get<Page<OpenApplicationDto>>('/open-applications', q as Q);
export const getOpenApplication = (id: number) => http.get<OpenApplicationDto>(`/open-applications/${id}`);
export const answerOpenApplication = (id: number, input: AnswerOpenApplicationInput) => http.post<OpenApplicationDto>(`/open-applications/${id}/answer`, input);

export const listShowcases = (q: Partial<ShowcaseQuery>) => http.get<Page<ShowcaseDto>>('/open-showcases', q as Q);
export const reviewShowcase = (id: number, input: ReviewShowcaseInput) => http.post<ShowcaseDto>(`/open-showcases/${id}/review`, input);
