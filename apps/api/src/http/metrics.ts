import { timingSafeEqual } from 'node:crypto';
import type { Express, Request, RequestHandler, Response } from 'express';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { operationalFigures } from '@govdata/core';
import { ForbiddenError, isBureau, UnauthorizedError } from '@govdata/domain';
import type { AppContext } from '../context';

export const METRICS_PATH = '/metrics';

const sameToken = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Prometheus metrics (prom-client), for the operator only: `Authorization: Bearer $GOVDATA_METRICS_TOKEN` (what a
 * Prometheus scrape job sends), or a logged-in bureau admin. Per process: request latency and the Node.js process
 * figures. From the shared database and Redis, read at scrape time (any replica reports the whole installation): job
 * runs and durations, queue depth, overdue deadlines.
 */
export function installMetrics(app: Express, ctx: AppContext): { scrape: RequestHandler; track: (req: Request, res: Response) => void } {
  const register = new Registry();
  register.setDefaultLabels({ service: 'govdata-api' });
  collectDefaultMetrics({ register, prefix: 'govdata_' });
  const http = new Histogram({
    name: 'govdata_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [register],
  });
  const g = (name: string, help: string, labelNames: string[]) => new Gauge({ name, help, labelNames, registers: [register] });
  const overdue = g('govdata_deadlines_overdue', 'Deadlines flagged overdue by the sweep, by kind', ['kind']);
  const pastDue = g('govdata_deadlines_past_due_open', 'Open deadlines past due that no sweep has flagged yet (should stay near 0)', ['kind']);
  const runs = g('govdata_job_runs_24h', 'Job runs started in the last 24 hours, by job and status', ['job', 'status']);
  const lastDuration = g('govdata_job_last_duration_seconds', 'Duration of the last finished run of each job', ['job']);
  const lastSuccess = g('govdata_job_last_success_timestamp_seconds', 'When the last successful run of each job finished (platform clock)', ['job']);
  const lastFailed = g('govdata_job_last_run_failed', '1 when the latest run of the job failed', ['job']);
  const queueDepth = g('govdata_queue_jobs', 'Jobs in the BullMQ queue by state (absent with the in-process runner)', ['state']);
  const queueUp = g('govdata_queue_up', '1 when the job queue (Redis) answers; always 1 in-process', []);
  const dbUp = g('govdata_database_up', '1 when the database answered the scrape', []);

  // every answered request, labelled by its route pattern (never the raw URL: ids would explode the series)
  const track = (req: Request, res: Response) => {
    const end = http.startTimer();
    res.on('finish', () => {
      const pattern = req.route?.path;
      const route = typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : req.originalUrl.startsWith('/api/') ? '(unmatched api)' : '(static)';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
  };
  app.use((req, res, next) => {
    track(req, res);
    next();
  });

  const token = ctx.config.metricsToken;
  const scrape: RequestHandler = async (req, res) => {
    const auth = req.get('authorization');
    const bearer = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() : null;
    if (bearer !== null) {
      if (!token || !sameToken(bearer, token)) throw new UnauthorizedError('监控令牌无效（GOVDATA_METRICS_TOKEN）', 'metrics.token_invalid');
    } else {
      if (!req.auth) throw new UnauthorizedError(token ? '请提供监控令牌（Authorization: Bearer …）或以平台管理员身份登录' : '请以平台管理员身份登录（或为 Prometheus 设置 GOVDATA_METRICS_TOKEN）', 'auth.required');
      if (!isBureau(req.auth.actor)) throw new ForbiddenError('运行指标仅限运维与平台管理员', 'auth.role_forbidden');
    }
    for (const m of [overdue, pastDue, runs, lastDuration, lastSuccess, lastFailed, queueDepth]) m.reset();
    try {
      const figures = await operationalFigures(ctx.db.fork(), ctx.clock.now());
      for (const o of figures.overdue) {
        overdue.set({ kind: o.kind }, o.flagged);
        pastDue.set({ kind: o.kind }, o.pastDueOpen);
      }
      for (const j of figures.jobs) {
        for (const [status, n] of Object.entries(j.runs24h)) runs.set({ job: j.name, status }, n);
        if (j.lastDurationMs !== null) lastDuration.set({ job: j.name }, j.lastDurationMs / 1000);
        if (j.lastSucceededAt) lastSuccess.set({ job: j.name }, j.lastSucceededAt.getTime() / 1000);
        lastFailed.set({ job: j.name }, j.lastStatus === 'failed' ? 1 : 0);
      }
      dbUp.set(1);
    } catch (e) {
      dbUp.set(0);
      ctx.log.error('metrics: database figures unavailable', e);
    }
    const counts = ctx.jobs.queueCounts ? await ctx.jobs.queueCounts().catch(() => null) : null;
    if (counts) for (const [state, n] of Object.entries(counts)) queueDepth.set({ state }, n);
    queueUp.set(ctx.jobs.kind === 'in-process' || counts !== null ? 1 : 0);
    res.setHeader('Cache-Control', 'no-store');
    res.type(register.contentType).send(await register.metrics());
  };
  return { scrape, track };
}
