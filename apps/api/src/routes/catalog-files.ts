import type { Request, Response } from 'express';
import { catalogTemplate, exportCatalog, importCatalog, previewImport, XLSX_MIME } from '@govdata/catalog';
import { importPreviewSchema, importQuerySchema, importResultSchema, PayloadTooLargeError, ValidationError } from '@govdata/domain';
import { z } from 'zod';
import { route } from '../http/route';

/** Uploads are at most 10 MB — well above a department's catalog (≈ 1 MB for 2,000 resources). */
export const UPLOAD_LIMIT = 10 * 1024 * 1024;

export function sendFile(res: Response, filename: string, type: string, body: Buffer): void {
  startDownload(res, filename, type);
  res.end(body);
}

/** The headers of a download whose body follows (at once, or streamed by the caller, who ends the response). */
export function startDownload(res: Response, filename: string, type: string): void {
  res.status(200);
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Disposition', `attachment; filename="download${filename.slice(filename.lastIndexOf('.'))}"; filename*=UTF-8''${encodeURIComponent(filename)}`);
  res.setHeader('Cache-Control', 'no-store');
}

/**
 * Reads an uploaded .xlsx sent as the raw request body (Content-Type
 * application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, or application/octet-stream). The global JSON
 * parser (1 MB) does not touch it; this reader has its own 10 MB limit.
 */
export async function readUpload(req: Request, limit = UPLOAD_LIMIT): Promise<Buffer> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== XLSX_MIME && type !== 'application/octet-stream') {
    throw new ValidationError(`请以请求体直接上传 .xlsx 文件（Content-Type: ${XLSX_MIME}）`, [], 'catalog.upload_type');
  }
  const tooLarge = () => new PayloadTooLargeError(`上传文件超过 ${limit / 1024 / 1024} MB 上限，请拆分后分批导入`, 'catalog.upload_too_large');
  // refused on the declared length before a byte is read; past the limit reading stops (the 413 closes the connection)
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const tags = ['资源目录 Excel'];
const exportQuery = z.object({ departmentId: z.coerce.number().int().positive().optional() });
const uploadDescription = `请求体为 .xlsx 文件本身（Content-Type: ${XLSX_MIME}），上限 10 MB。`;

export const catalogFileRoutes = [
  route({
    method: 'get',
    path: '/api/catalog/excel/template.xlsx',
    summary: '下载资源目录导入模板',
    tags,
    access: 'authenticated',
    produces: XLSX_MIME,
    async handler({ res }) {
      sendFile(res, '政务数据资源目录导入模板.xlsx', XLSX_MIME, await catalogTemplate());
    },
  }),
  route({
    method: 'get',
    path: '/api/catalog/excel/export.xlsx',
    summary: '导出本部门资源目录（可修改后重新导入）',
    description: '部门导出本部门维护的资源（含牵头的库）；平台管理员可指定 departmentId，不指定则导出全市。',
    tags,
    access: 'authenticated',
    query: exportQuery,
    produces: XLSX_MIME,
    async handler({ em, actor, query, res, now }) {
      const { filename, buffer } = await exportCatalog(em, actor, query.departmentId, now);
      sendFile(res, filename, XLSX_MIME, buffer);
    },
  }),
  route({
    method: 'post',
    path: '/api/catalog/excel/preview',
    summary: '预览导入：逐行校验，列出新增、修改、未变和有误的行（不保存）',
    description: uploadDescription,
    tags,
    access: ['bureau_admin', 'dept_admin'],
    query: importQuerySchema,
    response: importPreviewSchema,
    transactional: false,
    async handler({ em, actor, query, req, now }) {
      return previewImport(em, actor, await readUpload(req), { departmentId: query.departmentId }, now);
    },
  }),
  route({
    method: 'post',
    path: '/api/catalog/excel/import',
    summary: '导入资源目录（新增或修改）',
    description: `${uploadDescription} 任一行有误则不保存任何数据（400，列出每处问题的工作表、行、列）；validOnly=true 时只导入无误的行。`,
    tags,
    access: ['bureau_admin', 'dept_admin'],
    query: importQuerySchema,
    response: importResultSchema,
    transactional: false,
    async handler({ em, actor, query, req, now }) {
      const file = await readUpload(req);
      return em.transactional((tx) => importCatalog(tx, actor, file, query, now));
    },
  }),
];
