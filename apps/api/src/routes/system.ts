import { clockSchema, ForbiddenError, healthSchema, isPinnedClock, RuleViolationError, setClockSchema } from '@govdata/domain';
import { route } from '../http/route';

export const systemRoutes = [
  route({
    method: 'get',
    path: '/api/health',
    summary: '健康检查',
    description: '数据库类型、调度方式与平台时钟。',
    tags: ['系统'],
    access: 'public',
    response: healthSchema,
    async handler({ app, em, now }) {
      await em.getConnection().execute('select 1');
      return { status: 'ok' as const, db: app.db.dialect, queue: app.jobs.kind, now: now.toISOString(), clockPinned: app.clock.pinned, version: app.version };
    },
  }),
  route({
    method: 'put',
    path: '/api/admin/clock',
    summary: '调整固定时钟（培训与测试）',
    description: '仅当平台时钟由 GOVDATA_NOW 固定时可用；生产环境不可用。',
    tags: ['系统'],
    access: ['bureau_admin'],
    body: setClockSchema,
    response: clockSchema,
    async handler({ app, body }) {
      if (app.config.production) throw new ForbiddenError('生产环境不能调整时钟', 'clock.production');
      if (!isPinnedClock(app.clock)) throw new RuleViolationError('平台时钟未固定（未设置 GOVDATA_NOW），不能调整', 'clock.not_pinned');
      app.clock.set(body.now);
      return { now: app.clock.now().toISOString(), pinned: true };
    },
  }),
];
