import { z } from 'zod';
import { isoDateSchema } from './common';
import { DEADLINE_KIND_IDS, type DeadlineKind } from './deadlines';
import { NotFoundError, RuleViolationError } from './errors';
import type { ViolationType } from './violations';

/**
 * Deadline rules as effective-dated data (issue 12 §1). A rule set says, for each deadline kind, how long the party has
 * (working or natural days, possibly depending on a fact of the subject), which 第三十三条 violation a missed clock
 * records and which clause it rests on. The bureau schedules which rule set applies from a date on; each clock stores
 * the rule set and version it was opened under and keeps it (a switch never rewrites a running clock).
 *
 * Every user-facing "N 个工作日" on the platform is made here, by `periodText` / `periodWords` — no other file types a
 * period (tools/src/period-text.spec.ts checks it).
 */

export interface DuePeriod {
  n: number;
  unit: 'working' | 'natural';
}

/** Facts of a clock's subject a period may depend on. */
export interface DeadlineFacts {
  /** the requested data is already on the platform (a field the provider sets on the catalog entry) */
  dataOnPlatform?: boolean;
}
export type DeadlineFact = keyof DeadlineFacts;
export const DEADLINE_FACT_LABELS: Record<DeadlineFact, { yes: string; no: string; name: string }> = {
  dataOnPlatform: { name: '数据是否已在平台', yes: '数据已在平台', no: '数据未在平台' },
};

/** The period of one kind under one rule set: fixed, set per record (null), or depending on a fact. */
export interface PeriodRule {
  period: DuePeriod | null;
  /** when set, the period depends on the fact: `yes` when the fact holds, `no` otherwise (`period` is unused) */
  when?: { fact: DeadlineFact; yes: DuePeriod; no: DuePeriod };
  /** the clause the period rests on, as the rule set's own text cites it */
  article: string;
  /** the clause's words, quoted from the source (shown on the 办理时限规则 page) */
  clause: string;
  /** the 第三十三条 violation a missed clock records; null = the bureau's own service record */
  violationType: ViolationType | null;
  /**
   * 服务承诺: the article names the duty but no period; the period is the platform's own commitment to the
   * departments (a miss goes on the bureau's service record, never a department's violation)
   */
  commitment?: boolean;
}

export interface RuleSet {
  id: string;
  /** raised whenever a period, condition or citation of the set changes; clocks store it */
  version: number;
  name: string;
  jurisdiction: string;
  /** the document, with its number, and where its text was read */
  source: string;
  /** the date the document was published (Shuozhou: 发布日期 2022-05-21, in force from publication) */
  documentDate: string;
  /** what the set inherits and what it changes, in a sentence */
  note: string;
  kinds: Record<DeadlineKind, PeriodRule>;
}

const w = (n: number): DuePeriod => ({ n, unit: 'working' });

