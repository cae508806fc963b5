import { z } from 'zod';
import { pageQuerySchema } from './common';

/** A job's schedule: every N milliseconds, or a cron pattern evaluated in Asia/Shanghai. */
export type JobSchedule = { every: number } | { pattern: string };

/** How the jobs page words a schedule: 每 5 分钟, 每天 01:00, 每个工作日 08:30, 每年 1 月 5 日 02:00. */
export function describeSchedule(schedule: JobSchedule, workingDaysOnly = false): string {
  if ('every' in schedule) {
    const ms = schedule.every;
    if (ms % 3_600_000 === 0) return `每 ${ms / 3_600_000} 小时`;
    if (ms % 60_000 === 0) return `每 ${ms / 60_000} 分钟`;
    return `每 ${Math.round(ms / 1000)} 秒`;
  }
  const text = cronText(schedule.pattern);
  if (!workingDaysOnly) return text;
  return text.startsWith('每天 ') ? text.replace('每天 ', '每个工作日 ') : `${text}（仅工作日）`;
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六', '日'];

/** One cron field as a list of values, or null when it is not plain numbers, ranges and lists within [min, max]. */
function cronValues(field: string, min: number, max: number): number[] | null {
  const out: number[] = [];
  for (const part of field.split(',')) {
    const m = /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(part);
    if (!m) return null;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from < min || to > max || to < from) return null;
    for (let v = from; v <= to; v++) out.push(v);
  }
  return out;
}

/** "1、15" or "1 至 5" — a list of values, with runs of three or more written as a range. */
function joinValues(values: number[], word: (v: number) => string): string {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    runs.push(j - i >= 2 ? `${word(sorted[i])}至${word(sorted[j])}` : sorted.slice(i, j + 1).map(word).join('、'));
    i = j + 1;
  }
  return runs.join('、');
}

/**
 * A five-field cron pattern (minute hour day-of-month month day-of-week, Asia/Shanghai) in words, so that nobody reads
 * "0 2 5 1 *": 每年 1 月 5 日 02:00 · 每天 01:00 · 每周一 09:00 · 每月 1 日 03:00 · 每 15 分钟 · 每小时第 5 分钟.
 * Patterns it cannot word (steps inside hours, both a day of month and a weekday …) read "按计划（cron …）".
 */
export function cronText(pattern: string): string {
  const fields = pattern.trim().split(/\s+/);
  const fallback = `按计划（cron ${pattern.trim()}）`;
  if (fields.length !== 5) return fallback;
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  const everyMinutes = /^\*\/(\d{1,2})$/.exec(minute);
  if (everyMinutes && hour === '*' && dom === '*' && month === '*' && dow === '*') return `每 ${Number(everyMinutes[1])} 分钟`;
  if (minute === '*' && hour === '*' && dom === '*' && month === '*' && dow === '*') return '每分钟';
  const minutes = cronValues(minute, 0, 59);
  if (!minutes || minutes.length !== 1) return fallback;
  const mm = String(minutes[0]).padStart(2, '0');
  if (hour === '*') return dom === '*' && month === '*' && dow === '*' ? `每小时第 ${minutes[0]} 分钟` : fallback;
  const hours = cronValues(hour, 0, 23);
  if (!hours) return fallback;
  const time = hours.map((h) => `${String(h).padStart(2, '0')}:${mm}`).join('、');

  const days = dom === '*' ? null : cronValues(dom, 1, 31);
  const months = month === '*' ? null : cronValues(month, 1, 12);
  const weekdays = dow === '*' ? null : cronValues(dow, 0, 7);
  if ((dom !== '*' && !days) || (month !== '*' && !months) || (dow !== '*' && !weekdays) || (days && weekdays)) return fallback;
  const dayText = days ? joinValues(days, (d) => `${d}`) + ' 日' : '';
  if (months) return `每年 ${joinValues(months, (m) => `${m}`)} 月${days ? ` ${dayText}` : weekdays ? `的每周${joinValues(weekdays, (w) => WEEKDAYS[w] ?? '')}` : '每天'} ${time}`;
  if (days) return `每月 ${dayText} ${time}`;
  if (weekdays) return `每周${joinValues(weekdays, (w) => WEEKDAYS[w] ?? '')} ${time}`;
  return `每天 ${time}`;
}

export const jobNameParamsSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]{1,59}$/, '任务名称应为小写英文与连字符，如 deadline-sweep'),
});

/** What every run reports; jobs add their own figures (e.g. serviceRecordEntries, staleEntries). */
export const jobSummarySchema = z
  .object({
    scanned: z.number().int(),
    newlyOverdue: z.number().int(),
    violationsCreated: z.number().int(),
    notificationsSent: z.number().int(),
  })
  .catchall(z.number());
export const jobResultSchema = jobSummarySchema.extend({ ms: z.number().int() });

export const jobRunSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  trigger: z.enum(['schedule', 'manual']),
  runner: z.enum(['bullmq', 'in-process']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: z.enum(['running', 'succeeded', 'failed']),
  summary: z.record(z.string(), z.number()).nullable(),
  error: z.string().nullable(),
  /** BullMQ: which start of the queue job (2 = taken over after the first attempt was cut off); null in-process */
  attempt: z.number().int().nullable(),
});
export type JobRunDto = z.infer<typeof jobRunSchema>;

/** "Run now": the summary, and under BullMQ every attempt the job took (a killed attempt and the retry that finished it). */
export const jobRunNowSchema = jobResultSchema.extend({ attempts: z.array(jobRunSchema).optional() });

export const jobSchema = z.object({
  name: z.string(),
  title: z.string(),
  schedule: z.object({
    every: z.number().int().nullable(),
    pattern: z.string().nullable(),
    timezone: z.literal('Asia/Shanghai'),
    workingDaysOnly: z.boolean(),
    text: z.string(),
  }),
  /** from the runner (BullMQ job scheduler or the in-process timer); null when unknown (queue unreachable) */
  nextRunAt: z.string().nullable(),
  /** the queue is reachable but holds no schedule for this job (Redis lost its data): it will not run until a scheduler re-creates it */
  scheduleMissing: z.boolean(),
  lastRun: jobRunSchema.nullable(),
  lastSucceededAt: z.string().nullable(),
  /** runs that failed since the last success */
  failuresSinceSuccess: z.number().int(),
});
export type JobDto = z.infer<typeof jobSchema>;

export const jobsOverviewSchema = z.object({
  queue: z.enum(['bullmq', 'in-process']),
  /** false when the queue cannot be reached (Redis down): next runs are unknown and "run now" answers 503 */
  queueReachable: z.boolean(),
  jobs: z.array(jobSchema),
  /** the bureau's own lapses on its service record (服务记录), shown on the jobs page */
  serviceRecordEntries: z.number().int(),
});
export type JobsOverview = z.infer<typeof jobsOverviewSchema>;

export const jobRunQuerySchema = pageQuerySchema.extend({ status: z.enum(['running', 'succeeded', 'failed']).optional() });
