import { Queue, QueueEvents, type ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { findJob, JOB_QUEUE, JOB_QUEUE_PREFIX, JOBS, queueJobKey, type JobResult } from '@govdata/core';
import { NotFoundError, ServiceUnavailableError } from '@govdata/domain';
import type { JobRunner, Logger } from '../context';
import { queueDashboard } from './dashboard';

export interface BullmqRunnerOptions {
  redisUrl: string;
  log: Logger;
  /** BullMQ key prefix (tests use their own) */
  prefix?: string;
  /** how long "run now" waits for a worker to finish the job */
  runTimeoutMs?: number;
  /** how long a Redis command may wait for the connection before the API gives up (503) */
  connectTimeoutMs?: number;
  /** serve bull-board at /api/admin/queues (default) */
  dashboard?: boolean;
}

const redact = (url: string) => url.replace(/\/\/[^@]*@/, '//***@');

function within<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const unavailable = () =>
  new ServiceUnavailableError('任务队列（Redis）暂时无法连接，不能立即运行任务。定时任务会在队列恢复后继续运行；请稍后重试，或联系运维检查 Redis。', 'job.queue_unavailable');

/**
 * With REDIS_URL set, jobs run in apps/scheduler workers through BullMQ; this process only produces "run now" jobs,
 * waits for their result, reads the job schedulers for the jobs page and serves bull-board.
 *
 * A dead Redis must not take the API down or hang a request: the producer connection has a bounded connect time,
 * no offline queue (a command fails at once while disconnected) and retries in the background; "run now" checks the
 * connection first and answers 503 quickly.
 */
export async function connectBullmqRunner(opts: BullmqRunnerOptions): Promise<JobRunner> {
  const { log } = opts;
  const connectTimeout = opts.connectTimeoutMs ?? 1_000;
  const prefix = opts.prefix ?? JOB_QUEUE_PREFIX;
  log.info(`调度器：BullMQ (${redact(opts.redisUrl)})，定时任务由 apps/scheduler 进程执行`);

  let lastError = '';
  const logOnce = (what: string) => (e: Error) => {
    // a down Redis reports every reconnect attempt; say it once per distinct message
    if (e.message === lastError) return;
    lastError = e.message;
    log.error(`BullMQ ${what}: ${e.message}`);
  };
  const producer = new Redis(opts.redisUrl, {
    connectTimeout,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(times * 500, 5_000),
  });
  producer.on('error', logOnce('connection'));
  producer.on('ready', () => {
    if (lastError) log.info('BullMQ：已重新连接 Redis');
    lastError = '';
  });
  // the queue's own start-up (version check, scripts) waits for the connection; a request never does (see ready())
  const queue = new Queue(JOB_QUEUE, { connection: producer as ConnectionOptions, prefix });
  queue.on('error', logOnce('queue'));
  // QueueEvents reads a stream with a blocking command: it needs its own connection, retried without limit
  const events = new QueueEvents(JOB_QUEUE, { connection: { url: opts.redisUrl, connectTimeout, maxRetriesPerRequest: null, retryStrategy: (times: number) => Math.min(times * 500, 5_000) }, prefix });
  events.on('error', logOnce('events'));

  const reachable = () => producer.status === 'ready';
  /** Ready now, or within a short wait while (re)connecting — never longer than about a second. */
  const ready = async (): Promise<boolean> => {
    if (reachable()) return true;
    if (producer.status === 'end' || producer.status === 'close') return false;
    return within(
      new Promise<boolean>((resolve) => producer.once('ready', () => resolve(true))),
      connectTimeout,
      () => new Error('not ready'),
    ).catch(() => false);
  };
  const runTimeout = opts.runTimeoutMs ?? 60_000;

  return {
    kind: 'bullmq',
    async runNow(name, onQueued): Promise<JobResult> {
      if (!findJob(name)) throw new NotFoundError(`没有名为“${name}”的任务`, 'job.not_found');
      if (!(await ready())) throw unavailable();
      await within(events.waitUntilReady(), 2_000, unavailable);
      const job = await within(queue.add(name, { trigger: 'manual' }, { attempts: 1, removeOnComplete: 100, removeOnFail: 500 }), 2_000, unavailable).catch((e) => {
        throw e instanceof ServiceUnavailableError ? e : unavailable();
      });
      onQueued?.(queueJobKey(job));
      try {
        return (await job.waitUntilFinished(events, runTimeout)) as JobResult;
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (/timed out|timeout/i.test(message)) {
          throw new ServiceUnavailableError(
            `任务已提交（编号 ${job.id}），但 ${Math.ceil(runTimeout / 1000)} 秒内未完成：可能没有正在运行的调度进程（apps/scheduler），或任务仍在执行。请稍后在任务页查看运行记录。`,
            'job.timeout',
          );
        }
        throw new ServiceUnavailableError(`任务运行失败：${message}。详情见任务页的运行记录。`, 'job.failed');
      }
    },
    kick(name) {
      if (!findJob(name) || !reachable()) return;
      // a worker takes it; when Redis is down the work stays queued in the database for the job's next scheduled run
      within(queue.add(name, { trigger: 'manual' }, { attempts: 1, removeOnComplete: 100, removeOnFail: 500 }), 2_000, unavailable).catch((e: Error) => log.error(`BullMQ: job ${name} not queued (${e.message}); its scheduled run will pick the work up`));
    },
    async status() {
      if (!(await ready())) return JOBS.map((j) => ({ name: j.name, nextRunAt: null }));
      try {
        const schedulers = await within(queue.getJobSchedulers(), 1_500, unavailable);
        return JOBS.map((j) => {
          const s = schedulers.find((x) => x.key === j.name);
          return { name: j.name, nextRunAt: s?.next ? new Date(s.next).toISOString() : null, missing: !s };
        });
      } catch {
        return JOBS.map((j) => ({ name: j.name, nextRunAt: null }));
      }
    },
    reachable,
    async queueCounts() {
      if (!reachable()) return null;
      return within(queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'), 1_000, () => new Error('timeout')).catch(() => null);
    },
    async ping() {
      if (!reachable()) return { status: 'down', latencyMs: null, error: `Redis 未连接（${producer.status}）${lastError ? `：${lastError}` : ''}` };
      const started = performance.now();
      try {
        await within(producer.ping(), 1_000, () => new Error('PING 超过 1 秒未应答'));
        return { status: 'up', latencyMs: Math.round((performance.now() - started) * 10) / 10, error: null };
      } catch (e) {
        return { status: 'down', latencyMs: null, error: e instanceof Error ? e.message : String(e) };
      }
    },
    ...(opts.dashboard === false ? {} : { dashboard: queueDashboard(queue) }),
    async stop() {
      // with Redis down the queue is still waiting to start: close what is connected, drop the rest, never hang
      const closing = Promise.allSettled([events.close(), queue.close()]);
      if (!reachable()) producer.disconnect();
      await within(closing, 3_000, () => new Error('timeout')).catch(() => undefined);
      producer.disconnect();
    },
  };
}
