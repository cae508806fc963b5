import { ref } from 'vue';
import type { AssessmentYearDto, RevisionDto } from '@govdata/analytics';
import { fetchHealth } from '../../api/system';

export const STATUS_TAG: Record<RevisionDto['status'], 'info' | 'success' | 'warning'> = { draft: 'warning', published: 'success', superseded: 'info' };

/** The platform's year (the clock may be pinned in demos), not the browser's. */
export async function platformYear(): Promise<number> {
  try {
    const h = await fetchHealth();
    return Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date(h.now)));
  } catch {
    return new Date().getFullYear();
  }
}

/**
 * The year a page opens on when the path names none: the newest year with results (for readers of published
 * results: with published results), else the platform's previous year (the one assessed after year end).
 */
export function defaultYear(years: readonly AssessmentYearDto[], platform: number, publishedOnly = false): number {
  const withResults = years.filter((y) => (publishedOnly ? y.published : y.latest)).map((y) => y.year);
  if (withResults.length) return Math.max(...withResults);
  return platform - 1;
}

/** The selectable years: those the server knows, plus the platform's current and previous year. */
export function yearOptions(years: readonly AssessmentYearDto[], platform: number): number[] {
  return [...new Set([...years.map((y) => y.year), platform, platform - 1])].sort((a, b) => b - a);
}

/** Polls a long computation every `intervalMs` until it is done or failed. */
export function usePolling() {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const active = ref(false);
  function stop() {
    if (timer) clearTimeout(timer);
    timer = null;
    active.value = false;
  }
  function start<T>(poll: () => Promise<T>, finished: (value: T) => boolean, onValue: (value: T) => void, onError: (e: unknown) => void, intervalMs = 500) {
    stop();
    active.value = true;
    const tick = async () => {
      try {
        const value = await poll();
        onValue(value);
        if (finished(value)) return stop();
      } catch (e) {
        stop();
        return onError(e);
      }
      if (active.value) timer = setTimeout(() => void tick(), intervalMs);
    };
    timer = setTimeout(() => void tick(), intervalMs);
  }
  return { active, start, stop };
}
