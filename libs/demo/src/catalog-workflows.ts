import { shanghaiDate } from '@govdata/workdays';
import { clockClause, consoleLinks, parseInstant, type EntrySnapshot, type TriggerKind } from '@govdata/domain';
import { cancelDeadline, completeDeadline, type IUser, notify, openDeadline } from '@govdata/core';
import { CatalogRelease, CatalogReleaseEntry, CatalogTriggerLink, CatalogUpdateTrigger, numberReleaseEntries, type ICatalogRelease, TRIGGER_SUBJECT } from '@govdata/catalog';
import type { PlannedEntry } from './catalog-gen';
import type { Mutation } from './catalog-history';
import type { Prng } from './prng';
import type { SeedContext } from './seeder';

const DAY = 86_400_000;

export interface TriggerPlan {
  dept: string;
  kind: TriggerKind;
  reference: string;
  effectiveDate: string;
  registeredAt: Date;
  outcome: 'met' | 'missed' | 'open' | 'overdue' | 'cancelled';
  resolvedAt?: Date;
  entryKey?: number;
  versionAt?: Date;
}

const LAWS: [string, string][] = [
  ['scjgj', '《中华人民共和国公司法》（2023年修订）'],
  ['rsj', '《中华人民共和国社会保险法》（2018年修正）配套《社会保险经办条例》'],
  ['gaj', '《中华人民共和国治安管理处罚法》（2025年修订）'],
  ['swj', '《中华人民共和国增值税法》'],
  ['wjw', '《中华人民共和国医师法》'],
  ['mzj', '《社会救助暂行办法》修订'],
  ['sthjj', '《排污许可管理条例》'],
  ['zjj', '《建设工程质量管理条例》（2019年修订）'],
  ['jyj', '《中华人民共和国学前教育法》'],
  ['yjj', '《中华人民共和国安全生产法》（2021年修正）'],
  ['ybj', '《医疗保障基金使用监督管理条例》'],
  ['nyncj', '《中华人民共和国农村集体经济组织法》'],
  ['sfj', '《中华人民共和国行政复议法》（2023年修订）'],
  ['jtj', '《中华人民共和国道路运输条例》（2023年修订）'],
  ['fgw', '《山西省社会信用条例》'],
  ['whlyj', '《中华人民共和国文物保护法》（2024年修订）'],
  ['zrzyj', '《中华人民共和国矿产资源法》（2024年修订）'],
  ['scjgj', '《中华人民共和国反不正当竞争法》（2025年修订）'],
];
const FUNCTIONS: [string, string][] = [
  ['xzspj', '朔编发〔2025〕9号 关于调整市行政审批服务管理局职责的通知'],
  ['nyj', '朔编发〔2025〕14号 关于市能源局职能配置调整的通知'],
  ['dsjzx', '朔编发〔2025〕21号 关于市大数据中心机构职能调整的通知'],
  ['cgj', '朔编发〔2026〕3号 关于城市管理综合行政执法职责划转的通知'],
  ['tyjrj', '朔编发〔2026〕6号 关于市退役军人事务局职责调整的通知'],
  ['lyj', '朔编发〔2026〕11号 关于林业和草原管理职责调整的通知'],
  ['gjj', '朔编发〔2026〕15号 关于住房公积金管理中心职能调整的通知'],
  ['kjj', '朔编发〔2026〕18号 关于市科学技术局职责调整的通知'],
];

const OUTCOMES: TriggerPlan['outcome'][] = [...Array(14).fill('met'), ...Array(4).fill('missed'), ...Array(3).fill('open'), ...Array(4).fill('overdue'), 'cancelled'];

const at = (date: string, hour: number): Date => new Date(`${date}T${String(hour).padStart(2, '0')}:30:00+08:00`);

