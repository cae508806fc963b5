import type { EntityManager } from '@mikro-orm/knex';
import type { ViolationEvidence, ViolationType } from '@govdata/domain';
import { ServiceRecordEntry } from '../entities/service-record-entry.entity';
import { Violation } from '../entities/violation.entity';
import { realNow } from '../clock';
import { chunks, sqlRun, valuesList } from '../orm/raw';

/**
 * Multi-row inserts for the jobs. A job may find thousands of rows at once; one INSERT per row would make its cost
 * a multiple of a count. Each insert is `ON CONFLICT DO NOTHING` on the table's unique key, so a row another sweep
 * already wrote is skipped instead of failing the batch, and the returned count is what this call really added.
 */
const CHUNK = 250;

export interface DetectedViolation {
  type: ViolationType;
  departmentId: number;
  sourceKind: string;
  sourceId: string;
  evidence: ViolationEvidence;
}

export async function insertViolations(em: EntityManager, rows: DetectedViolation[], now: Date): Promise<number> {
  let created = 0;
  for (const part of chunks(rows, CHUNK)) {
    const sql =
      'insert into violations (type, department_id, source_kind, source_id, detected_at, evidence, status, manual, version)' +
      ` values ${valuesList(part.length, 9)} on conflict (source_kind, source_id, type) do nothing`;
    created += await sqlRun(em, sql, part.flatMap((r) => [r.type, r.departmentId, r.sourceKind, r.sourceId, now, JSON.stringify(r.evidence), 'candidate', false, 1]));
  }
  return created;
}

export interface ServiceRecordRow {
  kind: string;
  article: string;
  sourceKind: string;
  sourceId: string;
  evidence: ViolationEvidence;
}

export async function insertServiceRecordEntries(em: EntityManager, rows: ServiceRecordRow[], now: Date): Promise<number> {
  let created = 0;
  for (const part of chunks(rows, CHUNK)) {
    const sql = `insert into service_record_entries (kind, article, source_kind, source_id, detected_at, evidence) values ${valuesList(part.length, 6)} on conflict (source_kind, source_id, kind) do nothing`;
    created += await sqlRun(em, sql, part.flatMap((r) => [r.kind, r.article, r.sourceKind, r.sourceId, now, JSON.stringify(r.evidence)]));
  }
  return created;
}

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

/** Which of these violations are recorded already — so a daily re-run audits and announces only what is new. */
export async function knownViolationKeys(em: EntityManager, rows: DetectedViolation[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (const part of chunks(rows, CHUNK)) {
    const found = await em.find(Violation, { $or: part.map((r) => ({ sourceKind: r.sourceKind, sourceId: r.sourceId, type: r.type })) }, { fields: ['sourceKind', 'sourceId', 'type'] });
    for (const v of found) known.add(`${v.sourceKind}|${v.sourceId}|${v.type}`);
  }
  return known;
}

export async function knownServiceRecordKeys(em: EntityManager, rows: ServiceRecordRow[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (const part of chunks(rows, CHUNK)) {
    const found = await em.find(ServiceRecordEntry, { $or: part.map((r) => ({ sourceKind: r.sourceKind, sourceId: r.sourceId, kind: r.kind })) }, { fields: ['sourceKind', 'sourceId', 'kind'] });
    for (const e of found) known.add(`${e.sourceKind}|${e.sourceId}|${e.kind}`);
  }
  return known;
}
