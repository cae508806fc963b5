import { assertSchemeUsable, scoreWithCheckedScheme, type DepartmentScore } from './score';
import type { DepartmentYearFacts } from './facts';
import { roundSigned } from './numbers';
import type { AssessmentScheme } from './scheme';

export interface RankedScore extends DepartmentScore {
  /**
   * Standard competition ranking ("1224"): departments with equal totals share a rank, and the next rank skips as
   * many places as were shared — two departments tied for 2nd are followed by the 4th. A rank then always says how
   * many departments scored strictly higher (rank − 1).
   */
  rank: number;
  /** last year's published total; null for a department without one */
  previousTotal: number | null;
  /** total − previousTotal, two decimals; null without a previous total */
  change: number | null;
}

/**
 * Scores every department of a year and ranks them (第三十条 公布考核结果). The scheme is validated once; the
 * result is ordered by rank, then by department id so that ties list in a stable order.
 */
export function scoreAll(
  scheme: AssessmentScheme,
  factsByDepartment: readonly DepartmentYearFacts[],
  previousTotals: ReadonlyMap<number, number> = new Map(),
): RankedScore[] {
  assertSchemeUsable(scheme);
  const seen = new Set<number>();
  for (const f of factsByDepartment) {
    if (seen.has(f.departmentId)) throw new RangeError(`部门 ${f.departmentId} 的事实数据重复出现`);
    seen.add(f.departmentId);
  }
  const scores = factsByDepartment.map((f) => scoreWithCheckedScheme(scheme, f));
  const ranks = competitionRanks(scores.map((s) => s.total));
  return scores
    .map((s, i) => {
      const previousTotal = previousTotals.get(s.departmentId) ?? null;
      return { ...s, rank: ranks[i], previousTotal, change: previousTotal === null ? null : roundSigned(s.total - previousTotal) };
    })
    .sort((a, b) => a.rank - b.rank || a.departmentId - b.departmentId);
}

/** Ranks of the given totals (higher is better), 1224 style; the result is aligned with the input. */
export function competitionRanks(totals: readonly number[]): number[] {
  const firstPlace = new Map<number, number>();
  [...totals].sort((a, b) => b - a).forEach((t, i) => firstPlace.has(t) || firstPlace.set(t, i + 1));
  return totals.map((t) => firstPlace.get(t) ?? 0);
}

/** The city average per indicator and per category, for the radar chart against one department. */
export function averageScores(scores: readonly DepartmentScore[]): { total: number; categories: Record<string, number>; indicators: Record<string, number> } {
  const mean = (xs: number[]) => (xs.length === 0 ? 0 : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100);
  const ids = (pick: (s: DepartmentScore) => { id: string }[]) => [...new Set(scores.flatMap((s) => pick(s).map((x) => x.id)))];
  return {
    total: mean(scores.map((s) => s.total)),
    categories: Object.fromEntries(ids((s) => s.categories).map((id) => [id, mean(scores.flatMap((s) => s.categories.filter((c) => c.id === id).map((c) => c.points)))])),
    indicators: Object.fromEntries(ids((s) => s.indicators).map((id) => [id, mean(scores.flatMap((s) => s.indicators.filter((c) => c.id === id).map((c) => c.points)))])),
  };
}
