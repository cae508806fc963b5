import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Express, Request, RequestHandler, Response } from 'express';
import { match, type MatchFunction } from 'path-to-regexp';
import { assertCleanInput, ForbiddenError, UnauthorizedError, ValidationError, type Actor } from '@govdata/domain';
import type { EntityManager } from '@mikro-orm/knex';
import { withClientAddress, type Authenticated, type ClientInfo } from '@govdata/core';
import type { PublicAuthenticated } from '@govdata/opendata';
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
 * A request's route, found and matched: call `run` to serve it. A class, so that serving a request makes no
 * function: under tsx (how the platform runs) every named closure made per call is wrapped to keep its name, which
 * costs a property definition and leaves the call sites slow (docs/performance.md § Closures on hot paths).
 */
class Resolved {
  constructor(
    private readonly mounted: Mounted,
    private readonly params: Record<string, string>,
  ) {}
  get route(): AnyRoute {
    return this.mounted.route;
  }
  run(req: Request, res: Response, next: (err?: unknown) => void): void {
    req.params = this.params;
    // the route's pattern, for the request metrics' label (as Express sets it)
    (req as Request & { route: unknown }).route = { path: this.mounted.route.path };
    this.mounted.handle(req, res).catch(next);
  }
}

/**
 * Route specs as a table: a route is found by method and the path's first two segments, then matched among the few
 * routes there in declaration order (bench:api: Express's router tried the ~240 routes one by one on every request).
 * Serving it: access check → parse params, query and body with their schemas → run the handler with a fresh
 * EntityManager (writes in one transaction) → JSON with the declared status.
 */
export type RouteTable = (req: Pick<Request, 'method' | 'path'>) => Resolved | null;

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
  return (wanted) => {
    const candidates = table.get(`${wanted.method} ${prefixOf(wanted.path)}`);
    if (!candidates) return null;
    for (const m of candidates) {
      const found = m.match(wanted.path);
      if (!found) continue;
      return new Resolved(m, found.params as Record<string, string>);
    }
    return null;
  };
}

/** The route specs as one Express handler (the table above); a request no route matches goes on. */
export function mountRoutes(resolve: RouteTable): RequestHandler {
  return (req, res, next) => {
    const found = resolve(req);
    if (found) found.run(req, res, next);
    else next();
  };
}

/**
 * A handler's context: the request's values, and `actor`, `auth` and `publicUser`, which refuse with a 401 when read
 * without the session they need (lazily: a public route reads `maybeActor`). One class, so every request's context
 * has the same shape.
 */
