import type { EntityManager } from '@mikro-orm/knex';
import { OPEN_DOWNLOAD_FORMATS, OPEN_DOWNLOAD_MEDIA, openDownloadPath, type OpenDataDto, type OpenDownloadFormat } from '@govdata/domain';
import { sqlAll, sqlRun } from '@govdata/core';

/** Remembers the size of a file served in full (shown beside the download buttons, `dcat:byteSize`). */
export async function recordFileSize(em: EntityManager, versionId: number, format: OpenDownloadFormat, bytes: number, rows: number): Promise<void> {
  await sqlRun(em, 'insert into open_file_sizes (version_id, format, bytes, rows) values (?, ?, ?, ?) on conflict (version_id, format) do update set bytes = excluded.bytes, rows = excluded.rows', [versionId, format, bytes, rows]);
}

/** The files of a live version: the formats, their URLs and their last known sizes. */
export async function filesOf(em: EntityManager, name: string, versionId: number): Promise<OpenDataDto['files']> {
  const sizes = await sqlAll<{ format: string; bytes: number | string }>(em, 'select format, bytes from open_file_sizes where version_id = ?', [versionId]);
  return OPEN_DOWNLOAD_FORMATS.map((format) => {
    const known = sizes.find((s) => s.format === format);
    return { format, url: openDownloadPath(name, format), mediaType: OPEN_DOWNLOAD_MEDIA[format], bytes: known ? Number(known.bytes) : null };
  });
}

