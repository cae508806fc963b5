import type { EventArgs } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { linkHash } from '../chain/hash';
import { advanceChainHead, lockChainHead, type ChainHeadState } from '../chain/head';

/** The chain name of the audit trail in `chain_heads`. */
export const AUDIT_CHAIN = 'audit';

/** An audit row's hashed columns, as written and as read back. */
export interface AuditRowValues {
  seq: number;
  actorId: number | null;
  actorName: string;
  onBehalfOfDepartmentId: number | null;
  action: string;
  subjectType: string;
  subjectId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
  at: Date;
  /** real time the row was written (present once the column exists; hashed when set) */
  recordedAt?: Date | null;
}

/** What the hash of an audit row covers: every column but the id and the chain columns themselves. */
export function auditContent(r: AuditRowValues): Record<string, unknown> {
  return {
    v: 1,
    seq: r.seq,
    actorId: r.actorId,
    actorName: r.actorName,
    onBehalfOfDepartmentId: r.onBehalfOfDepartmentId,
    action: r.action,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    before: r.before,
    after: r.after,
    ip: r.ip,
    at: r.at.toISOString(),
    ...(r.recordedAt ? { recordedAt: r.recordedAt.toISOString() } : {}),
  };
}

/** Links rows onto a locked head: sets seq, prevHash and hash on each, returns the new head. */
export function linkAuditRows<T extends Omit<AuditRowValues, 'seq'>>(head: ChainHeadState, rows: T[]): { head: ChainHeadState; linked: (T & { seq: number; prevHash: string; hash: string })[] } {
  let { seq, hash } = head;
  const linked = rows.map((r) => {
    const prevHash = hash;
    seq += 1;
    hash = linkHash(prevHash, auditContent({ ...r, seq }));
    return { ...r, seq, prevHash, hash };
  });
  return { head: { seq, hash }, linked };
}

interface AuditEntityShape {
  actor?: { id: number } | null;
  actorName: string;
  onBehalfOfDepartmentId?: number | null;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  ip?: string | null;
  at: Date;
  recordedAt?: Date | null;
  seq: number;
  prevHash: string;
  hash: string;
}

/**
 * The AuditEvent insert hook: runs inside the flush's transaction, locks the chain head, links the row and moves the
 * head. Every audit row written through the ORM passes here; the jobs' multi-row insert (`insertSystemAudit`) links
 * its rows the same way.
 */
export async function chainAuditEvent<T>(args: EventArgs<T>): Promise<void> {
  const e = args.entity as unknown as AuditEntityShape;
  const em = args.em as unknown as EntityManager;
  const head = await lockChainHead(em, AUDIT_CHAIN);
  const { head: next, linked } = linkAuditRows(head, [
    {
      actorId: e.actor?.id ?? null,
      actorName: e.actorName,
      onBehalfOfDepartmentId: e.onBehalfOfDepartmentId ?? null,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      before: e.before ?? null,
      after: e.after ?? null,
      ip: e.ip ?? null,
      at: e.at,
      recordedAt: e.recordedAt ?? null,
    },
  ]);
  const [row] = linked;
  e.seq = row.seq;
  e.prevHash = row.prevHash;
  e.hash = row.hash;
  await advanceChainHead(em, AUDIT_CHAIN, next);
}
