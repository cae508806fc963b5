import { shanghaiDate } from '@govdata/workdays';
import { assignFieldNames, normalizeItemName, type EntryInput, type ItemInput, type UpdateCycle } from '@govdata/domain';
import { itemFor, type PlannedEntry } from './catalog-gen';
import type { Prng } from './prng';

/**
 * The life of one demo resource: version 1 at publication, then the edits a department makes over 18 months
 * (摘要 reworded, 更新周期 changed, 信息项 added or dropped, 共享条件 revised, an item marked sensitive …), each a
 * version with its author and time. Items keep their identity across versions, as in the real catalog.
 */
export interface ItemState {
  tmp: number;
  input: ItemInput;
  createdAt: Date;
  removedAt: Date | null;
}

export type Fields = Omit<EntryInput, 'items'>;

export interface VersionState {
  at: Date;
  by: string;
  note: string | null;
  fields: Fields;
  /** the live items at this version, in order, as they were then */
  items: { tmp: number; input: ItemInput }[];
}

export interface EntryLife {
  plan: PlannedEntry;
  createdAt: Date;
  publishedAt: Date | null;
  items: ItemState[];
  versions: VersionState[];
  /** the entity's state: the last version's, with the data's own update date as of now */
  final: { fields: Fields; items: { tmp: number; input: ItemInput }[] };
}

export interface Mutation {
  at: Date;
  by: string;
  note: string | null;
  kind: 'summary' | 'cycle' | 'add_item' | 'remove_item' | 'conditions' | 'sensitive' | 'agreement' | 'scenarios';
}

const EXTRA_ITEMS = ['数据来源单位', '备注', '经办人', '审核状态', '业务流水号', '归档日期', '所属区县'];
const CYCLE_DAYS: Record<UpdateCycle, number> = { realtime: 1, daily: 2, weekly: 8, monthly: 35, quarterly: 95, semiannual: 185, annual: 370, irregular: 200 };

/** The data's last update as of `now` for its cycle — and for one resource in twelve, well past it (the freshness check has something to find). */
export function dataUpdatedAsOf(cycle: UpdateCycle, now: Date, rng: Prng): string {
  const days = rng.chance(1 / 12) ? CYCLE_DAYS[cycle] * 2 + rng.int(20, 60) : rng.int(0, CYCLE_DAYS[cycle]);
  return shanghaiDate(new Date(now.getTime() - days * 86_400_000));
}

