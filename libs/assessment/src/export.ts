import type { EntityManager } from '@mikro-orm/knex';
import type { Actor } from '@govdata/domain';
import { xlsxTable } from '@govdata/core';
import { getResults, getSuspension } from './results';

/** The results table as XLSX (the leadership dashboard's export, and the bureau's record). */
export async function resultsXlsx(em: EntityManager, actor: Actor, year: number, number?: number): Promise<Buffer> {
  const results = await getResults(em, actor, year, number);
  const indicators = results.rows[0]?.indicators ?? [];
  const status = `${results.revision.statusLabel}，第 ${results.revision.number} 次修订，统计截至 ${results.revision.asOf}`;
  return xlsxTable(
    `${year}年度考核结果`,
    [
      { header: '排名', width: 8, value: (r) => r.rank },
      { header: '部门', width: 34, value: (r) => r.department.name },
      { header: '统一社会信用代码', width: 22, value: (r) => r.department.code },
      { header: '总分', width: 10, value: (r) => r.total },
      { header: '等级', width: 10, value: (r) => r.gradeLabel },
      { header: '上年得分', width: 10, value: (r) => r.previousTotal },
      { header: '较上年', width: 10, value: (r) => r.change },
      ...indicators.map((ind, k) => ({ header: `${ind.name}（${ind.weight}）`, width: 14, value: (r: (typeof results.rows)[number]) => r.indicators[k]?.points })),
      { header: '列入第三十二条名单', width: 18, value: (r) => (r.suspended ? '是' : '') },
    ],
    results.rows,
    { title: `朔州市 ${year} 年度政务数据共享开放工作考核结果（${status}）` },
  );
}

/**
 * 第三十二条: the list for the finance bureau — departments that do not take part in sharing, for the suspension of
 * new IT projects and operation-and-maintenance funds.
 */
export async function suspensionXlsx(em: EntityManager, actor: Actor, year: number, number?: number): Promise<Buffer> {
  const list = await getSuspension(em, actor, year, number);
  return xlsxTable(
    '暂停项目与运维经费名单',
    [
      { header: '序号', width: 6, value: (r) => list.rows.indexOf(r) + 1 },
      { header: '部门', width: 34, value: (r) => r.department.name },
      { header: '统一社会信用代码/部门代码', width: 24, value: (r) => r.department.code },
      { header: '得分', width: 8, value: (r) => r.total },
      { header: '等级', width: 8, value: (r) => r.gradeLabel },
      { header: '列入原因', width: 70, value: (r) => r.reasons.map((x) => x.text).join('；') },
      { header: '依据', width: 52, value: () => '《朔州市政务数据资源共享开放管理办法》第三十二条' },
    ],
    list.rows,
    {
      title: `朔州市 ${year} 年度未按要求参与政务数据共享的部门名单（第三十二条：暂停审批新建项目、暂停拨付运维经费）· ${list.revision.statusLabel}，第 ${list.revision.number} 次修订`,
    },
  );
}
