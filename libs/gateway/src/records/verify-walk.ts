import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DatabaseTarget } from '@govdata/core/database-url';
import type { ChainVerification } from '@govdata/domain';
import { CALL_ROW_COLUMNS, storedCallCanonical, type StoredCallRow } from './call-digest';
import { ChainVerifier, GENESIS_HASH, sm3Hex, type ChainBreak } from './chain';
import { verifySealSignature } from './seal-signature';

/**
 * 核验调用记录 (第十六条(四)), the walk itself. Every check of the chain is local to a record and the one before it:
 * its content against its hash (given its stored previous hash), its seq one more than the previous record's, its
 * previous hash the previous record's hash. So the chain is cut into ranges of seq, walked in parallel — this thread
 * and worker threads, each with a connection of its own — and stitched in seq order: the first range that breaks, or
 * whose first record does not follow the last record of the ranges before it, names the first broken record, the
 * same record and the same words as one walk from the start. The ORM stays out of it (verify.ts adapts an
 * EntityManager; `npm run verify-calls` and the threads open the database with its driver, call-source.ts), so a
 * thread starts in a fraction of a second.
 */

/** Records with from ≤ seq < to; null: no bound (the first range takes everything below, the last everything above). */
export interface SeqRange {
  from: number | null;
  to: number | null;
}

export interface StoredSeal {
  day: string;
  lastSeq: number;
  lastHash: string;
  count: number;
  signature: string;
}

/** Where a thread opens a connection of its own to the same database: the SQLite file, or the PostgreSQL URL. */
export type CallSourceTarget = DatabaseTarget;

/** The call records of one database as a verification reads them. */
export interface CallRecordSource {
  /** records of the range after seq `after` (null: from its start), in seq order, at most `limit`, as CALL_ROW_COLUMNS */
  page(range: SeqRange, after: number | null, limit: number): StoredCallRow[] | Promise<StoredCallRow[]>;
  seals(): Promise<StoredSeal[]>;
  /** the chain head: seq and hash of the last record appended */
  head(): Promise<{ seq: number; hash: string } | null>;
  /** how many records there are (to cut the ranges) */
  count(): Promise<number>;
  /** null when a thread cannot see what this source sees (a memory database, an open transaction) */
  target: CallSourceTarget | null;
  dialect: CallSourceTarget['dialect'];
}

/**
 * Records per page: on SQLite 1,000 (the rows of a page stay in the young generation; larger pages read slower), on
 * PostgreSQL 5,000 (a statement per page costs a round trip and a plan). Measured with bench:gateway.
 */
const pageSize = (dialect: CallSourceTarget['dialect']): number => (dialect === 'postgresql' ? 5000 : 1000);

/**
 * The statement of a page (`?` placeholders) and its values. On PostgreSQL without the range's upper bound: with both
 * bounds, a planner without statistics yet (a table just filled) estimates a few rows and reads the whole range and
 * sorts it for every page (0.3 s a page, bench:gateway); `seq` is an int there, so checkRange sizes the page to the
 * seqs left in the range and stops at the first beyond it. SQLite's seq may hold any value an edit put there, so its
 * range is bounded by SQL's own order.
 */
export function pageQuery(dialect: CallSourceTarget['dialect'], range: SeqRange, after: number | null, limit: number): { sql: string; values: number[] } {
  const where: string[] = [];
  const values: number[] = [];
  if (after !== null) {
    where.push('seq > ?');
    values.push(after);
  } else if (range.from !== null) {
    where.push('seq >= ?');
    values.push(range.from);
  }
  if (range.to !== null && dialect === 'sqlite') {
    where.push('seq < ?');
    values.push(range.to);
  }
  return { sql: `select ${CALL_ROW_COLUMNS} from call_records${where.length ? ` where ${where.join(' and ')}` : ''} order by seq limit ${Math.floor(limit)}`, values };
}

export const SEALS_SQL = 'select day, last_seq, last_hash, count, signature from call_seals order by day';
export const HEAD_SQL = 'select seq, last_hash from call_chain_head where id = 1';
export const COUNT_SQL = 'select count(*) as n from call_records';

