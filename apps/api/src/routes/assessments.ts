import {
  assessmentYearSchema,
  computationSchema,
  computeRequestSchema,
  copySchemeSchema,
  dashboardQuerySchema,
  dashboardSchema,
  departmentBreakdownSchema,
  drillQuerySchema,
  drillResponseSchema,
  publicResultsSchema,
  publicYearsSchema,
  publishRequestSchema,
  resultsQuerySchema,
  resultsResponseSchema,
  resultRowSchema,
  revisionSchema,
  saveSchemeSchema,
  schemeViewSchema,
  suspensionResponseSchema,
  yearParamsSchema,
} from '@govdata/analytics';
import { computationDto, copySchemeFromYear, currentYear, getBreakdown, getComputation, getDrill, getPublicResults, getResults, getSchemeView, getSuspension, launchComputation, listAssessmentYears, listPublicYears, loadDashboard, publishRevision, resultsXlsx, saveScheme, startComputation, suspensionXlsx } from '@govdata/assessment';
import { idParamsSchema } from '@govdata/domain';
import type { Response } from 'express';
import { z } from 'zod';
import { route } from '../http/route';

const TAGS = ['考核：年度目标责任考核'];
const PUBLIC_TAGS = ['公开：考核结果公示'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const READERS = ['bureau_admin', 'leader'] as const;

const departmentParamsSchema = yearParamsSchema.extend({ departmentId: z.coerce.number().int('部门编号应为整数').positive('部门编号应为正整数') });
const indicatorParamsSchema = departmentParamsSchema.extend({ indicatorId: z.string().min(1).max(40) });

function sendXlsx(res: Response, file: Buffer, name: string, ascii: string): void {
  res.setHeader('Content-Type', XLSX);
  res.setHeader('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  res.send(file);
}

/**
 * 年度目标责任考核 (第三十条至第三十二条): schemes, computations with progress, result revisions (draft → published,
 * immutable once published), explained breakdowns with the records behind each point, the 第三十二条 list, the
 * public page and the leadership dashboard. Handlers only parse, call the service and return its DTO.
 */
export const assessmentRoutes = [
  route({
    method: 'get',
    path: '/api/assessments',
    summary: '考核年度列表（方案、最新修订、已公布修订）',
    description: '平台管理员与领导小组可见全部年度与草稿；部门用户只见已公布的结果。',
    tags: TAGS,
    access: 'authenticated',
    response: z.array(assessmentYearSchema),
    handler: ({ em, actor }) => listAssessmentYears(em, actor),
  }),
  route({
    method: 'get',
    path: '/api/assessments/computations/:id',
    summary: '考核计算任务的进度（阶段、已完成/总数）',
    tags: TAGS,
    access: READERS,
    params: idParamsSchema,
    response: computationSchema,
    handler: ({ em, params }) => getComputation(em, params.id),
  }),
  route({
    method: 'get',
    path: '/api/assessments/:year/scheme',
    summary: '年度考核评估方案（第三十一条）；尚未保存时返回建议方案（上年复制或 2026 默认方案）',
    tags: TAGS,
    access: 'authenticated',
    params: yearParamsSchema,
    response: schemeViewSchema,
    handler: ({ em, params }) => getSchemeView(em, params.year),
  }),
  route({
    method: 'put',
    path: '/api/assessments/:year/scheme',
    summary: '保存年度考核评估方案',
    description: '结构不合法返回 400；校验发现的问题（权重合计不为 100 等）不阻止保存，在 `problems` 中返回，但有问题的方案不能用于计算。该年度结果公布后返回 409。',
    tags: TAGS,
    access: ['bureau_admin'],
    params: yearParamsSchema,
    body: saveSchemeSchema,
    response: schemeViewSchema,
    handler: ({ em, actor, params, body, now }) => saveScheme(em, actor, params.year, body.scheme, now),
  }),
  route({
    method: 'post',
    path: '/api/assessments/:year/scheme/copy',
    summary: '从其他年度（或 2026 默认方案，fromYear 为 null）复制考核评估方案',
    tags: TAGS,
    access: ['bureau_admin'],
    params: yearParamsSchema,
    body: copySchemeSchema,
    response: schemeViewSchema,
    handler: ({ em, actor, params, body, now }) => copySchemeFromYear(em, actor, params.year, body.fromYear, now),
  }),
  route({
    method: 'post',
    path: '/api/assessments/:year/compute',
    summary: '计算年度考核结果（异步，返回 202 与计算任务，轮询进度）',
    description:
      '年度未开始返回 400；方案未通过校验返回 422 并列出问题；同一年度已有计算在进行返回 409；结果公布后重新计算须填写 `reason`（否则 400），生成新的修订（草稿），已公布的结果不变。最新修订为草稿时，重新计算替换该草稿。',
    tags: TAGS,
    access: ['bureau_admin'],
    params: yearParamsSchema,
    body: computeRequestSchema.optional(),
    response: computationSchema,
    status: 202,
    // the computation row is committed before the background run reads it
    transactional: false,
    async handler({ app, actor, params, body, now }) {
      const computation = await app.db.fork().transactional((tx) => startComputation(tx, actor, params.year, { reason: body?.reason }, now));
      void launchComputation({ fork: () => app.db.fork(), clock: app.clock, log: (m) => app.log.info(m) }, computation.id, actor);
      return computationDto(computation);
    },
  }),
  route({
    method: 'post',
    path: '/api/assessments/:year/publish',
    summary: '公布年度考核结果（只能公布最新的草稿修订；此前公布的修订变为“已被取代”）',
    tags: TAGS,
    access: ['bureau_admin'],
    params: yearParamsSchema,
    body: publishRequestSchema,
    response: revisionSchema,
    handler: ({ em, actor, params, body, now }) => publishRevision(em, actor, params.year, body.revision, now),
  }),
  route({
    method: 'get',
    path: '/api/assessments/:year/results',
    summary: '年度考核结果：各部门总分、等级、排名、各指标得分（数组）',
    description:
      '`[{department: {code, name}, total, grade, rank, indicators: [{id, points, weight}]}]`（另含较上年变化、第三十二条标记）。平台管理员与领导小组可查看任一修订（默认最新）；部门用户只能查看已公布的修订中本部门的一行，尚未公布返回 404。修订信息与全市平均见 `/summary`。',
    tags: TAGS,
    access: 'authenticated',
    params: yearParamsSchema,
    query: resultsQuerySchema,
    response: z.array(resultRowSchema),
    handler: async ({ em, actor, params, query }) => (await getResults(em, actor, params.year, query.revision)).rows,
  }),
  route({
    method: 'get',
    path: '/api/assessments/:year/summary',
    summary: '年度考核结果及其修订信息与全市平均（结果页使用）',
    description: '与 `/results` 相同的行，外加修订（版本、状态、统计日、计算与公布时间）和各指标全市平均得分；访问规则相同。',
    tags: TAGS,
    access: 'authenticated',
    params: yearParamsSchema,
    query: resultsQuerySchema,
    response: resultsResponseSchema,
    handler: ({ em, actor, params, query }) => getResults(em, actor, params.year, query.revision),
  }),
  route({
    method: 'get',
    path: '/api/assessments/:year/results.xlsx',
    summary: '导出年度考核结果（XLSX）',
    tags: TAGS,
    access: 'authenticated',
    params: yearParamsSchema,
    query: resultsQuerySchema,
    produces: XLSX,
    async handler({ em, actor, params, query, res }) {
      sendXlsx(res, await resultsXlsx(em, actor, params.year, query.revision), `${params.year}年度考核结果.xlsx`, `assessment-${params.year}.xlsx`);
    },
  }),
  route({
    method: 'get',
    path: '/api/assessments/:year/departments/:departmentId',
    summary: '部门考核明细：各指标得分、说明、城市平均、所依据的数据',
    description: '部门用户只能查看本部门（其他部门返回 403），且只能查看已公布的修订。',
    tags: TAGS,
    access: 'authenticated',
    params: departmentParamsSchema,
    query: resultsQuerySchema,
    response: departmentBreakdownSchema,
    handler: ({ em, actor, params, query }) => getBreakdown(em, actor, params.year, params.departmentId, query.revision),
  }),
  route({
    method: 'get',
    path: '/api/assessments/:year/departments/:departmentId/indicators/:indicatorId/records',
    summary: '指标得分所依据的记录（scope=lost：失分的记录，如逾期答复；scope=all：计入的全部记录）',
    tags: TAGS,
    access: 'authenticated',
    params: indicatorParamsSchema,
    query: drillQuerySchema,
    response: drillResponseSchema,
    handler: ({ em, actor, params, query }) => getDrill(em, actor, params.year, params.departmentId, params.indicatorId, query),
  }),
  route({
    method: 'get',
    path: '/api/assessments/:year/suspension',
    summary: '第三十二条名单：不合格或未参与共享（未发布目录、逾期未答复共享申请）的部门',
    tags: TAGS,
    access: READERS,
    params: yearParamsSchema,
    query: resultsQuerySchema,
    response: suspensionResponseSchema,
    handler: ({ em, actor, params, query }) => getSuspension(em, actor, params.year, query.revision),
  }),
  route({
    method: 'get',
    path: '/api/assessments/:year/suspension.xlsx',
    summary: '导出第三十二条名单（XLSX，报送财政部门）',
    tags: TAGS,
    access: READERS,
    params: yearParamsSchema,
    query: resultsQuerySchema,
    produces: XLSX,
    async handler({ em, actor, params, query, res }) {
      sendXlsx(res, await suspensionXlsx(em, actor, params.year, query.revision), `${params.year}年度第三十二条名单.xlsx`, `suspension-${params.year}.xlsx`);
    },
  }),
  route({
    method: 'get',
    path: '/api/dashboard',
    summary: '领导驾驶舱：关键指标、月度趋势、逾期热力图、共享网络',
    tags: TAGS,
    access: READERS,
    query: dashboardQuerySchema,
    response: dashboardSchema,
    handler: ({ em, query, now }) => loadDashboard(em, { year: query.year ?? currentYear(now), now }),
  }),
  route({
    method: 'get',
    path: '/api/public/assessments',
    summary: '已公布考核结果的年度（无需登录，第三十条 接受社会监督）',
    tags: PUBLIC_TAGS,
    access: 'public',
    response: publicYearsSchema,
    handler: ({ em }) => listPublicYears(em),
  }),
  route({
    method: 'get',
    path: '/api/public/assessments/:year',
    summary: '年度考核结果公示：各部门总分、等级、排名（无需登录）',
    description: '只返回已公布修订的总分、等级与排名；未公布的年度返回 404。',
    tags: PUBLIC_TAGS,
    access: 'public',
    params: yearParamsSchema,
    response: publicResultsSchema,
    handler: ({ em, params }) => getPublicResults(em, params.year),
  }),
];
