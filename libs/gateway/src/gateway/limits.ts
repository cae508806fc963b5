import type { EntityManager } from '@mikro-orm/knex';
import { sqlAll, type SqlNow } from '@govdata/core';
import { GrantLimit } from '../entities/call-record.entity';

/** Platform defaults when the provider set no limit on a grant. */
export const DEFAULT_LIMITS = { perMinute: 600, perDay: 100_000 } as const;

export interface Limits {
  perMinute: number;
  perDay: number;
}

export async function limitsOf(em: EntityManager, grantId: number | null): Promise<Limits> {
  if (grantId === null) return DEFAULT_LIMITS;
  const row = await em.findOne(GrantLimit, grantId);
  return row ? { perMinute: row.perMinute, perDay: row.perDay } : DEFAULT_LIMITS;
}

/**
 * Per-minute rate of one access key (a grant, or a department's 专用 access) in this process: a sliding window of
 * call times. Several API processes each allow the rate (the daily quota below is shared through the database).
 */
export class RateWindow {
  private readonly calls = new Map<string, number[]>();

  /** 0 when the call may go ahead, else the seconds until it may */
  take(key: string, perMinute: number, nowMs: number): number {
    const list = this.calls.get(key) ?? [];
    const since = nowMs - 60_000;
    let drop = 0;
    while (drop < list.length && list[drop] <= since) drop++;
    if (drop) list.splice(0, drop);
    if (list.length >= perMinute) return Math.max(1, Math.ceil((list[0] + 60_000 - nowMs) / 1000));
    list.push(nowMs);
    this.calls.set(key, list);
    return 0;
  }
}

interface Count {
  key: string;
  day: string;
  /** the shared count in the database when this process last settled */
  shared: number;
  /** calls this process allowed and has not written yet */
  pending: number;
  /** of `pending`, what the batch being written carries */
  inFlight: number;
}

/**
 * The daily quota per access key, counted in this process and settled with the shared count in the database by the
 * call recorder's batches (one upsert per key per batch, in the batch's transaction). Within a process the quota is
 * exact; several API processes may together overshoot it by the calls the others allowed since their last batch
 * (milliseconds of traffic) — the price of not writing the database before every read (bench:gateway).
 */
const UPSERT_USAGE = 'insert into grant_usage (access_key, day, calls) values (?, ?, ?) on conflict (access_key, day) do update set calls = grant_usage.calls + excluded.calls returning calls';
/** The shared count before this batch, from the total the upsert returned. */
const sharedAfter = (c: Count, rows: { calls: number | string }[]): number => Number(rows[0]?.calls ?? c.shared + c.inFlight) - c.inFlight;

export class QuotaCounter {
  private readonly counts = new Map<string, Count>();

  constructor(private readonly fork: () => EntityManager) {}

  /** Counts one call against the key's quota for `day`: false when the quota is used up (nothing counted then). */
  async take(key: string, day: string, perDay: number): Promise<boolean> {
    const id = `${key}|${day}`;
    let c = this.counts.get(id);
    if (!c) {
      const shared = await usageOf(this.fork(), key, day);
      c = this.counts.get(id);
      if (!c) {
        c = { key, day, shared, pending: 0, inFlight: 0 };
        this.counts.set(id, c);
      }
    }
    if (c.shared + c.pending >= perDay) return false;
    c.pending++;
    return true;
  }

  /** Writes the pending counts (inside the recorder's transaction) and reads back the shared totals. */
  async settle(tx: EntityManager): Promise<void> {
    for (const c of this.toSettle()) c.shared = sharedAfter(c, await sqlAll<{ calls: number | string }>(tx, UPSERT_USAGE, [c.key, c.day, c.inFlight]));
  }

  /** settle, inside a transaction run at once on SQLite (`sqlTransactNow`). */
  settleNow(sql: SqlNow): void {
    for (const c of this.toSettle()) c.shared = sharedAfter(c, sql.all<{ calls: number | string }>(UPSERT_USAGE, [c.key, c.day, c.inFlight]));
  }

  /** The counts with calls to write; what each carries is marked in flight. */
  private toSettle(): Count[] {
    const out: Count[] = [];
    for (const c of this.counts.values()) {
      c.inFlight = c.pending;
      if (c.inFlight) out.push(c);
    }
    return out;
  }

  /** The batch committed: what it carried is in the shared counts now. */
  settled(): void {
    const latest = [...this.counts.values()].reduce((d, c) => (c.day > d ? c.day : d), '');
    for (const [id, c] of this.counts) {
      c.shared += c.inFlight;
      c.pending -= c.inFlight;
      c.inFlight = 0;
      // an earlier day's count is done with once written
      if (c.day < latest && c.pending === 0) this.counts.delete(id);
    }
  }

  /** The batch failed: its counts stay pending for the next one. */
  unsettled(): void {
    for (const c of this.counts.values()) c.inFlight = 0;
  }
}

/** Calls so far today per access key (for a grant's usage display). */
export async function usageOf(em: EntityManager, key: string, day: string): Promise<number> {
  const rows = await sqlAll<{ calls: number | string }>(em, 'select calls from grant_usage where access_key = ? and day = ?', [key, day]);
  return rows[0] ? Number(rows[0].calls) : 0;
}