/** What one range's walk found. */
export interface RangeResult {
  /** its first record (the stitch checks it against the last record of the ranges before) */
  first: { id: number; seq: number; prevHash: string } | null;
  /** its last record, when all verified */
  last: { seq: number; hash: string } | null;
  /** records verified before the first that failed */
  checked: number;
  /** the first record that fails within the range (its first record taken as it is: its seq and previous hash are the stitch's to check) */
  broken: ChainBreak | null;
  /** [seq, hash] of the records a daily seal names */
  sealed: [number, string][];
}

/** Walks one range: each record's content digest and link hash, and each record against the one before it. */
export async function checkRange(source: Pick<CallRecordSource, 'page' | 'dialect'>, range: SeqRange, sealSeqs: ReadonlySet<number>, betweenPages?: () => Promise<void>): Promise<RangeResult> {
  const canonical = storedCallCanonical();
  let verifier: ChainVerifier | null = null;
  let first: RangeResult['first'] = null;
  const sealed: [number, string][] = [];
  let after: number | null = null;
  const size = pageSize(source.dialect);
  // PostgreSQL's pages are not bounded above in SQL (pageQuery): as many as the range's seqs left, at most a page
  const sized = source.dialect === 'postgresql' && range.to !== null;
  const end = range.to ?? Infinity;
  for (;;) {
    const room = sized ? end - (after === null ? (range.from ?? -Infinity) : after + 1) : Infinity;
    const limit = Math.min(size, room);
    if (limit <= 0) break;
    const rows = await source.page(range, after, limit);
    for (const r of rows) {
      const id = Number(r[0]);
      const seq = Number(r[1]);
      if (sized && !(seq < end)) return result();
      const prevHash = r[17];
      const hash = r[18];
      if (!verifier) {
        first = { id, seq, prevHash };
        verifier = new ChainVerifier({ seq: seq - 1, hash: prevHash });
      }
      if (!verifier.pushDigest(id, seq, prevHash, hash, sm3Hex(canonical(r)))) return result();
      if (sealSeqs.has(seq)) sealed.push([seq, hash]);
    }
    if (rows.length < limit) break;
    after = Number((rows[rows.length - 1] as StoredCallRow)[1]);
    if (betweenPages) await betweenPages();
  }
  return result();

  function result(): RangeResult {
    if (verifier?.broken) return { first, last: null, checked: verifier.checked, broken: verifier.broken, sealed };
    return { first, last: verifier ? { seq: verifier.lastSeq, hash: verifier.lastHash } : null, checked: verifier?.checked ?? 0, broken: null, sealed };
  }
}

/** Ranges of `span` seqs over `count` records; the first open below, the last open above. */
export function planRanges(count: number, span: number): SeqRange[] {
  const n = Math.max(1, Math.ceil(count / span));
  return Array.from({ length: n }, (_, k) => ({ from: k === 0 ? null : 1 + k * span, to: k === n - 1 ? null : 1 + (k + 1) * span }));
}

/**
 * The ranges' results in seq order as one walk: a verifier standing where that walk would stop (at the first broken
 * record, or after the last record, ready for the head), and the hashes the seals name.
 */
export function stitchRanges(results: readonly (RangeResult | undefined)[]): { verifier: ChainVerifier; sealed: Map<number, string> } {
  let prev = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  const sealed = new Map<number, string>();
  for (const r of results) {
    if (!r) throw new Error('调用记录核验：有一段序号未核验');
    if (!r.first) continue;
    const verifier = new ChainVerifier(prev, checked);
    if (!verifier.follows(r.first.id, r.first.seq, r.first.prevHash)) return { verifier, sealed };
    checked += r.checked;
    for (const [seq, hash] of r.sealed) sealed.set(seq, hash);
    if (r.broken || !r.last) {
      const stopped = new ChainVerifier(prev, checked);
      stopped.broken = r.broken;
      return { verifier: stopped, sealed };
    }
    prev = r.last;
  }
  return { verifier: new ChainVerifier(prev, checked), sealed };
}

