import { z } from 'zod';
import { pageQuerySchema } from './common';

/** A job's schedule: every N milliseconds, or a cron pattern evaluated in Asia/Shanghai. */
export type JobSchedule = { every: number } | { pattern: string };

/** How the jobs page words a schedule: 每 5 分钟, 每天 01:00, 每个工作日 08:30. */
export function describeSchedule(schedule: JobSchedule, workingDaysOnly = false): string {
  if ('every' in schedule) {
    const ms = schedule.every;
    if (ms % 3_600_000 === 0) return `每 ${ms / 3_600_000} 小时`;
    if (ms % 60_000 === 0) return `每 ${ms / 60_000} 分钟`;
    return `每 ${Math.round(ms / 1000)} 秒`;
  }
  const daily = /^(\d{1,2}) (\d{1,2}) \* \* \*$/.exec(schedule.pattern.trim());
  if (daily) {
    const at = `${daily[2].padStart(2, '0')}:${daily[1].padStart(2, '0')}`;
    return workingDaysOnly ? `每个工作日 ${at}` : `每天 ${at}`;
  }
  return `cron ${schedule.pattern}${workingDaysOnly ? '（仅工作日）' : ''}`;
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
});
export type JobRunDto = z.infer<typeof jobRunSchema>;

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
