import type { RequestHandler } from 'express';
import type { CalendarHolder, Database, JobResult } from '@govdata/core';
import type { Clock, DependencyHealth } from '@govdata/domain';
import type { Config } from './config';
import type { RequestLogEntry } from './http/logging';

/** How this process runs scheduled jobs; `/api/health` reports `kind`. */
export interface JobRunner {
  kind: 'bullmq' | 'in-process';
  /** runs a job now and waits for its summary (through BullMQ when present) */
  runNow(name: string, onQueued?: (queueJobId: string) => void): Promise<JobResult>;
  /**
   * starts a job soon without waiting for it (a request that queued work for it: an export job). In-process it runs
   * at once, or once more right after the run in progress; under BullMQ a worker takes it. Never throws: what it was
   * to do stays queued for the job's next scheduled run.
   */
  kick(name: string): void;
  /** next scheduled run of each job, for the jobs page; `missing` when the queue answered without a schedule for it */
  status(): Promise<{ name: string; nextRunAt: string | null; missing?: boolean }[]>;
  /** false while the queue cannot be reached (Redis down): the jobs page says so and "run now" answers 503 */
  reachable(): boolean;
  /** the health check's probe of the queue (Redis PING with its latency); in-process runners have nothing to reach */
  ping?(): Promise<DependencyHealth>;
  /** jobs in the queue by state (BullMQ: waiting, active, delayed, failed …), for /metrics; null while unreachable */
  queueCounts?(): Promise<Record<string, number> | null>;
  /** the bull-board dashboard (BullMQ only), mounted at /api/admin/queues for the bureau */
  dashboard?: RequestHandler;
  stop(): Promise<void>;
}

export interface Logger {
  info(message: string): void;
  error(message: string, err?: unknown): void;
  /** one structured line per answered request (JSON logs); absent: requests are not logged */
  request?(entry: RequestLogEntry): void;
}

/** Everything a route handler may use, built once at start (createApp's argument). */
export interface AppContext {
  config: Config;
  db: Database;
  /** the business clock: deadlines, rule dates, the `at` of audit rows (pinned by GOVDATA_NOW outside production) */
  clock: Clock;
  /** real time, never pinned: sessions, login throttles, audit recording time (createRealClock) */
  realClock: Clock;
  calendar: CalendarHolder;
  jobs: JobRunner;
  log: Logger;
  version: string;
  /** set by main.ts when a stop signal arrives: readiness answers 503 so a load balancer drains this process */
  lifecycle?: { draining: boolean };
}
