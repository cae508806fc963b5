import { z } from 'zod';

export const healthSchema = z.object({
  status: z.literal('ok'),
  db: z.enum(['sqlite', 'postgresql']),
  queue: z.enum(['bullmq', 'in-process']),
  now: z.string(),
  clockPinned: z.boolean(),
  version: z.string(),
});
export type Health = z.infer<typeof healthSchema>;

export const setClockSchema = z.strictObject({
  now: z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601，如 2026-06-15T09:30:00+08:00' }),
});
export const clockSchema = z.object({ now: z.string(), pinned: z.boolean() });
