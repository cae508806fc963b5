import { actorOf, User } from '@govdata/core';
import type { DemoSeeder } from './seeder';
import { computeYear, currentYear, publishRevision } from '@govdata/assessment';

const DAY = 86_400_000;

/**
 * The demo's assessments: last year computed early in January and published (so the public page and the dashboard's
 * ranking show real numbers), and the current year computed as a draft at seeding time. Both go through the same
 * services as the bureau's buttons, so revisions, audit events and notifications are what the platform would make.
 */
export const assessmentSeeder: DemoSeeder = {
  name: 'assessment',
  async run(ctx) {
    const bureau = actorOf(ctx.users.get('bureau') ?? (await ctx.em.findOneOrFail(User, { username: 'bureau' }, { populate: ['department'] })));
    const year = currentYear(ctx.now);
    const previous = year - 1;
    // 10 and 20 January of this year, 10:00 Asia/Shanghai — or now, if the demo's now is earlier than that
    const at = (day: number) => new Date(Math.min(Date.parse(`${year}-01-${String(day).padStart(2, '0')}T10:00:00+08:00`), ctx.now.getTime() - DAY));
    if (previous >= 2022) {
      const computedAt = at(10);
      const done = await computeYear({ fork: () => ctx.em.fork(), clock: { now: () => computedAt, pinned: true }, log: ctx.log }, bureau, previous);
      if (done.phase !== 'done') throw new Error(`demo: ${previous} 年度考核计算失败：${done.error}`);
      const revision = done.revision ?? 1;
      await ctx.em.fork().transactional((tx) => publishRevision(tx, bureau, previous, revision, at(20)));
    }
    const draft = await computeYear({ fork: () => ctx.em.fork(), clock: { now: () => ctx.now, pinned: true }, log: ctx.log }, bureau, year);
    if (draft.phase !== 'done') throw new Error(`demo: ${year} 年度考核计算失败：${draft.error}`);
  },
};
