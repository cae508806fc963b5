import { actorOf, type IUser } from '@govdata/core';
import { CatalogEntry, CatalogItem } from '@govdata/catalog';
import { ShareGrant } from '@govdata/sharing';
import { DatasetVersion } from '@govdata/gateway';
import { addHighFrequencyMember, answerCorrection, approveRetirement, contestCorrection, proposeRetirement, reportCorrection, reporterOf } from '@govdata/lifecycle';
import { shanghaiDate } from '@govdata/workdays';
import type { DemoSeeder } from './seeder';

const DAY = 86_400_000;

const DESCRIPTIONS = [
  '部分记录的统一社会信用代码与登记机关公示信息不一致',
  '登记日期晚于注销日期，疑似录入颠倒',
  '联系电话位数不足 11 位',
  '同一主键出现两条记录，数值不同',
  '地址字段缺少区县信息，无法定位',
  '状态字段与最近一次变更记录不符',
];

/**
 * 纠错 and 下线 (第十七条, 第十九条) through the services, at past instants: consumers with grants report errors —
 * answered on time (corrected, scheduled, not an error, one contested), one still within its 5 working days and one
 * left past them (the sweep records (五) when it next runs) — and one entry's retirement is approved, its date ahead;
 * the bureau has curated the 高频数据共享库 (第十八条) from the resources with the most grants.
 */
export const lifecycleSeeder: DemoSeeder = {
  name: 'lifecycle',
  async run(ctx) {
    const { em, calendar } = ctx;
    const rng = ctx.rng.fork('lifecycle');
    const officer = new Map<number, IUser>();
    let bureau: IUser | null = null;
    for (const u of ctx.users.values()) {
      if (u.roles.includes('bureau_admin')) bureau ??= u;
      if (u.roles.includes('dept_admin') && !officer.has(u.department.id)) officer.set(u.department.id, u);
    }
    const today = shanghaiDate(ctx.now);
    const grants = await em.find(ShareGrant, { status: 'active', validUntil: { $gte: today } }, { populate: ['entry'], orderBy: { id: 'asc' }, limit: 40 });
    const usable = grants.filter((g) => g.entry.getEntity().status === 'published' && officer.has(g.consumer.id) && officer.has(g.provider.id));
    // six reports in the last two months, in time order; the last two are still open
    const plan = [
      { daysAgo: 55, answer: 'corrected' as const },
      { daysAgo: 41, answer: 'scheduled' as const },
      { daysAgo: 30, answer: 'not_an_error' as const, contest: true },
      { daysAgo: 21, answer: 'corrected' as const },
      { daysAgo: 12, answer: null },
      { daysAgo: 1, answer: null },
    ];
    let made = 0;
    for (const [i, step] of plan.entries()) {
      const g = usable[(i * 3) % Math.max(1, usable.length)];
      if (!g) break;
      const reporterUser = officer.get(g.consumer.id) as IUser;
      const providerUser = officer.get(g.provider.id) as IUser;
      const at = new Date(ctx.now.getTime() - step.daysAgo * DAY - Math.floor(rng.next() * 6) * 3_600_000);
      const items = await em.find(CatalogItem, { entry: g.entry.id, removedAt: null }, { orderBy: { position: 'asc' }, limit: 2 });
      const lc = { em, now: at, calendar };
      const created = await reportCorrection(
        lc,
        reporterOf(actorOf(reporterUser)),
        { entryId: g.entry.id, itemIds: items.map((it) => it.id).slice(0, 1 + (i % 2)), description: DESCRIPTIONS[i % DESCRIPTIONS.length] as string, recordKey: `91140600MA0${String(1000 + i * 37)}`, evidence: '附：核对时截取的原始登记信息' },
        actorOf(reporterUser),
      );
      made++;
      if (!step.answer) continue;
      const answeredAt = new Date(at.getTime() + (2 + (i % 3)) * DAY);
      const entry = await em.findOneOrFail(CatalogEntry, g.entry.id);
      const input =
        step.answer === 'corrected'
          ? { decision: 'corrected' as const, reason: '已核对源系统并修正相关记录', correctedCatalogVersion: Math.max(1, entry.currentVersion) }
          : step.answer === 'scheduled'
            ? { decision: 'scheduled' as const, reason: '确有错误，需源系统批量修正', correctOn: shanghaiDate(new Date(ctx.now.getTime() + 10 * DAY)) }
            : { decision: 'not_an_error' as const, reason: '经核对登记原件，数据与登记信息一致，差异系反馈方缓存旧数据所致' };
      await answerCorrection({ em, now: answeredAt, calendar }, actorOf(providerUser), created.id, input);
      if (step.contest) await contestCorrection({ em, now: new Date(answeredAt.getTime() + DAY), calendar }, actorOf(reporterUser), created.id, { reason: '反馈方已提供登记机关出具的证明，请求平台裁定' });
    }

    // one retirement, approved, its date ahead: the provider's entry without data, replaced by another of its entries
    let retirement = '';
    if (bureau) {
      const entries = await em.find(CatalogEntry, { status: 'published', resourceType: 'department', dedicated: false }, { orderBy: { id: 'asc' }, limit: 400 });
      const withData = new Set((await em.find(DatasetVersion, {}, { fields: ['entry'] })).map((d) => d.entry.id));
      const byProvider = new Map<number, typeof entries>();
      for (const e of entries) byProvider.set(e.provider.id, [...(byProvider.get(e.provider.id) ?? []), e]);
      for (const [providerId, list] of byProvider) {
        const old = list.find((e) => !withData.has(e.id));
        const replacement = list.find((e) => e !== old);
        const provider = officer.get(providerId);
        if (!old || !replacement || !provider) continue;
        const proposedAt = new Date(ctx.now.getTime() - 3 * DAY);
        const retireOn = shanghaiDate(new Date(ctx.now.getTime() + 24 * DAY));
        const r = await proposeRetirement({ em, now: proposedAt, calendar }, actorOf(provider), old.id, { reason: '该资源已整合进新版资源，字段口径统一后原资源不再单独维护', replacementEntryId: replacement.id, retireOn });
        await approveRetirement({ em, now: new Date(proposedAt.getTime() + DAY), calendar }, actorOf(bureau), r.id);
        retirement = `；「${old.name}」将于 ${retireOn} 下线`;
        break;
      }
    }
    // 高频数据共享库 (第十八条): the bureau added the three published resources with the most grants in force
    let library = '';
    if (bureau) {
      const perEntry = new Map<number, number>();
      for (const g of await em.find(ShareGrant, { status: 'active' }, { fields: ['entry'] })) perEntry.set(g.entry.id, (perEntry.get(g.entry.id) ?? 0) + 1);
      const published = new Set((await em.find(CatalogEntry, { id: { $in: [...perEntry.keys()] }, status: 'published' }, { fields: ['id'] })).map((e) => e.id));
      const top = [...perEntry].filter(([id]) => published.has(id)).sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 3);
      for (const [i, [entryId, n]] of top.entries()) {
        await addHighFrequencyMember(em, actorOf(bureau), { entryId, reason: `${n} 个有效授权，多个部门持续申请和调用，由管理局统一提供服务` }, new Date(ctx.now.getTime() - (20 - i) * DAY));
      }
      library = `；高频数据共享库 ${top.length} 个资源`;
    }
    await em.flush();
    ctx.log(`纠错反馈 ${made} 条${retirement}${library}`);
  },
};
