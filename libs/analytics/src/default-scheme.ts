import { periodText, ValidationError } from '@govdata/domain';
import { assessmentSchemeSchema, type AssessmentScheme, type AssessmentSchemeInput } from './scheme';

/**
 * The 2026 scheme the bureau starts from (issue 7): seven categories, 100 points. Event-driven duties (replies,
 * updates, corrections, applications) score neutrally when a department had none: nothing to reward or punish.
 * Notices score full without cases: not being notified is itself the good conduct measured.
 */
const DEFAULT_2026: AssessmentSchemeInput = {
  year: 2026,
  name: '2026 年度政务数据资源共享开放工作考核方案',
  categories: [
    { id: 'catalog', name: '目录编制与更新' },
    { id: 'sharing', name: '共享响应' },
    { id: 'quality', name: '数据质量' },
    { id: 'freshness', name: '数据更新' },
    { id: 'opening', name: '开放' },
    { id: 'share_rate', name: '共享率' },
    { id: 'supervision', name: '违规与整改' },
  ],
  indicators: [
    {
      id: 'catalog_metadata',
      category: 'catalog',
      name: '目录要素完整性',
      weight: 10,
      metric: 'catalog_metadata_complete_rate',
      rule: { type: 'ratio', whenNoCases: 'zero' },
      description: '第六条：已发布条目中必填要素完整的比例 × 10；没有已发布目录的不得分。',
    },
    {
      id: 'catalog_update',
      category: 'catalog',
      name: '目录更新及时性',
      weight: 10,
      metric: 'catalog_update_on_time_rate',
      rule: { type: 'ratio', whenNoCases: 'neutral' },
      description: `第七条：法律法规修订或职能变化后 ${periodText('catalog_update')}内完成目录更新的比例 × 10。`,
    },
    {
      id: 'provider_reply',
      category: 'sharing',
      name: '共享申请按时答复',
      weight: 20,
      metric: 'provider_reply_on_time_rate',
      rule: { type: 'ratio', whenNoCases: 'neutral' },
      description: `第十五条第（二）项：${periodText('provider_reply')}内答复的共享申请比例 × 20。`,
    },
    {
      id: 'rejection_basis',
      category: 'sharing',
      name: '驳回依据充分',
      weight: 5,
      metric: 'share_rejections_without_basis',
      rule: { type: 'deduction', perEvent: 1, cap: 5 },
      description: '第十六条第（二）项：每件无充分依据的驳回扣 1 分，扣完为止。',
    },
    {
      id: 'correction',
      category: 'quality',
      name: '纠错反馈按时更正',
      weight: 10,
      metric: 'correction_on_time_rate',
      rule: { type: 'ratio', whenNoCases: 'neutral' },
      description: `第十七条：收到纠错反馈后 ${periodText('correction_feedback')}内校核更正的比例 × 10。`,
    },
    {
      id: 'data_errors',
      category: 'quality',
      name: '数据差错',
      weight: 5,
      metric: 'confirmed_data_errors',
      rule: { type: 'deduction', perEvent: 0.5, cap: 5 },
      description: '第十七条：每件经核实的数据错误扣 0.5 分，扣完为止。',
    },
    {
      id: 'update_cycle',
      category: 'freshness',
      name: '数据按周期更新',
      weight: 15,
      metric: 'update_cycle_compliance_rate',
      rule: { type: 'ratio', whenNoCases: 'neutral' },
      description: '第十九条、第三十三条第（五）项：声明更新周期的已发布条目中按周期更新的比例 × 15。',
    },
    {
      id: 'open_entries',
      category: 'opening',
      name: '数据开放',
      weight: 5,
      metric: 'open_entries_rate',
      rule: {
        type: 'bands',
        award: 'fraction',
        bands: [
          { threshold: 0.3, award: 1 },
          { threshold: 0.2, award: 0.8 },
          { threshold: 0.1, award: 0.6 },
          { threshold: 0.05, award: 0.3 },
        ],
        otherwise: 0,
        whenNoCases: 'zero',
      },
      description: '第二十三条：无条件开放和依申请开放条目占已发布条目的比例，≥30% 满分，≥20% 得 80%，≥10% 得 60%，≥5% 得 30%。',
    },
    {
      id: 'open_application',
      category: 'opening',
      name: '开放申请按时答复',
      weight: 5,
      metric: 'open_application_on_time_rate',
      rule: { type: 'ratio', whenNoCases: 'neutral' },
      description: `第二十四条：${periodText('open_application')}内答复的依申请开放申请比例 × 5。`,
    },
    {
      id: 'share_rate',
      category: 'share_rate',
      name: '数据共享率',
      weight: 5,
      metric: 'share_rate',
      rule: {
        type: 'bands',
        award: 'points',
        bands: [
          { threshold: 0.9, award: 5 },
          { threshold: 0.8, award: 4 },
          { threshold: 0.6, award: 3 },
          { threshold: 0.4, award: 1 },
        ],
        otherwise: 0,
        whenNoCases: 'zero',
      },
      description: '第十四条第（一）项“以共享为原则、不共享为例外”：（无条件共享 + 有条件共享）/ 已发布条目，≥90% 得 5 分，≥80% 得 4 分，≥60% 得 3 分，≥40% 得 1 分。',
    },
    {
      id: 'violations',
      category: 'supervision',
      name: '违规行为',
      weight: 6,
      metric: 'violations_confirmed',
      rule: { type: 'deduction', perEvent: 0.5, perType: { '3': 1, '4': 2, '6': 3, '7': 3, '8': 2 }, cap: 6 },
      description:
        '第三十三条：每起确认的违规扣 0.5 分；重复采集（三）扣 1 分，故意提供不实数据（四）、拒不整改（八）扣 2 分，共享数据管理失控（六）、超范围使用或转让（七）扣 3 分；扣完为止。',
    },
    {
      id: 'rectification',
      category: 'supervision',
      name: '通报按期整改',
      weight: 4,
      metric: 'notice_rectification_on_time_rate',
      rule: { type: 'ratio', whenNoCases: 'full' },
      description: '第三十三条：书面通报限期整改中按期整改的比例 × 4；年度内无通报的得满分。',
    },
  ],
  grades: { excellent: 90, good: 80, pass: 60 },
  neutralPolicy: 'proportional',
  suspension: { failingGrade: true, noPublishedCatalog: true, unansweredRequestsAtLeast: 1 },
};

/** A fresh copy of the default 2026 scheme (callers may edit it freely). */
export function defaultScheme2026(): AssessmentScheme {
  return assessmentSchemeSchema.parse(DEFAULT_2026);
}

/**
 * The bureau's "copy and edit": the same indicators, rules and thresholds for another year, as an independent
 * object. A year in the name (e.g. “2026 年度”) follows the new year.
 */
export function copyScheme(scheme: AssessmentScheme, year: number): AssessmentScheme {
  const checkedYear = assessmentSchemeSchema.shape.year.safeParse(year);
  if (!checkedYear.success) throw new ValidationError(checkedYear.error.issues[0].message, [{ path: 'year', message: checkedYear.error.issues[0].message }]);
  const copy = assessmentSchemeSchema.parse(JSON.parse(JSON.stringify(scheme)));
  return { ...copy, year, name: copy.name.replaceAll(String(scheme.year), String(year)) };
}
