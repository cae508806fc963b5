import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startWalCheckpointer } from './wal-checkpointer';

/** What the test uses of better-sqlite3 (the package has no type declarations here). */
interface Db {
  pragma(sql: string): unknown;
  exec(sql: string): void;
  prepare(sql: string): { run(...values: unknown[]): unknown };
  transaction(fn: () => void): () => void;
  close(): void;
}
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => Db;

// The API on SQLite checkpoints its WAL in a thread (main.ts): with the writer's own checkpoints off, what it commits
// stays in the WAL until the thread copies it into the database file — the file grows only by the thread's work.
describe('the WAL checkpoint thread', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govdata-wal-'));
  const file = path.join(dir, 'db.sqlite');
  let stop: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await stop?.();
    stop = null;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const writer = () => {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('create table if not exists t (id integer primary key, v text)');
    return db;
  };
  const write = (db: Db, rows: number) => {
    const insert = db.prepare('insert into t (v) values (?)');
    db.transaction(() => {
      for (let i = 0; i < rows; i++) insert.run('x'.repeat(400));
    })();
  };
  const until = async (ok: () => boolean, ms: number) => {
    for (const end = Date.now() + ms; Date.now() < end && !ok(); ) await new Promise((r) => setTimeout(r, 20));
    return ok();
  };

  it('copies the committed WAL into the database file, off the writer’s thread', async () => {
    const db = writer();
    write(db, 10); // the table on disk once, by a checkpoint of our own
    db.pragma('wal_checkpoint(TRUNCATE)');
    const before = fs.statSync(file).size;
    write(db, 5_000); // ~2 MB, all in the WAL
    expect(fs.statSync(file).size).toBe(before);
    const thread = startWalCheckpointer(file, { intervalMs: 50 });
    stop = () => thread.close();
    expect(await until(() => fs.statSync(file).size > before + 1_000_000, 5_000)).toBe(true);
    db.close();
  });

  it('stops when closed', async () => {
    const db = writer();
    const thread = startWalCheckpointer(file, { intervalMs: 50 });
    await thread.close();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const before = fs.statSync(file).size;
    write(db, 5_000);
    await new Promise((r) => setTimeout(r, 400));
    expect(fs.statSync(file).size).toBe(before);
    db.close();
  });
});
