/**
 * A scheduler worker in a process of its own for the "killed mid-job" test. The sweep works in batches of 10; the
 * overdue hook of the first batch takes SLOW_MS per provider reply, and from the second batch on the hook never
 * returns and the worker prints `second batch in flight` — so the test SIGKILLs it exactly while the second batch's
 * transaction is open, with the first batch committed, whatever the machine's load.
 * Env: DATABASE_URL, REDIS_URL, GOVDATA_TEST_PREFIX, GOVDATA_NOW, SLOW_MS.
 */
import { CalendarHolder, createClock, findJob, registerOverdueHook, sweepDeadlines } from '@govdata/core';
import { openPlatformDatabase } from '@govdata/platform';
import { startScheduler } from '../scheduler';

// opening the platform's database installs the areas' jobs and hooks; this worker then slows the one it needs
const db = await openPlatformDatabase(process.env.DATABASE_URL, { migrate: false });
const slowMs = Number(process.env.SLOW_MS ?? 100);
let batches = 0;
// the hook is called once per batch with all of the batch's provider replies (set-based hooks)
registerOverdueHook('provider_reply', (_ctx, deadlines) => {
  batches += 1;
  if (batches === 1) return new Promise((resolve) => setTimeout(resolve, slowMs * deadlines.length));
  if (batches === 2) console.log('second batch in flight');
  return new Promise<void>(() => undefined); // held until the process is killed
});
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
  // a lock long enough that a loaded machine never lets it lapse while the worker lives (then it looked stalled and ran
  // twice), short enough that the rescue after the kill comes within seconds
  workerOptions: { lockDuration: 6_000, stalledInterval: 1_000 },
});
console.log('ready');
