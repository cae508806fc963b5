import fs from 'node:fs';
import path from 'node:path';
import type { EntitySchema, Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { postgresqlMigrations } from '../migrations/postgresql';
import { sqliteMigrations } from '../migrations/sqlite';
import type { DatabaseTarget } from './database-url';
import { SQLITE_MMAP_SIZE, SqliteDriver } from './sqlite-driver';

export { DEFAULT_SQLITE_FILE, parseDatabaseUrl, type DatabaseTarget, type Dialect } from './database-url';

/** The entities the ORM maps: every area's, composed by @govdata/platform (a test may pass fewer). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EntityList = EntitySchema<any, any>[];

export interface OrmOptions {
  entities: EntityList;
  debug?: boolean;
  /** no "Processing/Applied migration" lines (tests create hundreds of databases) */
  quiet?: boolean;
}

/**
 * Schema objects of one engine that the entities cannot describe, created by migrations only: the catalog search's
 * FTS5 table on SQLite (a virtual table and its shadow tables, skipped when the schema is read) and on PostgreSQL its
 * trigram GIN index and the entries' n-gram column with its GIN index (kept by a trigger, never read or written by the
 * ORM; the schema comparison would drop them: `migrations.spec.ts` ignores, and `migration:create` leaves out, the
 * statements naming these objects).
 */
export const ENGINE_ONLY_SCHEMA = {
  sqliteTables: [/^catalog_search_fts/],
  postgresqlObjects: ['catalog_search_text_trgm', 'search_grams', 'catalog_entries_search_gin'],
};

/** A generated schema statement about an object only the migrations know (see ENGINE_ONLY_SCHEMA). */
export const isEngineOnlyStatement = (sql: string): boolean => ENGINE_ONLY_SCHEMA.postgresqlObjects.some((o) => sql.includes(`"${o}"`));

/** MikroORM options for a target. Migrations are compiled in (one list per dialect), never discovered. */
export function ormOptions(target: DatabaseTarget, opts: OrmOptions): Options {
  const common = {
    entities: opts.entities,
    extensions: [Migrator],
    forceUtcTimezone: true,
    debug: opts.debug ?? false,
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: true },
  } satisfies Options;
  if (target.dialect === 'postgresql') {
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: target.location,
      pool: { min: 0, max: 10 },
      migrations: { migrationsList: postgresqlMigrations, snapshot: false, transactional: true, allOrNothing: true, disableForeignKeys: false, silent: opts.quiet ?? false },
    };
  }
  const file = path.resolve(target.location);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return {
    ...common,
    driver: SqliteDriver,
    dbName: file,
    schemaGenerator: { skipTables: ENGINE_ONLY_SCHEMA.sqliteTables },
    pool: {
      afterCreate: (conn: { pragma: (s: string) => unknown }, done: (err: Error | null, conn: unknown) => void) => {
        // WAL lets the scheduler and the API read while the other writes; busy_timeout waits instead of failing.
        conn.pragma('journal_mode = WAL');
        conn.pragma('busy_timeout = 5000');
        conn.pragma('foreign_keys = ON');
        conn.pragma('synchronous = NORMAL');
        conn.pragma(`mmap_size = ${SQLITE_MMAP_SIZE}`);
        done(null, conn);
      },
    },
    migrations: { migrationsList: sqliteMigrations, snapshot: false, transactional: true, allOrNothing: true, disableForeignKeys: false, silent: opts.quiet ?? false },
  };
}
