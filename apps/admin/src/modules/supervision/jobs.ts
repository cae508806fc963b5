/** The figures a run reports, main ones first, zeros of the extra ones left out (`ms` is shown as the duration). */
const MAIN = ['scanned', 'newlyOverdue', 'violationsCreated', 'notificationsSent'];
export function summaryFigures(summary: Record<string, number> | null | undefined): { key: string; value: number }[] {
  if (!summary) return [];
  const main = MAIN.filter((k) => k in summary).map((key) => ({ key, value: summary[key] }));
  const extra = Object.entries(summary)
    .filter(([k, v]) => !MAIN.includes(k) && k !== 'ms' && k !== 'batches' && k !== 'hooksRun' && v !== 0)
    .map(([key, value]) => ({ key, value }));
  return [...main, ...extra];
}
