import type { EntityManager } from '@mikro-orm/knex';
import { sqlAll, sqlRun } from '../orm/raw';
import { GENESIS_HASH } from './hash';

export interface ChainHeadState {
  /** seq of the last link (0 for an empty chain) */
  seq: number;
  /** hash of the last link (GENESIS_HASH for an empty chain) */
  hash: string;
}

/**
 * Locks a chain's head row for the rest of the transaction and reads it. Appends are serialised by this lock: on
 * PostgreSQL the row lock makes a concurrent appender wait until this transaction ends (READ COMMITTED: it then reads
 * the committed head), on SQLite the write takes the database's write lock. Two writers can never extend the same
 * link, so the chain cannot fork. Must run inside the transaction that inserts the links.
 */
export async function lockChainHead(em: EntityManager, chain: string): Promise<ChainHeadState> {
  if (!em.isInTransaction()) throw new Error(`appending to the ${chain} chain needs a transaction (the head lock must last until the links are written)`);
  for (let attempt = 0; attempt < 2; attempt++) {
    const rows = await sqlAll<{ seq: number | string; last_hash: string }>(em, 'update chain_heads set seq = seq where name = ? returning seq, last_hash', [chain]);
    if (rows[0]) return { seq: Number(rows[0].seq), hash: rows[0].last_hash };
    await sqlRun(em, 'insert into chain_heads (name, seq, last_hash) values (?, 0, ?) on conflict (name) do nothing', [chain, GENESIS_HASH]);
  }
  throw new Error(`chain head ${chain} cannot be created`);
}

/** Moves the (locked) head to the last link this transaction appended. */
export async function advanceChainHead(em: EntityManager, chain: string, head: ChainHeadState): Promise<void> {
  await sqlRun(em, 'update chain_heads set seq = ?, last_hash = ? where name = ?', [head.seq, head.hash, chain]);
}

/** The head as stored (no lock), or null when the chain has none yet. */
export async function readChainHead(em: EntityManager, chain: string): Promise<ChainHeadState | null> {
  const rows = await sqlAll<{ seq: number | string; last_hash: string }>(em, 'select seq, last_hash from chain_heads where name = ?', [chain]);
  return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].last_hash } : null;
}
