import ExcelJS from 'exceljs';
import type { EntityManager } from '@mikro-orm/knex';
import { readTask, runRead, sqlAll } from '@govdata/core';
import { OPEN_APPLICATION_SUBJECT, onTimeRate, type OpenAnnualReportDto, type OpenReportDepartmentDto } from '@govdata/domain';
import { shanghaiDate, startOfShanghaiDay } from '@govdata/workdays';
import { openUsageStatsRead } from './usage-stats';

/**
 * 开放数据年度报告 (issue 16 §8): one year of the open catalog, read from what the platform recorded — every read
 * bounded by the period [1 January, the end of the year or the platform's now). The open type is the entry's
 * current one; use is counted as the usage statistics count it (views and downloads from `open_usage`, answered
 * open-interface calls from `call_records`); an application's timeliness is its clock's state (第二十四条).
 */
export function openAnnualReport(em: EntityManager, year: number, now: Date): Promise<OpenAnnualReportDto> {
  return runRead(em, openAnnualReportRead, { year, now });
}

/** The report's reads as a read task (core's `runRead`): a year of open-data use and calls, in a worker thread on SQLite. */
export const openAnnualReportRead = readTask('opendata.annual-report', (em, a: { year: number; now: Date }) => readOpenAnnualReport(em, a.year, a.now));

