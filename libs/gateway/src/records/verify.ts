import type { EntityManager } from '@mikro-orm/knex';
import { fromSqlTime, sqlAll } from '@govdata/core';
import type { CallStatus, ChainVerification } from '@govdata/domain';
import { CallSeal } from '../entities/call-record.entity';
import { callDigest } from './calls';
import { ChainVerifier } from './chain';
import { verifySealSignature } from './seal';

interface Row {
  id: number | string;
  seq: number | string;
  at: unknown;
  system_id: number | null;
  client_id: string | null;
  department_id: number | null;
  entry_id: number | null;
  grant_id: number | null;
  dataset_version: number | null;
  query_fields: string | string[];
  query_hash: string | null;
  fields_returned: string | string[];
  row_count: number | string;
  status: CallStatus;
  http_status: number | string;
  latency_ms: number | string;
  response_hash: string | null;
  prev_hash: string;
  hash: string;
}

const json = (v: string | string[]): string[] => (typeof v === 'string' ? (JSON.parse(v) as string[]) : v);
const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

/**
 * 核验调用记录: walks the whole chain in seq order (pages of 5,000), recomputes each record's hash from its stored
 * columns, compares the end with the chain head, and checks every daily seal's signature and the record it names.
 * Names the first broken record: edited (content differs from its hash), deleted (a gap), or cut off the end.
 */
export async function verifyCallChain(em: EntityManager, publicKeyPem: string): Promise<ChainVerification> {
  const verifier = new ChainVerifier();
  const seals = await em.find(CallSeal, {}, { orderBy: { day: 'asc' } });
  const wanted = new Map(seals.map((s) => [s.lastSeq, s]));
  const hashAt = new Map<number, string>();
  let after = 0;
  for (;;) {
    const rows = await sqlAll<Row>(em, 'select * from call_records where seq > ? order by seq limit 5000', [after]);
    if (!rows.length) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      const digest = callDigest({
        seq,
        at: fromSqlTime(r.at),
        systemId: num(r.system_id),
        clientId: r.client_id,
        departmentId: num(r.department_id),
        entryId: num(r.entry_id),
        grantId: num(r.grant_id),
        datasetVersion: num(r.dataset_version),
        queryFields: json(r.query_fields),
        queryHash: r.query_hash,
        fieldsReturned: json(r.fields_returned),
        rowCount: Number(r.row_count),
        status: r.status,
        httpStatus: Number(r.http_status),
        latencyMs: Number(r.latency_ms),
        responseHash: r.response_hash,
      });
      if (!verifier.push({ id: Number(r.id), seq, prevHash: r.prev_hash, hash: r.hash, content: null, digest })) break;
      if (wanted.has(seq)) hashAt.set(seq, r.hash);
    }
    if (verifier.broken) break;
    after = Number(rows[rows.length - 1].seq);
  }
  const head = await sqlAll<{ seq: number | string; last_hash: string }>(em, 'select seq, last_hash from call_chain_head where id = 1', []);
  verifier.finish(head[0] ? { seq: Number(head[0].seq), hash: head[0].last_hash } : verifier.checked ? { seq: -1, hash: '' } : null);
  const bad: string[] = [];
  for (const s of seals) {
    const payload = { chain: 'call_records' as const, day: s.day, lastSeq: s.lastSeq, lastHash: s.lastHash, count: s.count };
    const signed = verifySealSignature(publicKeyPem, payload, s.signature);
    const matches = s.lastSeq === 0 || verifier.broken !== null || hashAt.get(s.lastSeq) === s.lastHash;
    if (!signed || !matches) bad.push(s.day);
  }
  const broken = verifier.broken;
  return {
    ok: !broken && bad.length === 0,
    checked: verifier.checked,
    firstBroken: broken ? { id: broken.id ?? 0, reason: broken.message } : null,
    seals: { checked: seals.length, bad },
  };
}
