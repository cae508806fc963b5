import { shanghaiDate } from '@govdata/workdays';
import { DEFAULT_RULE_SET, periodTexts, type RuleSet } from '../rule-sets';
import { VIOLATION_TYPE_SPECS, violationClause, type ViolationEvidence, type ViolationType } from '../violations';

/** The regulation the notices cite, with the short name used after its first mention. */
export const REGULATION_FULL = '《朔州市政务数据资源共享开放管理办法》（朔政办发〔2022〕14号）';
export const REGULATION_SHORT = '《办法》';

/**
 * Stands for the rectification deadline in a draft's body. It stays in the editable text and is replaced when the
 * notice is rendered: "自本通报印发之日起 N 个工作日内" before issuing, the computed last day ("2026年12月4日前") after.
 * The deadline is only known at issue (working days count from the issue day), so it is never baked into the text.
 */
export const NOTICE_DEADLINE_TOKEN = '【整改期限】';

export interface NoticeTemplate {
  type: ViolationType;
  /** 事由 of the title: 关于{department}{subject}问题的通报 */
  subject: string;
  /** the article(s) the conduct breaches, cited next to 第三十三条第（N）项 when the evidence names none */
  basis: string;
  /** one finding: placeholders {department} {facts} {article} {clause} {clauseText} */
  finding: string;
  /** what the department must do for this type; `{provider_reply}`-style placeholders take the period of that deadline kind from the rule set in force */
  requirement: string;
}

/**
 * One template per violation type of 第三十三条. The underlying duty: 一 第六条/第七条 (catalog compiled and kept up to
 * date), 二 第十四条/第十五条 (share on request, reply in time), 三 第九条/第十条 (一数一源, lawful
 * collection), 四 第十四条/第十七条 (accurate data, corrections in time), 五 第七条/第十九条 (publish and
 * update on time), 六 第二十六条至第二十八条 (security of shared data), 七 第二十七条 (use within duties, no transfer, no
 * commercial use), 八 第三十三条 (rectify as ordered), 九 the regulation in general (e.g. 第二十四条 for open data).
 */
