import { z } from 'zod';

/** One dependency as the health check saw it: reachable or not, how long the probe took, why it failed. */
export const dependencyHealthSchema = z.object({
  status: z.enum(['up', 'down']),
  /** round trip of the probe (`select 1`, Redis PING); null when there was nothing to reach or no answer */
  latencyMs: z.number().nullable(),
  error: z.string().nullable(),
});
export type DependencyHealth = z.infer<typeof dependencyHealthSchema>;

/**
 * `/api/health` (and `/api/health/ready`): `ok` when every dependency answers, `degraded` when only the queue is down
 * (reads and writes go on; "run now" and the queue dashboard answer 503), `down` (HTTP 503) when the database is.
 */
export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  db: z.enum(['sqlite', 'postgresql']),
  queue: z.enum(['bullmq', 'in-process']),
  checks: z.object({
    database: dependencyHealthSchema.extend({ dialect: z.enum(['sqlite', 'postgresql']) }),
    /** in-process: the jobs run inside the API, there is nothing to reach (always up, latency null) */
    queue: dependencyHealthSchema.extend({ kind: z.enum(['bullmq', 'in-process']) }),
  }),
  now: z.string(),
  clockPinned: z.boolean(),
  version: z.string(),
});
export type Health = z.infer<typeof healthSchema>;

/** `/api/health/live`: the process runs and its event loop turns — no dependency is asked. */
export const livenessSchema = z.object({ status: z.literal('alive'), uptimeSeconds: z.number(), pid: z.number().int() });

/** `/api/health/ready`: may this process take traffic? 503 while the database is down or while it shuts down. */
export const readinessSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  reason: z.string().nullable(),
  checks: healthSchema.shape.checks,
});

export const setClockSchema = z.strictObject({
  now: z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601，如 2026-06-15T09:30:00+08:00' }),
});
export const clockSchema = z.object({ now: z.string(), pinned: z.boolean() });
