import { describe, expect, it } from 'vitest';
import { DEFAULT_SQLITE_FILE, parseDatabaseUrl } from './database-url';

describe('parseDatabaseUrl', () => {
  it('reads the default, a SQLite file and a PostgreSQL URL', () => {
    expect(parseDatabaseUrl(undefined)).toEqual({ dialect: 'sqlite', location: DEFAULT_SQLITE_FILE });
    expect(parseDatabaseUrl('  ')).toEqual({ dialect: 'sqlite', location: 'data/govdata.sqlite' });
    expect(parseDatabaseUrl('sqlite:tmp/a.sqlite')).toEqual({ dialect: 'sqlite', location: 'tmp/a.sqlite' });
    expect(parseDatabaseUrl('sqlite:///var/lib/a.sqlite')).toEqual({ dialect: 'sqlite', location: '/var/lib/a.sqlite' });
    expect(parseDatabaseUrl(' postgres://u@h:5432/db ')).toEqual({ dialect: 'postgresql', location: 'postgres://u@h:5432/db' });
    expect(parseDatabaseUrl('postgresql://u@h/db')).toEqual({ dialect: 'postgresql', location: 'postgresql://u@h/db' });
  });

  it('refuses a URL it cannot place', () => {
    expect(() => parseDatabaseUrl('sqlite:')).toThrow(/needs a file path/);
    expect(() => parseDatabaseUrl('data/govdata.sqlite')).toThrow(/must start with sqlite: or postgres:\/\//);
    expect(() => parseDatabaseUrl('mysql://h/db')).toThrow(/must start with/);
  });
});