export interface WalkOptions {
  /** worker threads besides the calling one (default: the cores but one, at most 3; 0: the calling thread alone) */
  workers?: number;
  /** records per range (default 50,000) */
  span?: number;
  /** threads only from this many records (default 200,000: a thread takes ~1 s to start) */
  minParallel?: number;
  /** false: the threads walk, the calling thread only hands out ranges (and walks any a failed thread gave back) */
  callerWalks?: boolean;
}

/** Messages of a verification thread (verify-worker.ts). */
export type WalkRequest = { index: number; range: SeqRange; sealSeqs?: number[] };
export type WalkReply = { type: 'ready' } | { type: 'done'; index: number; result: RangeResult } | { type: 'failed'; index: number | null; message: string };
export interface WalkWorkerData {
  entry: string;
  target: CallSourceTarget;
}

/**
 * The event loop's turn, between pages of this thread's walk: the threads' messages (a thread that finished a range
 * gets its next one at once) and, in the API on SQLite (whose reads here are synchronous), the other requests.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** At most this many ranges (a chain head that claims a huge seq makes the ranges wider, not more). */
const MAX_RANGES = 10_000;

/**
 * Walks the whole chain, in ranges, on this thread and worker threads; see the module comment. The ranges are cut by
 * the chain head's seq (one row; without a head, by a count); `sealSeqs` may still be read meanwhile — the threads
 * start first, they take ~0.5 s.
 */
