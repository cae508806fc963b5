import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The client address of the request being served. The API runs each request's handler inside
 * `withClientAddress(req.ip, …)`; `audit()` records it on every row that request writes, so no service has to pass
 * it along. Jobs run outside any request: their rows have none.
 */
const store = new AsyncLocalStorage<{ ip: string | null }>();

export const withClientAddress = <T>(ip: string | null, fn: () => T): T => store.run({ ip }, fn);

export const currentClientAddress = (): string | null => store.getStore()?.ip ?? null;
