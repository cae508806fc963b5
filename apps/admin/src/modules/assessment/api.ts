import type {
  AssessmentSchemeInput,
  AssessmentYearDto,
  ComputationDto,
  DashboardDto,
  DepartmentBreakdownDto,
  DrillResponse,
  PublicResults,
  ResultsResponse,
  RevisionDto,
  SchemeView,
  SuspensionResponse,
} from '@govdata/analytics';
import { http } from '../../api/http';

/** One tiny typed function per endpoint of the assessment's wire contract (libs/analytics/src/api.ts). */
export const listAssessmentYears = () => http.get<AssessmentYearDto[]>('/assessments');

export const getScheme = (year: number) => http.get<SchemeView>(`/assessments/${year}/scheme`);
export const saveScheme = (year: number, scheme: AssessmentSchemeInput) => http.put<SchemeView>(`/assessments/${year}/scheme`, { scheme });
export const copyScheme = (year: number, fromYear: number | null) => http.post<SchemeView>(`/assessments/${year}/scheme/copy`, { fromYear });

export const startComputation = (year: number, reason?: string) => http.post<ComputationDto>(`/assessments/${year}/compute`, reason ? { reason } : {});
export const getComputation = (id: number) => http.get<ComputationDto>(`/assessments/computations/${id}`);

export const getResults = (year: number, revision?: number) => http.get<ResultsResponse>(`/assessments/${year}/summary`, { revision });
export const publishResults = (year: number, revision: number) => http.post<RevisionDto>(`/assessments/${year}/publish`, { revision });
export const exportResults = (year: number, revision?: number) => http.download(`/assessments/${year}/results.xlsx`, { revision }, `${year}年度考核结果.xlsx`);

export const getBreakdown = (year: number, departmentId: number, revision?: number) =>
  http.get<DepartmentBreakdownDto>(`/assessments/${year}/departments/${departmentId}`, { revision });
export const listDrillRecords = (
  year: number,
  departmentId: number,
  indicatorId: string,
  q: { scope: 'lost' | 'all'; page: number; pageSize: number; revision?: number },
) => http.get<DrillResponse>(`/assessments/${year}/departments/${departmentId}/indicators/${indicatorId}/records`, q);

export const getSuspension = (year: number, revision?: number) => http.get<SuspensionResponse>(`/assessments/${year}/suspension`, { revision });
export const exportSuspension = (year: number, revision?: number) =>
  http.download(`/assessments/${year}/suspension.xlsx`, { revision }, `${year}年度暂停安排项目和运维经费部门名单.xlsx`);

export const getDashboard = (year?: number) => http.get<DashboardDto>('/dashboard', { year });

// public page (第三十条 接受社会监督): no login, no auth calls
export type PublicYear = { year: number; publishedAt: string; revision: number };
export const listPublicYears = () => http.get<PublicYear[]>('/public/assessments');
export const getPublicResults = (year: number) => http.get<PublicResults>(`/public/assessments/${year}`);
