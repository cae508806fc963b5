import { jobAttempts, jobsOverview, listJobRuns } from '@govdata/core';
import { jobNameParamsSchema, jobRunNowSchema, jobRunQuerySchema, jobRunSchema, jobsOverviewSchema, pageSchema } from '@govdata/domain';
import { route } from '../http/route';

const TAGS = ['系统：定时任务'];

/** The jobs page: schedules, last and next runs, run history, and "run now". */
export const jobRoutes = [
  route({
    method: 'get',
    path: '/api/admin/jobs',
    summary: '定时任务一览（计划、上次运行与摘要、下次运行）',
    tags: TAGS,
    access: ['bureau_admin'],
    response: jobsOverviewSchema,
    async handler({ em, app }) {
      const nextRuns = await app.jobs.status();
      return jobsOverview(em, { kind: app.jobs.kind, reachable: app.jobs.reachable(), nextRuns });
    },
  }),
  route({
    method: 'get',
    path: '/api/admin/jobs/:name/runs',
    summary: '任务运行记录',
    tags: TAGS,
    access: ['bureau_admin'],
    params: jobNameParamsSchema,
    query: jobRunQuerySchema,
    response: pageSchema(jobRunSchema),
    handler: ({ em, params, query }) => listJobRuns(em, params.name, query),
  }),
  route({
    method: 'post',
    path: '/api/admin/jobs/:name/run',
    summary: '立即运行任务并返回摘要',
    description:
      '无 Redis 时在本进程内运行；使用 BullMQ 时提交到队列并等待调度进程完成，attempts 列出每次尝试（执行中的调度进程被终止、由另一进程接手时为两次）。队列不可用时迅速返回 503。',
    tags: TAGS,
    access: ['bureau_admin'],
    params: jobNameParamsSchema,
    response: jobRunNowSchema,
    // the job opens its own units of work; a request transaction around it would hold SQLite's only connection
    transactional: false,
    async handler({ app, params, em }) {
      let queueJobId: string | null = null;
      const result = await app.jobs.runNow(params.name, (id) => (queueJobId = id));
      return queueJobId ? { ...result, attempts: await jobAttempts(em, queueJobId) } : result;
    },
  }),
];
