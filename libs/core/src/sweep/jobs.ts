import { sweepDeadlines } from './deadline-sweep';
import { remindDueSoon } from './due-soon';
import type { JobDefinition } from '../jobs/registry';

/** 期限巡检 — every 5 minutes; also run once when a process starts, so a restored or seeded database is flagged at once. */
export const deadlineSweepJob: JobDefinition = {
  name: 'deadline-sweep',
  title: '期限巡检：标记逾期、通知责任方、记录违规',
  schedule: { every: 5 * 60_000 },
  run: async (ctx) => ({ ...(await sweepDeadlines(ctx, { jobName: 'deadline-sweep' })) }),
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
