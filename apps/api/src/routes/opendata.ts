import { entryOpenStatus, getOpenDataset, openDepartments, openQueue, portalHome, publishOpen, recordOpenReview, searchOpenDatasets, withdrawOpen } from '@govdata/opendata';
import {
  datasetNameParamsSchema,
  entryOpenStatusSchema,
  idParamsSchema,
  openDatasetQuerySchema,
  openDatasetSchema,
  openDepartmentSchema,
  openQueueQuerySchema,
  openQueueRowSchema,
  openSearchResultSchema,
  pageSchema,
  portalHomeSchema,
  recordOpenReviewSchema,
  withdrawOpenSchema,
} from '@govdata/domain';
import { z } from 'zod';
import { route } from '../http/route';

const STAFF = ['开放：开放目录管理'];
const PUBLIC = ['开放：门户（公开）'];

/**
 * 开放 (第二十二至二十六条). Staff side: the provider records its 保密审查 and 政务公开审查, the bureau publishes to
 * the open catalog or withdraws. Public side (no login): what the portal reads — home, search with facets, dataset
 * pages, departments. The CKAN Action API and the DCAT feed serve the same catalog (ckan.ts, dcat.ts).
 */
export const opendataRoutes = [
  route({
    method: 'get',
    path: '/api/catalog/entries/:id/open',
    summary: '资源的开放情况（开放前审查记录、能否开放及原因、发布状态）',
    tags: STAFF,
    access: 'authenticated',
    params: idParamsSchema,
    response: entryOpenStatusSchema,
    handler: ({ em, actor, params }) => entryOpenStatus(em, actor, params.id),
  }),
  route({
    method: 'post',
    path: '/api/catalog/entries/:id/open-reviews',
    summary: '记录开放前审查（保密审查 / 政务公开审查，第二十六条）',
    description: '资源提供部门的数据管理员记录；结论为不同意开放时，已开放的数据集立即撤回。',
    tags: STAFF,
    access: ['dept_admin', 'bureau_admin'],
    params: idParamsSchema,
    body: recordOpenReviewSchema,
    response: entryOpenStatusSchema,
    status: 201,
    handler: ({ em, actor, params, body, now, client }) => recordOpenReview(em, actor, params.id, body, now, client),
  }),
  route({
    method: 'get',
    path: '/api/open-catalog/queue',
    summary: '开放目录发布队列（待发布在前）',
    tags: STAFF,
    access: ['bureau_admin', 'leader'],
    query: openQueueQuerySchema,
    response: pageSchema(openQueueRowSchema),
    handler: ({ em, actor, query }) => openQueue(em, actor, query),
  }),
  route({
    method: 'post',
    path: '/api/open-catalog/:id/publish',
    summary: '发布到开放目录（须两项审查均同意开放）',
    tags: STAFF,
    access: ['bureau_admin'],
    params: idParamsSchema,
    response: entryOpenStatusSchema,
    handler: ({ em, actor, params, now, client }) => publishOpen(em, actor, params.id, now, client),
  }),
  route({
    method: 'post',
    path: '/api/open-catalog/:id/withdraw',
    summary: '从开放目录撤回（须写明原因）',
    tags: STAFF,
    access: ['bureau_admin'],
    params: idParamsSchema,
    body: withdrawOpenSchema,
    response: entryOpenStatusSchema,
    handler: ({ em, actor, params, body, now, client }) => withdrawOpen(em, actor, params.id, body.reason, now, client),
  }),

  route({
    method: 'get',
    path: '/api/open/home',
    summary: '开放门户首页（数量、最新与最常用数据集、部门、主题）',
    tags: PUBLIC,
    access: 'public',
    response: portalHomeSchema,
    handler: ({ em }) => portalHome(em),
  }),
  route({
    method: 'get',
    path: '/api/open/datasets',
    summary: '检索开放数据集（关键词，按部门、主题、格式、更新周期、开放类型筛选，分面计数）',
    tags: PUBLIC,
    access: 'public',
    query: openDatasetQuerySchema,
    response: openSearchResultSchema,
    handler: ({ em, query }) => searchOpenDatasets(em, query),
  }),
  route({
    method: 'get',
    path: '/api/open/datasets/:name',
    summary: '开放数据集详情（元数据、开放的信息项、更新记录、许可）',
    tags: PUBLIC,
    access: 'public',
    params: datasetNameParamsSchema,
    response: openDatasetSchema,
    transactional: false,
    handler: ({ em, params, realNow }) => getOpenDataset(em, params.name, { countViewAt: realNow }),
  }),
  route({
    method: 'get',
    path: '/api/open/departments',
    summary: '开放数据的部门及其数据集数',
    tags: PUBLIC,
    access: 'public',
    response: z.array(openDepartmentSchema),
    handler: ({ em }) => openDepartments(em),
  }),
];
