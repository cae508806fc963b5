import type { Express, RequestHandler } from 'express';
import type { Queue } from 'bullmq';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { ForbiddenError, isBureau, ServiceUnavailableError, UnauthorizedError } from '@govdata/domain';
import type { AppContext } from '../context';

export const QUEUE_DASHBOARD_PATH = '/api/admin/queues';

/** bull-board over the jobs queue: waiting, active, failed jobs, retries — the operators' view behind the jobs page. */
export function queueDashboard(queue: Queue): RequestHandler {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({ queues: [new BullMQAdapter(queue)], serverAdapter: adapter, options: { uiConfig: { boardTitle: 'govdata 任务队列' } } });
  return adapter.getRouter() as RequestHandler;
}

/** Mounts the dashboard (when the runner has one, i.e. BullMQ) for the bureau's admins only. */
export function mountQueueDashboard(app: Express, ctx: AppContext): void {
  const dashboard = ctx.jobs.dashboard;
  if (!dashboard) return;
  app.use(
    QUEUE_DASHBOARD_PATH,
    (req, _res, next) => {
      if (!req.auth) throw new UnauthorizedError('请先以平台管理员身份登录', 'auth.required');
      if (!isBureau(req.auth.actor)) throw new ForbiddenError('任务队列面板仅限平台管理员（政务信息管理局）', 'auth.role_forbidden');
      // bull-board would answer 500 ("Stream isn't writeable …") with Redis down
      if (!ctx.jobs.reachable()) {
        throw new ServiceUnavailableError('任务队列（Redis）暂时无法连接，队列监控面板不可用。定时任务会在队列恢复后继续运行；请稍后重试，或联系运维检查 Redis。', 'job.queue_unavailable');
      }
      next();
    },
    dashboard,
  );
}
