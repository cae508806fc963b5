import { z } from 'zod';
import { idSchema, upstreamDtoSchema, upstreamInputSchema, upstreamProbeSchema } from '@govdata/domain';
import { getUpstream, probeUpstream, registerUpstream, removeUpstream } from '@govdata/gateway';
import { route } from '../http/route';

const tags = ['接口服务'];
const params = z.strictObject({ id: idSchema });

/**
 * 接口服务 (issue 15 §2): a providing department registers its own HTTP interface for an entry; the gateway proxies
 * granted calls to it (timeout, no redirects, 5 MB cap, circuit breaker). docs/gateway.md § 接口服务 has the contract.
 */
export const upstreamRoutes = [
  route({
    method: 'get',
    path: '/api/catalog/entries/:id/upstream',
    summary: '资源登记的接口服务及其可用状态（未登记时 404）',
    tags,
    access: 'authenticated',
    params,
    response: upstreamDtoSchema,
    handler: ({ em, actor, now, params: p }) => getUpstream({ em, actor, now }, p.id),
  }),
  route({
    method: 'put',
    path: '/api/catalog/entries/:id/upstream',
    summary: '登记或修改接口服务（提供部门）',
    description:
      '请求体 {url, timeoutMs}：url 为 http(s) 地址（不得含用户名密码），timeoutMs 为 100–10000 毫秒（默认 3000）。网关以 GET <url>?<字段名>=<值>&page=&pageSize= 调用，约定应答 {"items":[{字段名: 值}], "total": n}。地址变更后熔断状态重新计算。',
    tags,
    access: ['bureau_admin', 'dept_admin'],
    params,
    body: upstreamInputSchema,
    response: upstreamDtoSchema,
    handler: ({ em, actor, now, params: p, body }) => registerUpstream({ em, actor, now }, p.id, body),
  }),
  route({
    method: 'delete',
    path: '/api/catalog/entries/:id/upstream',
    summary: '删除接口服务（网关不再代理；没有现行数据版本时，数据不再视为在平台）',
    tags,
    access: ['bureau_admin', 'dept_admin'],
    params,
    status: 204,
    async handler({ em, actor, now, params: p }) {
      await removeUpstream({ em, actor, now }, p.id);
    },
  }),
  route({
    method: 'post',
    path: '/api/catalog/entries/:id/upstream/probe',
    summary: '测试连接：以第 1 页、每页 1 行调用一次接口（成功可使熔断恢复）',
    tags,
    access: ['bureau_admin', 'dept_admin'],
    params,
    response: upstreamProbeSchema,
    handler: ({ em, actor, now, params: p }) => probeUpstream({ em, actor, now }, p.id),
  }),
];
