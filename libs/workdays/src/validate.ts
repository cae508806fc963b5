import { isValidIsoDate, isoWeekday } from './dates';
import type { YearSchedule } from './types';

/**
 * The statutory holidays (法定节假日, 全国年节及纪念日放假办法) every annual notice arranges. Matched as substrings
 * because notices name them differently (清明节, 劳动节) and merge them when they meet (国庆节、中秋节 in 2017, 2020,
 * 2023 and 2025).
 */
export const STATUTORY_HOLIDAYS = ['元旦', '春节', '清明', '劳动', '端午', '中秋', '国庆'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Problems with a year's schedule, in Chinese, for the bureau's calendar form; empty when the schedule is sound.
 * The input is checked defensively because it comes from a form or the database, not from typed code.
 */
export function validateYearSchedule(schedule: YearSchedule): string[] {
  const errors: string[] = [];
  const input: unknown = schedule;
  if (!isRecord(input)) return ['节假日安排应为对象 { year, papers, days }'];

  const year = input['year'];
  const yearOk = typeof year === 'number' && Number.isInteger(year) && year >= 1 && year <= 9998;
  if (!yearOk) errors.push(`年份无效：${JSON.stringify(year)}，应为整数年份`);

  const papers = input['papers'];
  const paperList = Array.isArray(papers) ? papers : [];
  if (!Array.isArray(papers)) errors.push('缺少通知依据 papers（应为列表）');
  else if (!paperList.some((p) => typeof p === 'string' && p.trim() !== '')) {
    errors.push('至少需要一份通知依据（国务院办公厅放假通知的文号或网址）');
  }
  paperList.forEach((p, i) => {
    if (typeof p !== 'string' || p.trim() === '') errors.push(`第 ${i + 1} 份通知依据为空`);
  });

  const days = input['days'];
  if (!Array.isArray(days)) {
    errors.push('缺少日期列表 days（应为列表）');
    return errors;
  }

  const seen = new Map<string, boolean>();
  const offNames: string[] = [];
  days.forEach((day: unknown, i) => {
    const where = `第 ${i + 1} 条`;
    if (!isRecord(day)) {
      errors.push(`${where}：应为对象 { name, date, isOffDay }`);
      return;
    }
    const { name, date, isOffDay } = day;
    if (typeof name !== 'string' || name.trim() === '') errors.push(`${where}：节日名称不能为空`);
    if (typeof isOffDay !== 'boolean') errors.push(`${where}：isOffDay 应为 true（放假）或 false（调休上班）`);
    if (!isValidIsoDate(date)) {
      errors.push(`${where}：日期 ${JSON.stringify(date)} 无效，应为实际存在的 YYYY-MM-DD 日期`);
      return;
    }
    const label = `${where}（${date}）`;
    if (yearOk) {
      const dateYear = Number(date.slice(0, 4));
      if (Math.abs(dateYear - (year as number)) > 1) errors.push(`${label}：日期不属于 ${year} 年或相邻年份`);
    }
    if (typeof isOffDay !== 'boolean') return;
    const before = seen.get(date);
    if (before === undefined) seen.set(date, isOffDay);
    else if (before !== isOffDay) errors.push(`${label}：同一日期同时被标为放假和上班`);
    else errors.push(`${label}：日期重复列出`);
    if (isOffDay) {
      if (typeof name === 'string') offNames.push(name);
    } else if (isoWeekday(date) < 6) {
      errors.push(`${label}：调休上班日应为周六或周日，该日本就是工作日`);
    }
  });

  for (const holiday of STATUTORY_HOLIDAYS) {
    if (!offNames.some((n) => n.includes(holiday))) errors.push(`缺少法定节假日“${holiday}”的放假安排`);
  }
  return errors;
}
