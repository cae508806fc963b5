import { z } from 'zod';
import {
  periodWords,
  RETIREMENT_TRANSITION,
  periodText,
  answerCorrectionSchema,
  contestCorrectionSchema,
  correctionCreatedSchema,
  correctionQuerySchema,
  correctionSchema,
  createCorrectionSchema,
  decideContestSchema,
  idParamsSchema,
  idSchema,
  pageSchema,
  proposeRetirementSchema,
  retirementCreatedSchema,
  retirementQuerySchema,
  retirementSchema,
  returnRetirementSchema,
  withdrawRetirementSchema,
  ForbiddenError,
} from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { AppSystem, verifyAccessToken } from '@govdata/gateway';
import {
  answerCorrection,
  approveRetirement,
  contestCorrection,
  decideContest,
  exportCorrections,
  getCorrection,
  listCorrections,
  listRetirements,
  proposeRetirement,
  reportCorrection,
  reporterOf,
  returnRetirement,
  withdrawRetirement,
  type LifecycleContext,
} from '@govdata/lifecycle';
import type { HandlerContext } from '../http/route';
import { route } from '../http/route';
import { gatewayState } from './gateway';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CORRECTIONS = ['纠错反馈（第十七条）'];
const RETIREMENTS = ['资源下线（第十九条）'];
const lifecycleCtx = (c: HandlerContext<unknown, unknown, unknown>): LifecycleContext => ({ em: c.em, now: c.now, calendar: c.app.calendar });

