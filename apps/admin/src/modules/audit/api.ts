import type { AuditEventDto, AuditVerificationDto, Page } from '@govdata/domain';
import { http } from '../../api/http';

export interface AuditFilters {
  actor?: string;
  department?: number;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  from?: string;
  to?: string;
}
type Paging = { page?: number; pageSize?: number };

export const listAuditEvents = (q: AuditFilters & Paging) => http.get<Page<AuditEventDto>>('/admin/audit/events', { ...q });
export const exportAuditEvents = (q: AuditFilters) => http.download('/admin/audit/events/export', { ...q }, '审计日志.xlsx');
export const verifyAudit = () => http.get<AuditVerificationDto>('/admin/audit/verify');
export const downloadAuditTrail = () => http.download('/admin/audit/export.json', {}, 'audit-trail.json');
