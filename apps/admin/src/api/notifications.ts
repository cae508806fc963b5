import type { NotificationDto, Page } from '@govdata/domain';
import { http } from './http';

export type Inbox = Page<NotificationDto> & { unread: number };
export const listNotifications = (q: { page?: number; pageSize?: number; unread?: boolean }) => http.get<Inbox>('/notifications', q);
export const markNotificationRead = (id: number) => http.post<{ updated: number }>(`/notifications/${id}/read`);
export const markAllNotificationsRead = () => http.post<{ updated: number }>('/notifications/read-all');