async function readOpenAnnualReport(em: EntityManager, year: number, now: Date): Promise<OpenAnnualReportDto> {
  const start = startOfShanghaiDay(`${year}-01-01`);
  const yearEnd = startOfShanghaiDay(`${year + 1}-01-01`);
  const complete = now.getTime() >= yearEnd.getTime();
  const end = complete ? yearEnd : now;
  const from = `${year}-01-01`;
  const to = complete ? `${year}-12-31` : shanghaiDate(now);

  const [catalog, applications, accounts, ratings, showcases, corrections, departments, usage] = await Promise.all([
    sqlAll<Record<string, unknown>>(
      em,
      `select e.provider_id as dept,
              sum(case when d.published_at < ? and (d.withdrawn_at is null or d.withdrawn_at >= ?) then 1 else 0 end) as open_at_end,
              sum(case when d.published_at < ? and (d.withdrawn_at is null or d.withdrawn_at >= ?) and e.open_type = 'open' then 1 else 0 end) as unconditional,
              sum(case when d.published_at < ? and (d.withdrawn_at is null or d.withdrawn_at >= ?) and e.open_type = 'on_application' then 1 else 0 end) as on_application,
              sum(case when d.published_at >= ? and d.published_at < ? then 1 else 0 end) as published,
              sum(case when d.withdrawn_at >= ? and d.withdrawn_at < ? then 1 else 0 end) as withdrawn
         from open_datasets d join catalog_entries e on e.id = d.entry_id
        where d.published_at < ?
        group by e.provider_id`,
      [end, end, end, end, end, end, start, end, start, end, end],
    ),
    sqlAll<Record<string, unknown>>(
      em,
      `select a.provider_id as dept, count(*) as submitted,
              sum(case when a.status = 'approved' then 1 else 0 end) as approved,
              sum(case when a.status = 'refused' then 1 else 0 end) as refused,
              sum(case when a.status = 'pending' then 1 else 0 end) as pending,
              sum(case when c.state = 'met' then 1 else 0 end) as on_time,
              sum(case when c.state = 'missed' then 1 else 0 end) as late,
              sum(case when c.state = 'overdue' then 1 else 0 end) as overdue
         from open_applications a
         left join deadlines c on c.subject_type = ? and c.subject_id = a.id and c.kind = 'open_application'
        where a.submitted_at >= ? and a.submitted_at < ?
        group by a.provider_id`,
      [OPEN_APPLICATION_SUBJECT, start, end],
    ),
    sqlAll<{ kind: string; n: unknown }>(em, 'select kind, count(*) as n from public_users where created_at >= ? and created_at < ? group by kind', [start, end]),
    sqlAll<{ n: unknown; avg_score: unknown }>(em, 'select count(*) as n, avg(score) as avg_score from open_ratings where rated_at >= ? and rated_at < ?', [start, end]),
    sqlAll<{ n: unknown }>(em, "select count(*) as n from open_showcases where status = 'approved' and submitted_at >= ? and submitted_at < ?", [start, end]),
    sqlAll<{ n: unknown }>(em, 'select count(*) as n from corrections where public_reporter_id is not null and received_at >= ? and received_at < ?', [start, end]),
    sqlAll<{ id: unknown; name: string }>(em, 'select id, name from departments', []),
    // read here, not sent to a worker again: the report is already where it runs
    openUsageStatsRead.run(em, { scope: { from, to }, groupBy: 'department' }),
  ]);

  const names = new Map(departments.map((d) => [Number(d.id), d.name]));
  const rows = new Map<number, OpenReportDepartmentDto>();
  const row = (id: unknown): OpenReportDepartmentDto => {
    const key = Number(id);
    let r = rows.get(key);
    if (!r) {
      r = { departmentId: key, department: names.get(key) ?? `#${key}`, openAtEnd: 0, unconditional: 0, onApplication: 0, publishedInYear: 0, withdrawnInYear: 0, views: 0, downloads: 0, apiCalls: 0, applications: 0, approved: 0, refused: 0, pending: 0, answeredOnTime: 0, answeredLate: 0, overdue: 0 };
      rows.set(key, r);
    }
    return r;
  };
  const n = (v: unknown): number => Number(v ?? 0);
  for (const c of catalog) Object.assign(row(c.dept), { openAtEnd: n(c.open_at_end), unconditional: n(c.unconditional), onApplication: n(c.on_application), publishedInYear: n(c.published), withdrawnInYear: n(c.withdrawn) });
  for (const a of applications) {
    Object.assign(row(a.dept), { applications: n(a.submitted), approved: n(a.approved), refused: n(a.refused), pending: n(a.pending), answeredOnTime: n(a.on_time), answeredLate: n(a.late), overdue: n(a.overdue) });
  }
  for (const u of usage.items) Object.assign(row(u.key), { views: u.views, downloads: u.downloads, apiCalls: u.apiCalls });

  const list = [...rows.values()].sort((a, b) => b.openAtEnd - a.openAtEnd || b.downloads + b.apiCalls - (a.downloads + a.apiCalls) || a.department.localeCompare(b.department, 'zh-CN'));
  const sum = (k: keyof Omit<OpenReportDepartmentDto, 'departmentId' | 'department'>) => list.reduce((s, r) => s + r[k], 0);
  const kinds = new Map(accounts.map((a) => [a.kind, n(a.n)]));
  const avg = ratings[0]?.avg_score;
  return {
    year,
    from,
    to,
    complete,
    totals: {
      openAtEnd: sum('openAtEnd'),
      unconditional: sum('unconditional'),
      onApplication: sum('onApplication'),
      publishedInYear: sum('publishedInYear'),
      withdrawnInYear: sum('withdrawnInYear'),
      views: usage.totals.views,
      downloads: usage.totals.downloads,
      apiCalls: usage.totals.apiCalls,
      applications: sum('applications'),
      approved: sum('approved'),
      refused: sum('refused'),
      pending: sum('pending'),
      answeredOnTime: sum('answeredOnTime'),
      answeredLate: sum('answeredLate'),
      overdue: sum('overdue'),
      datasetsOpenInPeriod: usage.totals.datasets,
      datasetsUsed: usage.totals.usedDatasets,
    },
    accounts: { registered: (kinds.get('person') ?? 0) + (kinds.get('organisation') ?? 0), people: kinds.get('person') ?? 0, organisations: kinds.get('organisation') ?? 0 },
    feedback: {
      ratings: n(ratings[0]?.n),
      averageScore: avg === null || avg === undefined ? null : Math.round(Number(avg) * 10) / 10,
      showcasesShown: n(showcases[0]?.n),
      corrections: n(corrections[0]?.n),
    },
    departments: list,
  };
}

const pct = (part: number, whole: number): string => (whole ? `${((part / whole) * 100).toFixed(1)}%` : '—');

