import { z } from 'zod';
import { createApiKey, listApiKeys, loginPublicUser, logoutPublicUser, publicUserMe, registerPublicUser, revokeApiKey } from '@govdata/opendata';
import { apiKeySchema, OPEN_AGREEMENT, createApiKeySchema, createdApiKeySchema, idParamsSchema, okSchema, publicLoginSchema, publicMeSchema, publicRegisterSchema } from '@govdata/domain';
import { PUBLIC_SESSION_COOKIE, publicCookieOptions } from '../http/public-auth';
import { route } from '../http/route';

const TAGS = ['开放：公众账号'];

/**
 * 开放平台公众账号 (issue 16 item 3): people and organisations register and log in on the open portal with a session
 * of their own (cookie `govdata_open_session`, path /api/open), and manage their API keys for the open-data API.
 */
export const openAccountRoutes = [
  route({
    method: 'get',
    path: '/api/open/account/agreement',
    summary: '注册时须同意的开放数据使用协议（版本、名称、地址）',
    tags: TAGS,
    access: 'public',
    response: z.object({ version: z.string(), title: z.string(), url: z.string() }),
    handler: async () => ({ ...OPEN_AGREEMENT }),
  }),
  route({
    method: 'post',
    path: '/api/open/account/register',
    summary: '注册开放平台账号（个人或法人和其他组织）',
    description:
      '以邮箱或手机号为账号；密码规则同平台工作人员（10 位以上、三类字符、不易猜测）；法人和其他组织须填写单位名称和统一社会信用代码（校验位按 GB 32100-2015 核对）；须同意开放数据使用协议（记录版本和时间）。成功后即登录。同一来源地址 15 分钟内最多注册 20 次（429）。',
    tags: TAGS,
    access: 'public',
    body: publicRegisterSchema,
    response: publicMeSchema,
    status: 201,
    // the registration throttle counts even when the registration fails; the account is created in its own transaction
    transactional: false,
    async handler({ em, body, client, now, realNow, res, app }) {
      const { token, me } = await registerPublicUser(em, body, client, { now, real: realNow }, { production: app.config.production });
      res.cookie(PUBLIC_SESSION_COOKIE, token, publicCookieOptions(app.config.production));
      return me;
    },
  }),
  route({
    method: 'post',
    path: '/api/open/account/login',
    summary: '开放平台账号登录',
    description: '与工作人员会话分开（Cookie govdata_open_session）。同一账号或来源地址多次失败后暂时限制（429，Retry-After），不会锁定账号。',
    tags: TAGS,
    access: 'public',
    body: publicLoginSchema,
    response: publicMeSchema,
    transactional: false,
    async handler({ em, body, client, now, realNow, res, app }) {
      const { token, me } = await loginPublicUser(em, body, client, { now, real: realNow });
      res.cookie(PUBLIC_SESSION_COOKIE, token, publicCookieOptions(app.config.production));
      return me;
    },
  }),
  route({
    method: 'post',
    path: '/api/open/account/logout',
    summary: '开放平台账号退出登录',
    tags: TAGS,
    access: 'public_user',
    body: z.strictObject({}).optional(),
    response: okSchema,
    async handler({ em, publicUser, realNow, res, app }) {
      await logoutPublicUser(em, publicUser, realNow);
      res.clearCookie(PUBLIC_SESSION_COOKIE, { ...publicCookieOptions(app.config.production), maxAge: undefined });
      return { ok: true as const };
    },
  }),
  route({
    method: 'get',
    path: '/api/open/account/me',
    summary: '当前开放平台用户',
    tags: TAGS,
    access: 'public_user',
    response: publicMeSchema,
    handler: ({ em, publicUser }) => publicUserMe(em, publicUser),
  }),
  route({
    method: 'get',
    path: '/api/open/account/keys',
    summary: '我的开放接口密钥',
    tags: TAGS,
    access: 'public_user',
    response: z.array(apiKeySchema),
    handler: ({ em, publicUser }) => listApiKeys(em, publicUser),
  }),
  route({
    method: 'post',
    path: '/api/open/account/keys',
    summary: '创建开放接口密钥（密钥只显示这一次）',
    description: '密钥以 SHA-256 保存，平台无法再次显示；最多同时持有 5 个有效密钥。调用开放接口时以 Authorization: Bearer <密钥> 传入。',
    tags: TAGS,
    access: 'public_user',
    body: createApiKeySchema,
    response: createdApiKeySchema,
    status: 201,
    handler: ({ em, publicUser, body, now, realNow }) => createApiKey(em, publicUser, body, now, realNow),
  }),
  route({
    method: 'post',
    path: '/api/open/account/keys/:id/revoke',
    summary: '停用开放接口密钥（立即生效）',
    tags: TAGS,
    access: 'public_user',
    params: idParamsSchema,
    body: z.strictObject({}).optional(),
    response: apiKeySchema,
    handler: ({ em, publicUser, params, now, realNow }) => revokeApiKey(em, publicUser, params.id, now, realNow),
  }),
];
