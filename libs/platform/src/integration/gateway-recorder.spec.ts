import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlAll } from '@govdata/core';
import type { TestDatabase } from '@govdata/core/testing';
import { CallRecorder, callSealKey, QuotaCounter, sm3Hex, verifyCallChain, type CallInput } from '@govdata/gateway';
import { createPlatformTestDatabase } from '../testing';

const call = (k: number): CallInput => ({
  at: new Date(Date.UTC(2026, 10, 30, 2, 0, 0, k)),
  systemId: 1,
  clientId: 'gd_recorder_test',
  departmentId: 2,
  entryId: 3,
  grantId: 4,
  datasetVersion: 1,
  queryFields: ['id_number'],
  queryHash: sm3Hex(`q${k}`),
  fieldsReturned: ['id_number'],
  rowCount: 1,
  status: 'ok',
  httpStatus: 200,
  latencyMs: 3,
  responseHash: sm3Hex(`r${k}`),
});

/**
 * The gateway's call records by group commit (issue 15, bench:gateway): calls that arrive together go on the chain
 * together, each answered only once its record is committed; the daily quota is counted in the process and settled
 * with the shared count in the same transactions.
 */
describe('call recorder and quota counter', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPlatformTestDatabase();
  });
  afterAll(() => db.drop());

  it('puts 300 simultaneous calls on the chain in a few transactions, in order, each resolved once committed', async () => {
    let transactions = 0;
    const recorder = new CallRecorder(() => {
      transactions++;
      return db.fork();
    });
    const committed: number[] = [];
    await Promise.all(
      Array.from({ length: 300 }, (_, k) =>
        recorder.record(call(k)).then(async () => {
          // when a call's promise resolves, its row is there for anyone to read
          const [row] = await sqlAll<{ n: number | string }>(db.fork(), 'select count(*) as n from call_records where query_hash = ?', [sm3Hex(`q${k}`)]);
          committed.push(Number(row?.n));
        }),
      ),
    );
    expect(committed).toHaveLength(300);
    expect(committed.every((n) => n === 1)).toBe(true);
    // calls that arrive in the same turn of the event loop go in one transaction
    expect(transactions).toBe(1);
    const rows = await sqlAll<{ seq: number | string; query_hash: string }>(db.fork(), 'select seq, query_hash from call_records order by seq', []);
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    // the queue's order is the chain's order
    expect(rows.map((r) => r.query_hash)).toEqual(Array.from({ length: 300 }, (_, k) => sm3Hex(`q${k}`)));
    expect((await verifyCallChain(db.fork(), callSealKey().publicKeyPem)).ok).toBe(true);
  });

  it('allows exactly the quota in a process, settles it in the database, and another process sees it used up', async () => {
    const quota = new QuotaCounter(() => db.fork());
    const recorder = new CallRecorder(() => db.fork(), quota);
    const day = '2026-11-30';
    const allowed = await Promise.all(Array.from({ length: 12 }, () => quota.take('g:4', day, 5)));
    expect(allowed.filter(Boolean)).toHaveLength(5);
    await Promise.all(allowed.map((ok, k) => (ok ? recorder.record(call(1000 + k)) : Promise.resolve())));
    const [usage] = await sqlAll<{ calls: number | string }>(db.fork(), 'select calls from grant_usage where access_key = ? and day = ?', ['g:4', day]);
    expect(Number(usage?.calls)).toBe(5);
    // a second API process starts from the shared count
    const other = new QuotaCounter(() => db.fork());
    expect(await other.take('g:4', day, 5)).toBe(false);
    expect(await other.take('g:4', day, 6)).toBe(true);
    // a new day starts from nothing
    expect(await quota.take('g:4', '2026-12-01', 5)).toBe(true);
  });
});
