import { addNaturalDays } from '@govdata/workdays';
import { ConflictError, ForbiddenError, RuleViolationError, ValidationError } from '../errors';
import { hasRole, isBureau, type Actor } from '../roles';
import type { EntryStatus } from '../catalog/enums';
import type { ContestDecision, CorrectionDecision, CorrectionStatus, RetirementStatus } from './enums';

const fieldError = (path: string, message: string, code: string) => new ValidationError(message, [{ path, message }], code);

// ── 纠错 (第十七条) ──────────────────────────────────────────────────────────────────────────────────────────────

export interface ReportableEntry {
  id: number;
  name: string;
  providerId: number;
  status: EntryStatus;
}

/**
 * Who may report a suspected error: a consumer of the entry — a department holding an active grant for it or on its
 * 专用 list (第十六条(三)) — never its own provider (it corrects its data directly). The entry must be in use
 * (published or in its transition period). Each refusal names the field.
 */
export function assertCanReport(entry: ReportableEntry, reporterDepartmentId: number, uses: boolean): void {
  if (entry.status !== 'published' && entry.status !== 'retiring') throw fieldError('entryId', `资源“${entry.name}”未发布或已下线，不能提出纠错`, 'correction.entry_not_published');
  if (entry.providerId === reporterDepartmentId) throw fieldError('entryId', `“${entry.name}”是本部门的资源，请直接在目录和数据中更正，无需纠错反馈`, 'correction.own_entry');
  if (!uses) throw fieldError('entryId', `本部门不是资源“${entry.name}”的使用部门（无有效共享授权或专用权限），不能对其提出纠错`, 'correction.not_a_consumer');
}

/** The items named must be current items of the entry. */
export function assertCorrectionItems(itemIds: readonly number[], entryItemIds: readonly number[]): void {
  const unknown = itemIds.filter((id) => !entryItemIds.includes(id));
  if (unknown.length) throw fieldError('itemIds', `信息项 ${unknown.join('、')} 不属于该资源，请从资源的信息项中选择`, 'correction.unknown_items');
}

export interface CorrectionFacts {
  status: CorrectionStatus;
  providerId: number;
  /** null when a portal user reported (no department can contest or attach for it) */
  reporterId: number | null;
  contestedAt: Date | null;
}

/** The provider's data officer answers (第十七条 校核); the clock runs while the report is open. */
export function assertCanAnswer(actor: Actor, c: CorrectionFacts): void {
  if (actor.departmentId !== c.providerId || !hasRole(actor, 'dept_admin')) throw new ForbiddenError('只有资源提供部门的数据管理员可以答复纠错反馈', 'correction.not_provider');
  if (c.status !== 'open') throw new ConflictError('该纠错反馈已答复', 'correction.not_open');
}

export interface AnswerFacts {
  decision: CorrectionDecision;
  correctOn?: string | null;
  /** the corrected dataset version exists for the entry (when one is named) */
  datasetVersionExists?: boolean | null;
  /** the corrected catalog version exists for the entry (when one is named) */
  catalogVersionExists?: boolean | null;
}

/** What an answer must carry beyond its schema: the named versions exist, a correction date is not in the past. */
export function assertAnswer(a: AnswerFacts, today: string): void {
  if (a.decision === 'corrected') {
    if (a.datasetVersionExists === false) throw fieldError('correctedDatasetVersion', '该资源没有这个数据版本，请填写更正后上传的数据版本号', 'correction.unknown_dataset_version');
    if (a.catalogVersionExists === false) throw fieldError('correctedCatalogVersion', '该资源没有这个目录版本，请填写更正后的目录版本号', 'correction.unknown_catalog_version');
  }
  if (a.decision === 'scheduled' && a.correctOn && a.correctOn < today) throw fieldError('correctOn', `更正日期 ${a.correctOn} 已过，请填写今天或以后的日期`, 'correction.correct_on_past');
}

/** The reporter may contest an answer once; the bureau decides (第十七条, 第十五条(三) by analogy). */
export function assertCanContest(actor: Actor, c: CorrectionFacts): void {
  if (actor.departmentId !== c.reporterId || !hasRole(actor, 'dept_admin', 'dept_agent')) throw new ForbiddenError('只有提出纠错的部门可以提出异议', 'correction.not_reporter');
  assertContestable(c);
}

