import type { EntityManager } from '@mikro-orm/knex';
import { isPostgres, sqlAll, sqlRows } from '@govdata/core';
import type { ChainVerification } from '@govdata/domain';
import type { StoredCallRow } from './call-digest';
import { COUNT_SQL, HEAD_SQL, pageQuery, SEALS_SQL, verifyCalls, type CallRecordSource, type CallSourceTarget, type WalkOptions } from './verify-walk';

/** Where a verification thread finds the database `em` reads — none inside a transaction, whose writes it would not see. */
function targetOf(em: EntityManager): CallSourceTarget | null {
  if (em.isInTransaction()) return null;
  if (isPostgres(em)) {
    const url = em.config.get('clientUrl');
    return url ? { dialect: 'postgresql', location: url } : null;
  }
  const file = em.config.get('dbName');
  return file && !file.includes(':memory:') && !file.startsWith('file:') ? { dialect: 'sqlite', location: file } : null;
}

/** The call records as `em` reads them (rows as arrays on SQLite, without the pool: sqlRows). */
export function entityCallSource(em: EntityManager): CallRecordSource {
  const dialect = isPostgres(em) ? 'postgresql' : 'sqlite';
  return {
    target: targetOf(em),
    dialect,
    page(range, after, limit) {
      const q = pageQuery(dialect, range, after, limit);
      return sqlRows(em, q.sql, q.values) as Promise<StoredCallRow[]>;
    },
    async seals() {
      const rows = await sqlAll<{ day: string; last_seq: number | string; last_hash: string; count: number | string; signature: string }>(em, SEALS_SQL, []);
      return rows.map((r) => ({ day: r.day, lastSeq: Number(r.last_seq), lastHash: r.last_hash, count: Number(r.count), signature: r.signature }));
    },
    async head() {
      const [h] = await sqlAll<{ seq: number | string; last_hash: string }>(em, HEAD_SQL, []);
      return h ? { seq: Number(h.seq), hash: h.last_hash } : null;
    },
    async count() {
      const [c] = await sqlAll<{ n: number | string }>(em, COUNT_SQL, []);
      return Number(c?.n ?? 0);
    },
  };
}

/**
 * 核验调用记录 (第十六条(四)) of the database `em` reads: the whole chain in seq order, the chain head, every daily
 * seal; names the first broken record (verify-walk.ts). A large chain is walked by this thread and worker threads
 * with connections of their own.
 */
export function verifyCallChain(em: EntityManager, publicKeyPem: string, options: WalkOptions = {}): Promise<ChainVerification> {
  return verifyCalls(entityCallSource(em), publicKeyPem, options);
}