export const seedTriggers = {
  /**
   * Plans ~26 triggers of 第七条: most resolved in time, some late, a few running, a few overdue as of now. A
   * resolved one is backed by a real catalog change published after the trigger took effect (added to `mutations`).
   */
  plan(ctx: SeedContext, rng: Prng, plans: PlannedEntry[], published: Map<number, Date>, mutations: Map<number, Mutation[]>, officer: (slug: string) => IUser): TriggerPlan[] {
    const sources = [...LAWS.map(([d, r]) => [d, r, 'law_revision'] as const), ...FUNCTIONS.map(([d, r]) => [d, r, 'function_change'] as const)];
    const result: TriggerPlan[] = [];
    OUTCOMES.forEach((outcome, i) => {
      const [dept, reference, kind] = sources[i % sources.length];
      const days = outcome === 'open' ? rng.int(1, 7) : outcome === 'overdue' ? rng.int(28, 75) : rng.int(60, 500);
      const effectiveDate = shanghaiDate(new Date(ctx.now.getTime() - days * DAY));
      const due = ctx.calendar.lenient.deadline(parseInstant(effectiveDate), 15, 'working').date;
      const registeredAt = at(shanghaiDate(new Date(parseInstant(effectiveDate).getTime() + rng.int(0, 2) * DAY)), 10);
      const plan: TriggerPlan = { dept, kind, reference, effectiveDate, registeredAt: registeredAt > ctx.now ? new Date(ctx.now.getTime() - 3_600_000) : registeredAt, outcome };
      if (outcome === 'met' || outcome === 'missed') {
        const dueTime = parseInstant(due).getTime();
        const day = outcome === 'met' ? new Date(Math.max(registeredAt.getTime() + DAY, dueTime - rng.int(1, 12) * DAY)) : new Date(Math.min(ctx.now.getTime() - 2 * DAY, dueTime + rng.int(2, 12) * DAY));
        const resolvedAt = at(shanghaiDate(day), 16);
        const candidates = plans.filter((p) => p.dept === dept && p.resourceType === 'department' && (published.get(p.key)?.getTime() ?? Infinity) < resolvedAt.getTime() - DAY);
        if (!candidates.length) return;
        const entry = rng.pick(candidates);
        plan.resolvedAt = resolvedAt;
        plan.entryKey = entry.key;
        plan.versionAt = at(shanghaiDate(day), 14);
        mutations.get(entry.key)?.push({ at: plan.versionAt, by: officer(dept).username, note: `根据${reference}更新目录（第七条）`, kind: rng.pick(['conditions', 'scenarios', 'summary'] as const) });
      }
      if (outcome === 'cancelled') plan.resolvedAt = at(shanghaiDate(new Date(registeredAt.getTime() + 3 * DAY)), 11);
      result.push(plan);
    });
    return result;
  },

  async persist(ctx: SeedContext, plans: TriggerPlan[], versions: Map<number, SeededVersion[]>, officer: (slug: string) => IUser): Promise<void> {
    const { em } = ctx;
    const bureau = ctx.users.get('bureau') as IUser;
    for (const p of plans) {
      const department = ctx.departments.get(p.dept);
      if (!department) continue;
      const resolved = p.outcome === 'met' || p.outcome === 'missed';
      const trigger = em.create(CatalogUpdateTrigger, {
        department: department.id,
        kind: p.kind,
        reference: p.reference,
        effectiveDate: p.effectiveDate,
        note: p.kind === 'law_revision' ? '法律法规修订涉及本部门数据采集和共享属性，请核查更新目录' : '部门职能调整，请同步调整本部门政务数据资源目录',
        status: resolved ? 'resolved' : p.outcome === 'cancelled' ? 'cancelled' : 'open',
        registeredBy: bureau.id,
        registeredAt: p.registeredAt,
        resolvedBy: resolved ? officer(p.dept).id : p.outcome === 'cancelled' ? bureau.id : null,
        resolvedAt: p.resolvedAt ?? null,
        resolutionNote: resolved ? '已按修订内容更新目录并发布' : null,
        cancelReason: p.outcome === 'cancelled' ? '经核查该文件不涉及本部门数据资源，登记有误' : null,
      });
      await em.flush();
      const deadline = await openDeadline(em, ctx.calendar, { kind: 'catalog_update', subjectType: TRIGGER_SUBJECT, subjectId: trigger.id, departmentId: department.id, startedAt: parseInstant(p.effectiveDate) }, p.registeredAt);
      if (p.resolvedAt && resolved) {
        const v = (versions.get(p.entryKey ?? -1) ?? []).find((x) => x.at.getTime() === p.versionAt?.getTime());
        if (v) em.create(CatalogTriggerLink, { trigger, version: v.id });
        completeDeadline(deadline, p.resolvedAt);
      } else if (p.outcome === 'cancelled' && p.resolvedAt) cancelDeadline(deadline, p.resolvedAt);
      else {
        await notify(
          em,
          [officer(p.dept).id],
          {
            kind: 'catalog.update_trigger',
            title: '资源目录更新提醒',
            body: `因${p.reference}（${p.effectiveDate} 生效），请于 ${deadline.dueDate} 前更新本部门政务数据资源目录（${clockClause('catalog_update', deadline.ruleSet, { n: deadline.periodN, unit: deadline.periodUnit })}）。`,
            link: consoleLinks.updateTrigger(trigger.id),
            subjectType: TRIGGER_SUBJECT,
            subjectId: trigger.id,
            dedupeKey: `catalog-trigger:${trigger.id}`,
          },
          p.registeredAt,
        );
      }
    }
    await em.flush();
  },
};