/** The report as a workbook: 概况 (the year's figures with what each means) and 分部门 (one row per department, totals). */
export async function openAnnualReportWorkbook(r: OpenAnnualReportDto): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '朔州市政务数据共享开放平台';
  const title = `朔州市政务数据开放${r.year}年度报告${r.complete ? '' : `（截至 ${r.to}）`}`;

  const summary = book.addWorksheet('概况');
  summary.columns = [
    { key: 'a', width: 34 },
    { key: 'b', width: 16 },
    { key: 'c', width: 60 },
  ];
  summary.addRow([title]);
  summary.mergeCells(1, 1, 1, 3);
  summary.getRow(1).font = { bold: true, size: 14 };
  summary.addRow([`统计期间：${r.from} 至 ${r.to}`]);
  summary.mergeCells(2, 1, 2, 3);
  const t = r.totals;
  const section = (name: string) => {
    const row = summary.addRow([name]);
    row.font = { bold: true };
  };
  const line = (label: string, value: number | string, note = '') => summary.addRow([label, value, note]);
  section('一、开放目录（第二十二条、第二十三条）');
  line('期末开放数据集', t.openAtEnd, '统计期末在开放目录中（已发布、未撤回）');
  line('其中：无条件开放', t.unconditional);
  line('其中：依申请开放', t.onApplication);
  line('本年新开放', t.publishedInYear);
  line('本年撤回', t.withdrawnInYear);
  section('二、开放数据利用（第二十五条）');
  line('浏览次数', t.views, '数据集页面浏览');
  line('下载次数', t.downloads, '完整下载的文件（CSV、XLSX、JSON）');
  line('接口调用次数', t.apiCalls, '开放接口（API 密钥）成功调用');
  line('开放数据利用率', pct(t.datasetsUsed, t.datasetsOpenInPeriod), `期间开放的 ${t.datasetsOpenInPeriod} 个数据集中 ${t.datasetsUsed} 个有下载或接口调用`);
  section('三、依申请开放（第二十四条）');
  line('收到申请', t.applications);
  line('同意开放', t.approved);
  line('不同意开放', t.refused);
  line('尚待答复', t.pending);
  line('按时答复', t.answeredOnTime);
  line('逾期答复', t.answeredLate);
  line('逾期未答复', t.overdue);
  const rate = onTimeRate(t);
  line('按时答复率', rate === null ? '—' : `${rate}%`, '已答复申请中按时答复的比例');
  section('四、开放平台用户与反馈（第二十五条、第二十六条）');
  line('新注册用户', r.accounts.registered, `个人 ${r.accounts.people}，法人和其他组织 ${r.accounts.organisations}`);
  line('数据集评分', r.feedback.ratings, r.feedback.averageScore === null ? '' : `平均 ${r.feedback.averageScore} 分（5 分制）`);
  line('展示的利用成果', r.feedback.showcasesShown);
  line('数据纠错（开放平台用户）', r.feedback.corrections);

  const depts = book.addWorksheet('分部门', { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns: Array<[string, number, (d: OpenReportDepartmentDto) => string | number]> = [
    ['部门', 28, (d) => d.department],
    ['期末开放数据集', 14, (d) => d.openAtEnd],
    ['无条件开放', 12, (d) => d.unconditional],
    ['依申请开放', 12, (d) => d.onApplication],
    ['本年新开放', 12, (d) => d.publishedInYear],
    ['本年撤回', 10, (d) => d.withdrawnInYear],
    ['浏览次数', 10, (d) => d.views],
    ['下载次数', 10, (d) => d.downloads],
    ['接口调用次数', 12, (d) => d.apiCalls],
    ['收到申请', 10, (d) => d.applications],
    ['同意开放', 10, (d) => d.approved],
    ['不同意开放', 12, (d) => d.refused],
    ['尚待答复', 10, (d) => d.pending],
    ['按时答复', 10, (d) => d.answeredOnTime],
    ['逾期答复', 10, (d) => d.answeredLate],
    ['逾期未答复', 12, (d) => d.overdue],
    ['按时答复率', 12, (d) => (onTimeRate(d) === null ? '—' : `${onTimeRate(d)}%`)],
  ];
  depts.columns = columns.map(([header, width], i) => ({ header, key: `c${i}`, width }));
  depts.getRow(1).font = { bold: true };
  const total: OpenReportDepartmentDto = { departmentId: 0, department: '合计', ...t };
  for (const d of [...r.departments, total]) depts.addRow(Object.fromEntries(columns.map(([, , value], i) => [`c${i}`, value(d)])));
  depts.getRow(depts.rowCount).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}
