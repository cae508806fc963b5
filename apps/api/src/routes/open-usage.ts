import { openAnnualReport, openAnnualReportWorkbook, openUsageStats, openUsageWorkbook, usageScope } from '@govdata/opendata';
import { openAnnualReportSchema, openReportParamsSchema, openUsageQuerySchema, openUsageStatsSchema, ValidationError } from '@govdata/domain';
import { XLSX_MIME } from '@govdata/catalog';
import { shanghaiDate } from '@govdata/workdays';
import { route } from '../http/route';
import { sendFile } from './catalog-files';

const TAGS = ['开放：使用统计'];
const ACCESS = ['bureau_admin', 'leader', 'dept_admin'] as const;

/** The year asked for, if the platform's clock has reached it (a report of a year not begun has nothing to say). */
function reportYear(year: number, now: Date): number {
  const current = Number(shanghaiDate(now).slice(0, 4));
  if (year > current) throw new ValidationError(`${year} 年尚未开始，年度报告最晚为 ${current} 年（截至今天）`, [{ path: 'year', message: `最晚 ${current} 年` }], 'open_report.future_year');
  return year;
}

/**
 * 开放数据使用统计 (issue 16 §8, 第二十二条, 第二十五条): views, downloads and open-interface calls by dataset,
 * department or day. The bureau and leaders read every department's; a department its own datasets.
 */
export const openUsageRoutes = [
  route({
    method: 'get',
    path: '/api/open-usage',
    summary: '开放数据使用统计（浏览、下载、接口调用；按数据集、部门或日期）',
    description: 'from、to 为上海日期（含两端，默认最近 30 天），区间最长 366 天；groupBy = dataset | department | day。部门用户只能查看本部门的数据集。',
    tags: TAGS,
    access: [...ACCESS],
    query: openUsageQuerySchema,
    response: openUsageStatsSchema,
    async handler({ em, actor, query, now }) {
      return openUsageStats(em, await usageScope(em, actor, query, shanghaiDate(now)), query.groupBy);
    },
  }),
  route({
    method: 'get',
    path: '/api/open-usage/export.xlsx',
    summary: '导出开放数据使用统计（Excel，条件同统计）',
    tags: TAGS,
    access: [...ACCESS],
    query: openUsageQuerySchema,
    produces: XLSX_MIME,
    async handler({ em, actor, query, now, res }) {
      const stats = await openUsageStats(em, await usageScope(em, actor, query, shanghaiDate(now)), query.groupBy);
      sendFile(res, `开放数据使用统计-${stats.from}-${stats.to}.xlsx`, XLSX_MIME, await openUsageWorkbook(stats));
    },
  }),
  route({
    method: 'get',
    path: '/api/open-reports/:year',
    summary: '开放数据年度报告（开放目录、利用、依申请开放答复、用户与反馈；合计与分部门）',
    description: '统计期间为该年 1 月 1 日至 12 月 31 日（当年截至平台当日）。仅平台管理员和领导可查看。',
    tags: TAGS,
    access: ['bureau_admin', 'leader'],
    params: openReportParamsSchema,
    response: openAnnualReportSchema,
    async handler({ em, params, now }) {
      return openAnnualReport(em, reportYear(params.year, now), now);
    },
  }),
  route({
    method: 'get',
    path: '/api/open-reports/:year/report.xlsx',
    summary: '导出开放数据年度报告（Excel：概况、分部门）',
    tags: TAGS,
    access: ['bureau_admin', 'leader'],
    params: openReportParamsSchema,
    produces: XLSX_MIME,
    async handler({ em, params, now, res }) {
      const report = await openAnnualReport(em, reportYear(params.year, now), now);
      sendFile(res, `朔州市政务数据开放${report.year}年度报告.xlsx`, XLSX_MIME, await openAnnualReportWorkbook(report));
    },
  }),
];
