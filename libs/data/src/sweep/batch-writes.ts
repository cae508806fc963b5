import type { EntityManager } from '@mikro-orm/knex';
import type { ViolationEvidence, ViolationType } from '@govdata/domain';
import { AuditEvent, Notification, ServiceRecordEntry, Violation } from '../entities';
import type { NotificationInput } from '../notifications/notifications';
import { chunks } from './sql';

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
    const values = part.map((r) => ({
      type: r.type,
      department: r.departmentId,
      sourceKind: r.sourceKind,
      sourceId: r.sourceId,
      detectedAt: now,
      evidence: r.evidence,
      status: 'candidate' as const,
      manual: false,
      createdBy: null,
      decidedBy: null,
      decidedAt: null,
      dismissReason: null,
      noticeId: null,
      version: 1,
    }));
    const res = await em.createQueryBuilder(Violation).insert(values).onConflict(['sourceKind', 'sourceId', 'type']).ignore().execute('run');
    created += res.affectedRows;
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
    const values = part.map((r) => ({ ...r, detectedAt: now }));
    const res = await em.createQueryBuilder(ServiceRecordEntry).insert(values).onConflict(['sourceKind', 'sourceId', 'kind']).ignore().execute('run');
    created += res.affectedRows;
  }
  return created;
}

export interface Outgoing {
  recipients: number[];
  input: NotificationInput;
}

/**
 * Many notifications in a few statements — the batch form of `notify`, with the same per-recipient dedupe key
 * (`<key>:<userId>`), so a notification either sends is deduplicated against the other.
 */
export async function notifyMany(em: EntityManager, outgoing: Outgoing[], now: Date): Promise<number> {
  const rows = outgoing.flatMap(({ recipients, input }) =>
    [...new Set(recipients)].map((id) => ({
      recipient: id,
      kind: input.kind,
      title: input.title,
      body: input.body,
      link: input.link ?? null,
      subjectType: input.subjectType ?? null,
      subjectId: input.subjectId == null ? null : String(input.subjectId),
      dedupeKey: input.dedupeKey ? `${input.dedupeKey}:${id}` : null,
      createdAt: now,
      readAt: null,
    })),
  );
  let sent = 0;
  for (const part of chunks(rows, CHUNK)) {
    const res = await em.createQueryBuilder(Notification).insert(part).onConflict('dedupeKey').ignore().execute('run');
    sent += res.affectedRows;
  }
  return sent;
}

export interface SystemAuditRow {
  action: string;
  subjectType: string;
  subjectId: string | number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Audit events of a job (actor `system:<job>`), written in the job's transaction like `audit()` does for a person. */
export async function insertSystemAudit(em: EntityManager, job: string, rows: SystemAuditRow[], now: Date): Promise<void> {
  for (const part of chunks(rows, CHUNK)) {
    const values = part.map((r) => ({
      actor: null,
      actorName: `system:${job}`,
      onBehalfOfDepartmentId: null,
      action: r.action,
      subjectType: r.subjectType,
      subjectId: String(r.subjectId),
      before: r.before,
      after: r.after,
      ip: null,
      at: now,
    }));
    await em.createQueryBuilder(AuditEvent).insert(values).execute('run');
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