/** 朔州市政务数据资源共享开放管理办法（2022）— the platform's own regulation, the default. */
export const SHUOZHOU_2022: RuleSet = {
  id: 'shuozhou-2022',
  version: 1,
  name: '朔州市政务数据资源共享开放管理办法',
  jurisdiction: '山西省朔州市',
  source: '朔州市人民政府办公室《朔州市政务数据资源共享开放管理办法》（朔政办发〔2022〕14号，第三十六条：自发布之日起施行）',
  documentDate: '2022-05-21',
  note: '本平台依据的市级办法，平台默认规则。',
  kinds: {
    compliance_review: {
      period: w(2),
      article: '第十五条',
      clause: '共享平台于2个工作日内完成符合性审查',
      violationType: null,
    },
    provider_reply: {
      period: w(5),
      article: '第十五条第（二）项',
      clause: '提供部门应在5个工作日内予以答复',
      violationType: 2,
    },
    catalog_update: {
      period: w(15),
      article: '第七条',
      clause: '在有关法律法规做出修订或行政管理职能发生变化之日起15个工作日内更新本部门政务数据资源目录',
      violationType: 1,
    },
    correction_feedback: {
      period: w(5),
      article: '第十七条',
      clause: '提供部门应当在收到反馈之日起5个工作日内予以校核更正',
      violationType: 5,
    },
    open_application: {
      period: w(10),
      article: '第二十四条',
      clause: '自收到申请之日起10个工作日内通过开放平台向申请方开放其所需数据',
      violationType: 9,
    },
    notice_rectification: {
      period: null,
      article: '第三十三条',
      clause: '予以书面通报，并责令其限期改正（期限由通报确定）',
      violationType: 8,
    },
    // 第十八条 gives the duty (统一向上级共享平台提申请, 统一对外提供服务) but no period: these two are the platform's
    // service commitments, clearly marked; a miss is the bureau's own lapse (service record), not a department's
    upper_need_submission: {
      period: w(5),
      article: '第十八条',
      clause: '平台服务承诺（第十八条未规定期限）：政务数据共享管理部门自收到部门上级数据需求之日起5个工作日内汇总，统一向上级共享平台提出申请',
      violationType: null,
      commitment: true,
    },
    upper_reply_passback: {
      period: w(3),
      article: '第十八条',
      clause: '平台服务承诺（第十八条未规定期限）：政务数据共享管理部门自登记上级答复之日起3个工作日内将结果反馈各申请部门',
      violationType: null,
      commitment: true,
    },
  },
};

/**
 * The Shanxi variant: the provider has 5 working days when the requested data is already shared on the platform and 10
 * when it is not (it must first publish it). Source: 高平市人民政府政策解读（2024-03-06，
 * https://www.sxgp.gov.cn/xxgk/zcwd/202403/t20240306_1942963.shtml）, implementing 《山西省政务数据资源共享管理办法》
 * （晋政办发〔2021〕87号）. The text sets only the review and the reply; every other period is the Shuozhou one —
 * no number here is taken from anywhere but a cited text.
 */
export const SHANXI_GAOPING_2024: RuleSet = {
  id: 'shanxi-gaoping-2024',
  version: 1,
  name: '山西省有条件共享答复期限（数据是否已在平台）',
  jurisdiction: '山西省（高平市实施细则）',
  source: '《山西省政务数据资源共享管理办法》（晋政办发〔2021〕87号）；高平市人民政府政策解读，2024-03-06，https://www.sxgp.gov.cn/xxgk/zcwd/202403/t20240306_1942963.shtml',
  documentDate: '2024-03-06',
  note: '有条件共享的答复期限取决于数据是否已在平台；其余期限沿用朔州市办法。',
  kinds: {
    ...SHUOZHOU_2022.kinds,
    compliance_review: {
      period: w(2),
      article: '共享流程第（二）项',
      clause: '政务数据主管部门应于2个工作日内完成符合性审查，并将申请转至提供部门',
      violationType: null,
    },
    provider_reply: {
      period: null,
      when: { fact: 'dataOnPlatform', yes: w(5), no: w(10) },
      article: '共享流程第（二）项',
      clause: '已在共享交换平台共享的，提供部门应在5个工作日内予以答复；确属本部门履职范围内而未及时在共享交换平台共享的，提供部门应在10个工作日内完成数据发布并予以答复',
      violationType: 2,
    },
  },
};

/** Every rule set the platform ships. The national 《政务数据共享条例》(2025) is not here: its official text was not at hand to cite. */
export const RULE_SETS: readonly RuleSet[] = [SHUOZHOU_2022, SHANXI_GAOPING_2024];
export const DEFAULT_RULE_SET = SHUOZHOU_2022;
export const RULE_SET_IDS = RULE_SETS.map((r) => r.id);

export function ruleSetById(id: string): RuleSet {
  const found = RULE_SETS.find((r) => r.id === id);
  if (!found) throw new NotFoundError(`办理时限规则“${id}”不存在`);
  return found;
}

