import type { Request, RequestHandler, Response } from 'express';
import { match, type MatchFunction } from 'path-to-regexp';
import { assertCleanInput, ForbiddenError, UnauthorizedError, ValidationError } from '@govdata/domain';
import { withClientAddress } from '@govdata/core';
import type { AppContext } from '../context';
import { clientInfo } from './auth';
import { validationFromZod } from './problem';
import type { AnyRoute, HandlerContext } from './route';

function parse(schema: AnyRoute['body'], value: unknown, location: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw validationFromZod(result.error, location);
  return result.data;
}

function checkAccess(route: AnyRoute, req: Request): void {
  if (route.access === 'public') return;
  // the open portal's users: their own session only (a staff session is not one)
  if (route.access === 'public_user') {
    if (!req.publicAuth) throw new UnauthorizedError('请先登录开放平台账号（会话不存在或已过期）', 'public_user.login_required');
    return;
  }
  if (!req.auth) throw new UnauthorizedError('请先登录（会话不存在或已过期）', 'auth.required');
  if (route.access === 'authenticated') return;
  const roles = req.auth.actor.roles;
  if (!route.access.some((r) => roles.includes(r))) throw new ForbiddenError('您的角色无权执行此操作', 'auth.role_forbidden');
}

/** A route spec with its path matcher (Express's own: path-to-regexp, case-insensitive, optional trailing slash). */
interface Mounted {
  route: AnyRoute;
  match: MatchFunction<Record<string, string>>;
  handle: (req: Request, res: Response) => Promise<void>;
}

/** Path parameters as Express decodes them (a malformed escape is a 400, not a 500). */
function decodeParam(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    throw new ValidationError(`路径参数编码无效：${value.slice(0, 40)}`, [], 'params.encoding');
  }
}

/** The table's key of a path: its first two segments, lower-cased (`/api/share-requests`). */
function prefixOf(path: string): string {
  const second = path.indexOf('/', 1);
  const third = second < 0 ? -1 : path.indexOf('/', second + 1);
  return (third < 0 ? path : path.slice(0, third)).toLowerCase();
}

/**
 * Turns route specs into one Express handler: the route is found in a table by method and the path's first two
 * segments, then matched among the few routes there in declaration order (bench:api: Express's router tried the ~240
 * routes one by one on every request). Then: access check → parse params, query and body with their schemas → run the
 * handler with a fresh EntityManager (writes in one transaction) → JSON with the declared status.
 */
export function mountRoutes(app: AppContext, routes: AnyRoute[]): RequestHandler {
  const table = new Map<string, Mounted[]>();
  for (const r of routes) {
    const literal = prefixOf(r.path);
    if (literal.includes(':') || literal.includes('*')) throw new Error(`route ${r.path}: the first two path segments must be literal (the dispatch table's key)`);
    const mounted: Mounted = { route: r, match: match(r.path.replace(/\/+$/, '') || '/', { sensitive: false, end: true, trailing: true, decode: decodeParam }), handle: handlerOf(app, r) };
    for (const method of r.method === 'get' ? ['GET', 'HEAD'] : [r.method.toUpperCase()]) {
      const key = `${method} ${literal}`;
      table.set(key, [...(table.get(key) ?? []), mounted]);
    }
  }
  return (req, res, next) => {
    const candidates = table.get(`${req.method} ${prefixOf(req.path)}`);
    if (!candidates) return next();
    for (const m of candidates) {
      const found = m.match(req.path);
      if (!found) continue;
      req.params = found.params;
      // the route's pattern, for the request metrics' label (as Express sets it)
      (req as Request & { route: unknown }).route = { path: m.route.path };
      m.handle(req, res).catch(next);
      return;
    }
    next();
  };
}

function handlerOf(app: AppContext, r: AnyRoute): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    // answers for a logged-in person are theirs alone: never kept by a browser or proxy cache
    if (req.auth || req.publicAuth) res.setHeader('Cache-Control', 'no-store');
    checkAccess(r, req);
    const hasBody = r.method !== 'get' && r.method !== 'delete';
    if (hasBody && r.body && req.headers['content-length'] !== '0' && req.body === undefined && req.headers['content-type']) {
      throw new ValidationError('请求体应为 JSON（Content-Type: application/json）', [], 'unsupported_media_type');
    }
    // control characters and hostile nesting are refused before any schema, query or log sees the values
    assertCleanInput(req.params, 'params');
    assertCleanInput(req.query, 'query');
    if (hasBody) assertCleanInput(req.body, 'body');
    const params = parse(r.params, req.params, 'params');
    const query = parse(r.query, req.query, 'query');
    const body = hasBody ? parse(r.body, req.body ?? {}, 'body') : undefined;
    const em = app.db.fork();
    const auth = req.auth ?? null;
    const base: Omit<HandlerContext<unknown, unknown, unknown>, 'em'> = {
      params,
      query,
      body,
      get actor() {
        if (!auth) throw new UnauthorizedError();
        return auth.actor;
      },
      get auth() {
        if (!auth) throw new UnauthorizedError();
        return auth;
      },
      get publicUser() {
        if (!req.publicAuth) throw new UnauthorizedError('请先登录开放平台账号', 'public_user.login_required');
        return req.publicAuth;
      },
      maybeActor: auth?.actor ?? null,
      now: app.clock.now(),
      realNow: app.realClock.now(),
      app,
      client: clientInfo(req),
      req,
      res,
    };
    const write = r.method !== 'get' && r.transactional !== false;
    // copy the descriptors, not the values: the actor/auth getters must stay lazy
    const withEm = (e: typeof em) => Object.defineProperties({ em: e }, Object.getOwnPropertyDescriptors(base)) as HandlerContext<unknown, unknown, unknown>;
    // audit rows written by this request carry its client address (req.ip: the proxy's client when TRUST_PROXY is set)
    const result = await withClientAddress(base.client.ip, () => (write ? em.transactional((tx) => r.handler(withEm(tx))) : r.handler(withEm(em))));
    if (r.produces || res.headersSent) return;
    if (result === undefined) res.status(r.status ?? 204).end();
    else res.status(r.status ?? 200).json(result);
  };
}

/** The headers a middleware sets on every response, captured once (what helmet would set: the same configuration). */
function staticHeaders(middleware: RequestHandler): [string, string][] {
  const headers: [string, string][] = [];
  const res = { setHeader: (name: string, value: unknown) => void headers.push([name, String(value)]), removeHeader: () => undefined, getHeader: () => undefined, locals: {} };
  middleware({ headers: {}, method: 'GET', url: '/', path: '/' } as unknown as Request, res as unknown as Response, () => undefined);
  return headers;
}

/**
 * The sharing gateway's reads (`GET /gateway/v1/…`) — machine to machine, a bearer token per call, no cookie, no
 * session, no body, small JSON answers — go straight to their routes, before the console's middleware (helmet's
 * eleven handlers, compression, cookies, the CSRF guard, body parsers, session lookup), which did nothing for them
 * and cost more than the lookup itself (bench:gateway). They still get the same security headers (captured once
 * from the same helmet configuration), the request id and log line, the metrics, and the one error mapper.
 */
export function gatewayLane(app: AppContext, routes: AnyRoute[], security: RequestHandler): RequestHandler {
  const lane = mountRoutes(app, routes.filter((r) => r.method === 'get' && r.path.startsWith('/gateway/v1/')));
  const headers = staticHeaders(security);
  return (req, res, next) => {
    if (req.method !== 'GET' || !req.path.startsWith('/gateway/v1/')) return next();
    for (const [name, value] of headers) res.setHeader(name, value);
    lane(req, res, next);
  };
}
