import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { StoredCallRow } from './call-digest';
import { COUNT_SQL, HEAD_SQL, pageQuery, SEALS_SQL, type CallRecordSource, type CallSourceTarget, type StoredSeal } from './verify-walk';

/**
 * The call records read with the engine's own driver (better-sqlite3, pg), without the ORM: what a verification thread
 * and `npm run verify-calls` read through — the ORM and the platform's modules take seconds to load, a driver a
 * tenth of one. Read only: a SQLite file is opened read-only and must exist; nothing is migrated. The values are the
 * ones the ORM's connection gives (PostgreSQL's times as text, as MikroORM's type parsers leave them).
 */

const require = createRequire(import.meta.url);

interface SqliteStatement {
  raw(on: boolean): SqliteStatement;
  all(...values: unknown[]): unknown[];
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  pragma(sql: string): unknown;
  close(): void;
}
type SqliteOpen = new (file: string, options: { readonly: boolean; fileMustExist: boolean }) => SqliteDatabase;

interface PgResult {
  rows: unknown[];
}
interface PgClient {
  connect(): Promise<void>;
  query(config: { text: string; values?: unknown[]; rowMode?: 'array' }): Promise<PgResult>;
  end(): Promise<void>;
}
interface PgModule {
  Client: new (config: { connectionString: string; types: { getTypeParser(oid: number, format?: string): (text: string) => unknown } }) => PgClient;
  types: { getTypeParser(oid: number, format?: string): (text: string) => unknown };
}

/**
 * Left as the server's text: date, timestamp, timestamptz, interval (as @mikro-orm/postgresql's connection leaves
 * them), and json, jsonb — the field lists, parsed by the canonical form (JSON.parse, as pg would), once per distinct text.
 */
const PG_TEXT_TYPES = new Set([1082, 1114, 1184, 1186, 114, 3802]);

export type OpenCallSource = CallRecordSource & { close(): Promise<void> };

const sealOf = (r: Record<string, unknown>): StoredSeal => ({ day: String(r.day), lastSeq: Number(r.last_seq), lastHash: String(r.last_hash), count: Number(r.count), signature: String(r.signature) });

export async function openCallSource(target: CallSourceTarget): Promise<OpenCallSource> {
  return target.dialect === 'sqlite' ? sqliteSource(target) : pgSource(target);
}

function sqliteSource(target: CallSourceTarget): OpenCallSource {
  const Database = require('better-sqlite3') as SqliteOpen;
  const file = path.resolve(target.location);
  if (!fs.existsSync(file)) throw new Error(`数据库文件 ${file} 不存在`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  // the platform's connections map the file (libs/core sqlite-driver.ts): reads from the page cache, without copies
  db.pragma('mmap_size = 2147418112');
  const statements = new Map<string, SqliteStatement>();
  const rows = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql).raw(true)));
    return statement;
  };
  const objects = (sql: string) => db.prepare(sql).all() as Record<string, unknown>[];
  return {
    target,
    dialect: 'sqlite',
    page(range, after, limit) {
      const q = pageQuery('sqlite', range, after, limit);
      return rows(q.sql).all(...q.values) as StoredCallRow[];
    },
    seals: async () => objects(SEALS_SQL).map(sealOf),
    async head() {
      const [h] = objects(HEAD_SQL);
      return h ? { seq: Number(h.seq), hash: String(h.last_hash) } : null;
    },
    count: async () => Number(objects(COUNT_SQL)[0]?.n ?? 0),
    async close() {
      db.close();
    },
  };
}

async function pgSource(target: CallSourceTarget): Promise<OpenCallSource> {
  const pg = require('pg') as PgModule;
  const client = new pg.Client({
    connectionString: target.location,
    types: { getTypeParser: (oid, format) => (PG_TEXT_TYPES.has(oid) ? (text: string) => text : pg.types.getTypeParser(oid, format)) },
  });
  await client.connect();
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  const objects = async (sql: string) => (await client.query({ text: sql })).rows as Record<string, unknown>[];
  return {
    target,
    dialect: 'postgresql',
    async page(range, after, limit) {
      const q = pageQuery('postgresql', range, after, limit);
      return (await client.query({ text: numbered(q.sql), values: q.values, rowMode: 'array' })).rows as StoredCallRow[];
    },
    seals: async () => (await objects(SEALS_SQL)).map(sealOf),
    async head() {
      const [h] = await objects(HEAD_SQL);
      return h ? { seq: Number(h.seq), hash: String(h.last_hash) } : null;
    },
    count: async () => Number((await objects(COUNT_SQL))[0]?.n ?? 0),
    close: () => client.end(),
  };
}
