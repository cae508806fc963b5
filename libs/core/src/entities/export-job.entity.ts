import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { ExportJobStatus, ExportKind } from '@govdata/domain';
import { Department } from './department.entity';
import { User } from './user.entity';

/**
 * 导出任务 — one long export run as a job (issue 19, finding 1): queued by a request, claimed and run by the jobs'
 * runner (in-process or a BullMQ worker), its file written under the export directory and kept for a week. The table is
 * the queue: a job is claimed by an UPDATE that only one runner can win, so any number of processes may work it.
 * Its times are real time, never the pinned business clock (a file's retention is about disk space, not the rules).
 */
export const ExportJob = defineEntity({
  name: 'ExportJob',
  tableName: 'export_jobs',
  indexes: [{ properties: ['status', 'id'] }, { properties: ['requestedBy', 'kind', 'subjectId'] }, { properties: ['createdAt'] }],
  properties: {
    id: p.integer().primary(),
    kind: p.string().length(40).$type<ExportKind>(),
    /** what is exported (catalog_release: the release's id), for the lists */
    subjectId: p.integer(),
    /** the kind's parameters (catalog_release: releaseId, format) */
    params: p.json<Record<string, unknown>>(),
    format: p.string().length(12),
    requestedBy: () => p.manyToOne(User).ref().nullable(),
    requestedByName: p.string().length(100),
    /** the requester's department: the scope the export was asked in */
    department: () => p.manyToOne(Department).ref().nullable(),
    status: p.string().length(12).$type<ExportJobStatus>(),
    progressDone: p.integer(),
    progressTotal: p.integer(),
    /** the download's name (Chinese, with its extension) and type */
    fileName: p.string().length(200),
    contentType: p.string().length(120),
    /** the file's name inside the export directory, once written */
    filePath: p.string().length(200).nullable(),
    size: p.bigint('number').nullable(),
    error: p.text().nullable(),
    attempts: p.integer(),
    createdAt: p.datetime(),
    startedAt: p.datetime().nullable(),
    /** the running job's last sign of life (every page); a stale one was cut off */
    heartbeatAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
    expiresAt: p.datetime().nullable(),
  },
});
export type IExportJob = InferEntity<typeof ExportJob>;
