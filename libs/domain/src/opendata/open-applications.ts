import { z } from 'zod';
import { isoDateSchema, pageQuerySchema, trimmed } from '../common';
import { deadlineStandingSchema } from '../deadline-api';
import { readsAllDepartments } from '../access';
import { ConflictError, ForbiddenError, ValidationError } from '../errors';
import { hasRole, type Actor } from '../roles';
import { PUBLIC_ACCOUNT_KINDS } from './public-accounts';

/**
 * 依申请开放申请 (第二十四条): a registered user applies for the data of an entry that is open on application; the
 * providing department answers within the rule set's period (10 working days under 朔州's rules) — approves with
 * conditions and a validity, or refuses with reasons and basis. A missed answer is violation (九) through the sweep.
 */
export const OPEN_APPLICATION_STATUSES = ['pending', 'approved', 'refused'] as const;
export type OpenApplicationStatus = (typeof OPEN_APPLICATION_STATUSES)[number];
export const OPEN_APPLICATION_STATUS_LABELS: Record<OpenApplicationStatus, string> = { pending: '待答复', approved: '已同意开放', refused: '不同意开放' };

/** the deadline subject and the violation source kind of an application */
export const OPEN_APPLICATION_SUBJECT = 'open_application';

/** 申请编号: KFSQ-<year of submission>-<id, 6 digits> */
export const openApplicationCode = (id: number, submittedDate: string): string => `KFSQ-${submittedDate.slice(0, 4)}-${String(id).padStart(6, '0')}`;
/** the id in a number someone types into a search box (KFSQ-2026-000012, #12, 12) */
export function parseOpenApplicationCode(q: string): number | null {
  const m = /^(?:KFSQ-\d{4}-|#)?0*(\d{1,9})$/i.exec(q.trim());
  return m ? Number(m[1]) : null;
}

/** The longest a requested period of use or an approval may run. */
export const OPEN_APPLICATION_MAX_YEARS = 3;

/** text a person must fill in: the message names the field when it is missing, too, not only when it is too short */
const fill = (min: number, max: number, label: string) =>
  z.string({ error: (issue) => (issue.input === undefined || issue.input === null ? `请填写${label}` : `${label}应为文字`) }).pipe(trimmed(min, max, label));

const addYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;

export const submitOpenApplicationSchema = z
  .strictObject({
    /** the dataset's public name (sz-…) */
    dataset: z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,99}$/, '数据集名称应为开放目录中的名称（如 sz-3-12-001-002-000017）'),
    /** 用途 */
    purpose: fill(10, 1000, '申请用途'),
    /** 应用场景 */
    scenario: fill(10, 1000, '应用场景'),
    /** the data items wanted, by field name: a subset of the dataset's open items */
    fields: z
      .array(z.string().trim().regex(/^[a-z][a-z0-9_]{0,62}$/, '信息项应为数据集列出的字段名'), { message: '请选择所需的信息项' })
      .min(1, '请至少选择一个信息项')
      .max(200, '信息项不能超过 200 个'),
    /** 使用期限 */
    periodFrom: isoDateSchema,
    periodTo: isoDateSchema,
    /** 安全承诺: how the applicant will keep the data safe */
    commitments: fill(10, 2000, '数据安全承诺'),
    acceptCommitments: z.literal(true, { message: '请确认遵守数据安全承诺和开放数据使用协议' }),
  })
  .superRefine((v, ctx) => {
    if (v.periodTo < v.periodFrom) ctx.addIssue({ code: 'custom', path: ['periodTo'], message: '使用期限的结束日期不能早于开始日期' });
    else if (v.periodTo > addYears(v.periodFrom, OPEN_APPLICATION_MAX_YEARS)) ctx.addIssue({ code: 'custom', path: ['periodTo'], message: `使用期限不能超过 ${OPEN_APPLICATION_MAX_YEARS} 年` });
    if (new Set(v.fields).size !== v.fields.length) ctx.addIssue({ code: 'custom', path: ['fields'], message: '信息项不能重复' });
  });
export type SubmitOpenApplicationInput = z.infer<typeof submitOpenApplicationSchema>;

/** The department's answer: approve with conditions and a validity end date, or refuse with reasons and basis. */
export const answerOpenApplicationSchema = z.discriminatedUnion(
  'decision',
  [
    z.strictObject({
      decision: z.literal('approve'),
      /** 开放条件 (use only for the stated purpose, attribution …) */
      conditions: fill(2, 2000, '开放条件'),
      /** 有效期至 */
      validUntil: isoDateSchema,
    }),
    z.strictObject({
      decision: z.literal('refuse'),
      /** 不同意开放的理由 (第二十四条: 说明理由) */
      reasons: fill(5, 2000, '不同意开放的理由'),
      /** 依据 (第二十四条: 提供依据) */
      basis: fill(2, 1000, '不同意开放的依据'),
    }),
  ],
  { error: '答复应为 同意开放（decision: approve，写明开放条件和有效期）或 不同意开放（decision: refuse，写明理由和依据）' },
);
export type AnswerOpenApplicationInput = z.infer<typeof answerOpenApplicationSchema>;

/** An approval's validity runs from today to at most the limit. */
export function assertApprovalValidity(validUntil: string, today: string): void {
  if (validUntil < today) throw new ValidationError('有效期不能早于今天', [{ path: 'body.validUntil', message: '有效期不能早于今天' }], 'open_application.validity_past');
  if (validUntil > addYears(today, OPEN_APPLICATION_MAX_YEARS)) {
    throw new ValidationError(`有效期不能超过 ${OPEN_APPLICATION_MAX_YEARS} 年`, [{ path: 'body.validUntil', message: `有效期不能超过 ${OPEN_APPLICATION_MAX_YEARS} 年` }], 'open_application.validity_long');
  }
}

