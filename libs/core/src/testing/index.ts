import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { knex } from '@mikro-orm/knex';
import type { EntityList } from '../orm/config';
import { openDatabase, type Database } from '../orm/open';

export interface TestDatabase extends Database {
  /** the DATABASE_URL of this throw-away database */
  url: string;
  /** closes and deletes the database */
  drop(): Promise<void>;
}

/** The PostgreSQL server tests run against when DATABASE_URL names one, else null (SQLite). */
export function testPostgresUrl(): string | null {
  const url = process.env.DATABASE_URL ?? '';
  return /^postgres(ql)?:\/\//.test(url) ? url : null;
}

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A fresh, empty database with every migration applied — a temp SQLite file, or a new database on the PostgreSQL
 * server named by DATABASE_URL. Each test file gets its own, so files can run in parallel.
 */
export async function createTestDatabase(options: { entities: EntityList; migrate?: boolean }): Promise<TestDatabase> {
  const name = `govdata_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const pg = testPostgresUrl();
  if (pg) {
    const admin = knex({ client: 'pg', connection: pg, pool: { min: 0, max: 1 } });
    await admin.raw(`create database "${name}"`);
    await admin.destroy();
    const url = withDatabaseName(pg, name);
    const db = await openDatabase(url, { entities: options.entities, migrate: options.migrate, quiet: true });
    return {
      ...db,
      url,
      async drop() {
        await db.close();
        const k = knex({ client: 'pg', connection: pg, pool: { min: 0, max: 1 } });
        await k.raw(`drop database if exists "${name}" with (force)`);
        await k.destroy();
      },
    };
  }
  const file = path.join(os.tmpdir(), `${name}.sqlite`);
  const url = `sqlite:${file}`;
  const db = await openDatabase(url, { entities: options.entities, migrate: options.migrate, quiet: true });
  return {
    ...db,
    url,
    async drop() {
      await db.close();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    },
  };
}
export * from './deadlines';
export * from './redis';
export * from './zip-bomb';
