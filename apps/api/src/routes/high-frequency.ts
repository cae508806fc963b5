import {
  addHighFrequencySchema,
  highFrequencyLibraryQuerySchema,
  highFrequencyLibrarySchema,
  highFrequencyMemberSchema,
  highFrequencyRankingQuerySchema,
  highFrequencyRankingSchema,
  idParamsSchema,
  removeHighFrequencySchema,
} from '@govdata/domain';
import { addHighFrequencyMember, highFrequencyLibrary, highFrequencyRanking, removeHighFrequencyMember } from '@govdata/lifecycle';
import { route } from '../http/route';

const TAGS = ['高频数据共享库（第十八条）'];

/**
 * 高频数据共享库 (第十八条): the ranking of resources by requests, grants and gateway calls, and the library the bureau
 * curates from it (docs/lifecycle.md). Requests for its members come first in the bureau's review queue.
 */
export const highFrequencyRoutes = [
  route({
    method: 'get',
    path: '/api/high-frequency/ranking',
    summary: '资源使用排行（共享申请、有效授权、网关成功调用）',
    description: '按上海日期的时间窗（默认最近 90 天）统计每个资源的共享申请数、窗口内有效的授权数和网关成功调用数（调用记录），按得分排序；得分公式随结果返回。',
    tags: TAGS,
    access: ['bureau_admin', 'leader'],
    query: highFrequencyRankingQuerySchema,
    response: highFrequencyRankingSchema,
    handler: ({ em, query, now }) => highFrequencyRanking(em, query, now),
  }),
  route({
    method: 'get',
    path: '/api/high-frequency/library',
    summary: '高频数据共享库成员（history=true 含已移出的记录）',
    tags: TAGS,
    access: 'authenticated',
    query: highFrequencyLibraryQuerySchema,
    response: highFrequencyLibrarySchema,
    handler: ({ em, query }) => highFrequencyLibrary(em, query.history ?? false),
  }),
  route({
    method: 'post',
    path: '/api/high-frequency/library',
    summary: '纳入高频数据共享库（须说明理由）',
    tags: TAGS,
    access: ['bureau_admin'],
    body: addHighFrequencySchema,
    response: highFrequencyMemberSchema,
    status: 201,
    handler: ({ em, actor, body, now }) => addHighFrequencyMember(em, actor, body, now),
  }),
  route({
    method: 'post',
    path: '/api/high-frequency/library/:id/remove',
    summary: '移出高频数据共享库（须说明理由，保留历史）',
    tags: TAGS,
    access: ['bureau_admin'],
    params: idParamsSchema,
    body: removeHighFrequencySchema,
    response: highFrequencyMemberSchema,
    handler: ({ em, actor, params, body, now }) => removeHighFrequencyMember(em, actor, params.id, body, now),
  }),
];
