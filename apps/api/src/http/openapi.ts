import { z } from 'zod';
import type { AnyRoute } from './route';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
};

const problemSchema: JsonSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string', description: '给用户看的说明' },
    code: { type: 'string' },
    instance: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
  },
};

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const s = toSchema(schema, 'input');
  const props = (s.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((s.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, p]) => ({ name, in: where, required: where === 'path' || required.has(name), schema: p, ...(p.description ? { description: p.description } : {}) }));
}

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate each request. */
export function buildOpenApi(routes: AnyRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const security = r.access === 'public' ? [] : [{ session: [] }];
    const roles = Array.isArray(r.access) ? `\n\n角色：${r.access.join(', ')}` : '';
    const success: JsonSchema = r.produces
      ? { description: 'OK', content: { [r.produces]: { schema: { type: 'string', format: 'binary' } } } }
      : r.response
        ? { description: 'OK', content: { 'application/json': { schema: toSchema(r.response, 'output') } } }
        : { description: 'OK' };
    (paths[path] ??= {})[r.method] = {
      summary: r.summary,
      description: (r.description ?? '') + roles,
      tags: r.tags,
      security,
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(r.body, 'input') } } } } : {}),
      responses: {
        [String(r.status ?? 200)]: success,
        '4XX': { description: '请求有误、未登录、无权限、冲突或不符合规则', content: { 'application/problem+json': { schema: problemSchema } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '朔州市政务数据共享开放平台 API (govdata)',
      version,
      description: '依据《朔州市政务数据资源共享开放管理办法》（朔政办发〔2022〕14号）。错误以 application/problem+json 返回。',
    },
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'govdata_session' } } },
    paths,
  };
}
