import { datasetFeedback, listShowcases, rateDataset, reviewShowcase, submitShowcase } from '@govdata/opendata';
import { datasetFeedbackSchema, datasetNameParamsSchema, idParamsSchema, pageSchema, rateDatasetSchema, reviewShowcaseSchema, showcaseQuerySchema, showcaseSchema, submitShowcaseSchema } from '@govdata/domain';
import { route } from '../http/route';

const PORTAL = ['开放：评价与利用成果（门户）'];
const CONSOLE = ['开放：利用成果审核（管理端）'];

/** 使用与反馈 (issue 16 item 5): ratings and 利用成果 on the portal; the bureau reviews 利用成果 before they show. */
export const openFeedbackRoutes = [
  route({
    method: 'get',
    path: '/api/open/datasets/:name/feedback',
    summary: '数据集的评分和已展示的利用成果（登录时含本人的评分和登记）',
    tags: PORTAL,
    access: 'public',
    params: datasetNameParamsSchema,
    response: datasetFeedbackSchema,
    handler: ({ em, params, req }) => datasetFeedback(em, params.name, req.publicAuth ?? null),
  }),
  route({
    method: 'put',
    path: '/api/open/datasets/:name/rating',
    summary: '为数据集评分（1–5，每人一个，可修改）',
    tags: PORTAL,
    access: 'public_user',
    params: datasetNameParamsSchema,
    body: rateDatasetSchema,
    response: datasetFeedbackSchema,
    handler: ({ em, publicUser, params, body, now }) => rateDataset(em, publicUser, params.name, body, now),
  }),
  route({
    method: 'post',
    path: '/api/open/datasets/:name/showcases',
    summary: '登记利用成果（应用、报告、研究），经政务信息管理局审核后在门户展示',
    tags: PORTAL,
    access: 'public_user',
    params: datasetNameParamsSchema,
    body: submitShowcaseSchema,
    response: showcaseSchema,
    status: 201,
    handler: ({ em, publicUser, params, body, now }) => submitShowcase(em, publicUser, params.name, body, now),
  }),
  route({
    method: 'get',
    path: '/api/open-showcases',
    summary: '利用成果审核列表（待审核在前）',
    tags: CONSOLE,
    access: ['bureau_admin', 'leader'],
    query: showcaseQuerySchema,
    response: pageSchema(showcaseSchema),
    handler: ({ em, query }) => listShowcases(em, query),
  }),
  route({
    method: 'post',
    path: '/api/open-showcases/:id/review',
    summary: '审核利用成果：展示，或不予展示（须写原因）',
    tags: CONSOLE,
    access: ['bureau_admin'],
    params: idParamsSchema,
    body: reviewShowcaseSchema,
    response: showcaseSchema,
    handler: ({ em, actor, params, body, now }) => reviewShowcase(em, actor, params.id, body, now),
  }),
];
