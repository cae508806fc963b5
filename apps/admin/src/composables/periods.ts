import { computed, ref, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { DEFAULT_RULE_SET, periodTexts, ruleSetOrDefault, type DeadlineKind, type RuleSetPeriodsDto } from '@govdata/domain';
import { http } from '../api/http';

/**
 * The periods of the rule set in force ("5 个工作日" / "5 working days"), for every message that quotes one (issue 12
 * §1): messages write `{provider_reply}` and pages pass `periods.value` to `t()`. Which set is in force is asked once,
 * when the console starts (`loadRuleSetInForce` in main.ts, from the public `/api/rule-sets/current`: the login page
 * needs it too); until it answers, the default set stands in. The texts come from the domain's rule sets, in the
 * console's language.
 */
const ruleSetId = ref(DEFAULT_RULE_SET.id);

export async function loadRuleSetInForce(): Promise<void> {
  try {
    const r = await http.get<RuleSetPeriodsDto>('/rule-sets/current');
    if (typeof r?.ruleSetId === 'string') ruleSetId.value = r.ruleSetId;
  } catch {
    // the default set stands in; every clock itself carries the rule set it runs under
  }
}

export function usePeriods(): { periods: ComputedRef<Record<DeadlineKind, string>>; ruleSetName: ComputedRef<string> } {
  const { locale } = useI18n();
  const rules = computed(() => ruleSetOrDefault(ruleSetId.value));
  return {
    periods: computed(() => periodTexts(rules.value, locale.value === 'en' ? 'en' : 'zh-CN')),
    ruleSetName: computed(() => rules.value.name),
  };
}
