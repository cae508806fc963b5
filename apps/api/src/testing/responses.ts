import type request from 'supertest';
import { expect } from 'vitest';

/** A problem+json answer with `status`, a Chinese detail a person can act on, and (optionally) words it must name. */
export function expectProblem(res: { status: number; headers: Record<string, string>; body: { detail?: string } }, status: number, text?: RegExp): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body.detail).toMatch(/[\u4e00-\u9fff]/);
  if (text) expect(res.body.detail).toMatch(text);
}

/** Binary bodies (XLSX, PDF) as a Buffer through supertest: `.buffer(true).parse(binary)`. */
export const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void): void => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};
