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

/** A request's route, found and matched: call `run` to serve it. */
interface Resolved {
  route: AnyRoute;
  run: (next: (err?: unknown) => void) => void;
}

/**
 * Route specs as a table: a route is found by method and the path's first two segments, then matched among the few
 * routes there in declaration order (bench:api: Express's router tried the ~240 routes one by one on every request).
 * Serving it: access check → parse params, query and body with their schemas → run the handler with a fresh
 * EntityManager (writes in one transaction) → JSON with the declared status.
 */
export type RouteTable = (req: Request, res: Response) => Resolved | null;

export function routeTable(app: AppContext, routes: AnyRoute[]): RouteTable {
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
  return (req, res) => {
    const candidates = table.get(`${req.method} ${prefixOf(req.path)}`);
    if (!candidates) return null;
    for (const m of candidates) {
      const found = m.match(req.path);
      if (!found) continue;
      return {
        route: m.route,
        run: (next) => {
          req.params = found.params;
          // the route's pattern, for the request metrics' label (as Express sets it)
          (req as Request & { route: unknown }).route = { path: m.route.path };
          m.handle(req, res).catch(next);
        },
      };
    }
    return null;
  };
}

/** The route specs as one Express handler (the table above); a request no route matches goes on. */
export function mountRoutes(resolve: RouteTable): RequestHandler {
  return (req, res, next) => {
    const found = resolve(req, res);
    if (found) found.run(next);
    else next();
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
    const em = req.em ?? app.db.fork();
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
    else if (res.getHeader('Cache-Control') === 'no-store') {
      // an answer no cache keeps needs no ETag (Express's res.json hashes every body for one): written as is
      const body = JSON.stringify(result);
      res.statusCode = r.status ?? 200;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Content-Length', Buffer.byteLength(body));
      res.end(body);
    } else res.status(r.status ?? 200).json(result);
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
 * The read lane: every `GET`/`HEAD` served as JSON by a route spec — the console's lists and pages, the open portal's
 * searches, the sharing gateway's lookups — goes straight to its route from the first middleware, past the layers
 * that do nothing for a read. In their place, the same effects, cheaper:
 * - the security headers, captured once from the same helmet configuration (helmet's eleven middlewares set the same
 *   fixed values on every answer);
 * - compression only when the client accepts it (browsers do; the same `compression()` instance and thresholds);
 * - the session cookie read by the same cookie parser and session middlewares (the staff session on `/api`, the open
 *   portal's on `/api/open`; none on `/gateway/v1`, whose callers send bearer tokens);
 * - no CSRF guard (it passes every safe method) and no body parser (a GET has no body to parse).
 * The request id, log line and metrics are set before it (they are the first middlewares), errors go to the one error
 * mapper, and anything the lane does not serve (writes, downloads, unknown paths, static files) continues through the
 * whole pipeline. bench:api: a list's CPU per request fell by about a quarter (docs/performance.md § API throughput).
 */
export function readLane(resolve: RouteTable, mw: { security: RequestHandler; compression: RequestHandler; cookies: RequestHandler; session: RequestHandler; publicSession: RequestHandler }): RequestHandler {
  const headers = staticHeaders(mw.security);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const path = req.path;
    const api = path.startsWith('/api/');
    if (!api && !path.startsWith('/gateway/v1/')) return next();
    // the route the whole table finds (declaration order decides between `/x/export` and `/x/:id`), served here
    // when it answers JSON
    const found = resolve(req, res);
    if (!found || found.route.produces) return next();
    for (const [name, value] of headers) res.setHeader(name, value);
    // a middleware's own way on: its next, or the error it throws or rejects with (async ones, as Express 5 does)
    const then = (handler: RequestHandler, go: () => void) => {
      try {
        const done = handler(req, res, (e?: unknown) => (e ? next(e) : go())) as unknown;
        if (done instanceof Promise) done.catch(next);
      } catch (e) {
        next(e);
      }
    };
    const serve = () => {
      if (!api) return found.run(next);
      const run = () => found.run(next);
      then(mw.cookies, () => then(mw.session, path.startsWith('/api/open/') ? () => then(mw.publicSession, run) : run));
    };
    if (req.headers['accept-encoding']) then(mw.compression, serve);
    else serve();
  };
}
