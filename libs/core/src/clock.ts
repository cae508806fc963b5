import { FunctionClock, PinnedClock, type Clock } from '@govdata/domain';

/**
 * The server's business clock: pinned at GOVDATA_NOW outside production, the system time otherwise. This file is
 * the one place that reads the wall clock; everything else receives a clock or `now`.
 */
export function createClock(options: { pinnedAt?: string | null; production: boolean }): Clock {
  if (options.pinnedAt) {
    if (options.production) throw new Error('GOVDATA_NOW cannot be used in production (NODE_ENV=production)');
    return new PinnedClock(options.pinnedAt);
  }
  return new FunctionClock(() => Date.now());
}

/**
 * Real time, never pinned: security runs on it — session expiry, login throttles, when an audit row was recorded.
 * Moving the business clock (GOVDATA_NOW, `PUT /api/admin/clock`) must neither log people out nor revive expired
 * sessions nor lift throttles (docs/security.md).
 */
export function createRealClock(): Clock {
  return new FunctionClock(() => Date.now());
}

/** The real time now, for code that has no clock handed to it (the audit writer's recording time). */
export const realNow = (): Date => new Date();
