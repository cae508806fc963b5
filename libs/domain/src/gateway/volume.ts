import { shanghaiDate } from '@govdata/workdays';
import { VIOLATION_TYPE_SPECS, violationClause, type ViolationEvidence, type ViolationType } from '../violations';

/**
 * 调用量远超申报用途 — a clue of 第三十三条(七) (shared data used beyond the duty it was granted for, 第二十七条): on a
 * Shanghai day a grant's answered gateway calls exceed VOLUME_FACTOR times the daily use its request declared
 * (预计日均调用次数), and at least VOLUME_FLOOR calls (a small absolute number is never a clue). A request that declared no
 * volume gives nothing to compare with and raises nothing. The bureau confirms or dismisses the candidate.
 */
export const VOLUME_VIOLATION: ViolationType = 7;
export const VOLUME_FACTOR = 10;
export const VOLUME_FLOOR = 500;

export interface GrantDayVolume {
  grantId: number;
  consumerId: number;
  entryId: number;
  entryName: string;
  /** Shanghai date of the calls */
  day: string;
  calls: number;
  expectedDailyCalls: number;
}

export function excessiveVolume(g: GrantDayVolume, now: Date): { type: ViolationType; evidence: ViolationEvidence } | null {
  if (!(g.expectedDailyCalls > 0)) return null;
  if (g.calls < VOLUME_FLOOR || g.calls <= VOLUME_FACTOR * g.expectedDailyCalls) return null;
  const times = Math.floor(g.calls / g.expectedDailyCalls);
  return {
    type: VOLUME_VIOLATION,
    evidence: {
      summary: `${g.day} 本部门接入系统调用“${g.entryName}”${g.calls.toLocaleString('zh-CN')} 次，为共享申请申报的预计日均 ${g.expectedDailyCalls.toLocaleString('zh-CN')} 次的 ${times} 倍，远超申报的应用场景所需，属${violationClause(VOLUME_VIOLATION)}所列“${VIOLATION_TYPE_SPECS[VOLUME_VIOLATION].short}”情形的线索，请核实数据用途`,
      observedAt: now.toISOString(),
      article: '第二十七条',
      details: { grantId: g.grantId, entryId: g.entryId, day: g.day, calls: g.calls, expectedDailyCalls: g.expectedDailyCalls, factor: VOLUME_FACTOR, floor: VOLUME_FLOOR },
    },
  };
}

/** The finding's key: one per grant and day, whichever run or process finds it first. */
export const grantVolumeSource = (grantId: number, day: string) => ({ kind: 'share_grant_volume', id: `${grantId}:${day}` });

/** The Shanghai days a detector run reads back: the last `days` days up to yesterday's (the finished ones). */
export const finishedDays = (realNow: Date, days: number): { from: string; to: string } => ({
  from: shanghaiDate(new Date(realNow.getTime() - days * 86_400_000)),
  to: shanghaiDate(new Date(realNow.getTime() - 86_400_000)),
});
