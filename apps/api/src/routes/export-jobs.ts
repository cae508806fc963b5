import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { requestReleaseExport } from '@govdata/catalog';
import { EXPORT_JOBS_JOB, exportJobDto, listOwnExportJobs, loadExportJobFor, openExportFile } from '@govdata/core';
import { exportJobCreatedSchema, exportJobListSchema, exportJobQuerySchema, exportJobSchema, idParamsSchema, releaseExportInputSchema } from '@govdata/domain';
import { route } from '../http/route';
import { startDownload } from './catalog-files';

const TAGS = ['导出任务'];

/**
 * Long exports as jobs (issue 19, finding 1): the request queues the job and answers 202 at once; the job runs off the
 * request (in this process without Redis, in a scheduler worker with it), and its file is downloaded when done.
 */
export const exportJobRoutes = [
  route({
    method: 'post',
    path: '/api/catalog/releases/:id/exports',
    summary: '导出发布版本（后台任务）：XLSX（目录编制指南格式，用于向省级平台备案）或 JSON',
    description:
      '立即返回 202 与任务编号 jobId；导出在后台按页（每页 500 个资源）进行，进度见 GET /api/export-jobs/{jobId}，完成后由发起人（或平台管理员）在 7 天内下载。较小的版本也可直接下载 export.xlsx / export.json。',
    tags: ['目录发布', ...TAGS],
    access: 'authenticated',
    params: idParamsSchema,
    body: releaseExportInputSchema,
    response: exportJobCreatedSchema,
    status: 202,
    // the job must see the committed row: the transaction ends before the runner is started
    transactional: false,
    async handler({ em, actor, params, body, now, app }) {
      const created = await em.transactional((tx) => requestReleaseExport(tx, actor, params.id, body.format, now));
      app.jobs.kick(EXPORT_JOBS_JOB);
      return created;
    },
  }),
  route({
    method: 'get',
    path: '/api/export-jobs',
    summary: '我发起的导出任务（最近 20 项，可按类型和导出对象筛选）',
    tags: TAGS,
    access: 'authenticated',
    query: exportJobQuerySchema,
    response: exportJobListSchema,
    handler: ({ em, actor, query }) => listOwnExportJobs(em, actor, query),
  }),
  route({
    method: 'get',
    path: '/api/export-jobs/:id',
    summary: '导出任务的状态与进度',
    description: 'status：queued 排队中 · running 正在导出 · done 已完成 · failed 导出失败（error 说明原因）· expired 文件已过保留期被清理。仅发起人和平台管理员可查看。',
    tags: TAGS,
    access: 'authenticated',
    params: idParamsSchema,
    response: exportJobSchema,
    handler: async ({ em, actor, params }) => exportJobDto(await loadExportJobFor(em, actor, params.id)),
  }),
  route({
    method: 'get',
    path: '/api/export-jobs/:id/download',
    summary: '下载导出任务的文件',
    description:
      '仅发起人和平台管理员可下载。尚未完成或导出失败时返回 409，文件已过保留期时返回 410（均为 application/problem+json）。JSON 文件以 gzip 压缩保存：请求头含 Accept-Encoding: gzip 时按 Content-Encoding: gzip 发送（浏览器自动解压），否则解压后发送。',
    tags: TAGS,
    access: 'authenticated',
    params: idParamsSchema,
    produces: 'application/octet-stream',
    async handler({ em, actor, params, req, res }) {
      const job = await loadExportJobFor(em, actor, params.id);
      const file = await openExportFile(job);
      startDownload(res, job.fileName, job.contentType);
      // a file stored gzipped goes as it is to a client that accepts gzip (the compression middleware leaves an
      // encoded answer alone), decoded here for one that does not
      const sendGzipped = file.encoding === 'gzip' && req.acceptsEncodings('gzip') === 'gzip';
      if (file.encoding === 'gzip') res.setHeader('Vary', 'Accept-Encoding');
      if (sendGzipped) res.setHeader('Content-Encoding', 'gzip');
      res.setHeader('Content-Length', String(file.encoding === 'gzip' && !sendGzipped ? (job.size ?? 0) : file.size));
      try {
        if (file.encoding === 'gzip' && !sendGzipped) await pipeline(file.stream, zlib.createGunzip(), res);
        else await pipeline(file.stream, res);
      } catch {
        // the client went away
      }
    },
  }),
];
