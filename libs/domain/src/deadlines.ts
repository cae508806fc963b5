import { z } from 'zod';

/** Who must act when a deadline runs: a department, or the bureau itself (its service record, 第十五条). */
export type ResponsibleParty = 'department' | 'bureau';

export interface DeadlineKindSpec {
  label: string;
  responsible: ResponsibleParty;
}

/**
 * Every statutory clock the platform runs — what it is and who must act. How long it runs, which clause it rests on
 * and which violation a missed one records are the rule set's (`rule-sets.ts`): they change with the jurisdiction and
 * over time, the kinds do not. A new kind is a line here and a rule in each rule set.
 */
export const DEADLINE_KINDS = {
  compliance_review: { label: '符合性审查', responsible: 'bureau' },
  provider_reply: { label: '提供部门答复', responsible: 'department' },
  catalog_update: { label: '目录更新', responsible: 'department' },
  correction_feedback: { label: '纠错校核更正', responsible: 'department' },
  open_application: { label: '依申请开放答复', responsible: 'department' },
  notice_rectification: { label: '书面通报限期整改', responsible: 'department' },
  /** 第十八条: the bureau consolidates a department's need for upper-level data and submits it (服务承诺) */
  upper_need_submission: { label: '上级数据需求汇总报送', responsible: 'bureau' },
  /** 第十八条: the bureau passes the upper level's reply back to each department (服务承诺) */
  upper_reply_passback: { label: '上级答复结果反馈', responsible: 'bureau' },
} as const satisfies Record<string, DeadlineKindSpec>;

export type DeadlineKind = keyof typeof DEADLINE_KINDS;
export const DEADLINE_KIND_IDS = Object.keys(DEADLINE_KINDS) as DeadlineKind[];
export const deadlineKindSchema = z.enum(DEADLINE_KIND_IDS as [DeadlineKind, ...DeadlineKind[]]);
/** The kinds a department must act on (the rest are the bureau's own service record). */
export const DEPARTMENT_DEADLINE_KINDS: readonly DeadlineKind[] = DEADLINE_KIND_IDS.filter((k) => DEADLINE_KINDS[k].responsible === 'department');

/**
 * open: running, not yet due · overdue: still open past its due instant (flagged by the sweep) ·
 * met: completed in time · missed: completed late · cancelled: the step no longer applies (e.g. request withdrawn)
 */
export const DEADLINE_STATES = ['open', 'overdue', 'met', 'missed', 'cancelled'] as const;
export const deadlineStateSchema = z.enum(DEADLINE_STATES);
export type DeadlineState = z.infer<typeof deadlineStateSchema>;
export const DEADLINE_STATE_LABELS: Record<DeadlineState, string> = {
  open: '办理中',
  overdue: '已逾期',
  met: '按时完成',
  missed: '逾期完成',
  cancelled: '已撤销',
};
