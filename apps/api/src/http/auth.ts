import type { CookieOptions, RequestHandler } from 'express';
import type { EntityManager } from '@mikro-orm/knex';
import { authenticate, type Authenticated, type ClientInfo } from '@govdata/core';
import { SESSION_POLICY } from '@govdata/domain';
import type { AppContext } from '../context';

export const SESSION_COOKIE = 'govdata_session';

export const sessionCookieOptions = (production: boolean): CookieOptions => ({
  httpOnly: true,
  sameSite: 'strict',
  secure: production,
  path: '/',
  maxAge: SESSION_POLICY.absoluteHours * 3600_000,
});

declare module 'express-serve-static-core' {
  interface Request {
    auth?: Authenticated | null;
    /** the request's EntityManager, forked by the session lookup and then the handler's (one fork a request) */
    em?: EntityManager;
  }
}

export const clientInfo = (req: { ip?: string; headers: { 'user-agent'?: string } }): ClientInfo => ({
  ip: req.ip ?? null,
  userAgent: req.headers['user-agent'] ?? null,
});

/** Resolves the session cookie (if any) to `req.auth`; routes decide whether they need it. */
export function sessionMiddleware(app: AppContext): RequestHandler {
  return async (req, _res, next) => {
    // health probes never need a session, and must answer while the database (where sessions live) is down
    // (mounted on /api, or called by the read lane at the top: the path from the root either way)
    const path = req.baseUrl + req.path;
    if (path === '/api/health' || path.startsWith('/api/health/')) {
      req.auth = null;
      return next();
    }
    const token: unknown = req.cookies?.[SESSION_COOKIE];
    if (typeof token !== 'string' || token.length === 0 || token.length >= 200) {
      req.auth = null;
      return next();
    }
    req.em = app.db.fork();
    req.auth = await authenticate(req.em, token, app.realClock.now());
    next();
  };
}
