import { CatalogEntry } from '@govdata/catalog';
import { OpenDataset, OpenReview } from '@govdata/opendata';
import { openDatasetName, type OpenReviewKind } from '@govdata/domain';
import type { DemoSeeder } from './seeder';

const DAY = 86_400_000;

/**
 * 开放目录: most published entries that may be opened got their 保密审查 and 政务公开审查 from the provider's data
 * officer, and the bureau published most of those; a few wait in the bureau's queue (ready), a few have only one
 * review, and one was refused opening after its 保密审查 — so the queue and the portal both have something to show.
 */
export const opendataSeeder: DemoSeeder = {
  name: 'opendata',
  async run(ctx) {
    const rng = ctx.rng.fork('opendata');
    const entries = await ctx.em.find(CatalogEntry, { status: 'published', openType: { $ne: 'closed' } }, { orderBy: { id: 'asc' } });
    const officers = new Map<number, number>();
    let bureauId = 0;
    for (const u of ctx.users.values()) {
      if (u.roles.includes('bureau_admin')) bureauId ||= u.id;
      if (u.roles.includes('dept_admin') && !officers.has(u.department.id)) officers.set(u.department.id, u.id);
    }
    let rejectedOne = false;
    for (const entry of entries) {
      const officer = officers.get(entry.provider.id) ?? bureauId;
      const roll = rng.next();
      const reviewedAt = new Date(ctx.now.getTime() - (20 + Math.floor(rng.next() * 300)) * DAY);
      const review = (kind: OpenReviewKind, conclusion: 'approved' | 'rejected', at: Date) =>
        ctx.em.create(OpenReview, {
          entry: entry.id,
          kind,
          conclusion,
          basis:
            kind === 'secrecy'
              ? conclusion === 'approved'
                ? '经对照保密事项范围逐项核查，不含国家秘密、工作秘密；个人信息已按目录脱敏规则处理。'
                : '部分信息项涉及执法工作秘密，暂不宜向社会开放。'
              : '依据《中华人民共和国政府信息公开条例》审查，属于可以主动公开的政府信息。',
          reviewer: kind === 'secrecy' ? '本部门保密工作领导小组' : '本部门政务公开办公室',
          recordedBy: officer,
          recordedAt: at,
        });
      if (roll < 0.08) continue; // not yet reviewed
      if (!rejectedOne && roll < 0.12) {
        review('secrecy', 'rejected', reviewedAt);
        rejectedOne = true;
        continue;
      }
      review('secrecy', 'approved', reviewedAt);
      if (roll < 0.18) continue; // only the first review so far
      review('disclosure', 'approved', new Date(reviewedAt.getTime() + DAY));
      if (roll < 0.28) continue; // ready: waits in the bureau's queue
      ctx.em.create(OpenDataset, {
        entry: entry.id,
        name: openDatasetName(entry.code),
        publishedBy: bureauId,
        publishedAt: new Date(reviewedAt.getTime() + (2 + Math.floor(rng.next() * 5)) * DAY),
        withdrawnAt: null,
        withdrawnReason: null,
        views: Math.floor(rng.next() * 2_000),
        downloads: Math.floor(rng.next() * 400),
      });
    }
    await ctx.em.flush();
    ctx.log(`开放目录：${entries.length} 个可开放资源`);
  },
};
