import { getDeadline, listDeadlines } from '@govdata/core';
import { deadlineQuerySchema, deadlineSchema, idParamsSchema, pageSchema } from '@govdata/domain';
import { route } from '../http/route';

const TAGS = ['督查：期限'];

/**
 * The statutory clocks (DESIGN §2 deadline table) for the dashboards and the assessment: 剩余/已逾期 N 个工作日.
 * A department sees its own; the bureau and the leadership group all, including the bureau's own clocks.
 */
export const deadlineRoutes = [
  route({
    method: 'get',
    path: '/api/deadlines',
    summary: '期限列表（按类型、部门、状态筛选，分页）',
    description: 'state：due 办理中（未到期）、overdue 已逾期（含尚未被巡检标记的）、met 按时完成、missed 逾期完成、cancelled 已撤销。',
    tags: TAGS,
    access: 'authenticated',
    query: deadlineQuerySchema,
    response: pageSchema(deadlineSchema),
    handler: ({ em, actor, query, app, now }) => listDeadlines(em, actor, query, app.calendar.lenient, now),
  }),
  route({
    method: 'get',
    path: '/api/deadlines/:id',
    summary: '期限详情',
    tags: TAGS,
    access: 'authenticated',
    params: idParamsSchema,
    response: deadlineSchema,
    handler: ({ em, actor, params, app, now }) => getDeadline(em, actor, params.id, app.calendar.lenient, now),
  }),
];
