import os from 'node:os';
import { pino } from 'pino';
import { auditSealKey, CalendarHolder, configureAuditSealKey, createClock, DEFAULT_AUDIT_KEY_FILE } from '@govdata/core';
import { openPlatformDatabase } from '@govdata/platform';
import { startScheduler } from './scheduler';

/**
 * The scale-out scheduler process: BullMQ job schedulers and workers over REDIS_URL, the database over DATABASE_URL.
 * Run any number of these; BullMQ hands each job to one worker, and the jobs are idempotent anyway.
 */
const production = process.env.NODE_ENV === 'production';
// production (or LOG_FORMAT=json): one JSON object per line, as the API writes them; otherwise readable lines
const json = (process.env.LOG_FORMAT ?? (production ? 'json' : 'text')) === 'json';
const logger = json ? pino({ name: 'govdata-scheduler', level: process.env.LOG_LEVEL ?? 'info', base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }) : null;
const log = (m: string) => (logger ? logger.info(m) : console.log(`${new Date().toISOString()} ${m}`));
const redisUrl = process.env.REDIS_URL?.trim();
if (!redisUrl) {
  console.error('REDIS_URL is not set: without Redis the API runs the jobs in-process and no scheduler process is needed.');
  process.exit(2);
}
const clock = createClock({ pinnedAt: process.env.GOVDATA_NOW?.trim() || null, production });
// the daily audit seal signs with the platform key (the API's GOVDATA_AUDIT_KEY; generated on first start outside production)
configureAuditSealKey({ file: process.env.GOVDATA_AUDIT_KEY?.trim() || DEFAULT_AUDIT_KEY_FILE, create: !production });
try {
  log(`audit seal key ${auditSealKey().keyId.slice(0, 16)}…`);
} catch (e) {
  console.error(`${new Date().toISOString()} ${(e as Error).message} — the audit-seal job will fail until it is provided`);
}
const db = await openPlatformDatabase(process.env.DATABASE_URL);
const calendar = await CalendarHolder.load(db.fork());
// the worker's name in BullMQ (a job's `processedBy`, bull-board): which host and process ran it
const workerName = `${os.hostname()}:${process.pid}`;
const handle = await startScheduler({ redisUrl, db, clock, calendar, log, workerName, prefix: process.env.GOVDATA_QUEUE_PREFIX?.trim() || undefined });
// the bureau may enter a year's holiday schedule through the API at any time: pick it up regularly
setInterval(() => void calendar.reload(db.fork()).catch((e) => log(`calendar reload failed: ${e}`)), 10 * 60_000).unref();

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  log(`${signal}: finishing the running jobs, then stopping`);
  await handle.close();
  await db.close();
  log('stopped');
  logger?.flush();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
