import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  auditSealKey,
  CalendarHolder,
  configureAuditSealKey,
  configureExportDir,
  createClock,
  createRealClock,
  EXPORT_JOBS_JOB,
  realNow,
  refreshSqliteStatistics,
  requeueInterruptedExports,
  sqlAll,
  startWalCheckpointer,
  useReadRunner,
  WAL_FALLBACK_PAGES,
} from '@govdata/core';
import { openPlatformDatabase, workerReadRunner } from '@govdata/platform';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '@govdata/demo';
import { failInterruptedComputations, settleComputations } from '@govdata/assessment';
import { createApp } from './app';
import { answerClientError } from './http/problem';
import { parseConfig } from './config';
import type { AppContext, JobRunner } from './context';
import { createLogger } from './http/logging';
import { startInProcessRunner } from './jobs/in-process';
import { connectBullmqRunner } from './jobs/bullmq';

const config = parseConfig();
// production: one JSON object per line (pino) with a request id on request lines; development: readable lines
const log = createLogger(config.logFormat, { level: config.logLevel });
const version = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8')).version as string;
const clock = createClock({ pinnedAt: config.pinnedNow, production: config.production });
// the audit trail's daily seals are signed with the platform key: generated on first start outside production
configureAuditSealKey({ file: config.auditKeyFile, create: !config.production });
try {
  log.info(`审计封存密钥 ${auditSealKey().keyId.slice(0, 16)}… (${config.auditKeyFile})`);
} catch (e) {
  log.error(`${(e as Error).message} — 审计日志日封存将失败，直至提供密钥`);
}
// export jobs write their files here (and any process of the installation serves them)
configureExportDir(config.exportDir);
const db = await openPlatformDatabase(config.databaseUrl);
const calendar = await CalendarHolder.load(db.fork());
log.info(`数据库 ${db.dialect}${db.dialect === 'sqlite' ? ` (${db.target.location})` : ''}，迁移已应用 — database ready`);
if (clock.pinned) log.info(`平台时钟固定在 ${clock.now().toISOString()} (GOVDATA_NOW)`);

let freshlySeeded = false;
if (config.demo) {
  freshlySeeded = await seedDemo(db.fork(), { now: clock.now(), calendar, log: (m) => log.info(`[seed] ${m}`) });
  if (freshlySeeded) {
    log.info('空数据库，已生成演示数据 — demo data created');
    // the planner's statistics were taken of the empty database at the migration: once more, of the demo
    if (db.dialect === 'sqlite') await refreshSqliteStatistics(db.fork().getKnex());
  }
}

const jobs: JobRunner = config.redisUrl
  ? await connectBullmqRunner({ redisUrl: config.redisUrl, prefix: config.queuePrefix ?? undefined, log })
  : startInProcessRunner({
      db,
      clock,
      calendar,
      log,
      enabled: config.inProcessScheduler,
      // a freshly seeded demo also gets its daily checks at once, so the supervision pages are not empty until 01:00
      runAtStart: freshlySeeded ? ['deadline-sweep', 'catalog-freshness'] : ['deadline-sweep'],
    });

if (!config.redisUrl) {
  // embedded mode is one process: an assessment computation still marked running was cut off by the restart
  const interrupted = await failInterruptedComputations(db.fork(), clock.now());
  if (interrupted > 0) log.info(`${interrupted} 项考核计算因重启中断，已标记为失败 — interrupted assessment computations marked failed`);
  // so was an export job still running: it runs again (and whatever is queued runs now, scheduler timers or not)
  const exports = await requeueInterruptedExports(db.fork(), realNow());
  if (exports.requeued + exports.failed > 0) log.info(`导出任务因重启中断：${exports.requeued} 项重新排队，${exports.failed} 项已标记为失败 — interrupted export jobs`);
  jobs.kick(EXPORT_JOBS_JOB);
}

// on SQLite the heavy reads (assessment facts and drill-downs, dashboard, usage statistics) run in worker threads: the
// synchronous driver would stop every request meanwhile
useReadRunner(workerReadRunner(db.target));
// and the WAL's checkpoints (copying it into the database file, syncing to disk) run in a thread of their own, not in
// the commits of the event loop: the gateway commits a call record a call (core's wal-checkpointer.ts)
const checkpointer = db.dialect === 'sqlite' && db.target.location !== ':memory:' ? startWalCheckpointer(db.target.location, { onError: (e) => log.error('WAL checkpoint thread failed', e) }) : null;
if (checkpointer) await sqlAll(db.fork(), `pragma wal_autocheckpoint = ${WAL_FALLBACK_PAGES}`, []);

// another process (API or scheduler) may have saved a year's holiday schedule: pick it up regularly
setInterval(() => void calendar.reload(db.fork()).catch((e) => log.error('calendar reload failed', e)), 10 * 60_000).unref();

const lifecycle = { draining: false };
const ctx: AppContext = { config, db, clock, realClock: createRealClock(), calendar, jobs, log, version, lifecycle };
const server = createApp(ctx).listen(config.port, config.host, () => {
  log.info(`listening on ${config.host}:${config.port} (pid ${process.pid})`);
  if (config.logFormat === 'json') return;
  const url = `http://localhost:${config.port}`;
  console.log(`\n  朔州市政务数据共享开放平台 govdata ${version}\n  ➜ ${url}\n  ➜ API 文档 ${url}/api/docs\n`);
  if (config.demo) {
    console.log(`  演示账号 (密码均为 ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) console.log(`    ${a.username.padEnd(8)} ${a.roles.join(',')}`);
    console.log('');
  }
});

// oversized or malformed request heads are answered as problem+json too
server.on('clientError', answerClientError);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  log.info(`${signal}: 正在停止 — shutting down`);
  // readiness answers 503 from now on; requests in flight finish, idle keep-alive connections are closed
  lifecycle.draining = true;
  const force = setTimeout(() => {
    log.error('shutdown took longer than 30 s: exiting anyway');
    process.exit(1);
  }, 30_000);
  force.unref();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  // in-process jobs in hand finish (a running sweep batch is never cut off); BullMQ: the producer connection closes
  await jobs.stop();
  // an assessment computation running in the background finishes (or records its failure) before the pool closes
  await settleComputations();
  await checkpointer?.close();
  await db.close();
  log.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
