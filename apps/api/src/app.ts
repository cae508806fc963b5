import fs from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import swaggerUi from 'swagger-ui-express';
import { NotFoundError } from '@govdata/domain';
import type { AppContext } from './context';
import { sessionMiddleware } from './http/auth';
import { publicSessionMiddleware } from './http/public-auth';
import { mountCkan } from './http/ckan';
import { csrfGuard } from './http/csrf';
import { mountRoutes, readLane, routeTable } from './http/mount';
import { mountOpen } from './http/open';
import { precompressed } from './http/precompressed';
import { buildOpenApi } from './http/openapi';
import { errorMapper } from './http/problem';
import { requestBegins, requestLogging } from './http/logging';
import { installMetrics, METRICS_PATH } from './http/metrics';
import { mountQueueDashboard } from './jobs/dashboard';
import type { AnyRoute } from './http/route';
import { allRoutes } from './routes';

const defaultAdminDist = path.resolve(import.meta.dirname, '../../admin/dist');

/** Builds the HTTP application; listening and shutdown are main.ts's business. */
export function createApp(ctx: AppContext, routes: AnyRoute[] = allRoutes): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLogging(ctx.log));
  const metrics = installMetrics(app, ctx);
  const begin = requestBegins(ctx.log);
  if (ctx.config.trustProxy) app.set('trust proxy', ctx.config.trustProxy);
  const security = helmet({
    contentSecurityPolicy: {
      directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:', 'blob:'], 'upgrade-insecure-requests': null },
    },
    strictTransportSecurity: ctx.config.production,
  });
  // gzip or brotli for JSON, the SPA's scripts and styles (compressible types above 1 KB; files like XLSX and DOCX are zips already)
  const compress = compression();
  const cookies = cookieParser();
  const session = sessionMiddleware(ctx);
  const publicSession = publicSessionMiddleware(ctx);
  const table = routeTable(ctx, routes);
  app.use(security);
  app.use(compress);
  app.use(cookies);
  // the OAuth token endpoint takes a form (RFC 6749 §4.4.2)
  app.use('/api/oauth/token', express.urlencoded({ extended: false, limit: '8kb' }));
  app.use('/api', csrfGuard({ allowedOrigins: ctx.config.allowedOrigins }));
  app.use('/api', express.json({ limit: ctx.config.bodyLimit, strict: true }));
  // a department system's JSON posts to the gateway (纠错, 第十七条); bearer tokens, no session, no cookies
  app.use('/gateway/v1', express.json({ limit: '64kb', strict: true }));
  app.use('/api', session);
  // the open portal's own sessions (public users), on its API only
  app.use('/api/open', publicSession);
  // Prometheus's conventional path; the operator's token or a bureau admin's session (docs/operations.md)
  app.get(METRICS_PATH, sessionMiddleware(ctx), metrics.scrape);

  const openapi = buildOpenApi(routes, ctx.version);
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use('/api/docs', swaggerUi.serve, swaggerUi.setup(undefined, { swaggerOptions: { url: '/api/openapi.json' }, customSiteTitle: 'govdata API 文档' }));

  app.use(mountRoutes(table));
  mountCkan(app, ctx);
  mountOpen(app, ctx);
  mountQueueDashboard(app, ctx);
  app.use('/api', (req) => {
    throw new NotFoundError(`接口不存在：${req.method} ${req.originalUrl}`, 'route.not_found');
  });

  const dist = ctx.config.adminDist ?? defaultAdminDist;
  if (fs.existsSync(path.join(dist, 'index.html'))) {
    // hashed build output never changes under its name: cache it for a year; anything else (favicon) for an hour
    // the build's .br/.gz beside each file when the browser takes them, else the file (compressed on the fly)
    app.use('/assets', precompressed(path.join(dist, 'assets')));
    app.use('/assets', express.static(path.join(dist, 'assets'), { index: false, maxAge: '365d', immutable: true }));
    // a file of an older build is gone: a 404, never index.html in its place
    app.use('/assets', (req) => {
      throw new NotFoundError(`文件不存在：/assets${req.path}（管理端可能已更新，请刷新页面）`, 'asset.not_found');
    });
    app.use(express.static(dist, { index: false, maxAge: '1h' }));
    // history fallback: every other GET is a page of the SPA; index.html names the current hashed files, so the
    // browser revalidates it on every visit
    app.get(/^(?!\/api\/).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(dist, 'index.html'));
    });
  } else {
    app.get('/', (_req, res) => {
      res.type('text/plain; charset=utf-8').send('管理端尚未构建：请运行 npm start（会自动构建）或 npm run build。\nThe admin SPA is not built: run npm start or npm run build.');
    });
  }

  const mapError = errorMapper((msg, err) => ctx.log.error(msg, err), { production: ctx.config.production });
  app.use(mapError);
  // reads answered by a route spec are taken before Express's router, past the layers that do nothing for them (mount.ts)
  const lane = readLane(app, table, { security, compression: compress, cookies, session }, {
    begin: (req, res) => {
      begin(req, res);
      metrics.track(req, res);
    },
    fail: (err, req, res) => mapError(err, req, res, () => res.destroy()),
  });
  // Express's own entry (the app function calls app.handle): the lane first, then the router
  const routed = app as Express & { handle: (req: Request, res: Response, next?: NextFunction) => void };
  const handle = routed.handle.bind(app);
  routed.handle = (req, res, next) => {
    if (!lane(req, res)) handle(req, res, next);
  };
  return app;
}
