import { QueryOrder } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { DEADLINE_STATE_LABELS, VIOLATION_TYPE_SPECS, type Actor, type DepartmentSummary, type NoticeFacts, type NoticeFilter, type ViolationType } from '@govdata/domain';
import { Department, departmentSummary, xlsxTable } from '@govdata/core';
import { Notice } from '../entities/notice.entity';
import { noticeListItem, violationTypesOf } from './dto';
import { noticeWhere } from './notices';

/**
 * Per-department notice facts of a year (by the year of issue), for the assessment's 违规与整改 indicator (第三十条).
 * One GROUP BY over notices and their deadlines, portable across SQLite and PostgreSQL (CASE sums, no FILTER).
 *
 * - rectifiedInTime: closed, the accepted report submitted by the deadline (deadline met)
 * - rectifiedLate: closed, the report after the deadline (deadline missed)
 * - overdue: went past the deadline without an accepted timely report (escalated ones included)
 */
export async function noticeFacts(em: EntityManager, year: number): Promise<NoticeFacts[]> {
  const rows = await em.execute<Record<string, number | string>[]>(
    `select n.department_id as department_id,
            count(*) as issued,
            sum(case when n.status = 'closed' and d.state = 'met' then 1 else 0 end) as rectified_in_time,
            sum(case when n.status = 'closed' and d.state = 'missed' then 1 else 0 end) as rectified_late,
            sum(case when n.overdue_at is not null or d.state = 'missed' then 1 else 0 end) as overdue,
            sum(case when n.escalated_at is not null then 1 else 0 end) as escalated,
            sum(case when n.status <> 'closed' then 1 else 0 end) as open
       from notices n
       left join deadlines d on d.id = n.deadline_id
      where n.year = ? and n.status <> 'draft'
      group by n.department_id
      order by n.department_id`,
    [year],
    'all',
  );
  return rows.map((r) => ({
    departmentId: Number(r.department_id),
    issued: Number(r.issued),
    rectifiedInTime: Number(r.rectified_in_time),
    rectifiedLate: Number(r.rectified_late),
    overdue: Number(r.overdue),
    escalated: Number(r.escalated),
    open: Number(r.open),
  }));
}

/** `2026-11-20 10:00`, Asia/Shanghai (UTC+8, no daylight saving). */
const shanghaiDateTime = (d: Date): string => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The facts with each department's name, for the register's statistics view. */
export async function noticeStats(em: EntityManager, year: number): Promise<{ year: number; items: (NoticeFacts & { department: DepartmentSummary })[] }> {
  const facts = await noticeFacts(em, year);
  const departments = await em.find(Department, { id: { $in: facts.map((f) => f.departmentId) } });
  const byId = new Map(departments.map((d) => [d.id, departmentSummary(d)]));
  const items = facts.flatMap((f) => {
    const department = byId.get(f.departmentId);
    return department ? [{ ...f, department }] : [];
  });
  return { year, items };
}

/** Rows of one export; the register is small (tens to hundreds a year), the cap only guards against misuse. */
export const EXPORT_ROW_LIMIT = 5000;

/** 通报台账 as an XLSX workbook, with the register's filters and the actor's visibility. */
export async function exportNoticesXlsx(em: EntityManager, actor: Actor, filter: NoticeFilter): Promise<Buffer> {
  const where = await noticeWhere(em, actor, filter);
  const rows = await em.find(Notice, where, {
    populate: ['department', 'deadline'],
    orderBy: [{ year: QueryOrder.DESC_NULLS_FIRST }, { sequence: QueryOrder.DESC_NULLS_FIRST }, { id: QueryOrder.DESC }],
    limit: EXPORT_ROW_LIMIT,
  });
  const types = await violationTypesOf(em, rows.map((n) => n.id));
  const deadlineOf = (n: (typeof rows)[number]) => (n.deadline?.isInitialized() ? n.deadline.getEntity() : null);
  const items = rows.map((n) => ({ n, item: noticeListItem(n, types.get(n.id) ?? []), deadline: deadlineOf(n) }));
  return xlsxTable<(typeof items)[number]>('书面通报台账', [
    { header: '发文字号', width: 22, value: ({ item }) => item.number ?? '（草稿）' },
    { header: '标题', width: 48, value: ({ item }) => item.title },
    { header: '主送单位', width: 26, value: ({ item }) => item.department.name },
    {
      header: '违规情形（第三十三条）',
      width: 36,
      value: ({ item }) => item.violationTypes.map((t) => `（${VIOLATION_TYPE_SPECS[t as ViolationType].numeral}）${VIOLATION_TYPE_SPECS[t as ViolationType].short}`).join('；'),
    },
    { header: '成文日期', width: 12, value: ({ item }) => item.issueDate },
    { header: '整改期限', width: 12, value: ({ item }) => item.dueDate },
    { header: '期限状态', width: 10, value: ({ deadline }) => (deadline ? DEADLINE_STATE_LABELS[deadline.state] : '') },
    { header: '通报状态', width: 22, value: ({ item }) => item.statusLabel },
    { header: '办结时间', width: 20, value: ({ n }) => (n.closedAt ? shanghaiDateTime(n.closedAt) : '') },
    { header: '是否按期整改', width: 12, value: ({ item }) => (item.rectifiedInTime === null ? '' : item.rectifiedInTime ? '是' : '否') },
  ], items);
}
