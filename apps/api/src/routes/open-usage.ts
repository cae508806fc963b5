import { openUsageStats, openUsageWorkbook, usageScope } from '@govdata/opendata';
import { openUsageQuerySchema, openUsageStatsSchema } from '@govdata/domain';
import { XLSX_MIME } from '@govdata/catalog';
import { shanghaiDate } from '@govdata/workdays';
import { route } from '../http/route';
import { sendFile } from './catalog-files';

const TAGS = ['开放：使用统计'];
const ACCESS = ['bureau_admin', 'leader', 'dept_admin'] as const;

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
];
