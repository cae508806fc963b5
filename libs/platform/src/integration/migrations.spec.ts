import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEngineOnlyStatement } from '@govdata/core';
import { type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '../testing';

// Runs on SQLite by default and on PostgreSQL when DATABASE_URL=postgres://… (CI runs both).
describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPlatformTestDatabase({ migrate: false });
  });
  afterAll(() => db.drop());

  it('apply to an empty database and leave nothing for the schema generator to add', async () => {
    const migrator = db.orm.getMigrator();
    const pending = await migrator.getPendingMigrations();
    expect(pending.length).toBeGreaterThan(0);
    await migrator.up();
    expect(await migrator.getPendingMigrations()).toEqual([]);
    const executed = await migrator.getExecutedMigrations();
    expect(executed.map((m) => m.name)).toEqual(pending.map((m) => m.name));
    // the committed migrations and the entities describe the same schema
    // (but for the engine's own search index, which no entity can declare: isEngineOnlyStatement)
    const diff = await db.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    const lines = diff.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines.filter((l) => !isEngineOnlyStatement(l))).toEqual([]);
  });

  it('are idempotent: a second run finds nothing to do', async () => {
    expect(await db.orm.getMigrator().up()).toEqual([]);
  });
});
