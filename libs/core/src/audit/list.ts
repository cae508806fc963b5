import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { AuditEventDto, AuditExportQuery, AuditQuery, Page } from '@govdata/domain';
import { endOfShanghaiDay, startOfShanghaiDay } from '@govdata/workdays';
import { AuditEvent, type IAuditEvent } from '../entities/audit-event.entity';
import { Department } from '../entities/department.entity';
import { containsText } from '../orm/sql';
import { shanghaiCell, xlsxTable } from '../xlsx/table';

function auditWhere(em: EntityManager, q: AuditExportQuery): FilterQuery<IAuditEvent> {
  const and: FilterQuery<IAuditEvent>[] = [];
  if (q.actor) and.push({ actorName: containsText(em, q.actor) });
  if (q.department) and.push({ $or: [{ actor: { department: q.department } }, { onBehalfOfDepartmentId: q.department }] });
  if (q.action) and.push(q.action.endsWith('.') ? { action: { $like: `${q.action.replace(/[%_\\]/g, '')}%` } } : { action: q.action });
  if (q.subjectType) and.push({ subjectType: q.subjectType });
  if (q.subjectId) and.push({ subjectId: q.subjectId });
  if (q.from) and.push({ at: { $gte: startOfShanghaiDay(q.from) } });
  if (q.to) and.push({ at: { $lte: endOfShanghaiDay(q.to) } });
  return and.length ? { $and: and } : {};
}

async function toDtos(em: EntityManager, rows: IAuditEvent[]): Promise<AuditEventDto[]> {
  const deptIds = new Set<number>();
  for (const r of rows) {
    const d = r.actor?.isInitialized() ? r.actor.getEntity().department.id : null;
    if (d) deptIds.add(d);
  }
  const names = new Map((deptIds.size ? await em.find(Department, { id: { $in: [...deptIds] } }, { fields: ['id', 'name'] }) : []).map((d) => [d.id, d.name]));
  return rows.map((r) => {
    const departmentId = r.actor?.isInitialized() ? r.actor.getEntity().department.id : null;
    return {
      id: r.id,
      seq: r.seq,
      at: r.at.toISOString(),
      recordedAt: r.recordedAt.toISOString(),
      actorId: r.actor?.id ?? null,
      actorName: r.actorName,
      departmentId,
      departmentName: departmentId ? (names.get(departmentId) ?? null) : null,
      onBehalfOfDepartmentId: r.onBehalfOfDepartmentId ?? null,
      action: r.action,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      before: r.before ?? null,
      after: r.after ?? null,
      ip: r.ip ?? null,
      hash: r.hash,
    };
  });
}

/** The audit trail, newest first, filtered (bureau only — the route checks the role). */
export async function listAuditEvents(em: EntityManager, q: AuditQuery): Promise<Page<AuditEventDto>> {
  const [rows, total] = await em.findAndCount(AuditEvent, auditWhere(em, q), { populate: ['actor'], orderBy: { seq: 'desc' }, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: await toDtos(em, rows), total, page: q.page, pageSize: q.pageSize };
}

/** At most this many rows in one XLSX export; narrow the filter for more. */
export const AUDIT_EXPORT_LIMIT = 50_000;

export async function exportAuditEvents(em: EntityManager, q: AuditExportQuery): Promise<Buffer> {
  const rows = await toDtos(em, await em.find(AuditEvent, auditWhere(em, q), { populate: ['actor'], orderBy: { seq: 'asc' }, limit: AUDIT_EXPORT_LIMIT }));
  const json = (v: unknown) => (v == null ? '' : JSON.stringify(v));
  return xlsxTable(
    '审计日志',
    [
      { header: '序号', width: 9, value: (r) => r.seq },
      { header: '业务时间', width: 20, value: (r) => shanghaiCell(r.at) },
      { header: '记录时间', width: 20, value: (r) => shanghaiCell(r.recordedAt) },
      { header: '操作人', width: 24, value: (r) => r.actorName },
      { header: '所属部门', width: 24, value: (r) => r.departmentName },
      { header: '操作', width: 28, value: (r) => r.action },
      { header: '对象类型', width: 16, value: (r) => r.subjectType },
      { header: '对象编号', width: 12, value: (r) => r.subjectId },
      { header: '客户端地址', width: 18, value: (r) => r.ip },
      { header: '变更前', width: 40, value: (r) => json(r.before) },
      { header: '变更后', width: 40, value: (r) => json(r.after) },
      { header: 'SM3 哈希', width: 66, value: (r) => r.hash },
    ],
    rows,
    { title: `朔州市政务数据共享开放平台 审计日志（${rows.length} 条${rows.length === AUDIT_EXPORT_LIMIT ? `，已达上限 ${AUDIT_EXPORT_LIMIT} 条，请缩小筛选范围` : ''}）` },
  );
}