/** Whoever reported (a department, or a portal user on its own report): once, and only after the answer. */
export function assertContestable(c: Pick<CorrectionFacts, 'status' | 'contestedAt'>): void {
  if (c.contestedAt) throw new ConflictError('每条纠错反馈只能提出一次异议', 'correction.contested_once');
  if (c.status !== 'answered') throw new ConflictError('提供部门答复后才能提出异议', 'correction.not_answered');
}

/** What a portal user may do on its own report: contest the answer once (the bureau decides); nothing else. */
export function publicCorrectionPermissions(c: Pick<CorrectionFacts, 'status' | 'contestedAt'>): CorrectionPermissions {
  let canContest = true;
  try {
    assertContestable(c);
  } catch {
    canContest = false;
  }
  return { canAnswer: false, canContest, canDecide: false, canAttach: false };
}

export function assertCanDecideContest(actor: Actor, c: CorrectionFacts): void {
  if (!isBureau(actor)) throw new ForbiddenError('异议由政务信息管理局裁定', 'correction.not_bureau');
  if (c.status !== 'contested') throw new ConflictError('该纠错反馈没有待裁定的异议', 'correction.not_contested');
}

/** 佐证材料: the data officers (or agents) of either side attach files until the bureau has decided a contest. */
export function assertCanAttach(actor: Actor, c: CorrectionFacts): void {
  if ((actor.departmentId !== c.providerId && actor.departmentId !== c.reporterId) || !hasRole(actor, 'dept_admin', 'dept_agent')) {
    throw new ForbiddenError('只有反馈部门或提供部门可以上传佐证材料', 'correction.attachment_forbidden');
  }
  if (c.status === 'decided') throw new ConflictError('该纠错反馈已由管理局裁定，不能再补充材料', 'correction.closed');
}

/** A confirmed data error (the assessment's 经核实的数据错误): the provider confirmed it, or the bureau did on a contest. */
export function errorConfirmedOf(decision: CorrectionDecision | null, bureau: ContestDecision | null): boolean {
  if (bureau) return bureau === 'error_confirmed';
  return decision === 'corrected' || decision === 'scheduled';
}

/**
 * 照常办理: while a report is being checked (or contested), or a confirmed error waits for its correction date, the
 * data stays usable and is marked 纠错中.
 */
export function isCorrecting(c: { status: CorrectionStatus; decision: CorrectionDecision | null; correctOn: string | null; bureauDecision: ContestDecision | null }, today: string): boolean {
  if (c.status === 'open' || c.status === 'contested') return true;
  return c.decision === 'scheduled' && c.bureauDecision !== 'answer_upheld' && c.correctOn !== null && c.correctOn >= today;
}

export interface CorrectionPermissions {
  canAnswer: boolean;
  canContest: boolean;
  canDecide: boolean;
  canAttach: boolean;
}

export function correctionPermissions(actor: Actor, c: CorrectionFacts): CorrectionPermissions {
  const ok = (check: () => void) => {
    try {
      check();
      return true;
    } catch {
      return false;
    }
  };
  return { canAnswer: ok(() => assertCanAnswer(actor, c)), canContest: ok(() => assertCanContest(actor, c)), canDecide: ok(() => assertCanDecideContest(actor, c)), canAttach: ok(() => assertCanAttach(actor, c)) };
}

// ── 下线 (第十九条) ──────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The transition period of a retirement: at least 20 natural days between the announcement and the retirement date
 * (第十九条; the DESIGN deadline table). Natural days, counted like every period: the day of the announcement is not
 * counted.
 */
export const RETIREMENT_TRANSITION = { n: 20, unit: 'natural', article: '第十九条' } as const;
/** Consumers are reminded this many natural days before the date, and again on the day. */
export const RETIREMENT_REMINDER_DAYS = 5;

/** The earliest retirement date announced on `today`. */
export const earliestRetireOn = (today: string): string => addNaturalDays(today, RETIREMENT_TRANSITION.n);

export interface RetirementProposalFacts {
  entry: { id: number; name: string; status: EntryStatus; providerId: number };
  replacement: { id: number; name: string; status: EntryStatus } | null;
  retireOn: string;
  /** the entry had data on the platform (a dataset version) — then the replacement must have live data too */
  entryHadData: boolean;
  replacementHasLiveData: boolean;
  /** a retirement of the entry is already proposed or approved */
  pending: boolean;
}

