import type { EntityManager } from '@mikro-orm/knex';
import type { ExportKind } from '@govdata/domain';

/** What an export writer is handed: its own ORM context, the job's parameters, the file and a progress reporter. */
export interface ExportWriteContext {
  em: EntityManager;
  params: Record<string, unknown>;
  /** the file being written; the writer may end it (or leave that to the runner) */
  out: NodeJS.WritableStream;
  /**
   * Records how many units are done (after each page) and proves the job is alive. It rejects when the job is no
   * longer this runner's (marked failed as stale meanwhile): the writer then stops.
   */
  progress(done: number): Promise<void>;
}

/** How one kind of export writes its file; areas declare theirs in their module (`AreaModule.exports`). */
export interface ExportWriter {
  kind: ExportKind;
  write(ctx: ExportWriteContext): Promise<void>;
}

/** The installed writers (`installModules`); the export job runs the queued jobs of these kinds. */
export const EXPORT_WRITERS = new Map<string, ExportWriter>();

export function installExportWriters(writers: readonly ExportWriter[]): void {
  EXPORT_WRITERS.clear();
  for (const w of writers) EXPORT_WRITERS.set(w.kind, w);
}
