import type { Request, RequestHandler } from 'express';
import { ForbiddenError } from '@govdata/domain';
import { SESSION_COOKIE } from './auth';
import { PUBLIC_SESSION_COOKIE } from './public-auth';

/** requests that open a session: guarded although they carry no cookie yet (login CSRF) */
const SESSION_OPENERS = new Set(['/api/auth/login', '/api/open/account/login', '/api/open/account/register']);

/** The header the SPA sends with every request; a cross-site form or `text/plain` post cannot set it. */
export const CLIENT_HEADER = 'x-requested-with';
export const CLIENT_HEADER_VALUE = 'govdata';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** the content types a browser sends cross-site without asking first (CORS "simple" requests) */
const SIMPLE_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

function ownOrigin(req: Request): string | null {
  const host = req.get('host');
  return host ? `${req.protocol}://${host}` : null;
}

/**
 * Cross-site request forgery guard (issue 13 item 5, docs/security.md). The session cookie is SameSite=Strict
 * already; this is the second line. A state-changing request that carries the session cookie (or logs in) must
 * - come from this site: an `Origin` header, when present, is this server's origin or one of
 *   GOVDATA_ALLOWED_ORIGINS, and `Sec-Fetch-Site`, when present, is not `cross-site`;
 * - be something a foreign page cannot send without a CORS preflight (which this API never grants): a JSON body,
 *   another non-form content type (the raw .xlsx uploads), or the SPA's `X-Requested-With: govdata` header.
 * Requests without the cookie (the gateway's machine clients, health probes) are not the browser's and pass.
 */
export function csrfGuard(options: { allowedOrigins: readonly string[] }): RequestHandler {
  const allowed = new Set(options.allowedOrigins.map((o) => o.replace(/\/+$/, '').toLowerCase()));
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const hasSession = typeof req.cookies?.[SESSION_COOKIE] === 'string' || typeof req.cookies?.[PUBLIC_SESSION_COOKIE] === 'string';
    if (!hasSession && !SESSION_OPENERS.has(`${req.baseUrl}${req.path}`)) return next();

    const refuse = (detail: string) => next(new ForbiddenError(`${detail}。请在平台页面内操作；如确有需要，请联系平台运维配置 GOVDATA_ALLOWED_ORIGINS`, 'csrf.refused'));
    if (req.get('sec-fetch-site') === 'cross-site') return refuse('拒绝来自其他网站的请求');
    const origin = req.get('origin');
    if (origin !== undefined) {
      const o = origin.toLowerCase();
      if (o !== ownOrigin(req)?.toLowerCase() && !allowed.has(o)) return refuse(`拒绝来自其他来源（${origin.slice(0, 100)}）的请求`);
    }
    const type = (req.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    const fromClient = req.get(CLIENT_HEADER)?.toLowerCase() === CLIENT_HEADER_VALUE;
    if (!fromClient && (type === '' || SIMPLE_TYPES.has(type))) return refuse('修改数据的请求须为 JSON（Content-Type: application/json）或由平台页面发出');
    next();
  };
}
