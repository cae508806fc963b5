/**
 * Which database DATABASE_URL names — nothing else, so that a light entry point (`@govdata/gateway/verify`, behind
 * `npm run verify-calls`) reads it without loading the ORM: this file imports nothing, and is the package's
 * `@govdata/core/database-url` entry. config.ts re-exports it for the ORM's side.
 */

export type Dialect = 'sqlite' | 'postgresql';

export interface DatabaseTarget {
  dialect: Dialect;
  /** file path for SQLite, connection URL for PostgreSQL */
  location: string;
}

/** The embedded default: a SQLite file under data/ in the working directory. */
export const DEFAULT_SQLITE_FILE = 'data/govdata.sqlite';

/**
 * Reads DATABASE_URL: empty → the default SQLite file; `sqlite:path/to/file.sqlite` → that file;
 * `postgres://…` or `postgresql://…` → PostgreSQL. Only reads the string: nothing is created or checked on disk.
 */
export function parseDatabaseUrl(url: string | undefined): DatabaseTarget {
  const value = url?.trim();
  if (!value) return { dialect: 'sqlite', location: DEFAULT_SQLITE_FILE };
  if (/^postgres(ql)?:\/\//.test(value)) return { dialect: 'postgresql', location: value };
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file) throw new Error('DATABASE_URL=sqlite: needs a file path, e.g. sqlite:data/govdata.sqlite');
    return { dialect: 'sqlite', location: file };
  }
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${value}")`);
}
