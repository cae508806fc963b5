/**
 * One clock for the whole platform (../shared/DESIGN.md §3). Rules never read the wall clock: they take `now`
 * as an argument or from an injected {@link Clock}. The server builds the clock once from `GOVDATA_NOW`
 * (a pinned clock, outside production only) or from the system time.
 */
export interface Clock {
  now(): Date;
  /** true when the time is pinned (GOVDATA_NOW) and may be moved for training and tests */
  readonly pinned: boolean;
}

/** A clock frozen at one instant that can be moved explicitly — GOVDATA_NOW, `PUT /api/admin/clock`, tests. */
export class PinnedClock implements Clock {
  readonly pinned = true;
  #at: number;

  constructor(at: Date | string) {
    this.#at = parseInstant(at).getTime();
  }

  now(): Date {
    return new Date(this.#at);
  }

  set(at: Date | string): void {
    this.#at = parseInstant(at).getTime();
  }

  advance(ms: number): void {
    this.#at += ms;
  }
}

/** A clock that reads time through a function supplied by the server (the only place allowed to use the wall clock). */
export class FunctionClock implements Clock {
  readonly pinned = false;
  constructor(private readonly read: () => number) {}
  now(): Date {
    return new Date(this.read());
  }
}

export function isPinnedClock(clock: Clock): clock is PinnedClock {
  return clock instanceof PinnedClock;
}

/** Parses an ISO-8601 instant; a bare date is read as Asia/Shanghai midnight. Throws RangeError on nonsense. */
export function parseInstant(value: Date | string): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError('无效的时间 / invalid instant');
    return new Date(value.getTime());
  }
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+08:00` : value;
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms)) {
    throw new RangeError(`无效的时间“${value}”，应为 ISO 8601 格式，如 2026-06-15T09:30:00+08:00`);
  }
  return new Date(ms);
}
