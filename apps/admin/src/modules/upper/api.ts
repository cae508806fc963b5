import type {
  ConsolidateUpperNeedsInput,
  CreateUpperNeedInput,
  Page,
  PassBackUpperApplicationInput,
  ReplyUpperApplicationInput,
  SubmitUpperApplicationInput,
  UpperApplicationDto,
  UpperApplicationQuery,
  UpperImportResultDto,
  UpperNeedDto,
  UpperNeedQuery,
  UpperPendingDto,
  UpperResourceDto,
  UpperResourceInput,
  UpperResourceQuery,
} from '@govdata/domain';
import { http } from '../../api/http';

type Q = Record<string, string | number | boolean | undefined>;

export const listUpperResources = (q: Partial<UpperResourceQuery>) => http.get<Page<UpperResourceDto>>('/upper/resources', q as Q);
export const createUpperResource = (input: UpperResourceInput) => http.post<UpperResourceDto>('/upper/resources', input);
export const updateUpperResource = (id: number, input: UpperResourceInput) => http.put<UpperResourceDto>(`/upper/resources/${id}`, input);
export const deleteUpperResource = (id: number) => http.delete<{ ok: true }>(`/upper/resources/${id}`);
export const importUpperResources = (file: Blob) => http.upload<UpperImportResultDto>('/upper/resources/import', file);
export const downloadUpperTemplate = () => http.download('/upper/resources/template.xlsx', undefined, '上级数据资源目录导入模板.xlsx');

export const listUpperNeeds = (q: Partial<UpperNeedQuery>) => http.get<Page<UpperNeedDto>>('/upper/needs', q as Q);
export const submitUpperNeed = (input: CreateUpperNeedInput) => http.post<{ id: number; code: string; dueDate: string }>('/upper/needs', input);
export const withdrawUpperNeed = (id: number) => http.post<UpperNeedDto>(`/upper/needs/${id}/withdraw`, {});

export const listUpperPending = () => http.get<UpperPendingDto[]>('/upper/pending');
export const listUpperApplications = (q: Partial<UpperApplicationQuery>) => http.get<Page<UpperApplicationDto>>('/upper/applications', q as Q);
export const getUpperApplication = (id: number) => http.get<UpperApplicationDto>(`/upper/applications/${id}`);
export const consolidateUpperNeeds = (input: ConsolidateUpperNeedsInput) => http.post<UpperApplicationDto>('/upper/applications', input);
export const exportUpperApplication = (id: number) => http.download(`/upper/applications/${id}/export.xlsx`, undefined, '上级数据共享申请.xlsx');
export const submitUpperApplication = (id: number, input: SubmitUpperApplicationInput) => http.post<UpperApplicationDto>(`/upper/applications/${id}/submit`, input);
export const replyUpperApplication = (id: number, input: ReplyUpperApplicationInput) => http.post<UpperApplicationDto>(`/upper/applications/${id}/reply`, input);
export const passBackUpperApplication = (id: number, input: PassBackUpperApplicationInput) => http.post<UpperApplicationDto>(`/upper/applications/${id}/pass-back`, input);
