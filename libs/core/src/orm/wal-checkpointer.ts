import { Worker } from 'node:worker_threads';

/**
 * SQLite's WAL checkpoints in a thread of their own. By default the connection that commits runs a checkpoint when
 * the WAL passes 1,000 pages: it copies the WAL into the database file and syncs it to disk, and on the API's
 * connection that is the event loop — with the gateway writing a call record a call, every tenth of a second, tens of
 * milliseconds each (bench:gateway: a p99 of 90 ms at a steady 1,000 calls a second, 2 ms at the median). Here a
 * thread runs a PASSIVE checkpoint every `intervalMs` on a connection of its own (it neither waits for nor blocks
 * readers and writers); the API's connection keeps an automatic checkpoint only as a fallback, at FALLBACK_PAGES,
 * should the thread not keep up or stop (it is started again after a second).
 */
export const WAL_CHECKPOINT_INTERVAL_MS = 100;
export const WAL_FALLBACK_PAGES = 16_384;

export interface WalCheckpointer {
  close(): Promise<void>;
}

export function startWalCheckpointer(file: string, opts: { intervalMs?: number; onError?: (e: Error) => void } = {}): WalCheckpointer {
  let worker: Worker | null = null;
  let closed = false;
  const start = (): void => {
    const w = new Worker(new URL('./wal-checkpoint.worker.mjs', import.meta.url), { workerData: { file, intervalMs: opts.intervalMs ?? WAL_CHECKPOINT_INTERVAL_MS } });
    worker = w;
    // the thread does not keep the process alive
    w.unref();
    w.on('error', (e) => opts.onError?.(e));
    w.on('exit', () => {
      if (!closed) setTimeout(start, 1000).unref();
    });
  };
  start();
  return {
    async close() {
      closed = true;
      await worker?.terminate();
    },
  };
}
