import { runCatalogFreshness } from '../sweep/catalog-freshness';
import { sweepDeadlines } from '../sweep/deadline-sweep';
import { remindDueSoon } from '../sweep/due-soon';
import { findJob, JOBS, type JobDefinition } from './registry';

/** 期限巡检 — every 5 minutes; also run once when a process starts, so a restored or seeded database is flagged at once. */
export const deadlineSweepJob: JobDefinition = {
  name: 'deadline-sweep',
  title: '期限巡检：标记逾期、通知责任方、记录违规',
  schedule: { every: 5 * 60_000 },
  run: async (ctx) => ({ ...(await sweepDeadlines(ctx, { jobName: 'deadline-sweep' })) }),
};

/** 目录时效检查 — daily 01:00 Asia/Shanghai (第七条, 更新周期, 第三十三条第（一）（五）项). */
export const catalogFreshnessJob: JobDefinition = {
  name: 'catalog-freshness',
  title: '目录时效检查：目录更新期限、数据更新周期、未编制目录',
  schedule: { pattern: '0 1 * * *' },
  run: async (ctx) => ({ ...(await runCatalogFreshness(ctx)) }),
};

/** 到期提醒 — 08:30 on working days only. */
export const dueSoonRemindersJob: JobDefinition = {
  name: 'due-soon-reminders',
  title: '到期提醒：一个工作日内到期的事项',
  schedule: { pattern: '30 8 * * *' },
  workingDaysOnly: true,
  run: async (ctx) => {
    const r = await remindDueSoon(ctx);
    return { scanned: r.scanned, notificationsSent: r.notificationsSent };
  },
};

/** The scheduler area's jobs, added to the registry once (both runners read JOBS). */
for (const job of [deadlineSweepJob, catalogFreshnessJob, dueSoonRemindersJob]) if (!findJob(job.name)) JOBS.push(job);
