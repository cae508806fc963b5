import type { EntityManager } from '@mikro-orm/knex';
import { RuleViolationError, type Actor, type ViolationExportQuery } from '@govdata/domain';
import { shanghaiCell, Violation, xlsxTable } from '@govdata/core';
import { violationDto, violationWhere } from './violations';

/** An export is a working list, not a dump: past this the bureau is asked to narrow the filters. */
export const VIOLATION_EXPORT_LIMIT = 10_000;

/** The filtered violations list as an XLSX workbook (same filters and isolation as the list). */
export async function exportViolations(em: EntityManager, actor: Actor, query: ViolationExportQuery): Promise<Buffer> {
  const where = violationWhere(actor, query);
  const total = await em.count(Violation, where);
  if (total > VIOLATION_EXPORT_LIMIT) {
    throw new RuleViolationError(`符合条件的违规记录有 ${total} 条，超过单次导出上限 ${VIOLATION_EXPORT_LIMIT} 条，请按类型、部门或状态缩小范围后再导出`, 'violation.export_too_large');
  }
  const rows = await em.find(Violation, where, { populate: ['department', 'createdBy', 'decidedBy'], orderBy: { detectedAt: 'desc', id: 'desc' } });
  const dtos = rows.map(violationDto);
  return xlsxTable<(typeof dtos)[number]>('违规记录', [
    { header: '编号', width: 8, value: (v) => v.id },
    { header: '违规类型', width: 30, value: (v) => `${v.clause} ${v.typeLabel}` },
    { header: '部门', width: 28, value: (v) => v.department.name },
    { header: '状态', width: 10, value: (v) => v.statusLabel },
    { header: '发现时间', width: 20, value: (v) => shanghaiCell(v.detectedAt) },
    { header: '期限', width: 20, value: (v) => shanghaiCell(v.evidence.dueAt) },
    { header: '逾期工作日', width: 10, value: (v) => v.evidence.workingDaysLate },
    { header: '依据', width: 22, value: (v) => v.evidence.article },
    { header: '情况说明', width: 60, value: (v) => v.evidence.summary },
    { header: '来源', width: 28, value: (v) => `${v.source.kind}:${v.source.id}` },
    { header: '人工登记', width: 8, value: (v) => (v.manual ? '是' : '否') },
    { header: '处理人', width: 12, value: (v) => v.decidedBy?.displayName },
    { header: '处理时间', width: 20, value: (v) => shanghaiCell(v.decidedAt) },
    { header: '排除理由', width: 40, value: (v) => v.dismissReason },
  ], dtos);
}
