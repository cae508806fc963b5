import type { ExportJobDto, ExportKind } from '@govdata/domain';
import { http } from './http';

/** Export jobs (long exports run off the request; issue 19, finding 1): status, the caller's own jobs, the file. */
export const getExportJob = (id: number) => http.get<ExportJobDto>(`/export-jobs/${id}`);
export const listExportJobs = (q: { kind?: ExportKind; subjectId?: number }) => http.get<ExportJobDto[]>('/export-jobs', q);
/** The file's address: the browser downloads it itself (streamed to disk, never held in the page's memory). */
export const exportJobDownloadUrl = (id: number) => `/api/export-jobs/${id}/download`;