/** The rule set of a stored clock, falling back to the default for ids no longer shipped. */
export const ruleSetOrDefault = (id: string | null | undefined): RuleSet => RULE_SETS.find((r) => r.id === id) ?? DEFAULT_RULE_SET;

/** The rule a stored clock runs under: its kind in its own rule set (undefined for a kind no rule set knows). */
export const clockRule = (kind: string, ruleSetId?: string | null): PeriodRule | undefined => (ruleSetOrDefault(ruleSetId).kinds as Record<string, PeriodRule>)[kind];

/** The period a clock of `kind` gets under `rules`, given its subject's facts (or the per-record override). */
export function resolvePeriod(rules: RuleSet, kind: DeadlineKind, facts: DeadlineFacts = {}, override?: DuePeriod): DuePeriod {
  const rule = rules.kinds[kind];
  const period = override ?? (rule.when ? (facts[rule.when.fact] ? rule.when.yes : rule.when.no) : rule.period);
  if (!period) throw new RuleViolationError(`“${kind}”须指定期限`, 'deadline.period_required');
  if (!Number.isInteger(period.n) || period.n < 1) throw new RuleViolationError('期限应为正整数天', 'deadline.period_invalid');
  return period;
}

/** The languages the period texts are written in (the console's locales). */
export type PeriodLocale = 'zh-CN' | 'en';

/** "5 个工作日" / "20 个自然日" (or "5 working days") — a period in words. */
export function periodWords(p: DuePeriod, locale: PeriodLocale = 'zh-CN'): string {
  if (locale === 'en') return `${p.n} ${p.unit === 'working' ? 'working' : 'calendar'} day${p.n === 1 ? '' : 's'}`;
  return `${p.n} 个${p.unit === 'working' ? '工作日' : '自然日'}`;
}

const FACT_WORDS_EN: Record<DeadlineFact, { yes: string; no: string }> = { dataOnPlatform: { yes: 'data already on the platform', no: 'data not yet on the platform' } };

/**
 * The period of a kind in words, under a rule set (the default when none is given): "5 个工作日";
 * "5 个工作日（数据已在平台）或 10 个工作日（数据未在平台）" when it depends on a fact; "通报确定的期限" when set per record.
 */
export function periodText(kind: DeadlineKind, rules: RuleSet = DEFAULT_RULE_SET, locale: PeriodLocale = 'zh-CN'): string {
  const rule = rules.kinds[kind];
  const en = locale === 'en';
  if (rule.when) {
    const f = en ? FACT_WORDS_EN[rule.when.fact] : DEADLINE_FACT_LABELS[rule.when.fact];
    return en
      ? `${periodWords(rule.when.yes, locale)} (${f.yes}) or ${periodWords(rule.when.no, locale)} (${f.no})`
      : `${periodWords(rule.when.yes)}（${f.yes}）或 ${periodWords(rule.when.no)}（${f.no}）`;
  }
  if (rule.period) return periodWords(rule.period, locale);
  return en ? 'the period the notice sets' : '通报确定的期限';
}

/** The texts of every kind under a rule set — what the SPA and the public pages interpolate. */
export const periodTexts = (rules: RuleSet = DEFAULT_RULE_SET, locale: PeriodLocale = 'zh-CN'): Record<DeadlineKind, string> =>
  Object.fromEntries(DEADLINE_KIND_IDS.map((k) => [k, periodText(k, rules, locale)])) as Record<DeadlineKind, string>;

/** A clock's clause in words: "第十五条第（二）项，5 个工作日" — from the clock's own stored period and rule set. */
export const clockClause = (kind: DeadlineKind, ruleSetId: string | null | undefined, period: DuePeriod): string =>
  `${ruleSetOrDefault(ruleSetId).kinds[kind].article}，${periodWords(period)}`;

// ---- scheduling a switch (bureau) -------------------------------------------------------------------------------

