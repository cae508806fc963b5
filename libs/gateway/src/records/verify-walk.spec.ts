import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { isPostgres, parseDatabaseUrl, sqlAll, sqlRows, sqlRun } from '@govdata/core';
import { createTestDatabase, testPostgresUrl, type TestDatabase } from '@govdata/core/testing';
import type { ChainVerification } from '@govdata/domain';
import { CallChainHead, CallRecord, CallSeal } from '../entities/call-record.entity';
import { callSealKey } from './seal-key';
import { verifyCallsAt } from '../verify';
import { appendCalls, type CallInput } from './calls';
import { CALL_ROW_COLUMNS, callDigest, callOfRow, type StoredCallRow } from './call-digest';
import { ChainVerifier, sm3Hex } from './chain';
import { sealCallDays } from './seal';
import { verifySealSignature } from './seal-signature';
import { entityCallSource, verifyCallChain } from './verify';
import { walkChain, type WalkOptions } from './verify-walk';

const N = 1_200;
/** ranges of 100 seqs: [1, 101) … [1101, ∞) — the borders fall at seq 100|101, 200|201, … */
const SPAN = 100;

/** Records of every shape: nulls, refusals, several field names, unicode; over three days (two get sealed). */
function call(k: number): CallInput {
  const refused = k % 7 === 3;
  return {
    at: new Date(Date.UTC(2026, 10, 28, 2, 0, 0) + Math.floor(k / 500) * 86_400_000 + k * 1000),
    systemId: k % 5 === 0 ? null : 1 + (k % 3),
    clientId: k % 5 === 0 ? null : `gd_walk_${k % 3}`,
    departmentId: k % 11 === 0 ? null : 2,
    entryId: 3,
    grantId: refused ? null : 4,
    datasetVersion: refused ? null : 1,
    queryFields: k % 4 === 0 ? ['id_number', '姓名'] : ['id_number'],
    queryHash: sm3Hex(`q${k}`),
    fieldsReturned: refused ? [] : ['id_number', 'name', '住址"\\'],
    rowCount: refused ? 0 : 1,
    status: refused ? 'forbidden' : 'ok',
    httpStatus: refused ? 403 : 200,
    latencyMs: k % 9,
    responseHash: refused ? null : sm3Hex(`r${k}`),
  };
}

/** What verifyCallChain did before it walked in ranges: one walk in seq order, pages of 5,000 — the reference. */
async function oneWalk(em: EntityManager, publicKeyPem: string): Promise<ChainVerification> {
  const verifier = new ChainVerifier();
  const seals = await em.find(CallSeal, {}, { orderBy: { day: 'asc' } });
  const wanted = new Set(seals.map((s) => s.lastSeq));
  const hashAt = new Map<number, string>();
  let after = 0;
  for (;;) {
    const rows = (await sqlRows(em, `select ${CALL_ROW_COLUMNS} from call_records where seq > ? order by seq limit 5000`, [after])) as StoredCallRow[];
    if (!rows.length) break;
    for (const r of rows) {
      const seq = Number(r[1]);
      if (!verifier.push({ id: Number(r[0]), seq, prevHash: r[17], hash: r[18], content: null, digest: callDigest(callOfRow(r)) })) break;
      if (wanted.has(seq)) hashAt.set(seq, r[18]);
    }
    if (verifier.broken) break;
    after = Number((rows[rows.length - 1] as StoredCallRow)[1]);
  }
  const [head] = await sqlAll<{ seq: number | string; last_hash: string }>(em, 'select seq, last_hash from call_chain_head where id = 1', []);
  verifier.finish(head ? { seq: Number(head.seq), hash: head.last_hash } : verifier.checked ? { seq: -1, hash: '' } : null);
  const bad = seals.filter((s) => !verifySealSignature(publicKeyPem, { chain: 'call_records', day: s.day, lastSeq: s.lastSeq, lastHash: s.lastHash, count: s.count }, s.signature) || !(s.lastSeq === 0 || verifier.broken !== null || hashAt.get(s.lastSeq) === s.lastHash)).map((s) => s.day);
  const broken = verifier.broken;
  return { ok: !broken && !bad.length, checked: verifier.checked, firstBroken: broken ? { id: broken.id ?? 0, reason: broken.message } : null, seals: { checked: seals.length, bad } };
}

