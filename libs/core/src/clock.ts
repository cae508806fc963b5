import { FunctionClock, PinnedClock, type Clock } from '@govdata/domain';

/**
 * The server's clock: pinned at GOVDATA_NOW outside production, the system time otherwise. This is the one place
 * that reads the wall clock; everything else receives the clock or `now`.
 */
export function createClock(options: { pinnedAt?: string | null; production: boolean }): Clock {
  if (options.pinnedAt) {
    if (options.production) throw new Error('GOVDATA_NOW cannot be used in production (NODE_ENV=production)');
    return new PinnedClock(options.pinnedAt);
  }
  return new FunctionClock(() => Date.now());
}
