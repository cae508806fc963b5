import { shanghaiDate } from '@govdata/workdays';
import { decideOnViolation, exportViolations, getViolation, listServiceRecord, listViolations, recordManualViolation } from '@govdata/supervision';
import {
  periodText,
  dismissViolationSchema,
  idParamsSchema,
  manualViolationSchema,
  pageSchema,
  serviceRecordPageSchema,
  serviceRecordQuerySchema,
  violationExportQuerySchema,
  violationQuerySchema,
  violationSchema,
} from '@govdata/domain';
import { z } from 'zod';
import { route } from '../http/route';

const TAGS = ['督查：违规记录'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 第三十三条 violations: jobs record candidates, the bureau confirms or dismisses them (with a reason) and records
 * what it finds by inspection. The bureau and the leadership group read every department's; a department its own.
 */
export const violationRoutes = [
  route({
    method: 'get',
    path: '/api/violations',
    summary: '违规记录（按类型、部门、状态筛选，分页）',
    description: '平台管理员与领导小组可查看全部部门；部门用户只能查看本部门（指定其他部门返回 403）。',
    tags: TAGS,
    access: 'authenticated',
    query: violationQuerySchema,
    response: pageSchema(violationSchema),
    handler: ({ em, actor, query }) => listViolations(em, actor, query),
  }),
  route({
    method: 'get',
    path: '/api/violations/export',
    summary: '导出违规记录（XLSX，筛选条件同列表）',
    tags: TAGS,
    access: 'authenticated',
    query: violationExportQuerySchema,
    produces: XLSX,
    async handler({ em, actor, query, res, now }) {
      const file = await exportViolations(em, actor, query);
      const name = `违规记录-${shanghaiDate(now)}.xlsx`;
      res.setHeader('Content-Type', XLSX);
      res.setHeader('Content-Disposition', `attachment; filename="violations.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
      res.send(file);
    },
  }),
  route({
    method: 'get',
    path: '/api/violations/:id',
    summary: '违规记录详情（含证据）',
    tags: TAGS,
    access: 'authenticated',
    params: idParamsSchema,
    response: violationSchema,
    handler: ({ em, actor, params }) => getViolation(em, actor, params.id),
  }),
  route({
    method: 'post',
    path: '/api/violations/:id/confirm',
    summary: '确认违规（待确认 → 已确认）',
    tags: TAGS,
    access: ['bureau_admin'],
    params: idParamsSchema,
    body: z.strictObject({}).optional(),
    response: violationSchema,
    handler: ({ em, actor, params, now }) => decideOnViolation(em, actor, params.id, { decision: 'confirm' }, now),
  }),
  route({
    method: 'post',
    path: '/api/violations/:id/dismiss',
    summary: '排除违规（待确认 → 已排除，须写明理由）',
    tags: TAGS,
    access: ['bureau_admin'],
    params: idParamsSchema,
    body: dismissViolationSchema,
    response: violationSchema,
    handler: ({ em, actor, params, body, now }) => decideOnViolation(em, actor, params.id, { decision: 'dismiss', reason: body.reason }, now),
  }),
  route({
    method: 'post',
    path: '/api/violations',
    summary: '登记检查发现的违规（如第三十三条第（六）（七）（九）项）',
    description: '默认直接登记为“已确认”；`confirmed: false` 则登记为待确认。同一来源的同类违规不能重复登记（409）。',
    tags: TAGS,
    access: ['bureau_admin'],
    body: manualViolationSchema,
    response: violationSchema,
    status: 201,
    handler: ({ em, actor, body, now }) => recordManualViolation(em, actor, body, now),
  }),
  route({
    method: 'get',
    path: '/api/service-record',
    summary: `本局服务记录（平台管理部门自身的逾期，如符合性审查超过 ${periodText('compliance_review')}）`,
    description: '政务信息管理局自身的逾期不作为部门违规，记入服务记录，在任务页与违规页单独统计。',
    tags: TAGS,
    access: ['bureau_admin', 'leader'],
    query: serviceRecordQuerySchema,
    response: serviceRecordPageSchema,
    handler: ({ em, query }) => listServiceRecord(em, query),
  }),
];
