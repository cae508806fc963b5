import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlAll, sqlRun } from '@govdata/core';
import type { TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '../testing';

/**
 * Reads outside a transaction do not wait for another request's open transaction (libs/core sqlite-driver.ts): on
 * SQLite they run on the reader connection and see the committed state — never the open transaction's rows — and
 * the transaction's own statements still see its rows. On PostgreSQL the pool gives each its own connection: the
 * same holds.
 */
describe('reads while another transaction is open', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPlatformTestDatabase();
    await sqlRun(db.fork(), 'create table reader_probe (id integer primary key, name varchar(20) not null)', []);
  });
  afterAll(() => db.drop());

  it('answer at once with the committed state, and see the rows once committed', async () => {
    const em = db.fork();
    const count = async () => Number((await sqlAll<{ n: number | string }>(db.fork(), "select count(*) as n from reader_probe", []))[0]?.n);
    expect(await count()).toBe(0);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inside = -1;
    const writer = em.transactional(async (tx) => {
      await sqlRun(tx, "insert into reader_probe (id, name) values (1, 'written')", []);
      inside = Number((await sqlAll<{ n: number | string }>(tx, "select count(*) as n from reader_probe", []))[0]?.n);
      await held;
    });
    // the transaction is open and waiting: a read elsewhere neither waits for it nor sees its row
    await new Promise((r) => setTimeout(r, 20));
    const t0 = performance.now();
    expect(await Promise.race([count(), new Promise((r) => setTimeout(() => r('waited'), 2000))])).toBe(0);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(inside).toBe(1);
    release();
    await writer;
    expect(await count()).toBe(1);
  });
});
