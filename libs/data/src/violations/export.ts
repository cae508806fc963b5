import ExcelJS from 'exceljs';
import type { EntityManager } from '@mikro-orm/knex';
import { RuleViolationError, type Actor, type ViolationExportQuery } from '@govdata/domain';
import { Violation } from '../entities';
import { violationDto, violationWhere } from './violations';

/** An export is a working list, not a dump: past this the bureau is asked to narrow the filters. */
export const VIOLATION_EXPORT_LIMIT = 10_000;

const shanghai = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '';

/** The filtered violations list as an XLSX workbook (same filters and isolation as the list). */
export async function exportViolations(em: EntityManager, actor: Actor, query: ViolationExportQuery): Promise<Buffer> {
  const where = violationWhere(actor, query);
  const total = await em.count(Violation, where);
  if (total > VIOLATION_EXPORT_LIMIT) {
    throw new RuleViolationError(`符合条件的违规记录有 ${total} 条，超过单次导出上限 ${VIOLATION_EXPORT_LIMIT} 条，请按类型、部门或状态缩小范围后再导出`, 'violation.export_too_large');
  }
  const rows = await em.find(Violation, where, { populate: ['department', 'createdBy', 'decidedBy'], orderBy: { detectedAt: 'desc', id: 'desc' } });
  const book = new ExcelJS.Workbook();
  book.creator = '朔州市政务数据共享开放平台';
  const sheet = book.addWorksheet('违规记录');
  sheet.columns = [
    { header: '编号', key: 'id', width: 8 },
    { header: '违规类型', key: 'type', width: 30 },
    { header: '部门', key: 'department', width: 28 },
    { header: '状态', key: 'status', width: 10 },
    { header: '发现时间', key: 'detectedAt', width: 20 },
    { header: '期限', key: 'dueAt', width: 20 },
    { header: '逾期工作日', key: 'late', width: 10 },
    { header: '依据', key: 'article', width: 22 },
    { header: '情况说明', key: 'summary', width: 60 },
    { header: '来源', key: 'source', width: 28 },
    { header: '人工登记', key: 'manual', width: 8 },
    { header: '处理人', key: 'decidedBy', width: 12 },
    { header: '处理时间', key: 'decidedAt', width: 20 },
    { header: '排除理由', key: 'dismissReason', width: 40 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const v of rows.map(violationDto)) {
    sheet.addRow({
      id: v.id,
      type: `${v.clause} ${v.typeLabel}`,
      department: v.department.name,
      status: v.statusLabel,
      detectedAt: shanghai(v.detectedAt),
      dueAt: shanghai(v.evidence.dueAt),
      late: v.evidence.workingDaysLate ?? '',
      article: v.evidence.article ?? '',
      summary: v.evidence.summary,
      source: `${v.source.kind}:${v.source.id}`,
      manual: v.manual ? '是' : '否',
      decidedBy: v.decidedBy?.displayName ?? '',
      decidedAt: shanghai(v.decidedAt),
      dismissReason: v.dismissReason ?? '',
    });
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}
