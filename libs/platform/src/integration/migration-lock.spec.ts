import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '@govdata/core';
import type { TestDatabase } from '@govdata/core/testing';
import { openPlatformDatabase } from '../database';
import { createPlatformTestDatabase } from '../testing';

// Issue 18 (1): API replicas and schedulers all migrate on boot. Processes starting together on an empty database
// crashed with `MigrationError … (typname, typnamespace)=(departments, 2200) already exists` on PostgreSQL. Each
// openPlatformDatabase here has a pool of its own, as separate processes would. SQLite by default, PostgreSQL with
// DATABASE_URL=postgres://… (CI runs both).
describe('migrations serialised between processes starting at once', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()?.();
  });

  async function emptyDatabase(): Promise<TestDatabase> {
    const empty = await createPlatformTestDatabase({ migrate: false });
    cleanups.unshift(() => empty.drop()); // dropped last, after the others closed
    expect(await empty.orm.getMigrator().getExecutedMigrations()).toEqual([]);
    return empty;
  }

  async function startAtOnce(url: string, n: number): Promise<Database[]> {
    const opened = await Promise.allSettled(Array.from({ length: n }, () => openPlatformDatabase(url, { quiet: true })));
    for (const o of opened) if (o.status === 'fulfilled') cleanups.push(() => o.value.close());
    const failures = opened.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
    expect(failures).toEqual([]);
    return opened.map((o) => (o as PromiseFulfilledResult<Database>).value);
  }

  async function expectMigratedOnce(db: Database): Promise<void> {
    const migrator = db.orm.getMigrator();
    expect(await migrator.getPendingMigrations()).toEqual([]);
    const executed = (await migrator.getExecutedMigrations()).map((m) => m.name);
    expect(new Set(executed).size).toBe(executed.length);
    // and the schema is whole: a table of the last migration answers
    const rows = await db.fork().getConnection().execute('select count(*) as n from departments');
    expect(Number(rows[0].n)).toBe(0);
  }

  it.each([2, 3])('%i processes on an empty database all start, and each migration is applied once', { timeout: 120_000 }, async (n) => {
    const empty = await emptyDatabase();
    const dbs = await startAtOnce(empty.url, n);
    for (const db of dbs) await expectMigratedOnce(db);
  });

  it('a process starting while another migrates waits for it, then finds nothing to do', { timeout: 60_000 }, async () => {
    const empty = await emptyDatabase();
    const first = openPlatformDatabase(empty.url, { quiet: true });
    const [a, b] = await Promise.all([first, new Promise((r) => setTimeout(r, 20)).then(() => openPlatformDatabase(empty.url, { quiet: true }))]);
    cleanups.push(() => a.close(), () => b.close());
    expect(await b.orm.getMigrator().up()).toEqual([]);
  });
});
