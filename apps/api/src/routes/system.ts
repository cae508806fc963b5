import { clockSchema, ForbiddenError, healthSchema, isPinnedClock, livenessSchema, readinessSchema, RuleViolationError, setClockSchema } from '@govdata/domain';
import { checkHealth } from '../http/health';
import { route } from '../http/route';

export const systemRoutes = [
  route({
    method: 'get',
    path: '/api/health',
    summary: '健康检查',
    description:
      '数据库与任务队列各自的状态和延迟、调度方式与平台时钟。数据库不可用时 503（status: down）；仅队列不可用时 200（status: degraded：读写照常，立即运行任务与队列面板暂不可用）。',
    tags: ['系统'],
    access: 'public',
    response: healthSchema,
    async handler({ app, now, res }) {
      const health = await checkHealth(app, now);
      res.setHeader('Cache-Control', 'no-store');
      res.status(health.status === 'down' ? 503 : 200).json(health);
      return health;
    },
  }),
  route({
    method: 'get',
    path: '/api/health/live',
    summary: '存活检查（liveness）',
    description: '进程在运行、能处理请求即 200；不检查数据库或队列（依赖故障时不应重启进程）。',
    tags: ['系统'],
    access: 'public',
    response: livenessSchema,
    async handler({ res }) {
      res.setHeader('Cache-Control', 'no-store');
      return { status: 'alive' as const, uptimeSeconds: Math.round(process.uptime()), pid: process.pid };
    },
  }),
  route({
    method: 'get',
    path: '/api/health/ready',
    summary: '就绪检查（readiness）',
    description: '可以接收流量时 200；数据库不可用或进程正在停止（收到 SIGTERM 后）时 503，负载均衡据此摘除本进程。队列不可用不影响就绪。',
    tags: ['系统'],
    access: 'public',
    response: readinessSchema,
    async handler({ app, now, res }) {
      const health = await checkHealth(app, now);
      const reason = app.lifecycle?.draining ? '进程正在停止（draining）' : health.checks.database.status === 'down' ? `数据库不可用：${health.checks.database.error ?? ''}` : null;
      const body = { status: reason ? ('not_ready' as const) : ('ready' as const), reason, checks: health.checks };
      res.setHeader('Cache-Control', 'no-store');
      res.status(reason ? 503 : 200).json(body);
      return body;
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
