import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type Request, type Response } from 'express';
import { ValidationError } from '@govdata/domain';
import { DCAT_FORMATS, catalogTriples, datasetTriplesOf, type DcatFormat } from '@govdata/opendata';
import type { AppContext } from '../context';
import { siteUrl } from './ckan';
import { precompressed } from './precompressed';

const defaultPortalDist = path.resolve(import.meta.dirname, '../../../portal/dist');
const isFormat = (f: string): f is DcatFormat => Object.hasOwn(DCAT_FORMATS, f);

function pageOf(req: Request): number {
  const raw = req.query.page;
  if (raw === undefined) return 1;
  const n = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(n) || n < 1 || n > 100_000) throw new ValidationError('page 应为从 1 开始的整数', [{ path: 'page', message: 'page 应为从 1 开始的整数' }]);
  return n;
}

/**
 * The public open-data site under /open/: the DCAT-AP catalog (`/open/catalog.ttl|jsonld|rdf`, paged), each dataset
 * as DCAT at its own URL (`/open/datasets/<name>.ttl|jsonld|rdf`), and the portal app (apps/portal) for people.
 */
export function mountOpen(app: Express, ctx: AppContext): void {
  const send = (res: Response, format: DcatFormat, body: string) => {
    res.setHeader('Content-Type', DCAT_FORMATS[format].type);
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.send(body);
  };
  app.get('/open/catalog.:format', (req, res, next) => {
    const format = String(req.params.format);
    if (!isFormat(format)) return next();
    void (async () => send(res, format, DCAT_FORMATS[format].write(await catalogTriples(ctx.db.fork(), siteUrl(req), pageOf(req), format))))().catch(next);
  });
  app.get('/open/datasets/:file', (req, res, next) => {
    const m = /^([a-z0-9_-]{2,100})\.(ttl|jsonld|rdf)$/.exec(String(req.params.file));
    if (!m) return next();
    const format = m[2] as DcatFormat;
    void (async () => send(res, format, DCAT_FORMATS[format].write(await datasetTriplesOf(ctx.db.fork(), siteUrl(req), m[1]))))().catch(next);
  });

  const dist = ctx.config.portalDist ?? defaultPortalDist;
  if (fs.existsSync(path.join(dist, 'index.html'))) {
    app.use('/open/assets', precompressed(path.join(dist, 'assets')));
    app.use('/open/assets', express.static(path.join(dist, 'assets'), { index: false, maxAge: '365d', immutable: true }));
    const index = path.join(dist, 'index.html');
    app.get(['/open', '/open/*splat'], (req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  }
}
