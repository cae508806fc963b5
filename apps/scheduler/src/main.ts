import { CalendarHolder, createClock } from '@govdata/core';
import { openPlatformDatabase } from '@govdata/platform';
import { startScheduler } from './scheduler';

/**
 * The scale-out scheduler process: BullMQ job schedulers and workers over REDIS_URL, the database over DATABASE_URL.
 * Run any number of these; BullMQ hands each job to one worker, and the jobs are idempotent anyway.
 */
const log = (m: string) => console.log(`${new Date().toISOString()} ${m}`);
const redisUrl = process.env.REDIS_URL?.trim();
if (!redisUrl) {
  console.error('REDIS_URL is not set: without Redis the API runs the jobs in-process and no scheduler process is needed.');
  process.exit(2);
}
const production = process.env.NODE_ENV === 'production';
const clock = createClock({ pinnedAt: process.env.GOVDATA_NOW?.trim() || null, production });
const db = await openPlatformDatabase(process.env.DATABASE_URL);
const calendar = await CalendarHolder.load(db.fork());
const handle = await startScheduler({ redisUrl, db, clock, calendar, log, prefix: process.env.GOVDATA_QUEUE_PREFIX?.trim() || undefined });
// the bureau may enter a year's holiday schedule through the API at any time: pick it up regularly
setInterval(() => void calendar.reload(db.fork()).catch((e) => log(`calendar reload failed: ${e}`)), 10 * 60_000).unref();

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  log(`${signal}: finishing the running jobs, then stopping`);
  await handle.close();
  await db.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
