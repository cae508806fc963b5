import type { EntityManager } from '@mikro-orm/knex';
import type { Actor, ViolationEvidence, ViolationStatus, ViolationType } from '@govdata/domain';
import { audit } from '../audit/audit';
import { notifyMany, type Outgoing } from '../notifications/notifications';
import { RecipientCache } from '../notifications/recipients';
import { chunks, placeholders, sqlAll, valuesList } from '../orm/raw';
import { insertSystemAudit, type SystemAuditRow } from '../sweep/batch-writes';

/**
 * 违规线索与服务记录 — the one door every finding goes through: the deadline sweep's batches, the catalog-freshness
 * job, the 一数一源 confirmation, the bureau's manual records and the escalation of a notice. It owns:
 *  - the key: a finding is (source kind, source id, violation type) — or, for the bureau's own lapses, (source kind,
 *    source id, lapse kind) on its service record; the tables' unique keys make it once, whoever finds it first;
 *  - the insert: multi-row `INSERT … ON CONFLICT DO NOTHING RETURNING`, so what another path or a concurrent run
 *    recorded already is skipped rather than failing, and only what this call added is announced;
 *  - the announcement: one notification to the responsible department's data officers (the bureau's admins for a
 *    service-record entry), plus whoever the caller adds, deduplicated by the finding's key;
 *  - the audit row `violation.record` / `service_record.record` naming the person or the job that recorded it.
 * A new detector builds its `FindingInput`s and calls `recordFindings`; it writes no violation row itself.
 */

/** A 第三十三条 violation of a department. */
export interface ViolationFinding {
  type: ViolationType;
  departmentId: number;
  /** `candidate` for what a detector found (the bureau decides), `confirmed` when the bureau records it itself */
  status?: Extract<ViolationStatus, 'candidate' | 'confirmed'>;
  /** recorded by an inspector rather than detected by a job */
  manual?: boolean;
}

/** A lapse of the bureau itself (服务记录): never a department violation. */
export interface ServiceRecordFinding {
  kind: string;
  article: string;
}

/** What the responsible party is told; the door adds the recipients and the dedupe key. */
export interface FindingMessage {
  kind: string;
  title: string;
  body: string;
  link?: string | null;
  /** what the notification is about; the finding itself unless given */
  subjectType?: string;
  subjectId?: string | number;
  /** told besides the department's data officers (e.g. a provider's review agents) */
  alsoTell?: number[];
}

export interface FindingInput {
  source: { kind: string; id: string };
  /** exactly one of the two */
  violation?: ViolationFinding;
  serviceRecord?: ServiceRecordFinding;
  evidence: ViolationEvidence;
  notify?: FindingMessage;
  /** merged into the audit row's `after` (e.g. the deadline that ran out) */
  auditContext?: Record<string, unknown>;
}

/** Who records: a person (their audit row names them) or a job (`system:<job>`). */
export type FindingAuthor = { actor: Actor } | { job: string };

export interface RecordedFinding {
  /** the row's id — this call's, or the one recorded before */
  id: number;
  /** false when the key was on record already (nothing was written, nobody told) */
  created: boolean;
}

export interface RecordSummary {
  findings: RecordedFinding[];
  violationsCreated: number;
  serviceRecordEntries: number;
  notificationsSent: number;
}

export interface RecordOptions {
  /** recipients looked up already (a job's run); otherwise looked up here, with `em` */
  recipients?: RecipientCache;
}

/** Rows per multi-row statement. */
const CHUNK = 250;

/** The key of a finding — the tables' unique key, and the stem of its notification's dedupe key. */
export function findingKey(f: FindingInput): string {
  return f.violation ? `violation:${f.source.kind}:${f.source.id}:${f.violation.type}` : `service_record:${f.source.kind}:${f.source.id}:${f.serviceRecord?.kind}`;
}

/** Records one finding (a person's decision, an escalated notice): the batch door with one row, the same rules. */
export async function recordFinding(em: EntityManager, finding: FindingInput, by: FindingAuthor, now: Date, options: RecordOptions = {}): Promise<RecordedFinding & Omit<RecordSummary, 'findings'>> {
  const r = await recordFindings(em, [finding], by, now, options);
  return { ...(r.findings[0] as RecordedFinding), violationsCreated: r.violationsCreated, serviceRecordEntries: r.serviceRecordEntries, notificationsSent: r.notificationsSent };
}

/**
 * Records findings set-based, inside the caller's transaction: a few statements per 250 findings, whatever their
 * number. Returns, in input order, each finding's row id and whether this call created it.
 */