export const NOTICE_TEMPLATES: Record<ViolationType, NoticeTemplate> = {
  1: {
    type: 1,
    subject: '未按要求编制或更新政务数据资源目录',
    basis: '第六条、第七条',
    finding: '{facts}。上述情况不符合{regulation}{article}“谁编制、谁维护”及限期更新目录的规定，属于{regulation}{clause}所列“{clauseText}”情形。',
    requirement: '全面梳理本部门政务数据资源，按照国家政务数据目录编制指南补充完善并发布更新资源目录；建立目录动态更新机制，法律法规修订或职能调整后 {catalog_update}内完成更新。',
  },
  2: {
    type: 2,
    subject: '未按规定提供政务数据共享',
    basis: '第十四条、第十五条',
    finding: '{facts}。上述情况不符合{regulation}{article}关于“以共享为原则、不共享为例外”及按时答复共享申请的规定，属于{regulation}{clause}所列“{clauseText}”情形。',
    requirement: '对积压的共享申请逐件办理答复，不予共享的说明理由和依据；明确共享审核责任人，确保有条件共享申请在 {provider_reply}内答复。',
  },
  3: {
    type: 3,
    subject: '重复采集政务数据',
    basis: '第九条、第十条',
    finding: '{facts}。上述情况不符合{regulation}{article}“一数一源”及依法采集的规定，属于{regulation}{clause}所列“{clauseText}”情形。',
    requirement: '停止重复采集可通过共享获取的数据，改由共享平台调用；清理已重复采集的数据并说明采集依据。',
  },
  4: {
    type: 4,
    subject: '提供不真实不准确不全面的目录和数据',
    basis: '第十四条、第十七条',
    finding: '{facts}。上述情况不符合{regulation}{article}关于多元校核及校核更正的规定，属于{regulation}{clause}所列“{clauseText}”情形。',
    requirement: '对相关资源目录和数据逐项核实更正，建立数据质量校核机制，收到纠错反馈后 {correction_feedback}内完成校核更正。',
  },
  5: {
    type: 5,
    subject: '未按规定时限发布更新目录和数据',
    basis: '第七条、第十九条',
    finding: '{facts}。上述情况不符合{regulation}{article}关于按时发布、更新资源目录和数据的规定，属于{regulation}{clause}所列“{clauseText}”情形。',
    requirement: '立即发布、更新相关资源目录和数据，按照目录声明的更新周期维护数据，确保资源及时更新、正常可用。',
  },
  6: {
    type: 6,
    subject: '共享数据管理失控',
    basis: '第二十六条、第二十七条、第二十八条',
    finding: '{facts}。上述情况不符合{regulation}{article}关于共享数据安全管理的规定，属于{regulation}{clause}所列“{clauseText}”情形。',
    requirement: '立即采取措施控制数据扩散，排查数据访问和使用记录，追究相关责任人责任；健全本部门数据安全管理制度和授权审批流程。',
  },
  7: {
    type: 7,
    subject: '超范围使用共享数据',
    basis: '第二十七条',
    finding: '{facts}。上述情况不符合{regulation}{article}“不得将获取的共享数据挪作他用，不得用于社会有偿服务或其他商业用途”的规定，属于{regulation}{clause}所列“{clauseText}”情形。',
    requirement: '立即停止超范围使用、转让或经营性使用共享数据，收回已提供给第三方的数据并按程序销毁，报送使用范围整改说明。',
  },
  8: {
    type: 8,
    subject: '拒不整改',
    basis: '第三十三条',
    finding: '{facts}。上述情况属于{regulation}{clause}所列“{clauseText}”情形。',
    requirement: '立即落实原通报的各项整改要求，书面说明逾期未整改的原因，明确整改责任人和完成时限。',
  },
  9: {
    type: 9,
    subject: '违反政务数据共享开放管理规定',
    basis: '有关规定',
    finding: '{facts}。上述情况不符合{regulation}{article}，属于{regulation}{clause}所列“{clauseText}”情形。',
    requirement: '针对存在的问题制定整改方案，逐项落实整改措施，健全相关工作制度。',
  },
};

