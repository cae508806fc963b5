import type {
  DeadlineDto,
  DeadlineKind,
  DeadlineViewState,
  JobDto,
  JobRunDto,
  JobsOverview,
  ManualViolationInput,
  Page,
  ServiceRecordEntryDto,
  ViolationDto,
  ViolationStatus,
} from '@govdata/domain';
import { http } from '../../api/http';

export interface ViolationFilters {
  type?: number;
  department?: number;
  status?: ViolationStatus;
  sourceKind?: string;
  manual?: boolean;
}
type Paging = { page?: number; pageSize?: number };

export const listViolations = (q: ViolationFilters & Paging) => http.get<Page<ViolationDto>>('/violations', { ...q });
export const getViolation = (id: number) => http.get<ViolationDto>(`/violations/${id}`);
export const exportViolations = (q: ViolationFilters) => http.download('/violations/export', { ...q }, '违规记录.xlsx');
export const confirmViolation = (id: number) => http.post<ViolationDto>(`/violations/${id}/confirm`);
export const dismissViolation = (id: number, reason: string) => http.post<ViolationDto>(`/violations/${id}/dismiss`, { reason });
export const recordViolation = (input: ManualViolationInput) => http.post<ViolationDto>('/violations', input);

export type ServiceRecordPage = Page<ServiceRecordEntryDto> & { byKind: { kind: string; kindLabel: string; count: number }[] };
export const listServiceRecord = (q: { kind?: string } & Paging) => http.get<ServiceRecordPage>('/service-record', q);

export interface DeadlineFilters {
  kind?: DeadlineKind;
  department?: number;
  state?: DeadlineViewState;
  subjectType?: string;
  subjectId?: number;
}
export const listDeadlines = (q: DeadlineFilters & Paging) => http.get<Page<DeadlineDto>>('/deadlines', { ...q });
export const getDeadline = (id: number) => http.get<DeadlineDto>(`/deadlines/${id}`);

export const fetchJobs = () => http.get<JobsOverview>('/admin/jobs');
export const listJobRuns = (name: string, q: { status?: JobRunDto['status'] } & Paging) => http.get<Page<JobRunDto>>(`/admin/jobs/${name}/runs`, q);
export type JobResult = { scanned: number; newlyOverdue: number; violationsCreated: number; notificationsSent: number; ms: number; attempts?: JobRunDto[] } & Record<string, number | JobRunDto[] | undefined>;
export const runJobNow = (name: JobDto['name']) => http.post<JobResult>(`/admin/jobs/${name}/run`);
