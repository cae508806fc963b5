import type { Request, Response } from 'express';
import { PayloadTooLargeError, ValidationError } from '@govdata/domain';

/** `attachment; filename="…"; filename*=UTF-8''…` — a Chinese file name for browsers, an ASCII one for the rest (RFC 6266, RFC 5987). */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function sendFile(res: Response, file: { content: Buffer; mimeType: string; fileName: string; asciiName: string }): void {
  res.status(200);
  res.setHeader('Content-Type', file.mimeType);
  res.setHeader('Content-Disposition', contentDisposition(file.fileName, file.asciiName));
  res.setHeader('Content-Length', String(file.content.length));
  res.setHeader('Cache-Control', 'private, no-store');
  res.end(file.content);
}

/**
 * Reads a raw upload (the request body is the file itself, its type in Content-Type) up to `maxBytes`. JSON bodies
 * are parsed before routing, so a JSON request is refused here: files are not sent as base64 JSON.
 */
export async function readUpload(req: Request, maxBytes: number): Promise<{ content: Buffer; mimeType: string }> {
  const mimeType = (req.headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim().toLowerCase();
  const tooLarge = () => new PayloadTooLargeError(`附件不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB，请压缩或拆分后上传`, 'notice.attachment_too_large');
  if (req.body !== undefined || mimeType === 'application/json') {
    throw new ValidationError('请直接以文件内容作为请求体上传（Content-Type 为文件类型，文件名放在 name 参数中）', [], 'notice.attachment_format');
  }
  // refused on the declared length before a byte is read; a body that runs past the limit stops being read there
  // (the 413 closes the connection rather than draining the rest, http/problem.ts)
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return { content: Buffer.concat(chunks), mimeType };
}
