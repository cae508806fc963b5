/**
 * 纠错反馈 (第十七条): open = the provider is checking (5 working days) · answered = the provider answered; the reporter
 * may contest once · contested = the reporter disagrees, the bureau decides · decided = the bureau's decision is final.
 */
export const CORRECTION_STATUSES = ['open', 'answered', 'contested', 'decided'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];
export const CORRECTION_STATUS_LABELS: Record<CorrectionStatus, string> = { open: '待校核', answered: '已答复', contested: '异议待裁定', decided: '已裁定' };

/** The provider's answer: confirmed and corrected (with the corrected version), confirmed with a correction date, or not an error. */
export const CORRECTION_DECISIONS = ['corrected', 'scheduled', 'not_an_error'] as const;
export type CorrectionDecision = (typeof CORRECTION_DECISIONS)[number];
export const CORRECTION_DECISION_LABELS: Record<CorrectionDecision, string> = { corrected: '确有错误，已更正', scheduled: '确有错误，限期更正', not_an_error: '经核实非数据错误' };

/** The bureau's decision on a contested answer: the error is confirmed (the provider must correct), or the answer stands. */
export const CONTEST_DECISIONS = ['error_confirmed', 'answer_upheld'] as const;
export type ContestDecision = (typeof CONTEST_DECISIONS)[number];
export const CONTEST_DECISION_LABELS: Record<ContestDecision, string> = { error_confirmed: '认定确有错误', answer_upheld: '维持提供部门答复' };

/** How a report reached the platform: a user in the console, a department's system through the gateway, the portal. */
export const CORRECTION_CHANNELS = ['console', 'gateway', 'portal'] as const;
export type CorrectionChannel = (typeof CORRECTION_CHANNELS)[number];
export const CORRECTION_CHANNEL_LABELS: Record<CorrectionChannel, string> = { console: '平台页面', gateway: '共享网关', portal: '开放门户' };

/** A 纠错编号 typed in a search box ("JCFK-2026-12", any case, dashes optional) → the id; null when the text is not one. */
export function parseCorrectionCode(q: string | undefined): number | null {
  const m = /^\s*jcfk-?\d{4}-?0*(\d{1,9})\s*$/i.exec(q ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * 下线 (第十九条): proposed by the provider → approved by the bureau (the entry is retiring, consumers are told) or
 * returned (with reasons; the provider may propose again) · withdrawn by the provider before the date · retired by the
 * scheduler on the date.
 */
export const RETIREMENT_STATUSES = ['proposed', 'approved', 'returned', 'withdrawn', 'retired'] as const;
export type RetirementStatus = (typeof RETIREMENT_STATUSES)[number];
export const RETIREMENT_STATUS_LABELS: Record<RetirementStatus, string> = { proposed: '待审核', approved: '已批准（过渡期）', returned: '已退回', withdrawn: '已撤回', retired: '已下线' };