/** Replaces `{name}` placeholders; unknown names are left as written so a typo stays visible. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? values[name] : whole));
}

const CHINESE_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 21 → 二十一 (ordinals of headings, up to 99). */
export function chineseOrdinal(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`序号超出范围：${n}`);
  if (n < 10) return CHINESE_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CHINESE_DIGITS[tens]}十${ones ? CHINESE_DIGITS[ones] : ''}`;
}

/** `2026-03-05` → 2026年3月5日 (GB/T 9704-2012 7.3.5.1: Arabic numerals, no leading zeros). */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export interface TemplateViolation {
  type: ViolationType;
  evidence: ViolationEvidence;
  detectedAt: string;
}

/** The facts of one violation in a sentence, from its evidence: what happened, the deadline, how late. */
export function factsOf(v: TemplateViolation): string {
  const e = v.evidence;
  const summary = e.summary.trim().replace(/[。；;.\s]+$/u, '');
  const parts: string[] = [];
  if (e.dueAt) {
    parts.push(`办理期限截至${chineseDate(shanghaiDate(e.dueAt))}`);
    parts.push(e.completedAt ? `实际于${chineseDate(shanghaiDate(e.completedAt))}办结` : '核查时仍未办结');
    if (e.workingDaysLate) parts.push(`逾期${e.workingDaysLate}个工作日`);
  } else {
    parts.push(`${chineseDate(shanghaiDate(e.observedAt ?? v.detectedAt))}核查发现`);
  }
  return `${summary}（${parts.join('，')}）`;
}

export interface DraftTextInput {
  /** the addressed department's full name */
  department: string;
  /** the bureau's name as it refers to itself in the text */
  authority: string;
  violations: TemplateViolation[];
  /** the rule set in force, whose periods the requirements quote (the default when not given) */
  rules?: RuleSet;
}

/** 标题 — 关于{department}{subject}问题的通报; several types share one general subject. */
export function draftTitle(input: Pick<DraftTextInput, 'department' | 'violations'>): string {
  const types = [...new Set(input.violations.map((v) => v.type))];
  const subject = types.length === 1 ? NOTICE_TEMPLATES[types[0]].subject : '政务数据共享开放工作中存在';
  return `关于${input.department}${subject}问题的通报`;
}

/**
 * The draft body: findings per violation (facts, the article breached, the clause of 第三十三条), requirements per
 * type, the deadline (as {@link NOTICE_DEADLINE_TOKEN}) and the consequence of not rectifying (第三十三条第（八）项).
 * Paragraphs are separated by line breaks; lines opening with 一、二、… are level-1 headings in the document.
 */
export function draftBody(input: DraftTextInput): string {
  if (input.violations.length === 0) throw new RangeError('通报至少应涉及一条违规记录');
  const types = [...new Set(input.violations.map((v) => v.type))].sort((a, b) => a - b);
  const lines: string[] = [
    `依据${REGULATION_FULL}（以下简称${REGULATION_SHORT}）第三十三条规定，${input.authority}对${input.department}政务数据共享开放工作进行了监督检查。现将发现的问题通报如下：`,
    '一、存在的问题',
  ];
  input.violations.forEach((v, i) => {
    const template = NOTICE_TEMPLATES[v.type];
    const article = v.evidence.article && v.evidence.article !== '第三十三条' ? v.evidence.article : template.basis;
    const finding = fillTemplate(template.finding, {
      department: input.department,
      facts: factsOf(v),
      article,
      clause: violationClause(v.type),
      clauseText: VIOLATION_TYPE_SPECS[v.type].text,
      regulation: REGULATION_SHORT,
    });
    lines.push(`（${chineseOrdinal(i + 1)}）${finding}`);
  });
  lines.push('二、整改要求');
  const periods = periodTexts(input.rules ?? DEFAULT_RULE_SET);
  types.forEach((t, i) => lines.push(`（${chineseOrdinal(i + 1)}）${fillTemplate(NOTICE_TEMPLATES[t].requirement, periods)}`));
  lines.push(
    `（${chineseOrdinal(types.length + 1)}）请你单位于${NOTICE_DEADLINE_TOKEN}完成整改，并通过政务数据共享开放平台报送整改情况报告及相关佐证材料。`,
    '三、有关要求',
    `逾期未整改的，将依据${REGULATION_SHORT}第三十三条第（八）项认定为拒不整改，提请有关部门按照相关规定予以处理，并纳入年度目标责任考核（${REGULATION_SHORT}第三十条）。`,
    '特此通报。',
  );
  return lines.join('\n');
}

/** The deadline as it reads in the text: a computed last day once issued, the period while still a draft. */
export function deadlineText(rectify: { mode: 'working_days' | 'date'; workingDays: number | null; date: string | null }, dueDate: string | null): string {
  if (dueDate) return `${chineseDate(dueDate)}前`;
  if (rectify.mode === 'date' && rectify.date) return `${chineseDate(rectify.date)}前`;
  return `自本通报印发之日起${rectify.workingDays ?? 0}个工作日内`;
}

/** The body with the deadline token resolved, as paragraphs. */
export function resolvedParagraphs(body: string, deadline: string): string[] {
  return body
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l) => l.split(NOTICE_DEADLINE_TOKEN).join(deadline));
}

/** A level-1 heading of 公文 body text (一、二、…), set in 黑体 (GB/T 9704-2012 7.3.3). */
export const isHeading = (paragraph: string): boolean => /^[一二三四五六七八九十]+、/.test(paragraph) && paragraph.length <= 30;