export const scheduleRuleSetSchema = z.strictObject({
  ruleSetId: z.enum(RULE_SET_IDS as [string, ...string[]], { error: `办理时限规则须为 ${RULE_SET_IDS.join('、')} 之一` }),
  effectiveFrom: isoDateSchema,
  reason: z.string().trim().min(2, '请写明切换依据（文件名称、文号）').max(500, '切换依据不超过 500 字'),
});
export type ScheduleRuleSetInput = z.infer<typeof scheduleRuleSetSchema>;

/** One row of the schedule: from `effectiveFrom` on, clocks open under `ruleSetId`. */
export interface RuleSetSwitch {
  id: number;
  ruleSetId: string;
  ruleSetVersion: number;
  effectiveFrom: string;
  cancelled: boolean;
}

/**
 * The rule set in force on a Shanghai date: the latest non-cancelled switch effective on or before it; the default
 * when none is. `switches` in any order.
 */
export function ruleSetInForce(switches: readonly RuleSetSwitch[], date: string): RuleSet {
  const applicable = switches.filter((s) => !s.cancelled && s.effectiveFrom <= date).sort((a, b) => (a.effectiveFrom === b.effectiveFrom ? a.id - b.id : a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  const last = applicable.at(-1);
  return last ? ruleSetOrDefault(last.ruleSetId) : DEFAULT_RULE_SET;
}

/** A switch must take effect after today (running clocks are never rewritten, and today's clocks are already open). */
export function assertSchedulable(input: ScheduleRuleSetInput, today: string): void {
  if (input.effectiveFrom <= today) throw new RuleViolationError(`生效日期须晚于今日（${today}）：切换只对生效之日起新开始的期限适用`, 'rule_set.effective_past');
}

/** A scheduled switch may be withdrawn until it takes effect. */
export function assertCancellable(s: RuleSetSwitch, today: string): void {
  if (s.cancelled) throw new RuleViolationError('该切换已撤销', 'rule_set.already_cancelled');
  if (s.effectiveFrom <= today) throw new RuleViolationError('已生效的切换不能撤销；如需改回，请安排新的切换', 'rule_set.already_effective');
}

// ---- DTOs ---------------------------------------------------------------------------------------------------------

export interface PeriodRuleDto {
  kind: DeadlineKind;
  label: string;
  responsible: 'department' | 'bureau';
  text: string;
  period: DuePeriod | null;
  when: PeriodRule['when'] | null;
  article: string;
  clause: string;
  violationType: ViolationType | null;
  /** 服务承诺: a period the platform commits to where the regulation sets none */
  commitment: boolean;
}

export interface RuleSetDto {
  id: string;
  version: number;
  name: string;
  jurisdiction: string;
  source: string;
  documentDate: string;
  note: string;
  rules: PeriodRuleDto[];
}

export interface RuleSetSwitchDto extends RuleSetSwitch {
  ruleSetName: string;
  reason: string;
  scheduledBy: string;
  scheduledAt: string;
  cancelledBy: string | null;
  cancelledAt: string | null;
  /** past: in force or superseded; future: scheduled */
  status: 'scheduled' | 'effective' | 'cancelled';
}

/** What the public pages and the login page need: the set in force and its period texts. */
export interface RuleSetPeriodsDto {
  ruleSetId: string;
  name: string;
  periods: Record<DeadlineKind, string>;
  /** the same in English, for the console's English texts */
  periodsEn: Record<DeadlineKind, string>;
  articles: Record<DeadlineKind, string>;
}

export interface RuleSetsOverviewDto {
  /** in force today */
  current: RuleSetDto;
  /** the next scheduled switch, if any */
  next: RuleSetSwitchDto | null;
  ruleSets: RuleSetDto[];
  history: RuleSetSwitchDto[];
  /** the current set's texts by kind, for messages ("5 个工作日") */
  periods: Record<DeadlineKind, string>;
}
