import type { EntityManager } from '@mikro-orm/knex';
import { realNow } from '../clock';
import { AUDIT_CHAIN, linkAuditRows } from '../audit/chain';
import { advanceChainHead, lockChainHead } from '../chain/head';
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

/**
 * Audit events of a job (actor `system:<job>`), written in the job's transaction like `audit()` does for a person,
 * and linked into the audit chain the same way (the head is locked once for the batch).
 */
export async function insertSystemAudit(em: EntityManager, job: string, rows: SystemAuditRow[], now: Date): Promise<void> {
  if (!rows.length) return;
  // the chain head stays locked until the rows are written: one transaction, the caller's or our own
  if (!em.isInTransaction()) return em.transactional((tx) => insertSystemAudit(tx as EntityManager, job, rows, now));
  const head = await lockChainHead(em, AUDIT_CHAIN);
  const { head: next, linked } = linkAuditRows(
    head,
    rows.map((r) => ({
      actorId: null,
      actorName: `system:${job}`,
      onBehalfOfDepartmentId: null,
      action: r.action,
      subjectType: r.subjectType,
      subjectId: String(r.subjectId),
      before: r.before,
      after: r.after,
      ip: null,
      at: now,
      recordedAt: realNow(),
    })),
  );
  for (const part of chunks(linked, CHUNK)) {
    const sql = `insert into audit_events (actor_name, action, subject_type, subject_id, before, after, at, recorded_at, seq, prev_hash, hash) values ${valuesList(part.length, 11)}`;
    await sqlRun(
      em,
      sql,
      part.flatMap((r) => [r.actorName, r.action, r.subjectType, r.subjectId, r.before ? JSON.stringify(r.before) : null, r.after ? JSON.stringify(r.after) : null, r.at, r.recordedAt, r.seq, r.prevHash, r.hash]),
    );
  }
  await advanceChainHead(em, AUDIT_CHAIN, next);
}
