import type { EntityManager } from '@mikro-orm/knex';
import { sqlAll, sqlRun, type SqlNow } from '@govdata/core';
import { callDigest, type CallInput } from './call-digest';
import { GENESIS_HASH, linkFromDigest } from './chain';

/** One call as recorded (调用记录, 第十六条(四)): defined beside its digest (call-digest.ts), which the verification threads load alone. */
export type { CallInput } from './call-digest';

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

export { callCanonical, callDigest } from './call-digest';

const COLUMNS = ['seq', 'at', 'system_id', 'client_id', 'department_id', 'entry_id', 'grant_id', 'dataset_version', 'query_fields', 'query_hash', 'fields_returned', 'row_count', 'status', 'http_status', 'latency_ms', 'response_hash', 'prev_hash', 'hash'];

const LOCK_HEAD = 'update call_chain_head set seq = seq where id = 1 returning seq, last_hash';
const CREATE_HEAD = 'insert into call_chain_head (id, seq, last_hash) values (1, 0, ?) on conflict (id) do nothing';
const MOVE_HEAD = 'update call_chain_head set seq = ?, last_hash = ? where id = 1';
type HeadRow = { seq: number | string; last_hash: string };
const headOf = (rows: HeadRow[]) => (rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].last_hash } : null);

/** Locks the chain head for the rest of the transaction and reads it (creating it on first use). */
async function lockHead(em: EntityManager): Promise<{ seq: number; hash: string }> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const head = headOf(await sqlAll<HeadRow>(em, LOCK_HEAD, []));
    if (head) return head;
    await sqlRun(em, CREATE_HEAD, [GENESIS_HASH]);
  }
  throw new Error('call chain head cannot be created');
}

type Row = (string | number | Date | null)[];

/** The records' rows, each linked to the one before, from the head on; and the new head. */
function linkRows(head: { seq: number; hash: string }, calls: CallInput[]): { rows: Row[]; head: { seq: number; hash: string } } {
  const rows: Row[] = [];
  for (const c of calls) {
    const seq = head.seq + 1;
    const hash = linkFromDigest(head.hash, callDigest({ ...c, seq }));
    rows.push([seq, c.at, c.systemId, c.clientId, c.departmentId, c.entryId, c.grantId, c.datasetVersion, JSON.stringify(c.queryFields), c.queryHash, JSON.stringify(c.fieldsReturned), c.rowCount, c.status, c.httpStatus, c.latencyMs, c.responseHash, head.hash, hash]);
    head = { seq, hash };
  }
  return { rows, head };
}

const ONE_ROW = `(${COLUMNS.map(() => '?').join(', ')})`;
const insertSql = (n: number) => `insert into call_records (${COLUMNS.join(', ')}) values ${Array.from({ length: n }, () => ONE_ROW).join(', ')}`;
/**
 * Multi-row inserts of these sizes only (greedy: 1,000s, 100s, 10s, then ones; 18,000 parameters at most, within
 * both engines' limits): a few statement texts, so SQLite's prepared statements are kept and reused rather than one
 * prepared per batch size.
 */
const SIZES = [1000, 100, 10, 1];
function insertChunks(rows: Row[]): { sql: string; bindings: Row }[] {
  const out: { sql: string; bindings: Row }[] = [];
  let i = 0;
  for (const size of SIZES) {
    for (; rows.length - i >= size; i += size) out.push({ sql: insertSql(size), bindings: rows.slice(i, i + size).flat() });
  }
  return out;
}

/**
 * Appends call records to the chain, in one transaction (the caller's, or one opened here): the head is locked, each
 * record links to the one before, the head moves to the last. Append-only triggers refuse any later change.
 */
export async function appendCalls(em: EntityManager, calls: CallInput[]): Promise<void> {
  if (!calls.length) return;
  const run = async (tx: EntityManager) => {
    const { rows, head } = linkRows(await lockHead(tx), calls);
    for (const chunk of insertChunks(rows)) await sqlRun(tx, chunk.sql, chunk.bindings);
    await sqlRun(tx, MOVE_HEAD, [head.seq, head.hash]);
  };
  if (em.isInTransaction()) await run(em);
  else await em.transactional(run);
}

/** appendCalls inside a transaction run at once on SQLite (`sqlTransactNow`): the same statements, synchronously. */
export function appendCallsNow(sql: SqlNow, calls: CallInput[]): void {
  if (!calls.length) return;
  let locked = headOf(sql.all<HeadRow>(LOCK_HEAD, []));
  if (!locked) {
    sql.run(CREATE_HEAD, [GENESIS_HASH]);
    locked = headOf(sql.all<HeadRow>(LOCK_HEAD, []));
  }
  if (!locked) throw new Error('call chain head cannot be created');
  const { rows, head } = linkRows(locked, calls);
  for (const chunk of insertChunks(rows)) sql.run(chunk.sql, chunk.bindings);
  sql.run(MOVE_HEAD, [head.seq, head.hash]);
}
