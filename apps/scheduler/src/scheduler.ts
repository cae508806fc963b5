import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { JOBS, findJob, runJob, type CalendarHolder, type Database, type JobResult } from '@govdata/data';
import type { Clock } from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';

/** One queue carries every scheduled job; the job's name selects the definition in the registry. */
export const QUEUE_NAME = 'govdata-jobs';

export interface SchedulerDeps {
  redisUrl: string;
  db: Database;
  clock: Clock;
  calendar: CalendarHolder;
  log: (message: string) => void;
  /** BullMQ key prefix; tests use their own */
  prefix?: string;
  /** how many jobs one worker runs at once */
  concurrency?: number;
}

export interface SchedulerHandle {
  queue: Queue;
  worker: Worker;
  close(): Promise<void>;
}

export interface ScheduledJobData {
  trigger?: 'schedule' | 'manual';
}

/** Creates or updates a job scheduler per registry entry under its stable id, and removes schedulers no longer registered. */
export async function upsertSchedulers(queue: Queue): Promise<void> {
  for (const job of JOBS) {
    const repeat = 'every' in job.schedule ? { every: job.schedule.every } : { pattern: job.schedule.pattern, tz: 'Asia/Shanghai' };
    await queue.upsertJobScheduler(job.name, repeat, {
      name: job.name,
      data: { trigger: 'schedule' } satisfies ScheduledJobData,
      opts: { attempts: 5, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: 100, removeOnFail: 500 },
    });
  }
  const known = new Set(JOBS.map((j) => j.name));
  for (const s of await queue.getJobSchedulers()) if (s.key && !known.has(s.key)) await queue.removeJobScheduler(s.key);
}

/** The worker's processor: the same job functions the in-process runner uses, each in its own ORM context. */
export function processor(deps: Pick<SchedulerDeps, 'db' | 'clock' | 'calendar' | 'log'>) {
  return async (job: Job<ScheduledJobData>): Promise<JobResult | { skipped: string }> => {
    const def = findJob(job.name);
    if (!def) throw new Error(`unknown job ${job.name}`);
    const trigger = job.data?.trigger ?? 'schedule';
    if (trigger === 'schedule' && def.workingDaysOnly && !deps.calendar.lenient.isWorkingDay(shanghaiDate(deps.clock.now()))) {
      return { skipped: '非工作日' };
    }
    return runJob({ db: deps.db, clock: deps.clock, calendar: deps.calendar, log: (m) => deps.log(`[${def.name}] ${m}`) }, def, trigger, 'bullmq');
  };
}

export async function startScheduler(deps: SchedulerDeps): Promise<SchedulerHandle> {
  const connection = new Redis(deps.redisUrl, { maxRetriesPerRequest: null });
  const opts = { connection: connection as ConnectionOptions, prefix: deps.prefix ?? 'govdata' };
  const queue = new Queue(QUEUE_NAME, opts);
  await upsertSchedulers(queue);
  const worker = new Worker(QUEUE_NAME, processor(deps), { ...opts, concurrency: deps.concurrency ?? 2 });
  worker.on('failed', (job, err) => deps.log(`job ${job?.name} failed (attempt ${job?.attemptsMade}): ${err.message}`));
  deps.log(`scheduler ready: ${JOBS.length} job scheduler(s) upserted on queue ${QUEUE_NAME}`);
  return {
    queue,
    worker,
    async close() {
      await worker.close();
      await queue.close();
      // BullMQ does not close a connection it was given
      await connection.quit();
    },
  };
}
