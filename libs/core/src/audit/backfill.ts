import { GENESIS_HASH } from '../chain/hash';
import { linkAuditRows } from './chain';
import { normaliseAuditRow } from './trail';

/**
 * For the migration that introduced the chain: links the rows written before it, in id order (their recording order).
 * Returns the chain columns per id and the head. Rows are read and hashed exactly as the verifier reads them.
 */
export function chainExistingAuditRows(raw: Record<string, unknown>[]): { links: { id: number; seq: number; prevHash: string; hash: string }[]; head: { seq: number; hash: string } } {
  const rows = raw.map(normaliseAuditRow).sort((a, b) => a.id - b.id);
  const { head, linked } = linkAuditRows(
    { seq: 0, hash: GENESIS_HASH },
    rows.map((r) => ({ ...r, at: new Date(r.at), recordedAt: r.recordedAt ? new Date(r.recordedAt) : null })),
  );
  return { links: linked.map((l) => ({ id: l.id, seq: l.seq, prevHash: l.prevHash, hash: l.hash })), head };
}