export async function walkChain(source: CallRecordSource, sealSeqs: ReadonlySet<number> | Promise<ReadonlySet<number>>, options: WalkOptions = {}): Promise<{ verifier: ChainVerifier; sealed: Map<number, string>; rangesInThreads: number }> {
  const head = await source.head();
  const claimed = head ? head.seq : await source.count();
  const count = Number.isFinite(claimed) && claimed > 0 ? claimed : 0;
  const span = Math.max(1, options.span ?? 50_000, Math.ceil(count / MAX_RANGES));
  const ranges = planRanges(count, span);
  const results: (RangeResult | undefined)[] = new Array(ranges.length);
  const wantWorkers = options.workers ?? Math.min(3, Math.max(0, (os.availableParallelism?.() ?? os.cpus().length) - 1));
  const parallel = source.target && wantWorkers > 0 && ranges.length > 1 && count >= (options.minParallel ?? 200_000);

  // Ranges are handed out in seq order; once a range breaks at seq s, no range starting after s is walked (the
  // stitch stops at s or before, and every range starting at or before s is walked).
  let next = 0;
  let stopAt = Infinity;
  const returned: number[] = [];
  const take = (): number | null => {
    if (returned.length) return returned.shift() as number;
    if (next >= ranges.length || ((ranges[next] as SeqRange).from ?? -Infinity) > stopAt) return null;
    return next++;
  };
  const done = (index: number, result: RangeResult) => {
    results[index] = result;
    if (result.broken && result.broken.seq < stopAt) stopAt = result.broken.seq;
  };
  let rangesInThreads = 0;
  const hand: Hand = {
    seals: Promise.resolve(sealSeqs).then((seqs) => [...seqs]),
    take,
    range: (i) => ranges[i] as SeqRange,
    done(i, result) {
      rangesInThreads++;
      done(i, result);
    },
    giveBack: (i) => returned.push(i),
  };
  hand.seals.catch(() => undefined); // a failed read fails the walk below, not as an unhandled rejection here
  const workers: Worker[] = [];
  const threads = parallel ? Array.from({ length: wantWorkers }, () => runWorker(source.target as CallSourceTarget, workers, hand)) : [];
  try {
    const seqs = await sealSeqs;
    const here = async () => {
      for (let i = take(); i !== null; i = take()) done(i, await checkRange(source, ranges[i] as SeqRange, seqs, nextTurn));
    };
    if (options.callerWalks !== false || !threads.length) {
      await here();
      // nothing left to hand out: a thread still starting is not waited for
      for (const t of threads) t.stopIfIdle();
    }
    await Promise.all(threads.map((t) => t.settled));
    // a range a failed thread gave back after this thread had finished
    await here();
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { ...stitchRanges(results), rangesInThreads };
}

/** How threads get their ranges and give their results. */
interface Hand {
  /** the seqs the seals name, for each thread's first range */
  seals: Promise<number[]>;
  take(): number | null;
  range(index: number): SeqRange;
  done(index: number, result: RangeResult): void;
  giveBack(index: number): void;
}

/**
 * One worker thread: takes ranges while there are any; a thread that fails (it cannot start, or a range fails in it)
 * gives its range back and stops — the calling thread walks what is left, and meets any real error itself.
 */
function runWorker(target: CallSourceTarget, workers: Worker[], hand: Hand): { settled: Promise<void>; stopIfIdle(): void } {
  let stopIfIdle: () => void = () => undefined;
  const settled = new Promise<void>((resolve) => {
    let worker: Worker;
    try {
      // verify-boot.mjs registers tsx in the thread (the parent's loader hooks do not reach a worker everywhere: vitest's)
      worker = new Worker(new URL('./verify-boot.mjs', import.meta.url), {
        workerData: { entry: new URL('./verify-worker.ts', import.meta.url).href, target } satisfies WalkWorkerData,
        // as `npm run verify-calls` runs (--max-semi-space-size=32): a million records make short-lived strings
        resourceLimits: { maxYoungGenerationSizeMb: 96 },
      });
    } catch {
      resolve();
      return;
    }
    workers.push(worker);
    let inHand: number | null = null;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      if (inHand !== null) hand.giveBack(inHand);
      inHand = null;
      void worker.terminate();
      resolve();
    };
    let sealsSent = false;
    const ask = () => {
      inHand = hand.take();
      if (inHand === null) return finish();
      const index = inHand;
      if (sealsSent) return worker.postMessage({ index, range: hand.range(index) } satisfies WalkRequest);
      // the first range of a thread carries the seqs the seals name (they may still be read when the thread is ready)
      void hand.seals.then((sealSeqs) => {
        if (finished) return;
        sealsSent = true;
        worker.postMessage({ index, range: hand.range(index), sealSeqs } satisfies WalkRequest);
      }, finish);
    };
    worker.on('message', (m: WalkReply) => {
      if (finished) return;
      if (m.type === 'ready') ask();
      else if (m.type === 'done') {
        hand.done(m.index, m.result);
        inHand = null;
        ask();
      } else finish();
    });
    worker.on('error', finish);
    worker.on('exit', finish);
    stopIfIdle = () => {
      if (inHand === null) finish();
    };
  });
  return { settled, stopIfIdle };
}

/**
 * 核验调用记录: walks the whole chain (in ranges, see above), compares its end with the chain head, and checks every
 * daily seal's signature and the record it names. Names the first broken record: edited (content differs from its
 * hash), deleted (a gap), or cut off the end.
 */
export async function verifyCalls(source: CallRecordSource, publicKeyPem: string, options: WalkOptions = {}): Promise<ChainVerification> {
  const reading = source.seals();
  const { verifier, sealed } = await walkChain(source, reading.then((seals) => new Set(seals.map((s) => s.lastSeq))), options);
  const seals = await reading;
  const head = await source.head();
  verifier.finish(head ?? (verifier.checked ? { seq: -1, hash: '' } : null));
  const bad: string[] = [];
  for (const s of seals) {
    const payload = { chain: 'call_records' as const, day: s.day, lastSeq: s.lastSeq, lastHash: s.lastHash, count: s.count };
    const signed = verifySealSignature(publicKeyPem, payload, s.signature);
    const matches = s.lastSeq === 0 || verifier.broken !== null || sealed.get(s.lastSeq) === s.lastHash;
    if (!signed || !matches) bad.push(s.day);
  }
  const broken = verifier.broken;
  return {
    ok: !broken && bad.length === 0,
    checked: verifier.checked,
    firstBroken: broken ? { id: broken.id ?? 0, reason: broken.message } : null,
    seals: { checked: seals.length, bad },
  };
}