/** The providing department answers (第二十四条): its data officer. The bureau and the leaders read, never answer. */
export const canAnswerOpenApplication = (actor: Pick<Actor, 'roles' | 'departmentId'>, providerId: number): boolean => hasRole(actor, 'dept_admin') && actor.departmentId === providerId;
export const canReadOpenApplication = (actor: Pick<Actor, 'roles' | 'departmentId'>, providerId: number): boolean => readsAllDepartments(actor) || actor.departmentId === providerId;

/** Only a pending application is answered, once. */
export function assertAnswerable(application: { status: OpenApplicationStatus; code: string }, actor: Pick<Actor, 'roles' | 'departmentId'>, providerId: number): void {
  if (!canAnswerOpenApplication(actor, providerId)) throw new ForbiddenError('只有数据提供部门的数据管理员可以答复该开放申请（第二十四条）', 'open_application.not_provider');
  if (application.status !== 'pending') throw new ConflictError(`开放申请 ${application.code} 已答复（${OPEN_APPLICATION_STATUS_LABELS[application.status]}），不能再次答复`, 'open_application.answered');
}

/** Does an approval let the applicant read the data today? */
export const approvalActive = (a: { status: OpenApplicationStatus; validUntil: string | null }, today: string): boolean => a.status === 'approved' && a.validUntil !== null && a.validUntil >= today;

const clockSchema = z.object({
  dueAt: z.string(),
  dueDate: z.string(),
  state: z.string(),
  /** the clause of the clock's rule set, e.g. 第二十四条 */
  article: z.string(),
  period: z.object({ n: z.number().int(), unit: z.enum(['working', 'natural']) }),
  standing: deadlineStandingSchema,
});

export const openApplicationSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  dataset: z.object({ name: z.string(), title: z.string() }),
  entryId: z.number().int(),
  provider: z.object({ id: z.number().int(), name: z.string() }),
  applicant: z.object({
    kind: z.enum(PUBLIC_ACCOUNT_KINDS),
    displayName: z.string(),
    organisationName: z.string().nullable(),
    creditCode: z.string().nullable(),
    /** the applicant's e-mail or phone: shown to the department that answers, never to other applicants */
    contact: z.string().nullable(),
  }),
  purpose: z.string(),
  scenario: z.string(),
  items: z.array(z.object({ fieldName: z.string(), name: z.string() })),
  periodFrom: z.string(),
  periodTo: z.string(),
  commitments: z.string(),
  status: z.enum(OPEN_APPLICATION_STATUSES),
  submittedAt: z.string(),
  answeredAt: z.string().nullable(),
  conditions: z.string().nullable(),
  validUntil: z.string().nullable(),
  refusalReasons: z.string().nullable(),
  refusalBasis: z.string().nullable(),
  /** the answer clock (第二十四条); null only for applications older than the clock */
  clock: clockSchema.nullable(),
  /** approved and still valid: the applicant's API keys read the approved items */
  active: z.boolean(),
  permissions: z.object({ canAnswer: z.boolean() }),
});
export type OpenApplicationDto = z.infer<typeof openApplicationSchema>;

export const openApplicationQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100, '搜索词不能超过 100 个字符').optional(),
  status: z.enum(OPEN_APPLICATION_STATUSES, { message: '状态应为 pending（待答复）、approved（已同意）或 refused（不同意）' }).optional(),
  overdue: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').optional(),
  department: z.coerce.number().int().positive('部门编号应为正整数').optional(),
});
export type OpenApplicationQuery = z.infer<typeof openApplicationQuerySchema>;

/** What the application form needs of a dataset: whether one may apply, and its open items by field name. */
export const openApplicationFormSchema = z.object({
  dataset: z.object({ name: z.string(), title: z.string(), openType: z.string(), department: z.string() }),
  items: z.array(z.object({ fieldName: z.string(), name: z.string(), desensitization: z.string(), desensitizationLabel: z.string() })),
  /** the period the department has to answer, e.g. 10 个工作日 (第二十四条) */
  answerPeriod: z.string(),
  agreement: z.object({ version: z.string(), title: z.string(), url: z.string() }),
});
export type OpenApplicationFormDto = z.infer<typeof openApplicationFormSchema>;

/** Rows through an API key: the approved (or, for 无条件开放 data, all open) items, masked. */
export const openRowsQuerySchema = z.object({
  page: z.coerce.number({ message: 'page 应为正整数' }).int('page 应为正整数').min(1, 'page 应为正整数').max(1_000_000, 'page 过大').default(1),
  pageSize: z.coerce.number({ message: 'pageSize 应为 1–100 的整数' }).int('pageSize 应为 1–100 的整数').min(1, 'pageSize 应为 1–100 的整数').max(100, 'pageSize 应为 1–100 的整数').default(20),
});
export type OpenRowsQuery = z.infer<typeof openRowsQuerySchema>;
export const openRowsSchema = z.object({
  dataset: z.string(),
  version: z.number().int(),
  fields: z.array(z.object({ fieldName: z.string(), name: z.string(), desensitization: z.string() })),
  items: z.array(z.record(z.string(), z.unknown())),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type OpenRowsDto = z.infer<typeof openRowsSchema>;
