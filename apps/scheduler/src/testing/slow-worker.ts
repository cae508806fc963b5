/**
 * A scheduler worker in a process of its own, made slow on purpose, for the "killed mid-job" test: every overdue
 * provider reply takes SLOW_MS in the sweep's overdue hook and the sweep works in batches of 10, so the test can
 * SIGKILL it after a batch has committed and while the next is in flight.
 * Env: DATABASE_URL, REDIS_URL, GOVDATA_TEST_PREFIX, GOVDATA_NOW, SLOW_MS.
 */
import { CalendarHolder, createClock, findJob, registerOverdueHook, sweepDeadlines } from '@govdata/core';
import { openPlatformDatabase } from '@govdata/platform';
import { startScheduler } from '../scheduler';

// opening the platform's database installs the areas' jobs and hooks; this worker then slows the one it needs
const db = await openPlatformDatabase(process.env.DATABASE_URL, { migrate: false });
const slowMs = Number(process.env.SLOW_MS ?? 100);
registerOverdueHook('provider_reply', () => new Promise((resolve) => setTimeout(resolve, slowMs)));
const sweep = findJob('deadline-sweep');
if (!sweep) throw new Error('deadline-sweep is not registered');
sweep.run = async (ctx) => ({ ...(await sweepDeadlines(ctx, { batchSize: 10 })) });
const calendar = await CalendarHolder.load(db.fork());
await startScheduler({
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  prefix: process.env.GOVDATA_TEST_PREFIX,
  db,
  clock: createClock({ pinnedAt: process.env.GOVDATA_NOW ?? null, production: false }),
  calendar,
  log: () => undefined,
  schedules: false,
  sweepAtStart: false,
  concurrency: 1,
  workerName: 'doomed',
  workerOptions: { lockDuration: 2_000, stalledInterval: 1_000 },
});
console.log('ready');