function apply(fields: Fields, items: ItemState[], live: number[], m: Mutation, rng: Prng, nextTmp: () => number): string {
  switch (m.kind) {
    case 'summary':
      fields.summary = `${fields.summary.replace(/（[^）]*）$/, '')}（${shanghaiDate(m.at)} ${rng.pick(['补充了数据口径说明', '明确了统计范围', '补充了数据质量要求', '完善了字段说明'])}）`;
      return '完善资源摘要';
    case 'cycle': {
      const faster: Partial<Record<UpdateCycle, UpdateCycle>> = { monthly: 'weekly', quarterly: 'monthly', annual: 'semiannual', daily: 'realtime', weekly: 'daily', semiannual: 'quarterly', irregular: 'monthly' };
      const next = faster[fields.updateCycle];
      if (!next) return apply(fields, items, live, { ...m, kind: 'summary' }, rng, nextTmp);
      fields.updateCycle = next;
      return '提高更新频率';
    }
    case 'add_item': {
      const names = new Set(live.map((t) => items[t - 1].input.name));
      const name = EXTRA_ITEMS.find((n) => !names.has(n));
      if (!name) return apply(fields, items, live, { ...m, kind: 'summary' }, rng, nextTmp);
      const fresh = itemFor(name, live.length, false);
      // a field name no item of the entry ever had (removed ones included)
      const input = assignFieldNames([...items.map((i) => ({ ...i.input, id: undefined })), { ...fresh, fieldName: null }])[items.length] ?? fresh;
      const state: ItemState = { tmp: nextTmp(), input, createdAt: m.at, removedAt: null };
      items.push(state);
      live.push(state.tmp);
      return `新增信息项“${name}”`;
    }
    case 'remove_item': {
      const removable = live.filter((t) => !items[t - 1].input.primaryKey && !['公民身份号码', '统一社会信用代码', '姓名', '企业名称'].includes(normalizeItemName(items[t - 1].input.name)));
      if (removable.length < 3) return apply(fields, items, live, { ...m, kind: 'summary' }, rng, nextTmp);
      const tmp = removable[removable.length - 1];
      items[tmp - 1].removedAt = m.at;
      live.splice(live.indexOf(tmp), 1);
      return `删除不再采集的信息项“${items[tmp - 1].input.name}”`;
    }
    case 'conditions':
      if (fields.shareType !== 'conditional') return apply(fields, items, live, { ...m, kind: 'summary' }, rng, nextTmp);
      fields.shareConditions = `${fields.shareConditions}；${rng.pick(['使用部门应在用后 30 日内反馈使用情况', '调用须留存调用记录凭证（第十六条（四））', '不得超出申请用途使用'])}`.slice(0, 1900);
      return '修订共享条件';
    case 'sensitive': {
      const t = live.find((x) => !items[x - 1].input.sensitive && /地址|电话|金额|住址/.test(items[x - 1].input.name));
      if (!t) return apply(fields, items, live, { ...m, kind: 'scenarios' }, rng, nextTmp);
      items[t - 1].input = { ...items[t - 1].input, sensitive: true, desensitization: 'mask' };
      return `按分类分级结果将“${items[t - 1].input.name}”标为敏感并设置脱敏（第十一条）`;
    }
    case 'agreement':
      if (fields.securityGrade !== 'general' || fields.securityAgreementRequired) return apply(fields, items, live, { ...m, kind: 'scenarios' }, rng, nextTmp);
      fields.securityAgreementRequired = true;
      return '内部审查后要求使用部门签订安全协议（第十一条）';
    case 'scenarios':
      fields.internalReview = { ...fields.internalReview, scenarios: `${fields.internalReview.scenarios}；${rng.pick(['“高效办成一件事”', '营商环境评价', '基层减负“一表通”'])}` };
      return '更新内部审查记录的应用场景';
  }
}

/** Builds the versions of a published resource from its planned first state and the edits that follow. */
export function liveOf(plan: PlannedEntry, providerId: number, dedicatedIds: number[], publishedAt: Date | null, createdAt: Date, author: string, mutations: Mutation[], now: Date, rng: Prng): EntryLife {
  let tmp = 0;
  const nextTmp = () => ++tmp;
  const { dedicated: _d, items: firstItems, ...rest } = plan.input;
  const fields: Fields = { ...rest, providerId, dedicatedDepartmentIds: dedicatedIds, dataUpdatedAt: shanghaiDate(publishedAt ?? createdAt) };
  const items: ItemState[] = firstItems.map((input) => ({ tmp: nextTmp(), input, createdAt, removedAt: null }));
  const live = items.map((i) => i.tmp);
  const versions: VersionState[] = [];
  const frozen = () => live.map((t) => ({ tmp: t, input: { ...items[t - 1].input } }));
  if (publishedAt) {
    versions.push({ at: publishedAt, by: author, note: '首次发布', fields: structuredClone(fields), items: frozen() });
    for (const m of [...mutations].sort((a, b) => a.at.getTime() - b.at.getTime())) {
      const generated = apply(fields, items, live, m, rng, nextTmp);
      fields.dataUpdatedAt = shanghaiDate(m.at);
      versions.push({ at: m.at, by: m.by, note: m.note ?? generated, fields: structuredClone(fields), items: frozen() });
    }
  }
  const final = { fields: { ...structuredClone(fields), dataUpdatedAt: publishedAt ? dataUpdatedAsOf(fields.updateCycle, now, rng) : null }, items: frozen() };
  return { plan, createdAt, publishedAt, items, versions, final };
}

export const MUTATION_KINDS: Mutation['kind'][] = ['summary', 'cycle', 'add_item', 'remove_item', 'conditions', 'sensitive', 'agreement', 'scenarios'];
