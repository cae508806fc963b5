import { hasRole, type Actor, type Role } from './roles';
import { readsAllDepartments } from './access';

/**
 * What each role may do on the platform, by name — the console asks `can(actor, 'catalog.edit')` instead of listing
 * roles in every page. Department isolation (only one's own department's records) is not here: it is a predicate
 * on the record (`canResolveTrigger`, `canEditEntry` …) and reaches the console as the DTO's `permissions`.
 */
export const CAPABILITIES = {
  /** 编制和维护目录 (第六条、第七条): the department's data officer, or the bureau for any department */
  'catalog.edit': ['bureau_admin', 'dept_admin'],
  /** catalog work for another department: choose an entry's provider, export any department's catalog */
  'catalog.manageAll': ['bureau_admin'],
  /** 目录更新事由 (第七条): registered by departments and the bureau */
  'catalog.registerTrigger': ['bureau_admin', 'dept_admin'],
  /** 目录发布与备案, 一数一源核查, 基础库/主题库线索 (第八条、第九条): the bureau */
  'catalog.coordinate': ['bureau_admin'],
  /** 提出共享申请 (第十五条) */
  'share.request': ['bureau_admin', 'dept_admin'],
  /** the grants a department holds and gives (第二十七条) */
  'share.departmentGrants': ['bureau_admin', 'dept_admin'],
  /** 授权代理方 (第十六条(一)): designated by the providing department */
  'share.designateAgents': ['dept_admin'],
  /** review agents' own view: the agent role without another one */
  'share.actAsAgent': ['dept_agent'],
  /** 登记接入系统 (第四条): a department's data officer registers its application systems; the bureau for any department */
  'gateway.registerSystem': ['bureau_admin', 'dept_admin'],
  /** confirm or dismiss violations, record them, draft and issue notices (第三十二条、第三十三条) */
  'supervision.decide': ['bureau_admin'],
  /** the rectification report of a notice (第三十三条) */
  'supervision.rectify': ['dept_admin'],
  /** assessment schemes, computation and publication (第三十条) */
  'assessment.manage': ['bureau_admin'],
  /** the working-day calendar (法定节假日与调休) */
  'calendar.edit': ['bureau_admin'],
  /** switching the deadline rule set (办理时限规则, issue 12 §1) */
  'rules.schedule': ['bureau_admin'],
  /** 利用成果 shown on the open portal (issue 16 item 5): reviewed by the bureau */
  'opendata.reviewShowcase': ['bureau_admin'],
  /** 上级数据 (第十八条): keep the catalog of upper-level resources, consolidate needs, apply, record replies, pass back */
  'upper.manage': ['bureau_admin'],
  /** 高频数据共享库 (第十八条): the bureau curates the library from the usage ranking */
  'highFrequency.curate': ['bureau_admin'],
  /** 上级数据需求 (第十八条): a department's data officer states its need (the bureau for its own department) */
  'upper.request': ['bureau_admin', 'dept_admin'],
  /** departments and every department's users */
  'organisation.manage': ['bureau_admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Capability = keyof typeof CAPABILITIES;

export const can = (actor: Pick<Actor, 'roles'>, capability: Capability): boolean => hasRole(actor, ...CAPABILITIES[capability]);

/** Only reads (第四条): the leadership group without another role. */
export const readsOnly = (actor: Pick<Actor, 'roles'>): boolean => actor.roles.length > 0 && actor.roles.every((r) => r === 'leader');

export { readsAllDepartments };
