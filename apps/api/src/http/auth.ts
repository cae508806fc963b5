import type { CookieOptions, RequestHandler } from 'express';
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
  }
}

export const clientInfo = (req: { ip?: string; get(name: string): string | undefined }): ClientInfo => ({
  ip: req.ip ?? null,
  userAgent: req.get('user-agent') ?? null,
});

/** Resolves the session cookie (if any) to `req.auth`; routes decide whether they need it. */
export function sessionMiddleware(app: AppContext): RequestHandler {
  return async (req, _res, next) => {
    // health probes never need a session, and must answer while the database (where sessions live) is down
    if (req.path === '/health' || req.path.startsWith('/health/')) {
      req.auth = null;
      return next();
    }
    const token: unknown = req.cookies?.[SESSION_COOKIE];
    req.auth = typeof token === 'string' && token.length > 0 && token.length < 200 ? await authenticate(app.db.fork(), token, app.realClock.now()) : null;
    next();
  };
}