export async function recordFindings(em: EntityManager, inputs: FindingInput[], by: FindingAuthor, now: Date, options: RecordOptions = {}): Promise<RecordSummary> {
  for (const f of inputs) if (!f.violation === !f.serviceRecord) throw new Error(`finding ${f.source.kind}:${f.source.id} must be either a violation or a service-record entry`);
  const actorId = 'actor' in by ? by.actor.userId : null;
  const ids = new Map<string, { id: number; created: boolean }>();

  const violations = inputs.filter((f) => f.violation);
  for (const part of chunks(violations, CHUNK)) {
    const rows = await sqlAll<{ id: number; source_kind: string; source_id: string; type: number }>(
      em,
      'insert into violations (type, department_id, source_kind, source_id, detected_at, evidence, status, manual, created_by_id, decided_by_id, decided_at, version)' +
        ` values ${valuesList(part.length, 12)} on conflict (source_kind, source_id, type) do nothing returning id, source_kind, source_id, type`,
      part.flatMap((f) => {
        const v = f.violation as ViolationFinding;
        const confirmed = v.status === 'confirmed';
        return [v.type, v.departmentId, f.source.kind, f.source.id, now, JSON.stringify(f.evidence), v.status ?? 'candidate', v.manual ?? false, actorId, confirmed ? actorId : null, confirmed ? now : null, 1];
      }),
    );
    for (const r of rows) ids.set(`violation:${r.source_kind}:${r.source_id}:${r.type}`, { id: Number(r.id), created: true });
  }
  const entries = inputs.filter((f) => f.serviceRecord);
  for (const part of chunks(entries, CHUNK)) {
    const rows = await sqlAll<{ id: number; source_kind: string; source_id: string; kind: string }>(
      em,
      `insert into service_record_entries (kind, article, source_kind, source_id, detected_at, evidence) values ${valuesList(part.length, 6)}` +
        ' on conflict (source_kind, source_id, kind) do nothing returning id, source_kind, source_id, kind',
      part.flatMap((f) => [f.serviceRecord?.kind as string, f.serviceRecord?.article as string, f.source.kind, f.source.id, now, JSON.stringify(f.evidence)]),
    );
    for (const r of rows) ids.set(`service_record:${r.source_kind}:${r.source_id}:${r.kind}`, { id: Number(r.id), created: true });
  }
  await lookUpExisting(em, inputs, ids);

  // the same key twice in one call (two clocks of one subject) is one finding, announced and audited once
  const seen = new Set<string>();
  const created = inputs.filter((f) => {
    const key = findingKey(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return ids.get(key)?.created;
  });
  const summary: RecordSummary = {
    findings: inputs.map((f) => ids.get(findingKey(f)) as RecordedFinding),
    violationsCreated: created.filter((f) => f.violation).length,
    serviceRecordEntries: created.filter((f) => f.serviceRecord).length,
    notificationsSent: 0,
  };
  if (created.length === 0) return summary;

  // announce what is new: the department's data officers, or the bureau's admins for its own service record
  const told = created.filter((f) => f.notify);
  if (told.length) {
    const recipients = options.recipients ?? new RecipientCache();
    await recipients.prefetch(
      em,
      told.flatMap((f) => (f.violation ? [f.violation.departmentId] : [])),
      told.some((f) => f.serviceRecord),
    );
    const outgoing: Outgoing[] = told.map((f) => {
      const m = f.notify as FindingMessage;
      const id = (ids.get(findingKey(f)) as RecordedFinding).id;
      const officers = f.violation ? recipients.department(f.violation.departmentId) : recipients.bureau();
      return {
        recipients: m.alsoTell?.length ? [...new Set([...officers, ...m.alsoTell])] : officers,
        input: {
          kind: m.kind,
          title: m.title,
          body: m.body,
          link: m.link ?? (f.violation ? `/violations/${id}` : null),
          subjectType: m.subjectType ?? (f.violation ? 'violation' : 'service_record_entry'),
          subjectId: m.subjectId ?? id,
          dedupeKey: `finding:${findingKey(f)}`,
        },
      };
    });
    summary.notificationsSent = await notifyMany(em, outgoing, now);
  }

  const auditRows: SystemAuditRow[] = created.map((f) => {
    const id = (ids.get(findingKey(f)) as RecordedFinding).id;
    const source = { kind: f.source.kind, id: f.source.id };
    return f.violation
      ? {
          action: 'violation.record',
          subjectType: 'violation',
          subjectId: id,
          before: null,
          after: { type: f.violation.type, departmentId: f.violation.departmentId, status: f.violation.status ?? 'candidate', manual: f.violation.manual ?? false, source, ...f.auditContext },
        }
      : { action: 'service_record.record', subjectType: 'service_record_entry', subjectId: id, before: null, after: { kind: f.serviceRecord?.kind, article: f.serviceRecord?.article, source, ...f.auditContext } };
  });
  if ('job' in by) await insertSystemAudit(em, by.job, auditRows, now);
  else {
    for (const row of auditRows) audit(em, { actor: by.actor, ...row, at: now });
    await em.flush();
  }
  return summary;
}

/** The ids of findings that were on record already (rare: a re-run, another path, a concurrent sweep). */
async function lookUpExisting(em: EntityManager, inputs: FindingInput[], ids: Map<string, { id: number; created: boolean }>): Promise<void> {
  const missing = inputs.filter((f) => !ids.has(findingKey(f)));
  for (const part of chunks(missing.filter((f) => f.violation), CHUNK)) {
    const rows = await sqlAll<{ id: number; source_kind: string; source_id: string; type: number }>(
      em,
      `select id, source_kind, source_id, type from violations where source_kind in (${placeholders(part.length)}) and source_id in (${placeholders(part.length)})`,
      [...part.map((f) => f.source.kind), ...part.map((f) => f.source.id)],
    );
    for (const r of rows) {
      const key = `violation:${r.source_kind}:${r.source_id}:${r.type}`;
      if (!ids.has(key)) ids.set(key, { id: Number(r.id), created: false });
    }
  }
  for (const part of chunks(missing.filter((f) => f.serviceRecord), CHUNK)) {
    const rows = await sqlAll<{ id: number; source_kind: string; source_id: string; kind: string }>(
      em,
      `select id, source_kind, source_id, kind from service_record_entries where source_kind in (${placeholders(part.length)}) and source_id in (${placeholders(part.length)})`,
      [...part.map((f) => f.source.kind), ...part.map((f) => f.source.id)],
    );
    for (const r of rows) {
      const key = `service_record:${r.source_kind}:${r.source_id}:${r.kind}`;
      if (!ids.has(key)) ids.set(key, { id: Number(r.id), created: false });
    }
  }
  for (const f of missing) if (!ids.has(findingKey(f))) throw new Error(`finding ${findingKey(f)} was neither inserted nor found`);
}
