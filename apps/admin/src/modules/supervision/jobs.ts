/** The figures a run reports, main ones first, zeros of the extra ones left out (`ms` is shown as the duration). */
const MAIN = ['scanned', 'newlyOverdue', 'violationsCreated', 'notificationsSent'];
export function summaryFigures(summary: Record<string, unknown> | null | undefined): { key: string; value: number }[] {
  if (!summary) return [];
  // only figures: a "run now" answer also carries its attempts (a list)
  const numbers = Object.entries(summary).filter((e): e is [string, number] => typeof e[1] === 'number');
  const main = MAIN.flatMap((k) => numbers.filter(([key]) => key === k)).map(([key, value]) => ({ key, value }));
  const extra = numbers
    .filter(([k, v]) => !MAIN.includes(k) && k !== 'ms' && k !== 'batches' && k !== 'hooksRun' && v !== 0)
    .map(([key, value]) => ({ key, value }));
  return [...main, ...extra];
}
