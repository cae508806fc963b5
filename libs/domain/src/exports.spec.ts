import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, GoneError } from './errors';
import { assertExportDownloadable, assertMayReadExportJob, exportExpiry, exportPercent, exportStaleBefore, EXPORT_STALE_MS, releaseExportInputSchema, releaseExportTotal } from './exports';

describe('export job rules', () => {
  it('a job is its requester’s; the bureau sees every one', () => {
    const job = { requestedById: 7 };
    expect(() => assertMayReadExportJob({ userId: 7, roles: ['dept_admin'] }, job)).not.toThrow();
    expect(() => assertMayReadExportJob({ userId: 1, roles: ['bureau_admin'] }, job)).not.toThrow();
    expect(() => assertMayReadExportJob({ userId: 8, roles: ['dept_admin'] }, job)).toThrow(ForbiddenError);
    expect(() => assertMayReadExportJob({ userId: 9, roles: ['leader'] }, job)).toThrow(ForbiddenError);
    // a requester whose account was deleted leaves the job to the bureau
    expect(() => assertMayReadExportJob({ userId: 7, roles: ['dept_admin'] }, { requestedById: null })).toThrow(ForbiddenError);
  });

  it('the file is there only when done: 409 while queued, running or failed, 410 once expired', () => {
    const at = (status: 'queued' | 'running' | 'done' | 'failed' | 'expired') => () => assertExportDownloadable({ status, progressDone: 1500, progressTotal: 4000, error: status === 'failed' ? '磁盘已满' : null });
    expect(at('done')).not.toThrow();
    expect(at('queued')).toThrow(ConflictError);
    expect(at('running')).toThrow('正在导出（1500/4000）');
    expect(at('failed')).toThrow('磁盘已满');
    expect(at('expired')).toThrow(GoneError);
  });

  it('a finished file is kept 7 days; a running job silent for 3 minutes is stale', () => {
    expect(exportExpiry(new Date('2026-12-01T10:00:00Z')).toISOString()).toBe('2026-12-08T10:00:00.000Z');
    expect(EXPORT_STALE_MS).toBe(180_000);
    expect(exportStaleBefore(new Date('2026-12-01T10:00:00Z')).toISOString()).toBe('2026-12-01T09:57:00.000Z');
  });

  it('progress: entries read, twice for the workbook; the percentage reaches 100 only when done', () => {
    expect(releaseExportTotal('json', 47_570)).toBe(47_570);
    expect(releaseExportTotal('xlsx', 47_570)).toBe(95_140);
    expect(exportPercent({ status: 'running', progress: { done: 0, total: 0 } })).toBe(0);
    expect(exportPercent({ status: 'running', progress: { done: 500, total: 1000 } })).toBe(50);
    expect(exportPercent({ status: 'running', progress: { done: 1000, total: 1000 } })).toBe(99);
    expect(exportPercent({ status: 'done', progress: { done: 1000, total: 1000 } })).toBe(100);
  });

  it('formats: xlsx or json, nothing else', () => {
    expect(releaseExportInputSchema.parse({ format: 'xlsx' })).toEqual({ format: 'xlsx' });
    expect(releaseExportInputSchema.safeParse({ format: 'csv' }).success).toBe(false);
    expect(releaseExportInputSchema.safeParse({}).success).toBe(false);
  });
});
