import { pipeline } from 'node:stream/promises';
import {
  datasetNameParamsSchema,
  datasetPreviewSchema,
  OPEN_DOWNLOAD_RATE,
  OPEN_PREVIEW_RATE,
  OPEN_PREVIEW_ROWS,
  openDownloadParamsSchema,
  TooManyRequestsError,
  type OpenDownloadFormat,
} from '@govdata/domain';
import { RateWindow } from '@govdata/gateway';
import { DOWNLOAD_CONTENT_TYPES, DownloadAborted, DownloadFileCache, countUsage, downloadFilename, publicData, publicPreview, recordFileSize, writeDownload } from '@govdata/opendata';
import type { AppContext } from '../context';
import { route } from '../http/route';
import { startDownload } from './catalog-files';
import { gatewayState } from './gateway';

const PUBLIC = ['开放：门户（公开）'];

/** The hashing key's stand-in in the cache's file names: a rotated key gives other names (the masked hashes change). */
const CACHE_KEY_PROBE = 'govdata:download-file-cache';

/** The download file cache of an app (one per process), or null when it keeps none. */
const caches = new WeakMap<AppContext, DownloadFileCache | null>();
function downloadCache(app: AppContext): DownloadFileCache | null {
  if (!caches.has(app)) caches.set(app, app.config.downloadCacheDir ? new DownloadFileCache(app.config.downloadCacheDir) : null);
  return caches.get(app) ?? null;
}

/** Per-client rate windows of this process (the gateway's sliding window), one set per app. */
const windows = new WeakMap<AppContext, RateWindow>();
function admit(app: AppContext, kind: 'download' | 'preview', ip: string | null, nowMs: number): void {
  let w = windows.get(app);
  if (!w) windows.set(app, (w = new RateWindow()));
  const perMinute = kind === 'download' ? OPEN_DOWNLOAD_RATE.perMinute : OPEN_PREVIEW_RATE.perMinute;
  const wait = w.take(`${kind}:${ip ?? 'unknown'}`, perMinute, nowMs);
  if (wait > 0) {
    throw new TooManyRequestsError(`${kind === 'download' ? '下载' : '预览'}过于频繁：每个地址每分钟最多 ${perMinute} 次，请 ${wait} 秒后再试`, wait, `opendata.${kind}_rate_limited`);
  }
}

/**
 * 数据下载与预览 (第二十三条, 第二十六条): the live data of 无条件开放 datasets, without login. 依申请开放 answers 403
 * (an application is needed, 第二十四条), a dataset without live data 409. Files stream from the database — or, once a
 * version's file was served in full, from the download file cache — and a download is counted (per dataset and day)
 * when it was served in full.
 */
export const openDownloadRoutes = [
  route({
    method: 'get',
    path: '/api/open/datasets/:name/download.:format',
    summary: '下载开放数据（CSV / XLSX / JSON，免登录，现行版本，按脱敏规则处理）',
    description:
      '仅限无条件开放且已发布数据版本的数据集。涉密信息项和脱敏规则为“删除”的信息项不提供，敏感信息项按脱敏规则处理。CSV 为带 BOM 的 UTF-8（Excel 可直接打开），表头为信息项名称；JSON 为对象数组，键为字段名。依申请开放的数据集返回 403（须提交申请，第二十四条），尚无数据返回 409。每个地址每分钟最多 30 次。',
    tags: PUBLIC,
    access: 'public',
    params: openDownloadParamsSchema,
    produces: 'text/csv',
    transactional: false,
    async handler({ em, params, res, client, realNow, app }) {
      admit(app, 'download', client.ip, realNow.getTime());
      const format = params.format.toUpperCase() as OpenDownloadFormat;
      const data = await publicData(em, params.name);
      startDownload(res, downloadFilename(data, format), DOWNLOAD_CONTENT_TYPES[format]);
      res.setHeader('X-Data-Version', String(data.version.version));
      res.setHeader('X-Data-Rows', String(data.version.rows));
      const counted = async () => countUsage(em, data.datasetId, 'downloads', realNow);
      const cache = downloadCache(app);
      const name = cache?.nameOf(data, format, gatewayState(app).hash(CACHE_KEY_PROBE));
      // the version's file as served before, under the same rules: from disk, its length known
      const cached = cache && name ? await cache.open(name) : null;
      if (cached) {
        res.setHeader('Content-Length', String(cached.size));
        try {
          // the response is ended after counting, as a generated file's is: the count is there when the client has the file
          await pipeline(cached.handle.createReadStream({ highWaterMark: 1 << 20 }), res, { end: false });
        } catch {
          return; // the client went away: nothing served in full, nothing counted
        }
        await counted();
        res.end();
        return;
      }
      const file = cache && name ? cache.writer(name) : null;
      try {
        await writeDownload(
          em,
          data,
          format,
          gatewayState(app).hash,
          res,
          async (served) => {
            await counted();
            await recordFileSize(em, data.version.id, format, served.bytes, served.rows);
            // named before the answer ends: the next download finds it
            await file?.commit().catch((e: unknown) => app.log.error(`下载文件缓存写入失败（${name}）`, e));
          },
          file?.stream,
        );
      } catch (e) {
        file?.discard();
        if (e instanceof DownloadAborted) return;
        // the headers are gone: the client sees a cut-off file rather than a success
        app.log.error(`下载 ${params.name}.${params.format} 中断`, e);
        res.destroy(e as Error);
      }
    },
  }),
  route({
    method: 'get',
    path: '/api/open/datasets/:name/preview',
    summary: '预览开放数据前 20 行（公开的信息项，按脱敏规则处理，与下载文件一致）',
    tags: PUBLIC,
    access: 'public',
    params: datasetNameParamsSchema,
    response: datasetPreviewSchema,
    async handler({ em, params, client, realNow, app }) {
      admit(app, 'preview', client.ip, realNow.getTime());
      return publicPreview(em, params.name, gatewayState(app).hash, OPEN_PREVIEW_ROWS);
    },
  }),
];
