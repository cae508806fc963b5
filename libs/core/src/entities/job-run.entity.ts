import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One execution of a scheduled job, for the jobs page (last run, summary) and for audits of the scheduler. */
export const JobRun = defineEntity({
  name: 'JobRun',
  tableName: 'job_runs',
  indexes: [{ properties: ['name', 'startedAt'] }, { properties: ['queueJobId'] }],
  properties: {
    id: p.integer().primary(),
    name: p.string().length(60),
    trigger: p.string().length(12).$type<'schedule' | 'manual'>(),
    runner: p.string().length(12).$type<'bullmq' | 'in-process'>(),
    startedAt: p.datetime(),
    finishedAt: p.datetime().nullable(),
    status: p.string().length(12).$type<'running' | 'succeeded' | 'failed'>(),
    summary: p.json<Record<string, number>>().nullable(),
    error: p.text().nullable(),
    /** BullMQ: the queue job this run is an attempt of (a killed attempt and its retry share it); null in-process */
    queueJobId: p.string().length(100).nullable(),
    /** BullMQ: which start of the queue job this is (1, 2 … — a stalled job re-run by another worker is 2) */
    attempt: p.integer().nullable(),
  },
});
export type IJobRun = InferEntity<typeof JobRun>;
