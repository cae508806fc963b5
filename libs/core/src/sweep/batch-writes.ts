import type { EntityManager } from '@mikro-orm/knex';
import { realNow } from '../clock';
import { chunks, sqlRun, valuesList } from '../orm/raw';

/**
 * Multi-row audit inserts for the jobs. A job may act on thousands of rows at once; one INSERT per row would make its
 * cost a multiple of a count. (Findings themselves are written by the door in `findings/record.ts`.)
 */
const CHUNK = 250;

export interface SystemAuditRow {
  action: string;
  subjectType: string;
  subjectId: string | number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Audit events of a job (actor `system:<job>`), written in the job's transaction like `audit()` does for a person (business `at`, real `recorded_at`). */
export async function insertSystemAudit(em: EntityManager, job: string, rows: SystemAuditRow[], now: Date): Promise<void> {
  for (const part of chunks(rows, CHUNK)) {
    const sql = `insert into audit_events (actor_name, action, subject_type, subject_id, before, after, at, recorded_at) values ${valuesList(part.length, 8)}`;
    const recordedAt = realNow();
    await sqlRun(
      em,
      sql,
      part.flatMap((r) => [`system:${job}`, r.action, r.subjectType, String(r.subjectId), r.before ? JSON.stringify(r.before) : null, r.after ? JSON.stringify(r.after) : null, now, recordedAt]),
    );
  }
}
