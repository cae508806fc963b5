import { shanghaiDate } from '@govdata/workdays';

/**
 * 上级数据 (第十八条): resources held by the provincial or national level, the departments' needs for them, and the
 * bureau's one batch application (统一申请) per resource to the upper platform. Ids and labels here, apart from zod.
 */

/** 层级: whose resource it is. */
export const UPPER_LEVELS = ['provincial', 'national'] as const;
export type UpperLevel = (typeof UPPER_LEVELS)[number];
export const UPPER_LEVEL_LABELS: Record<UpperLevel, string> = { provincial: '省级', national: '国家级' };

/**
 * A department's need: submitted (待汇总, the bureau's submission clock runs) → consolidated into a draft batch
 * application → applied (the application went to the upper platform) → answered (the result was passed back);
 * withdrawn by the department while it waits for consolidation.
 */
export const UPPER_NEED_STATUSES = ['submitted', 'consolidated', 'applied', 'answered', 'withdrawn'] as const;
export type UpperNeedStatus = (typeof UPPER_NEED_STATUSES)[number];
export const UPPER_NEED_STATUS_LABELS: Record<UpperNeedStatus, string> = {
  submitted: '待汇总',
  consolidated: '已纳入统一申请',
  applied: '已报送上级',
  answered: '已反馈结果',
  withdrawn: '已撤回',
};

/**
 * The bureau's batch application (统一申请, 第十八条): draft (needs being consolidated) → submitted to the upper
 * platform → replied (the upper level's answer recorded; the pass-back clock runs) → passed back to each department.
 */
export const UPPER_APPLICATION_STATUSES = ['draft', 'submitted', 'replied', 'passed_back'] as const;
export type UpperApplicationStatus = (typeof UPPER_APPLICATION_STATUSES)[number];
export const UPPER_APPLICATION_STATUS_LABELS: Record<UpperApplicationStatus, string> = {
  draft: '汇总中（待报送）',
  submitted: '已报送上级',
  replied: '上级已答复（待反馈）',
  passed_back: '已反馈部门',
};

/** The upper level's reply to the batch application. */
export const UPPER_REPLY_DECISIONS = ['approved', 'partly_approved', 'refused'] as const;
export type UpperReplyDecision = (typeof UPPER_REPLY_DECISIONS)[number];
export const UPPER_REPLY_DECISION_LABELS: Record<UpperReplyDecision, string> = { approved: '同意', partly_approved: '部分同意', refused: '不同意' };

/** What each department's need gets when the result is passed back. */
export const UPPER_OUTCOMES = ['approved', 'partly_approved', 'refused'] as const;
export type UpperOutcome = (typeof UPPER_OUTCOMES)[number];
export const UPPER_OUTCOME_LABELS: Record<UpperOutcome, string> = { approved: '获批', partly_approved: '部分获批', refused: '未获批' };

/** 上级数据需求编号: SJXQ-2026-000012 (year of receipt, id). */
export const upperNeedCode = (id: number, receivedAt: Date): string => `SJXQ-${shanghaiDate(receivedAt).slice(0, 4)}-${String(id).padStart(6, '0')}`;
/** 统一申请编号: SJSQ-2026-000003 (year of creation, id). */
export const upperApplicationCode = (id: number, createdAt: Date): string => `SJSQ-${shanghaiDate(createdAt).slice(0, 4)}-${String(id).padStart(6, '0')}`;

const codeParser = (prefix: string) => (q: string | undefined): number | null => {
  const m = new RegExp(`^\\s*${prefix}-?\\d{4}-?0*(\\d{1,9})\\s*$`, 'i').exec(q ?? '');
  return m ? Number(m[1]) : null;
};
/** A 需求编号 typed in a search box (any case, dashes optional) → the id; null when the text is not one. */
export const parseUpperNeedCode = codeParser('sjxq');
/** A 统一申请编号 typed in a search box → the id; null when the text is not one. */
export const parseUpperApplicationCode = codeParser('sjsq');

/** The applying unit named on every batch application (第十八条: 由政务数据共享管理部门统一向上级共享平台提申请). */
export const UPPER_APPLICANT = '朔州市政务数据共享管理部门';
