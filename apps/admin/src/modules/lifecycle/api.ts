import type {
  AnswerCorrectionInput,
  ContestCorrectionInput,
  CorrectionAttachmentDto,
  CorrectionDto,
  CorrectionQuery,
  CreateCorrectionInput,
  DecideContestInput,
  AddHighFrequencyInput,
  HighFrequencyLibrary,
  HighFrequencyMember,
  HighFrequencyRanking,
  HighFrequencyRankingQuery,
  Page,
  ProposeRetirementInput,
  RetirementDto,
  RetirementQuery,
  RemoveHighFrequencyInput,
} from '@govdata/domain';
import { http } from '../../api/http';

type Q = Record<string, string | number | boolean | undefined>;
type CorrectionFilters = Partial<Omit<CorrectionQuery, 'confirmed'>> & { confirmed?: boolean };

export const listCorrections = (q: CorrectionFilters) => http.get<Page<CorrectionDto>>('/corrections', q as Q);
export const exportCorrections = (q: CorrectionFilters) => http.download('/corrections/export', { ...q, page: undefined, pageSize: undefined } as Q, '纠错台账.xlsx');
export const getCorrection = (id: number) => http.get<CorrectionDto>(`/corrections/${id}`);
export const reportCorrection = (input: CreateCorrectionInput) => http.post<{ id: number; code: string; dueDate: string }>('/corrections', input);
export const answerCorrection = (id: number, input: AnswerCorrectionInput) => http.post<CorrectionDto>(`/corrections/${id}/answer`, input);
export const contestCorrection = (id: number, input: ContestCorrectionInput) => http.post<CorrectionDto>(`/corrections/${id}/contest`, input);
export const decideContest = (id: number, input: DecideContestInput) => http.post<CorrectionDto>(`/corrections/${id}/decide`, input);

export const listRetirements = (q: Partial<RetirementQuery>) => http.get<Page<RetirementDto>>('/retirements', q as Q);
export const proposeRetirement = (entryId: number, input: ProposeRetirementInput) => http.post<{ id: number; retireOn: string }>(`/catalog/entries/${entryId}/retirement`, input);
export const approveRetirement = (id: number) => http.post<RetirementDto>(`/retirements/${id}/approve`, {});
export const returnRetirement = (id: number, reason: string) => http.post<RetirementDto>(`/retirements/${id}/return`, { reason });
export const withdrawRetirement = (id: number, reason?: string) => http.post<RetirementDto>(`/retirements/${id}/withdraw`, reason ? { reason } : {});

// 高频数据共享库 (第十八条)
export const highFrequencyRanking = (q: Partial<HighFrequencyRankingQuery>) => http.get<HighFrequencyRanking>('/high-frequency/ranking', q as Q);
export const highFrequencyLibrary = (history: boolean) => http.get<HighFrequencyLibrary>('/high-frequency/library', { history });
export const addHighFrequency = (input: AddHighFrequencyInput) => http.post<HighFrequencyMember>('/high-frequency/library', input);
export const removeHighFrequency = (id: number, input: RemoveHighFrequencyInput) => http.post<HighFrequencyMember>(`/high-frequency/library/${id}/remove`, input);

// 纠错佐证材料 (第十七条)
export const listCorrectionAttachments = (id: number) => http.get<{ items: CorrectionAttachmentDto[] }>(`/corrections/${id}/attachments`);
export const uploadCorrectionAttachment = (id: number, file: File, onProgress: (percent: number) => void) =>
  http.uploadWithProgress<CorrectionAttachmentDto>(`/corrections/${id}/attachments`, file, { name: file.name }, onProgress);
export const downloadCorrectionAttachment = (id: number, a: CorrectionAttachmentDto) => http.download(`/corrections/${id}/attachments/${a.id}`, undefined, a.name);
