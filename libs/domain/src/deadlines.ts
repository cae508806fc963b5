import { z } from 'zod';
import type { ViolationType } from './violations';

/** Who must act when a deadline runs: a department, or the bureau itself (its service record, 第十五条). */
export type ResponsibleParty = 'department' | 'bureau';

export interface DeadlineKindSpec {
  label: string;
  article: string;
  /** the statutory period; `null` when each record sets its own (a notice's rectification period) */
  period: { n: number; unit: 'working' | 'natural' } | null;
  responsible: ResponsibleParty;
  /** the 第三十三条 violation a missed deadline records; null = the bureau's own service record */
  violationType: ViolationType | null;
}

/**
 * Every deadline the regulation sets, as data (../shared/DESIGN.md §2 deadline table). The deadline sweep, the
 * reminders and the dashboards work over this table; a new kind plugs in by adding an entry here.
 */
export const DEADLINE_KINDS = {
  compliance_review: { label: '符合性审查', article: '第十五条', period: { n: 2, unit: 'working' }, responsible: 'bureau', violationType: null },
  provider_reply: { label: '提供部门答复', article: '第十五条第（二）项', period: { n: 5, unit: 'working' }, responsible: 'department', violationType: 2 },
  catalog_update: { label: '目录更新', article: '第七条', period: { n: 15, unit: 'working' }, responsible: 'department', violationType: 1 },
  correction_feedback: { label: '纠错校核更正', article: '第十七条', period: { n: 5, unit: 'working' }, responsible: 'department', violationType: 5 },
  open_application: { label: '依申请开放答复', article: '第二十四条', period: { n: 10, unit: 'working' }, responsible: 'department', violationType: 9 },
  notice_rectification: { label: '书面通报限期整改', article: '第三十三条', period: null, responsible: 'department', violationType: 8 },
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
