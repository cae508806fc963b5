import { z } from 'zod';
import { type Authenticated, login, logout, revokeSessions } from '@govdata/core';
import { loginSchema, meSchema, okSchema, type Me } from '@govdata/domain';
import { SESSION_COOKIE, sessionCookieOptions } from '../http/auth';
import { route } from '../http/route';

const me = (a: Authenticated): Me => a.user;

export const authRoutes = [
  route({
    method: 'post',
    path: '/api/auth/login',
    summary: '登录',
    description: '成功时设置 HttpOnly、SameSite=Strict 的会话 Cookie。同一用户名或来源地址多次失败后暂时锁定（429，Retry-After）。',
    tags: ['认证'],
    access: 'public',
    body: loginSchema,
    response: meSchema,
    // failed attempts must be recorded even though the request fails
    transactional: false,
    async handler({ em, body, client, now, realNow, res, app }) {
      const { token, authenticated } = await login(em, body, client, { now, real: realNow });
      res.cookie(SESSION_COOKIE, token, sessionCookieOptions(app.config.production));
      return me(authenticated);
    },
  }),
  route({
    method: 'get',
    path: '/api/auth/me',
    summary: '当前用户',
    tags: ['认证'],
    access: 'authenticated',
    response: meSchema,
    async handler({ auth }) {
      return me(auth);
    },
  }),
  route({
    method: 'post',
    path: '/api/auth/logout',
    summary: '退出登录',
    tags: ['认证'],
    access: 'authenticated',
    body: z.strictObject({}).optional(),
    response: okSchema,
    async handler({ em, auth, client, now, realNow, res, app }) {
      await logout(em, auth, client, { now, real: realNow });
      res.clearCookie(SESSION_COOKIE, { ...sessionCookieOptions(app.config.production), maxAge: undefined });
      return { ok: true as const };
    },
  }),
  route({
    method: 'post',
    path: '/api/auth/logout-everywhere',
    summary: '退出所有设备',
    tags: ['认证'],
    access: 'authenticated',
    body: z.strictObject({}).optional(),
    response: okSchema,
    async handler({ em, auth, realNow, res, app }) {
      await revokeSessions(em, auth.actor.userId, realNow);
      res.clearCookie(SESSION_COOKIE, { ...sessionCookieOptions(app.config.production), maxAge: undefined });
      return { ok: true as const };
    },
  }),
];