/**
 * 核验调用记录 in ranges of seq on several threads (issue 15, bench:gateway): whatever is edited or deleted, wherever
 * it falls against the ranges' borders, the verification names the same first broken record as one walk from the
 * start — in the worker threads, on the calling thread alone, and read through the drivers (`npm run verify-calls`).
 */
describe('call-chain verification in ranges', () => {
  let db: TestDatabase;
  const key = callSealKey().publicKeyPem;
  const pg = Boolean(testPostgresUrl());
  const threaded: WalkOptions = { span: SPAN, minParallel: 0, workers: 2, callerWalks: false };
  const mixed: WalkOptions = { span: SPAN, minParallel: 0, workers: 1 };
  const alone: WalkOptions = { span: SPAN, workers: 0 };

  /** Every way of verifying gives the reference's answer; returns it. */
  async function verifiedEveryWay(): Promise<ChainVerification> {
    const reference = await oneWalk(db.fork(), key);
    expect(await verifyCallChain(db.fork(), key, threaded)).toEqual(reference);
    expect(await verifyCallChain(db.fork(), key, mixed)).toEqual(reference);
    expect(await verifyCallChain(db.fork(), key, alone)).toEqual(reference);
    expect(await verifyCallChain(db.fork(), key)).toEqual(reference);
    expect(await verifyCallsAt(db.url, key, mixed)).toEqual(reference);
    return reference;
  }

  type Saved = Record<string, unknown>;
  const rowsAt = async (seqs: number[]) => sqlAll<Saved>(db.fork(), `select * from call_records where seq in (${seqs.join(', ')})`, []);
  const remove = async (seqs: number[]) => {
    const saved = await rowsAt(seqs);
    await sqlRun(db.fork(), `delete from call_records where seq in (${seqs.join(', ')})`, []);
    return saved;
  };
  /** Puts deleted rows back as they were (the chain verifies again). */
  const restore = async (saved: Saved[]) => {
    for (const row of saved) {
      const columns = Object.keys(row);
      const values = columns.map((c) => (Array.isArray(row[c]) ? JSON.stringify(row[c]) : row[c])) as (string | number | null)[];
      await sqlRun(db.fork(), `insert into call_records (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`, values);
    }
    expect((await verifyCallChain(db.fork(), key, mixed)).ok).toBe(true);
  };
  const edit = async (seq: number, by: number) => {
    await sqlRun(db.fork(), 'update call_records set latency_ms = latency_ms + ? where seq = ?', [by, seq]);
  };
  const idOf = async (seq: number) => Number((await rowsAt([seq]))[0]?.id);

  beforeAll(async () => {
    db = await createTestDatabase({ entities: [CallRecord, CallChainHead, CallSeal] });
    await appendCalls(db.fork(), Array.from({ length: N }, (_, k) => call(k)));
    // the first two days sealed: the seals name seq 500 and seq 1000
    const em = db.fork();
    await sealCallDays(em, callSealKey(), new Date(Date.UTC(2026, 10, 30, 0, 0, 0)));
    // an attacker with database access switches the append-only triggers off
    if (isPostgres(em)) await em.execute('alter table call_records disable trigger call_records_append_only');
    else {
      await em.execute('drop trigger call_records_no_update');
      await em.execute('drop trigger call_records_no_delete');
    }
  });
  afterAll(() => db?.drop());

  it('verifies an intact chain and its seals on every path, the worker threads walking every range', async () => {
    const result = await verifiedEveryWay();
    expect(result).toEqual({ ok: true, checked: N, firstBroken: null, seals: { checked: 2, bad: [] } });
    const walk = await walkChain(entityCallSource(db.fork()), new Set([500, 1000]), threaded);
    expect(walk.rangesInThreads).toBe(Math.ceil(N / SPAN));
    expect(walk.verifier.checked).toBe(N);
    expect([...walk.sealed.keys()].sort((a, b) => a - b)).toEqual([500, 1000]);
    expect(parseDatabaseUrl(db.url).dialect).toBe(pg ? 'postgresql' : 'sqlite');
  });

  it.each([
    ['in the middle of a range', 537],
    ['the first of a range', 601],
    ['the last of a range', 600],
    ['the first record', 1],
    ['the last record', N],
  ])('names an edited record — %s (seq %i)', async (_, seq) => {
    await edit(seq, 1000);
    const result = await verifiedEveryWay();
    expect(result.ok).toBe(false);
    expect(result.checked).toBe(seq - 1);
    expect(result.firstBroken).toEqual({ id: await idOf(seq), reason: expect.stringMatching(new RegExp(`（序号 ${seq}）的内容与其哈希不符`)) });
    await edit(seq, -1000);
    expect((await verifyCallChain(db.fork(), key, mixed)).ok).toBe(true);
  });

  it.each([
    ['in the middle of a range', [537], 538, '序号 537 的记录缺失'],
    ['the first of a range', [601], 602, '序号 601 的记录缺失'],
    ['the last of a range', [600], 601, '序号 600 的记录缺失'],
    ['across a border', [598, 599, 600, 601, 602, 603], 604, '序号 598–603 的记录缺失'],
    ['a whole range', Array.from({ length: SPAN }, (_, k) => 601 + k), 701, '序号 601–700 的记录缺失'],
    ['the first record', [1], 2, '序号 1 的记录缺失'],
  ])('names the record after a deletion — %s', async (_, seqs, after, words) => {
    const saved = await remove(seqs);
    const result = await verifiedEveryWay();
    expect(result.checked).toBe(Math.min(...seqs) - 1);
    expect(result.firstBroken).toEqual({ id: await idOf(after), reason: expect.stringContaining(words) });
    await restore(saved);
  });

  it('names the first of two breaks, whichever range finds its own first', async () => {
    await edit(1050, 1);
    const saved = await remove([250]);
    const result = await verifiedEveryWay();
    expect(result.firstBroken?.reason).toMatch(/序号 250 的记录缺失/);
    await edit(1050, -1);
    await restore(saved);
    await edit(150, 1);
    const later = await remove([1101]);
    expect((await verifiedEveryWay()).firstBroken?.reason).toMatch(/（序号 150）的内容与其哈希不符/);
    await edit(150, -1);
    await restore(later);
  });

  it('names a record whose previous hash was changed at a range border', async () => {
    const [row] = await rowsAt([701]);
    await sqlRun(db.fork(), 'update call_records set prev_hash = ? where seq = 701', [sm3Hex('forged')]);
    const result = await verifiedEveryWay();
    expect(result.firstBroken).toEqual({ id: await idOf(701), reason: expect.stringMatching(/（序号 701）记录的前一哈希与上一条记录不符/) });
    await sqlRun(db.fork(), 'update call_records set prev_hash = ? where seq = 701', [row?.prev_hash as string]);
  });

  it('sees records cut off the end against the chain head', async () => {
    const saved = await remove([N - 2, N - 1, N]);
    const result = await verifiedEveryWay();
    expect(result).toMatchObject({ ok: false, checked: N - 3, firstBroken: { id: 0, reason: expect.stringContaining(`应有 ${N} 条，只找到 ${N - 3} 条`) } });
    await restore(saved);
    expect(await verifiedEveryWay()).toMatchObject({ ok: true, checked: N });
  });
});
