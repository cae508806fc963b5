import type { EntityManager } from '@mikro-orm/knex';
import {
  assertCancellable,
  assertSchedulable,
  DEADLINE_KIND_IDS,
  DEADLINE_KINDS,
  NotFoundError,
  periodText,
  periodTexts,
  RULE_SETS,
  ruleSetById,
  ruleSetInForce,
  ruleSetOrDefault,
  type Actor,
  type RuleSet,
  type RuleSetDto,
  type RuleSetPeriodsDto,
  type RuleSetSwitch as RuleSetSwitchRow,
  type RuleSetSwitchDto,
  type RuleSetsOverviewDto,
  type ScheduleRuleSetInput,
} from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { audit } from '../audit/audit';
import { RuleSetSwitch, type IRuleSetSwitch } from '../entities/rule-set-switch.entity';

/** The bureau's schedule of rule sets, oldest first, as the domain reads it. */
async function switches(em: EntityManager): Promise<IRuleSetSwitch[]> {
  return em.find(RuleSetSwitch, {}, { orderBy: { effectiveFrom: 'asc', id: 'asc' }, populate: ['scheduledBy', 'cancelledBy'] });
}

const row = (s: IRuleSetSwitch): RuleSetSwitchRow => ({ id: s.id, ruleSetId: s.ruleSetId, ruleSetVersion: s.ruleSetVersion, effectiveFrom: s.effectiveFrom, cancelled: s.cancelledAt !== null });

/**
 * The rule set clocks started at `at` open under: the bureau's latest switch in effect on that Shanghai date, the
 * default without one. Read from the database every time, so that every process agrees the moment a switch takes effect.
 */
export async function ruleSetAt(em: EntityManager, at: Date): Promise<RuleSet> {
  const rows = await em.find(RuleSetSwitch, { effectiveFrom: { $lte: shanghaiDate(at) }, cancelledAt: null }, { orderBy: { effectiveFrom: 'desc', id: 'desc' }, limit: 1 });
  return ruleSetInForce(rows.map(row), shanghaiDate(at));
}

export function ruleSetDto(rules: RuleSet): RuleSetDto {
  return {
    id: rules.id,
    version: rules.version,
    name: rules.name,
    jurisdiction: rules.jurisdiction,
    source: rules.source,
    documentDate: rules.documentDate,
    note: rules.note,
    rules: DEADLINE_KIND_IDS.map((kind) => {
      const r = rules.kinds[kind];
      return { kind, label: DEADLINE_KINDS[kind].label, responsible: DEADLINE_KINDS[kind].responsible, text: periodText(kind, rules), period: r.period, when: r.when ?? null, article: r.article, clause: r.clause, violationType: r.violationType, commitment: r.commitment === true };
    }),
  };
}

function switchDto(s: IRuleSetSwitch, today: string): RuleSetSwitchDto {
  const user = (u: IRuleSetSwitch['scheduledBy'] | null) => (u ? `${u.getEntity().displayName}` : null);
  return {
    ...row(s),
    ruleSetName: ruleSetOrDefault(s.ruleSetId).name,
    reason: s.reason,
    scheduledBy: user(s.scheduledBy) ?? '',
    scheduledAt: s.scheduledAt.toISOString(),
    cancelledBy: user(s.cancelledBy ?? null),
    cancelledAt: s.cancelledAt ? s.cancelledAt.toISOString() : null,
    status: s.cancelledAt ? 'cancelled' : s.effectiveFrom <= today ? 'effective' : 'scheduled',
  };
}

/** What the 办理时限规则 page shows: the set in force, the next switch, every shipped set and the schedule's history. */
export async function ruleSetsOverview(em: EntityManager, now: Date): Promise<RuleSetsOverviewDto> {
  const today = shanghaiDate(now);
  const all = await switches(em);
  const current = ruleSetInForce(all.map(row), today);
  const next = all.find((s) => !s.cancelledAt && s.effectiveFrom > today) ?? null;
  return {
    current: ruleSetDto(current),
    next: next ? switchDto(next, today) : null,
    ruleSets: RULE_SETS.map(ruleSetDto),
    history: all.map((s) => switchDto(s, today)).reverse(),
    periods: periodTexts(current),
  };
}

/** The set in force now, as the login page and the public pages quote it. */
export async function currentPeriods(em: EntityManager, now: Date): Promise<RuleSetPeriodsDto> {
  const rules = await ruleSetAt(em, now);
  return { ruleSetId: rules.id, name: rules.name, periods: periodTexts(rules), periodsEn: periodTexts(rules, 'en'), articles: Object.fromEntries(DEADLINE_KIND_IDS.map((k) => [k, rules.kinds[k].article])) as RuleSetPeriodsDto['articles'] };
}

/** The bureau schedules a switch of rule set from a future date on (audited). Running clocks keep their rules. */
export async function scheduleRuleSet(em: EntityManager, actor: Actor, input: ScheduleRuleSetInput, now: Date): Promise<RuleSetSwitchDto> {
  const today = shanghaiDate(now);
  assertSchedulable(input, today);
  const rules = ruleSetById(input.ruleSetId);
  const s = em.create(RuleSetSwitch, { ruleSetId: rules.id, ruleSetVersion: rules.version, effectiveFrom: input.effectiveFrom, reason: input.reason, scheduledBy: actor.userId, scheduledAt: now, cancelledBy: null, cancelledAt: null });
  await em.flush();
  audit(em, { actor, action: 'rule_set.schedule', subjectType: 'rule_set_switch', subjectId: s.id, after: { ruleSetId: rules.id, ruleSetVersion: rules.version, effectiveFrom: input.effectiveFrom, reason: input.reason }, at: now });
  await em.flush();
  await em.populate(s, ['scheduledBy']);
  return switchDto(s, today);
}

/** The bureau withdraws a switch that has not taken effect yet (audited). */
export async function cancelRuleSetSwitch(em: EntityManager, actor: Actor, id: number, now: Date): Promise<RuleSetSwitchDto> {
  const today = shanghaiDate(now);
  const s = await em.findOne(RuleSetSwitch, id, { populate: ['scheduledBy'] });
  if (!s) throw new NotFoundError(`规则切换 #${id} 不存在`);
  assertCancellable(row(s), today);
  s.cancelledAt = now;
  s.cancelledBy = actor.userId as never;
  audit(em, { actor, action: 'rule_set.cancel', subjectType: 'rule_set_switch', subjectId: s.id, before: { ruleSetId: s.ruleSetId, effectiveFrom: s.effectiveFrom }, at: now });
  await em.flush();
  await em.populate(s, ['cancelledBy']);
  return switchDto(s, today);
}
