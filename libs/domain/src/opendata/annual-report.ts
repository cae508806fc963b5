import { z } from 'zod';

/**
 * 开放数据年度报告 (issue 16 §8, 第二十二条至第二十六条): what the open catalog was and how it was used in one year —
 * datasets open at the year's end and newly opened, use (views, downloads, open-interface calls), 依申请开放
 * applications and how they were answered against their clock, public accounts, ratings, 利用成果 and 数据纠错 — in
 * total and per providing department. The bureau's and the leaders' report; an Excel workbook for the annual summary.
 */

/** The first year the regulation (2022) applies; the report covers that year up to the current one. */
export const OPEN_REPORT_FIRST_YEAR = 2022;

export const openReportParamsSchema = z.object({
  year: z.coerce
    .number({ message: '年份应为四位数字，如 2026' })
    .int('年份应为四位数字，如 2026')
    .min(OPEN_REPORT_FIRST_YEAR, `年度报告从 ${OPEN_REPORT_FIRST_YEAR} 年（办法施行之年）起`)
    .max(9999, '年份应为四位数字，如 2026'),
});

const count = z.number().int().nonnegative();

export const openReportDepartmentSchema = z.object({
  departmentId: z.number().int(),
  department: z.string(),
  /** open at the end of the period (published before it, not withdrawn by then) */
  openAtEnd: count,
  unconditional: count,
  onApplication: count,
  publishedInYear: count,
  withdrawnInYear: count,
  views: count,
  downloads: count,
  apiCalls: count,
  applications: count,
  approved: count,
  refused: count,
  pending: count,
  /** answered within the clock (第二十四条) · answered after it · still unanswered past it */
  answeredOnTime: count,
  answeredLate: count,
  overdue: count,
});
export type OpenReportDepartmentDto = z.infer<typeof openReportDepartmentSchema>;

export const openAnnualReportSchema = z.object({
  year: z.number().int(),
  /** the Shanghai dates the figures cover: 1 January to 31 December, or to the platform's today in the current year */
  from: z.string(),
  to: z.string(),
  complete: z.boolean(),
  totals: openReportDepartmentSchema.omit({ departmentId: true, department: true }).extend({
    /** open datasets at some time in the period, and those of them downloaded or called at least once */
    datasetsOpenInPeriod: count,
    datasetsUsed: count,
  }),
  accounts: z.object({ registered: count, people: count, organisations: count }),
  feedback: z.object({ ratings: count, averageScore: z.number().nullable(), showcasesShown: count, corrections: count }),
  departments: z.array(openReportDepartmentSchema),
});
export type OpenAnnualReportDto = z.infer<typeof openAnnualReportSchema>;

/** 按时答复率 of the answered applications, as a percentage with one decimal; null when none was answered. */
export function onTimeRate(r: Pick<OpenReportDepartmentDto, 'answeredOnTime' | 'answeredLate'>): number | null {
  const answered = r.answeredOnTime + r.answeredLate;
  return answered ? Math.round((r.answeredOnTime / answered) * 1000) / 10 : null;
}
