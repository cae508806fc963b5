import type { CookieOptions, RequestHandler } from 'express';
import { authenticatePublic, type PublicAuthenticated } from '@govdata/opendata';
import { SESSION_POLICY } from '@govdata/domain';
import type { AppContext } from '../context';

/**
 * The open portal's session cookie (issue 16 item 3): its own name and path, resolved against its own table. Staff
 * routes read only `req.auth` (the staff cookie), public-user routes only `req.publicAuth`: neither session is ever
 * taken for the other. The path keeps the cookie off every staff route: the browser sends it only under /api/open.
 */
export const PUBLIC_SESSION_COOKIE = 'govdata_open_session';
export const PUBLIC_COOKIE_PATH = '/api/open';

export const publicCookieOptions = (production: boolean): CookieOptions => ({
  httpOnly: true,
  sameSite: 'strict',
  secure: production,
  path: PUBLIC_COOKIE_PATH,
  maxAge: SESSION_POLICY.absoluteHours * 3600_000,
});

declare module 'express-serve-static-core' {
  interface Request {
    publicAuth?: PublicAuthenticated | null;
  }
}

/** Resolves the public session cookie (if any) to `req.publicAuth`, on the open portal's API only. */
export function publicSessionMiddleware(app: AppContext): RequestHandler {
  return async (req, _res, next) => {
    const token: unknown = req.cookies?.[PUBLIC_SESSION_COOKIE];
    req.publicAuth = typeof token === 'string' && token.length > 0 && token.length < 200 ? await authenticatePublic(app.db.fork(), token, app.realClock.now()) : null;
    next();
  };
}