class RequestContext implements HandlerContext<unknown, unknown, unknown> {
  readonly now: Date;
  readonly realNow: Date;
  readonly maybeActor: Actor | null;
  constructor(
    readonly em: EntityManager,
    readonly params: unknown,
    readonly query: unknown,
    readonly body: unknown,
    private readonly session: Authenticated | null,
    readonly req: Request,
    readonly res: Response,
    readonly app: AppContext,
    readonly client: ClientInfo,
  ) {
    this.now = app.clock.now();
    this.realNow = app.realClock.now();
    this.maybeActor = session?.actor ?? null;
  }
  get actor(): Actor {
    if (!this.session) throw new UnauthorizedError();
    return this.session.actor;
  }
  get auth(): Authenticated {
    if (!this.session) throw new UnauthorizedError();
    return this.session;
  }
  get publicUser(): PublicAuthenticated {
    if (!this.req.publicAuth) throw new UnauthorizedError('请先登录开放平台账号', 'public_user.login_required');
    return this.req.publicAuth;
  }
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
    const client = clientInfo(req);
    const write = r.method !== 'get' && r.transactional !== false;
    const session = req.auth ?? null;
    // audit rows written by this request carry its client address (req.ip: the proxy's client when TRUST_PROXY is set)
    const result = await withClientAddress(client.ip, () =>
      write
        ? em.transactional((tx) => r.handler(new RequestContext(tx, params, query, body, session, req, res, app, client)))
        : r.handler(new RequestContext(em, params, query, body, session, req, res, app, client)),
    );
    if (r.produces || res.headersSent) return;
    // Node's API from here on: in the read lane `res` is Node's own response (readLane)
    if (result === undefined) {
      res.statusCode = r.status ?? 204;
      res.end();
    } else if (res.getHeader('Cache-Control') === 'no-store' || typeof (res as Partial<Response>).json !== 'function') {
      // an answer no cache keeps needs no ETag (Express's res.json hashes every body for one): written as is
      // encoded once: its length is the Buffer's, and the socket writes it as is (a string is measured, then encoded again)
      const body = Buffer.from(JSON.stringify(result));
      res.statusCode = r.status ?? 200;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Content-Length', body.length);
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

/** What the lane does around a request that Express's first middlewares do: the request id, the log line, the metrics. */
export interface LaneHooks {
  /** the request id and its header, the log line and the latency metric when the answer is finished */
  begin: (req: Request, res: Response) => void;
  /** the one error mapper */
  fail: (err: unknown, req: Request, res: Response) => void;
}

/**
 * The read lane: every `GET`/`HEAD` served as JSON by a route spec — the console's lists and pages, the sharing
 * gateway's lookups — is taken before Express and goes straight to its route, past the layers that do nothing for a
 * read. The request and response stay Node's own objects (Express's prototypes, swapped onto them for every request,
 * cost a sixth of a list's CPU in bench:api): the lane sets the fields Express would (`path`, `query`, `ip`,
 * `originalUrl`, `baseUrl`, `params`, `route`, `res.locals`), and what a lane route, a middleware it uses and the error
 * mapper call on them is Node's API. In place of the layers it skips, the same effects, cheaper:
 * - the request id, log line and latency metric of the first middlewares (`hooks.begin`);
 * - the security headers, captured once from the same helmet configuration (helmet's eleven middlewares set the same
 *   fixed values on every answer);
 * - compression only when the client accepts it (browsers do; the same `compression()` instance and thresholds);
 * - the session cookie read by the same cookie parser and session middleware (the staff session on `/api`; none on
 *   `/gateway/v1`, whose callers send bearer tokens);
 * - no CSRF guard (it passes every safe method) and no body parser (a GET has no body to parse).
 * Errors go to the one error mapper. Anything the lane does not serve — writes, downloads, the open portal's API
 * (its own session, cacheable public answers), unknown paths, static files — goes through Express's whole pipeline.
 */
export function readLane(app: Express, resolve: RouteTable, mw: { security: RequestHandler; compression: RequestHandler; cookies: RequestHandler; session: RequestHandler }, hooks: LaneHooks): (req: IncomingMessage, res: ServerResponse) => boolean {
  const headers = staticHeaders(mw.security);
  // the client address as Express's `req.ip` gives it: its own getter, with the app's `trust proxy` setting
  const expressIp = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(app.request) as object, 'ip')?.get;
  if (!expressIp) throw new Error("Express's request has no `ip` getter");
  return (raw, rawRes) => {
    if (raw.method !== 'GET' && raw.method !== 'HEAD') return false;
    const url = raw.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const api = path.startsWith('/api/');
    if (api ? path.startsWith('/api/open/') : !path.startsWith('/gateway/v1/')) return false;
    // the route the whole table finds (declaration order decides between `/x/export` and `/x/:id`), served here
    // when it answers JSON to a session (the gateway's lookups: to a bearer token)
    const found = resolve({ method: raw.method, path });
    if (!found || found.route.produces || (api && found.route.access === 'public')) return false;
    const fields = raw as IncomingMessage & { path: string; baseUrl: string; originalUrl: string; query: unknown; ip: string | undefined };
    fields.path = path;
    fields.baseUrl = '';
    fields.originalUrl = url;
    fields.query = parseQuery(q < 0 ? '' : url.slice(q + 1));
    fields.ip = expressIp.call({ app, headers: raw.headers, socket: raw.socket, connection: raw.socket }) as string | undefined;
    (rawRes as ServerResponse & { locals: Record<string, unknown> }).locals = Object.create(null) as Record<string, unknown>;
    const req = raw as unknown as Request;
    const res = rawRes as unknown as Response;
    hooks.begin(req, res);
    for (const [name, value] of headers) res.setHeader(name, value);
    const lane = new LaneRequest(req, res, found, api, mw, hooks);
    if (req.headers['accept-encoding']) lane.compressed();
    else lane.serve();
    return true;
  };
}

/**
 * One request in the lane: the middlewares it passes, in order — compression when accepted, then on `/api` the
 * cookie parser and the session, then the route. Methods, not closures made per request (see Resolved).
 */
class LaneRequest {
  constructor(
    private readonly req: Request,
    private readonly res: Response,
    private readonly found: Resolved,
    private readonly api: boolean,
    private readonly mw: { compression: RequestHandler; cookies: RequestHandler; session: RequestHandler },
    private readonly hooks: LaneHooks,
  ) {}
  fail(e?: unknown): void {
    this.hooks.fail(e, this.req, this.res);
  }
  compressed(): void {
    this.then(this.mw.compression, 1);
  }
  serve(): void {
    if (this.api) this.then(this.mw.cookies, 2);
    else this.run();
  }
  run(): void {
    this.found.run(this.req, this.res, (e?: unknown) => this.fail(e));
  }
  /** Runs a middleware, then the step after it: 1 serve, 2 the session, 3 the route. */
  private then(handler: RequestHandler, after: 1 | 2 | 3): void {
    // a middleware's own way on: its next, or the error it throws or rejects with (async ones, as Express 5 does)
    try {
      const done = handler(this.req, this.res, (e?: unknown) => (e ? this.fail(e) : after === 1 ? this.serve() : after === 2 ? this.then(this.mw.session, 3) : this.run())) as unknown;
      if (done instanceof Promise) done.catch((e: unknown) => this.fail(e));
    } catch (e) {
      this.fail(e);
    }
  }
}
