import { computed, ref, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { DEFAULT_RULE_SET, periodTexts, ruleSetOrDefault, type DeadlineKind, type RuleSetPeriodsDto } from '@govdata/domain';
import { http } from '../api/http';

/**
 * The periods of the rule set in force ("5 个工作日" / "5 working days"), for every message that quotes one (issue 12
 * §1): messages write `{provider_reply}` and pages pass `periods.value` to `t()`. Which set is in force is asked once
 * per page load from `/api/rule-sets/current` (public: the login page needs it); until it answers, the default set
 * stands in. The texts come from the domain's rule sets, in the console's language.
 */
const ruleSetId = ref(DEFAULT_RULE_SET.id);
let loading: Promise<void> | null = null;

export function usePeriods(): { periods: ComputedRef<Record<DeadlineKind, string>>; ruleSetName: ComputedRef<string> } {
  const { locale } = useI18n();
  loading ??= http
    .get<RuleSetPeriodsDto>('/rule-sets/current')
    .then((r) => {
      ruleSetId.value = r.ruleSetId;
    })
    .catch(() => {
      loading = null;
    });
  const rules = computed(() => ruleSetOrDefault(ruleSetId.value));
  return {
    periods: computed(() => periodTexts(rules.value, locale.value === 'en' ? 'en' : 'zh-CN')),
    ruleSetName: computed(() => rules.value.name),
  };
}
