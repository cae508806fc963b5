import { CronExpressionParser } from 'cron-parser';
import { findJob, JOBS, runJob, type CalendarHolder, type Database, type JobDefinition, type JobResult } from '@govdata/core';
import { NotFoundError, type Clock } from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import type { JobRunner, Logger } from '../context';

/** The next instant a job is due after `from`, by its interval or its cron pattern in Asia/Shanghai. */
export function nextRun(job: JobDefinition, from: Date): Date {
  if ('every' in job.schedule) return new Date(from.getTime() + job.schedule.every);
  return CronExpressionParser.parse(job.schedule.pattern, { currentDate: from, tz: 'Asia/Shanghai' }).next().toDate();
}

export interface InProcessOptions {
  db: Database;
  clock: Clock;
  calendar: CalendarHolder;
  log: Logger;
  /** false: no timers at all (tests, or GOVDATA_SCHEDULER=false); "run now" and kicks (export jobs) still work */
  enabled: boolean;
  /** jobs to run once right after start — the deadline sweep, so a restored or freshly seeded database is flagged at once */
  runAtStart?: string[];
}

/**
 * The embedded scheduler: with no REDIS_URL the API runs the job registry itself, on timers, in this one process.
 * Runs of the same job never overlap; a run that fails is logged and tried again at its next time.
 */
export function startInProcessRunner(deps: InProcessOptions): JobRunner {
  const timers = new Map<string, NodeJS.Timeout>();
  const next = new Map<string, Date>();
  const running = new Map<string, Promise<JobResult>>();
  /** jobs kicked while a run of them was in progress: they run again when it ends (it may have passed the new work) */
  const again = new Set<string>();
  let stopped = false;

  const execute = (job: JobDefinition, trigger: 'schedule' | 'manual'): Promise<JobResult> => {
    const current = running.get(job.name);
    if (current) return current;
    const p = runJob({ db: deps.db, clock: deps.clock, calendar: deps.calendar, log: (m) => deps.log.info(`[${job.name}] ${m}`) }, job, trigger, 'in-process').finally(() => running.delete(job.name));
    running.set(job.name, p);
    return p;
  };

  const schedule = (job: JobDefinition) => {
    if (stopped) return;
    // timers follow the wall clock's pace; the job itself reads the platform clock (pinned or not)
    const at = nextRun(job, new Date(Date.now()));
    next.set(job.name, at);
    const delay = Math.min(Math.max(at.getTime() - Date.now(), 1000), 2 ** 31 - 1);
    timers.set(
      job.name,
      setTimeout(async () => {
        try {
          if (!job.workingDaysOnly || deps.calendar.lenient.isWorkingDay(shanghaiDate(deps.clock.now()))) await execute(job, 'schedule');
        } catch (e) {
          deps.log.error(`job ${job.name} failed`, e);
        } finally {
          schedule(job);
        }
      }, delay),
    );
  };

  if (deps.enabled) {
    deps.log.info(`调度器以进程内模式运行 (no REDIS_URL): ${JOBS.length} 个任务 — in-process scheduler, one process only`);
    JOBS.forEach(schedule);
    for (const name of deps.runAtStart ?? []) {
      const job = findJob(name);
      if (!job) continue;
      // after the server is listening: the first requests are not held up by the sweep
      const timer = setTimeout(() => {
        execute(job, 'schedule')
          .then((r) => deps.log.info(`[${name}] 启动时运行完成：${JSON.stringify(r)}`))
          .catch((e) => deps.log.error(`job ${name} failed at start`, e));
      }, 0);
      timers.set(`${name}@start`, timer);
    }
  }

  const kick = (name: string): void => {
    const job = findJob(name);
    if (!job || stopped) return;
    if (running.has(name)) {
      again.add(name);
      return;
    }
    execute(job, 'manual')
      .catch((e) => deps.log.error(`job ${name} failed`, e))
      .finally(() => {
        if (again.delete(name)) kick(name);
      });
  };

  return {
    kind: 'in-process',
    kick,
    async runNow(name) {
      const job = findJob(name);
      if (!job) throw new NotFoundError(`没有名为“${name}”的任务`, 'job.not_found');
      return execute(job, 'manual');
    },
    async status() {
      return JOBS.map((j) => ({ name: j.name, nextRunAt: next.get(j.name)?.toISOString() ?? null }));
    },
    reachable: () => true,
    async stop() {
      stopped = true;
      again.clear();
      timers.forEach((t) => clearTimeout(t));
      await Promise.allSettled(running.values());
    },
  };
}