/** 纠错 (第十七条): report, the provider's check in 5 working days, one contest, the bureau's decision, the register. */
export const correctionRoutes = [
  route({
    method: 'post',
    path: '/api/corrections',
    summary: '提出纠错反馈（资源的使用部门）',
    description: `使用部门（持有有效共享授权或在专用部门名单内）对资源目录或数据提出纠错。提供部门须在 ${periodText('correction_feedback')}内校核答复（第十七条），逾期记录违规线索（第三十三条第（五）项）；校核期间数据照常使用，标注“纠错中”。`,
    tags: CORRECTIONS,
    access: ['dept_admin', 'dept_agent'],
    body: createCorrectionSchema,
    response: correctionCreatedSchema,
    status: 201,
    handler: (c) => reportCorrection(lifecycleCtx(c), reporterOf(c.actor), c.body, c.actor),
  }),
  route({
    method: 'get',
    path: '/api/corrections',
    summary: '纠错反馈列表（提供部门的待校核队列、本部门提出的、平台的纠错台账）',
    tags: CORRECTIONS,
    access: 'authenticated',
    query: correctionQuerySchema,
    response: pageSchema(correctionSchema),
    handler: (c) => listCorrections(lifecycleCtx(c), c.actor, c.query),
  }),
  route({
    method: 'get',
    path: '/api/corrections/export',
    summary: '导出纠错台账（XLSX，筛选条件同列表）',
    tags: CORRECTIONS,
    access: 'authenticated',
    query: correctionQuerySchema.omit({ page: true, pageSize: true }),
    produces: XLSX,
    async handler(c) {
      const file = await exportCorrections(lifecycleCtx(c), c.actor, c.query);
      const name = `纠错台账-${shanghaiDate(c.now)}.xlsx`;
      c.res.setHeader('Content-Type', XLSX);
      c.res.setHeader('Content-Disposition', `attachment; filename="corrections.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
      c.res.send(file);
    },
  }),
  route({
    method: 'get',
    path: '/api/corrections/:id',
    summary: '纠错反馈详情',
    tags: CORRECTIONS,
    access: 'authenticated',
    params: idParamsSchema,
    response: correctionSchema,
    handler: (c) => getCorrection(lifecycleCtx(c), c.actor, c.params.id),
  }),
  route({
    method: 'post',
    path: '/api/corrections/:id/answer',
    summary: '校核答复（资源提供部门）：已更正 / 限期更正 / 非数据错误',
    tags: CORRECTIONS,
    access: ['dept_admin'],
    params: idParamsSchema,
    body: answerCorrectionSchema,
    response: correctionSchema,
    handler: (c) => answerCorrection(lifecycleCtx(c), c.actor, c.params.id, c.body),
  }),
  route({
    method: 'post',
    path: '/api/corrections/:id/contest',
    summary: '对答复提出异议（反馈部门，限一次，由政务信息管理局裁定）',
    tags: CORRECTIONS,
    access: ['dept_admin', 'dept_agent'],
    params: idParamsSchema,
    body: contestCorrectionSchema,
    response: correctionSchema,
    handler: (c) => contestCorrection(lifecycleCtx(c), c.actor, c.params.id, c.body),
  }),
  route({
    method: 'post',
    path: '/api/corrections/:id/decide',
    summary: '裁定异议（政务信息管理局）',
    tags: CORRECTIONS,
    access: ['bureau_admin'],
    params: idParamsSchema,
    body: decideContestSchema,
    response: correctionSchema,
    handler: (c) => decideContest(lifecycleCtx(c), c.actor, c.params.id, c.body),
  }),
  route({
    method: 'post',
    path: '/gateway/v1/entries/:id/corrections',
    summary: '共享网关：接入系统提出纠错反馈',
    description: '以 Authorization: Bearer <access_token> 调用，以接入系统所属部门的名义提出纠错，请求体同 POST /api/corrections（entryId 取自路径，可省略）。',
    tags: ['共享网关'],
    access: 'public',
    params: z.strictObject({ id: idSchema }),
    body: createCorrectionSchema.omit({ entryId: true }).extend({ entryId: idSchema.optional() }),
    response: correctionCreatedSchema,
    status: 201,
    async handler(c) {
      const claims = await verifyAccessToken(gatewayState(c.app).keys, c.req.headers.authorization, new Date());
      const system = await c.em.findOne(AppSystem, claims.systemId, { fields: ['status', 'department', 'name'] });
      if (!system || system.status !== 'active') throw new ForbiddenError('该接入系统已停用', 'gateway.system_disabled');
      const reporter = { departmentId: system.department.id, userId: null, name: `${system.name}（${claims.clientId}）`, channel: 'gateway' as const };
      return reportCorrection(lifecycleCtx(c), reporter, { ...c.body, entryId: c.params.id }, null);
    },
  }),
];

/** 下线 (第十九条): the provider proposes, the bureau approves or returns; the daily job retires on the date. */
export const retirementRoutes = [
  route({
    method: 'post',
    path: '/api/catalog/entries/:id/retirement',
    summary: `申请资源下线（提供部门）：理由、替代资源、下线日期（至少 ${periodWords(RETIREMENT_TRANSITION)}后）`,
    tags: RETIREMENTS,
    access: ['dept_admin'],
    params: idParamsSchema,
    body: proposeRetirementSchema,
    response: retirementCreatedSchema,
    status: 201,
    handler: (c) => proposeRetirement(lifecycleCtx(c), c.actor, c.params.id, c.body),
  }),
  route({
    method: 'get',
    path: '/api/retirements',
    summary: '下线申请列表',
    tags: RETIREMENTS,
    access: 'authenticated',
    query: retirementQuerySchema,
    response: pageSchema(retirementSchema),
    handler: (c) => listRetirements(lifecycleCtx(c), c.actor, c.query),
  }),
  route({
    method: 'post',
    path: '/api/retirements/:id/approve',
    summary: '批准下线（政务信息管理局）：进入过渡期，通知全部使用部门',
    tags: RETIREMENTS,
    access: ['bureau_admin'],
    params: idParamsSchema,
    response: retirementSchema,
    handler: (c) => approveRetirement(lifecycleCtx(c), c.actor, c.params.id),
  }),
  route({
    method: 'post',
    path: '/api/retirements/:id/return',
    summary: '退回下线申请（政务信息管理局，须写明理由）',
    tags: RETIREMENTS,
    access: ['bureau_admin'],
    params: idParamsSchema,
    body: returnRetirementSchema,
    response: retirementSchema,
    handler: (c) => returnRetirement(lifecycleCtx(c), c.actor, c.params.id, c.body.reason),
  }),
  route({
    method: 'post',
    path: '/api/retirements/:id/withdraw',
    summary: '撤回下线申请（提供部门，下线日期前）',
    tags: RETIREMENTS,
    access: ['dept_admin'],
    params: idParamsSchema,
    body: withdrawRetirementSchema,
    response: retirementSchema,
    handler: (c) => withdrawRetirement(lifecycleCtx(c), c.actor, c.params.id, c.body.reason),
  }),
];