/**
 * A retirement may be proposed by the provider's data officer for its published entry, with a replacement that is
 * published (and has live data where the entry had data — checked, not asserted) and a date at least 20 natural days
 * ahead. Each refusal names the field.
 */
export function assertRetirementProposal(actor: Actor, f: RetirementProposalFacts, today: string): void {
  if (actor.departmentId !== f.entry.providerId || !hasRole(actor, 'dept_admin')) throw new ForbiddenError('只有资源提供部门的数据管理员可以申请下线', 'retirement.not_provider');
  if (f.entry.status !== 'published') throw new RuleViolationError(`资源“${f.entry.name}”不是已发布状态，不能申请下线`, 'retirement.entry_not_published');
  if (f.pending) throw new ConflictError(`资源“${f.entry.name}”已有待审核或已批准的下线申请`, 'retirement.pending');
  if (!f.replacement) throw fieldError('replacementEntryId', '替代资源不存在', 'retirement.replacement_not_found');
  if (f.replacement.id === f.entry.id) throw fieldError('replacementEntryId', '替代资源不能是拟下线的资源本身', 'retirement.replacement_self');
  if (f.replacement.status !== 'published') throw fieldError('replacementEntryId', `替代资源“${f.replacement.name}”须已发布（第十九条：替代资源先上线）`, 'retirement.replacement_not_live');
  if (f.entryHadData && !f.replacementHasLiveData) throw fieldError('replacementEntryId', `替代资源“${f.replacement.name}”尚无现行数据；原资源有数据，替代资源须先发布数据`, 'retirement.replacement_no_data');
  const earliest = earliestRetireOn(today);
  if (f.retireOn < earliest) throw fieldError('retireOn', `下线日期至少在 ${RETIREMENT_TRANSITION.n} 个自然日之后（${RETIREMENT_TRANSITION.article}），最早 ${earliest}`, 'retirement.too_soon');
}

export interface RetirementFacts {
  status: RetirementStatus;
  providerId: number;
  retireOn: string;
}

export function assertCanDecideRetirement(actor: Actor, r: RetirementFacts, today: string): void {
  if (!isBureau(actor)) throw new ForbiddenError('下线申请由政务信息管理局审核', 'retirement.not_bureau');
  if (r.status !== 'proposed') throw new ConflictError('该下线申请不在待审核状态', 'retirement.not_proposed');
  if (r.retireOn <= today) throw new RuleViolationError(`下线日期 ${r.retireOn} 已到，不能再批准；请退回，由提供部门重新确定日期`, 'retirement.date_passed');
}

/** The bureau may return a proposal (even after its date has passed, so the provider can set a new one). */
export function assertCanReturnRetirement(actor: Actor, r: RetirementFacts): void {
  if (!isBureau(actor)) throw new ForbiddenError('下线申请由政务信息管理局审核', 'retirement.not_bureau');
  if (r.status !== 'proposed') throw new ConflictError('该下线申请不在待审核状态', 'retirement.not_proposed');
}

export function assertCanWithdrawRetirement(actor: Actor, r: RetirementFacts): void {
  if (actor.departmentId !== r.providerId || !hasRole(actor, 'dept_admin')) throw new ForbiddenError('只有资源提供部门的数据管理员可以撤回下线申请', 'retirement.not_provider');
  if (r.status !== 'proposed' && r.status !== 'approved') throw new ConflictError('该下线申请已办结，不能撤回', 'retirement.not_pending');
}

/** The notices of an approved retirement: at approval, {@link RETIREMENT_REMINDER_DAYS} days before, on the day. */
export type RetirementNotice = 'approved' | 'reminder' | 'retired';

/** What the daily job does for an approved retirement on `today`: remind, retire, or nothing yet. */
export function retirementDue(retireOn: string, today: string): 'retire' | 'remind' | null {
  if (today >= retireOn) return 'retire';
  if (today >= addNaturalDays(retireOn, -RETIREMENT_REMINDER_DAYS)) return 'remind';
  return null;
}

/** RFC 8594 / RFC 9745: the instant the entry stops answering (the start of the retirement day, Asia/Shanghai). */
export const sunsetInstant = (retireOn: string): Date => new Date(`${retireOn}T00:00:00+08:00`);
