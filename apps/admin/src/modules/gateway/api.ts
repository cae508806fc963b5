import type {
  CallRecordDto,
  CallRecordQuery,
  ChainVerification,
  DatasetListDto,
  DatasetPreviewDto,
  DatasetUploadResult,
  DatasetVersionDto,
  GrantLimitsInput,
  GrantUsageDto,
  Page,
  SystemCredentials,
  UpstreamDto,
  UpstreamProbeDto,
  SystemDto,
  SystemInput,
  SystemStatus,
} from '@govdata/domain';
import { http } from '../../api/http';

/** One tiny typed function per endpoint of apps/api/src/routes/gateway.ts (docs/gateway.md). */

type Q = Record<string, string | number | boolean | undefined>;

// ---- 数据 (datasets behind an entry) ----
export const listDatasets = (entryId: number) => http.get<DatasetListDto>(`/catalog/entries/${entryId}/datasets`);
export const previewDataset = (entryId: number, versionId?: number) => http.get<DatasetPreviewDto>(`/catalog/entries/${entryId}/datasets/preview`, { versionId });
// ---- 接口服务 (an entry's upstream interface) ----
export const getUpstream = (entryId: number) => http.get<UpstreamDto>(`/catalog/entries/${entryId}/upstream`);
export const saveUpstream = (entryId: number, input: { url: string; timeoutMs: number }) => http.put<UpstreamDto>(`/catalog/entries/${entryId}/upstream`, input);
export const removeUpstream = (entryId: number) => http.delete<void>(`/catalog/entries/${entryId}/upstream`);
export const probeUpstream = (entryId: number) => http.post<UpstreamProbeDto>(`/catalog/entries/${entryId}/upstream/probe`, {});
export const publishDataset = (versionId: number) => http.post<DatasetVersionDto>(`/datasets/${versionId}/publish`, {});

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The file's Content-Type as the API reads it: text/csv or the .xlsx type, by its extension (browsers differ). */
export const datasetFileType = (file: File): string | null => (/\.csv$/i.test(file.name) ? 'text/csv' : /\.xlsx$/i.test(file.name) ? XLSX_TYPE : null);
export function uploadDataset(entryId: number, file: File, encoding: 'utf-8' | 'gb18030' | undefined, onProgress: (percent: number) => void) {
  const type = datasetFileType(file) ?? file.type;
  const body = new Blob([file], { type });
  return http.uploadWithProgress<DatasetUploadResult>(`/catalog/entries/${entryId}/datasets`, body, { filename: file.name, encoding }, onProgress);
}

// ---- 接入系统 ----
export const listSystems = (departmentId?: number) => http.get<{ items: SystemDto[] }>('/systems', { departmentId });
export const registerSystem = (input: { name: string; description?: string | null; departmentId?: number }) => http.post<SystemCredentials>('/systems', input satisfies Partial<SystemInput>);
export const rotateSecret = (id: number) => http.post<SystemCredentials>(`/systems/${id}/rotate-secret`, {});
export const setSystemStatus = (id: number, status: SystemStatus) => http.patch<SystemDto>(`/systems/${id}`, { status });

// ---- 调用记录 ----
export type CallFilters = Partial<Omit<CallRecordQuery, 'page' | 'pageSize'>>;
export type CallStats = { perDay: { day: string; ok: number; refused: number }[]; perDepartment: { department: string; calls: number }[] };
export const listCallRecords = (q: CallFilters & { page: number; pageSize: number }) => http.get<Page<CallRecordDto>>('/call-records', q as Q);
export const callStats = (q: CallFilters) => http.get<CallStats>('/call-records/stats', q as Q);
export const exportCallRecords = (q: CallFilters) => http.download('/call-records/export.xlsx', q as Q, '调用记录.xlsx');
export const verifyCalls = () => http.get<ChainVerification>('/call-records/verify');
export const callPublicKey = () => http.get<{ algorithm: 'Ed25519'; keyId: string; pem: string }>('/call-records/public-key');
export const downloadCertificate = (q: { grantId: number; from: string; to: string }, format: 'json' | 'pdf' = 'json') =>
  http.download(format === 'pdf' ? '/call-records/certificate.pdf' : '/call-records/certificate', q, `调用凭证-授权${q.grantId}.${format}`);

// ---- 调用额度 (a grant's limits and use) ----
export const grantUsage = (grantId: number) => http.get<GrantUsageDto>(`/share-grants/${grantId}/usage`);
export const setGrantLimits = (grantId: number, limits: GrantLimitsInput) => http.put<GrantUsageDto>(`/share-grants/${grantId}/limits`, limits);
export const resetGrantLimits = (grantId: number) => http.delete<GrantUsageDto>(`/share-grants/${grantId}/limits`);