export interface SeededVersion {
  id: number;
  entryId: number;
  version: number;
  at: Date;
  snapshot: EntrySnapshot;
}

/** Four city releases (第八条) over the last 14 months, each the state of the catalog at its date; three filed. */
export async function seedReleases(ctx: SeedContext, rng: Prng, versions: Map<number, SeededVersion[]>, bureau: IUser): Promise<void> {
  const { em } = ctx;
  let previous: ICatalogRelease | null = null;
  let before = new Map<number, number>();
  const dates = [400, 280, 170, 50];
  for (const [n, days] of dates.entries()) {
    const releasedAt = at(shanghaiDate(new Date(ctx.now.getTime() - days * DAY)), 15);
    const rows: SeededVersion[] = [];
    for (const list of versions.values()) {
      const inEffect = list.filter((v) => v.at.getTime() <= releasedAt.getTime()).pop();
      if (inEffect) rows.push(inEffect);
    }
    const current = new Map(rows.map((r) => [r.entryId, r.version]));
    const filed = n < dates.length - 1;
    const release: ICatalogRelease = em.create(CatalogRelease, {
      number: n + 1,
      title: `《朔州市政务数据资源目录》第 ${n + 1} 版（${shanghaiDate(releasedAt)}）`,
      releasedAt,
      releasedBy: bureau.id,
      releasedByName: `${bureau.displayName}(${bureau.username})`,
      note: n === 0 ? '首次汇总发布全市政务数据资源目录' : '按季度汇总各部门目录更新',
      previous,
      entryCount: rows.length,
      addedCount: rows.filter((r) => !before.has(r.entryId)).length,
      changedCount: rows.filter((r) => before.has(r.entryId) && before.get(r.entryId) !== r.version).length,
      retiredCount: [...before.keys()].filter((id) => !current.has(id)).length,
      filedAt: filed ? new Date(releasedAt.getTime() + rng.int(3, 10) * DAY) : null,
      filingReference: filed ? `省政务数据共享平台备案回执 SX-SZ-${shanghaiDate(releasedAt).slice(0, 4)}-${String(n + 1).padStart(3, '0')}` : null,
    });
    await em.flush();
    // numbered in code order once written (numberReleaseEntries); until then each row a placeholder of its own
    const entryRows = rows.map((r, i) => ({ release: release.id, entry: r.entryId, entryVersion: r.id, versionNumber: r.version, code: r.snapshot.code, name: r.snapshot.name, provider: r.snapshot.provider.id, shareType: r.snapshot.shareType, openType: r.snapshot.openType, status: 'published', position: -(i + 1), providerPosition: -(i + 1) }));
    for (let i = 0; i < entryRows.length; i += 250) await em.insertMany(CatalogReleaseEntry, entryRows.slice(i, i + 250) as never);
    await numberReleaseEntries(em, release.id);
    previous = release;
    before = current;
  }
}
