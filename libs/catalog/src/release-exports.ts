import type { EntityManager } from '@mikro-orm/knex';
import {
  releaseExportFileName,
  releaseExportParamsSchema,
  releaseExportTotal,
  type Actor,
  type ReleaseExportFormat,
} from '@govdata/domain';
import { audit, queueExportJob, type ExportWriter } from '@govdata/core';
import { XLSX_MIME } from './excel/export';
import { writeReleaseWorkbook } from './excel/release';
import { loadRelease, writeReleaseJson } from './releases';

/**
 * A release's filing exports (第八条) as export jobs (issue 19, finding 1): a 50,000-entry workbook takes half a minute,
 * too long to hold a request open, so the request queues the job and the job writes the file with its progress.
 */

export const RELEASE_EXPORT_TYPES: Record<ReleaseExportFormat, string> = { xlsx: XLSX_MIME, json: 'application/json; charset=utf-8' };

/** Queues the export of a release in a format; returns the job's id (the caller's transaction writes it). */
export async function requestReleaseExport(em: EntityManager, actor: Actor, releaseId: number, format: ReleaseExportFormat, now: Date): Promise<{ jobId: number }> {
  const release = await loadRelease(em, releaseId);
  const job = queueExportJob(em, actor, {
    kind: 'catalog_release',
    subjectId: release.id,
    params: { releaseId: release.id, format },
    format,
    fileName: releaseExportFileName(release.number, format),
    contentType: RELEASE_EXPORT_TYPES[format],
    total: releaseExportTotal(format, release.entryCount),
  });
  await em.flush();
  audit(em, { actor, action: 'catalog.release.export', subjectType: 'catalog_release', subjectId: release.id, after: { format, exportJobId: job.id, entryCount: release.entryCount }, at: now });
  await em.flush();
  return { jobId: job.id };
}

/** Writes a queued release export: the same streamed writers as the direct downloads, reporting after every page. */
export const releaseExportWriter: ExportWriter = {
  kind: 'catalog_release',
  async write({ em, params, out, progress }) {
    const { releaseId, format } = releaseExportParamsSchema.parse(params);
    if (format === 'xlsx') await writeReleaseWorkbook(em, releaseId, out, { onPage: progress });
    else await writeReleaseJson(em, releaseId, out, { onPage: progress });
  },
};
