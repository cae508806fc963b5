import { computed, ref, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { DeadlineKind, RuleSetPeriodsDto } from '@govdata/domain';
import { http } from '../api/http';

/**
 * The periods of the rule set in force ("5 个工作日" / "5 working days"), for every message that quotes one (issue 12
 * §1): messages write `{provider_reply}` and pages pass `periods.value` to `t()`. They are asked once, when the console
 * starts (`loadRuleSetInForce` in main.ts), from the public `/api/rule-sets/current` — the server words them from the
 * rule set in force, so the login page's bundle carries no rule data (bench:spa's 150 KB budget).
 */
const current = ref<RuleSetPeriodsDto | null>(null);

export async function loadRuleSetInForce(): Promise<void> {
  try {
    const r = await http.get<RuleSetPeriodsDto>('/rule-sets/current');
    if (r && typeof r.periods === 'object') current.value = r;
  } catch {
    // left unloaded: the texts that quote a period stay hidden (`loaded`), never a guessed number
  }
}

const EMPTY = {} as Record<DeadlineKind, string>;

export function usePeriods(): { periods: ComputedRef<Record<DeadlineKind, string>>; loaded: ComputedRef<boolean>; ruleSetName: ComputedRef<string> } {
  const { locale } = useI18n();
  return {
    periods: computed(() => (current.value ? (locale.value === 'en' ? current.value.periodsEn : current.value.periods) : EMPTY)),
    loaded: computed(() => current.value !== null),
    ruleSetName: computed(() => current.value?.name ?? ''),
  };
}
