import type { EntityManager } from '@mikro-orm/knex';
import { sqlAll, sqlRun } from '@govdata/core';
import type { CallStatus } from '@govdata/domain';
import { GENESIS_HASH, linkFromDigest, sm3Hex } from './chain';

/** One call as recorded (调用记录, 第十六条(四)). */
export interface CallInput {
  at: Date;
  systemId: number | null;
  clientId: string | null;
  departmentId: number | null;
  entryId: number | null;
  grantId: number | null;
  datasetVersion: number | null;
  queryFields: string[];
  /** SM3 of the query values (never the values) */
  queryHash: string | null;
  fieldsReturned: string[];
  rowCount: number;
  status: CallStatus;
  httpStatus: number;
  latencyMs: number;
  /** SM3 of the response body served */
  responseHash: string | null;
}

/** What a record's hash covers: everything but its id and the hashes themselves (the time as ISO text). */
export function callContent(c: CallInput & { seq: number }): Record<string, unknown> {
  return {
    seq: c.seq,
    at: c.at.toISOString(),
    systemId: c.systemId,
    clientId: c.clientId,
    departmentId: c.departmentId,
    entryId: c.entryId,
    grantId: c.grantId,
    datasetVersion: c.datasetVersion,
    queryFields: c.queryFields,
    queryHash: c.queryHash,
    fieldsReturned: c.fieldsReturned,
    rowCount: c.rowCount,
    status: c.status,
    httpStatus: c.httpStatus,
    latencyMs: c.latencyMs,
    responseHash: c.responseHash,
  };
}

const j = JSON.stringify;
const texts = (a: string[]): string => `[${a.map((s) => j(s)).join(',')}]`;

/**
 * `canonicalJson(callContent(c))`, written out directly: the keys in their sorted order, no intermediate objects. The
 * chain hashes every record once when it is written and once more at every verification (a million records in
 * seconds, bench:gateway), so the general canonical form is too slow here; `calls.spec.ts` holds the two equal.
 */
export function callCanonical(c: CallInput & { seq: number }): string {
  return `{"at":${j(c.at.toISOString())},"clientId":${j(c.clientId)},"datasetVersion":${j(c.datasetVersion)},"departmentId":${j(c.departmentId)},"entryId":${j(c.entryId)},"fieldsReturned":${texts(c.fieldsReturned)},"grantId":${j(c.grantId)},"httpStatus":${j(c.httpStatus)},"latencyMs":${j(c.latencyMs)},"queryFields":${texts(c.queryFields)},"queryHash":${j(c.queryHash)},"responseHash":${j(c.responseHash)},"rowCount":${j(c.rowCount)},"seq":${j(c.seq)},"status":${j(c.status)},"systemId":${j(c.systemId)}}`;
}

/** A record's content digest: SM3 of its canonical content (what `contentDigest(callContent(c))` gives). */
export const callDigest = (c: CallInput & { seq: number }): string => sm3Hex(callCanonical(c));

const COLUMNS = ['seq', 'at', 'system_id', 'client_id', 'department_id', 'entry_id', 'grant_id', 'dataset_version', 'query_fields', 'query_hash', 'fields_returned', 'row_count', 'status', 'http_status', 'latency_ms', 'response_hash', 'prev_hash', 'hash'];

/** Locks the chain head for the rest of the transaction and reads it (creating it on first use). */
async function lockHead(em: EntityManager): Promise<{ seq: number; hash: string }> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const rows = await sqlAll<{ seq: number | string; last_hash: string }>(em, 'update call_chain_head set seq = seq where id = 1 returning seq, last_hash', []);
    if (rows[0]) return { seq: Number(rows[0].seq), hash: rows[0].last_hash };
    await sqlRun(em, 'insert into call_chain_head (id, seq, last_hash) values (1, 0, ?) on conflict (id) do nothing', [GENESIS_HASH]);
  }
  throw new Error('call chain head cannot be created');
}

/**
 * Appends call records to the chain, in one transaction (the caller's, or one opened here): the head is locked, each
 * record links to the one before, the head moves to the last. Append-only triggers refuse any later change.
 */
export async function appendCalls(em: EntityManager, calls: CallInput[]): Promise<void> {
  if (!calls.length) return;
  const run = async (tx: EntityManager) => {
    let head = await lockHead(tx);
    const rows: (string | number | Date | null)[][] = [];
    for (const c of calls) {
      const seq = head.seq + 1;
      const hash = linkFromDigest(head.hash, callDigest({ ...c, seq }));
      rows.push([seq, c.at, c.systemId, c.clientId, c.departmentId, c.entryId, c.grantId, c.datasetVersion, JSON.stringify(c.queryFields), c.queryHash, JSON.stringify(c.fieldsReturned), c.rowCount, c.status, c.httpStatus, c.latencyMs, c.responseHash, head.hash, hash]);
      head = { seq, hash };
    }
    const per = Math.floor(30_000 / COLUMNS.length);
    for (let i = 0; i < rows.length; i += per) {
      const slice = rows.slice(i, i + per);
      const one = `(${COLUMNS.map(() => '?').join(', ')})`;
      await sqlRun(tx, `insert into call_records (${COLUMNS.join(', ')}) values ${slice.map(() => one).join(', ')}`, slice.flat());
    }
    await sqlRun(tx, 'update call_chain_head set seq = ?, last_hash = ? where id = 1', [head.seq, head.hash]);
  };
  if (em.isInTransaction()) await run(em);
  else await em.transactional(run);
}
