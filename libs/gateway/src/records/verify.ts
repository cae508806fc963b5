import type { EntityManager } from '@mikro-orm/knex';
import { fromSqlTime, sqlAll, sqlRows } from '@govdata/core';
import type { CallStatus, ChainVerification } from '@govdata/domain';
import { CallSeal } from '../entities/call-record.entity';
import { callDigest } from './calls';
import { ChainVerifier } from './chain';
import { verifySealSignature } from './seal';

/** The columns read, in this order (arrays, not an object per record: a million records are read at a time). */
const COLUMNS = 'id, seq, at, system_id, client_id, department_id, entry_id, grant_id, dataset_version, query_fields, query_hash, fields_returned, row_count, status, http_status, latency_ms, response_hash, prev_hash, hash';
type Row = [
  id: number | string,
  seq: number | string,
  at: unknown,
  systemId: number | null,
  clientId: string | null,
  departmentId: number | null,
  entryId: number | null,
  grantId: number | null,
  datasetVersion: number | null,
  queryFields: string | string[],
  queryHash: string | null,
  fieldsReturned: string | string[],
  rowCount: number | string,
  status: CallStatus,
  httpStatus: number | string,
  latencyMs: number | string,
  responseHash: string | null,
  prevHash: string,
  hash: string,
];

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
    const rows = (await sqlRows(em, `select ${COLUMNS} from call_records where seq > ? order by seq limit 5000`, [after])) as Row[];
    if (!rows.length) break;
    for (const r of rows) {
      const [id, seqValue, at, systemId, clientId, departmentId, entryId, grantId, datasetVersion, queryFields, queryHash, fieldsReturned, rowCount, status, httpStatus, latencyMs, responseHash, prevHash, hash] = r;
      const seq = Number(seqValue);
      const digest = callDigest({
        seq,
        at: fromSqlTime(at),
        systemId: num(systemId),
        clientId,
        departmentId: num(departmentId),
        entryId: num(entryId),
        grantId: num(grantId),
        datasetVersion: num(datasetVersion),
        queryFields: json(queryFields),
        queryHash,
        fieldsReturned: json(fieldsReturned),
        rowCount: Number(rowCount),
        status,
        httpStatus: Number(httpStatus),
        latencyMs: Number(latencyMs),
        responseHash,
      });
      if (!verifier.push({ id: Number(id), seq, prevHash, hash, content: null, digest })) break;
      if (wanted.has(seq)) hashAt.set(seq, hash);
    }
    if (verifier.broken) break;
    after = Number((rows[rows.length - 1] as Row)[1]);
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
