import type {
  CreateNoticeDraftsInput,
  NoticeAttachmentDto,
  NoticeDto,
  NoticeListItemDto,
  NoticeSettingsDto,
  NoticeStatus,
  Page,
  UpdateNoticeDraftInput,
  UpdateNoticeSettingsInput,
} from '@govdata/domain';
import { http } from '../../api/http';

export interface NoticeFilters {
  year?: number;
  departmentId?: number;
  violationType?: number;
  status?: NoticeStatus;
  q?: string;
}

export const listNotices = (q: NoticeFilters & { page?: number; pageSize?: number }) => http.get<Page<NoticeListItemDto>>('/notices', { ...q });
export const exportNotices = (q: NoticeFilters) => http.download('/notices/export.xlsx', { ...q }, '书面通报台账.xlsx');
export const getNotice = (id: number) => http.get<NoticeDto>(`/notices/${id}`);
export const createNoticeDrafts = (input: CreateNoticeDraftsInput) => http.post<NoticeDto[]>('/notices', input);
export const updateNoticeDraft = (id: number, patch: UpdateNoticeDraftInput) => http.patch<NoticeDto>(`/notices/${id}`, patch);
export const discardNoticeDraft = (id: number) => http.delete<void>(`/notices/${id}`);
export const issueNotice = (id: number) => http.post<{ number: string; status: NoticeStatus }>(`/notices/${id}/issue`);
export const downloadNoticeDocument = (id: number) => http.download(`/notices/${id}/document`, undefined, `notice-${id}.docx`);
export const getNoticeSettings = () => http.get<NoticeSettingsDto>('/notices/settings');
export const updateNoticeSettings = (patch: UpdateNoticeSettingsInput) => http.put<NoticeSettingsDto>('/notices/settings', patch);

export const uploadAttachment = (id: number, file: File, onProgress: (percent: number) => void) =>
  http.uploadWithProgress<NoticeAttachmentDto>(`/notices/${id}/attachments`, file, { name: file.name }, onProgress);
export const deleteAttachment = (id: number, attachmentId: number) => http.delete<void>(`/notices/${id}/attachments/${attachmentId}`);
export const downloadAttachment = (id: number, a: NoticeAttachmentDto) => http.download(`/notices/${id}/attachments/${a.id}`, undefined, a.name);
export const submitRectification = (id: number, text: string, attachmentIds: number[]) => http.post<NoticeDto>(`/notices/${id}/rectifications`, { text, attachmentIds });
export const acceptRectification = (id: number, comment?: string) => http.post<NoticeDto>(`/notices/${id}/accept`, comment ? { comment } : {});
export const returnRectification = (id: number, reason: string) => http.post<NoticeDto>(`/notices/${id}/return`, { reason });
