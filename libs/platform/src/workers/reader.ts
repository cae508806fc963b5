import { Worker } from 'node:worker_threads';
import type { EntityManager } from '@mikro-orm/knex';
import { sqlAll, type DatabaseTarget, type ReadProgress, type ReadRunner, type ReadTask } from '@govdata/core';
import { READ_TASKS } from './read-tasks';

/**
 * Heavy reads in worker threads (issue 19, finding 5). better-sqlite3 is synchronous: run on the API's connection, a
 * read of seconds — a year's assessment facts, the dashboard, the usage statistics over a year — stops every other
 * request of the process meanwhile. The API on SQLite sets this runner (main.ts, core's `useReadRunner`): the read
 * tasks of READ_TASKS go by name to a thread that opens its own connection to the same file (WAL lets it read while
 * the API writes: it sees the committed state) and posts the result back as plain data. A thread costs 1–5 s to
 * start (tsx and the ORM load in it), so it stays for the next reads and ends after `idleMs` without any; at most
 * `threads` run, so a long read does not hold up a drill-down behind it. Below `minRequests` share requests and
 * `minCalls` call records, where these reads take a fraction of a thread's start, they run at once on the caller's
 * connection, as before. Null on PostgreSQL, whose driver does not block the event loop.
 */
export const WORKER_MIN_REQUESTS = 50_000;
export const WORKER_MIN_CALLS = 100_000;
/** how long a "small" verdict holds before the sizes are read again (once large, a database stays large) */
const SIZE_CHECK_MS = 60_000;
const IDLE_MS = 10 * 60_000;

export interface ReadRequest {
  id: number;
  name: string;
  args: unknown;
}

export type ReadReply =
  | { id: number; type: 'progress'; done: number; total: number; label: string }
  | { id: number; type: 'done'; value: unknown }
  | { id: number; type: 'error'; name: string; message: string };

export interface ReadWorkerOptions {
  /** the database counts as large from this many share requests (default WORKER_MIN_REQUESTS; 0: always) … */
  minRequests?: number;
  /** … or this many call records (default WORKER_MIN_CALLS) */
  minCalls?: number;
  /** threads at most (default 2) */
  threads?: number;
  /** a thread without a read for this long ends (default 10 minutes); the next read starts one again */
  idleMs?: number;
}

export interface WorkerReadRunner extends ReadRunner {
  /** threads running now */
  readonly threads: number;
  /** ends every thread (a read in hand is rejected) */
  close(): Promise<void>;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  progress?: ReadProgress;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  idle: NodeJS.Timeout | null;
}

export function workerReadRunner(target: DatabaseTarget, options: ReadWorkerOptions = {}): WorkerReadRunner | null {
  if (target.dialect !== 'sqlite') return null;
  const minRequests = options.minRequests ?? WORKER_MIN_REQUESTS;
  const minCalls = options.minCalls ?? WORKER_MIN_CALLS;
  const maxThreads = Math.max(1, options.threads ?? 2);
  const idleMs = options.idleMs ?? IDLE_MS;
  const registered = new Map(READ_TASKS.map((t) => [t.name, t]));
  const threads: Thread[] = [];
  let nextId = 1;
  let size: { large: boolean; at: number } | null = null;

  async function isLarge(em: EntityManager): Promise<boolean> {
    const now = performance.now();
    if (size && (size.large || now - size.at < SIZE_CHECK_MS)) return size.large;
    // the largest ids, an index lookup each (the tables only grow; count(*) would read them)
    const [row] = await sqlAll<{ requests: number | null; calls: number | null }>(em, 'select (select max(id) from share_requests) as requests, (select max(id) from call_records) as calls', []);
    const large = Number(row?.requests ?? 0) >= minRequests || Number(row?.calls ?? 0) >= minCalls;
    size = { large, at: now };
    return large;
  }

  function remove(thread: Thread): void {
    const i = threads.indexOf(thread);
    if (i >= 0) threads.splice(i, 1);
    if (thread.idle) clearTimeout(thread.idle);
    thread.idle = null;
  }

  /** Nothing in hand: the thread no longer keeps the process alive, and ends after idleMs. */
  function rest(thread: Thread): void {
    if (thread.pending.size > 0 || !threads.includes(thread)) return;
    thread.worker.unref();
    thread.idle = setTimeout(() => {
      remove(thread);
      void thread.worker.terminate();
    }, idleMs);
    thread.idle.unref();
  }

  function start(): Thread {
    // boot.mjs registers tsx in the thread (loader hooks of the parent do not reach a worker everywhere: vitest's)
    const worker = new Worker(new URL('./boot.mjs', import.meta.url), {
      workerData: { entry: new URL('./reader.worker.ts', import.meta.url).href, location: target.location },
    });
    const thread: Thread = { worker, pending: new Map(), idle: null };
    const fail = (error: Error) => {
      remove(thread);
      for (const p of thread.pending.values()) p.reject(error);
      thread.pending.clear();
    };
    worker.on('message', (m: ReadReply) => {
      const p = thread.pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') {
        p.progress?.(m.done, m.total, m.label);
        return;
      }
      thread.pending.delete(m.id);
      if (m.type === 'done') p.resolve(m.value);
      else p.reject(Object.assign(new Error(m.message), { name: m.name }));
      rest(thread);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`读取线程已退出（退出码 ${code}）`)));
    threads.push(thread);
    return thread;
  }

  /** A thread with nothing in hand, else a new one while fewer than maxThreads run, else the least busy. */
  function pick(): Thread {
    const free = threads.find((t) => t.pending.size === 0);
    if (free) return free;
    if (threads.length < maxThreads) return start();
    return threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  }

  return {
    get threads() {
      return threads.length;
    },
    async run<A, R>(em: EntityManager, task: ReadTask<A, R>, args: A, progress?: ReadProgress): Promise<R> {
      if (registered.get(task.name) !== task || !(await isLarge(em))) return task.run(em, args, progress);
      const thread = pick();
      if (thread.idle) clearTimeout(thread.idle);
      thread.idle = null;
      thread.worker.ref();
      const id = nextId++;
      return new Promise<R>((resolve, reject) => {
        thread.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, progress });
        try {
          thread.worker.postMessage({ id, name: task.name, args } satisfies ReadRequest);
        } catch (e) {
          // arguments that do not cross a thread (a function, a class instance with private state)
          thread.pending.delete(id);
          rest(thread);
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    },
    async close() {
      const all = threads.splice(0);
      await Promise.all(
        all.map((t) => {
          if (t.idle) clearTimeout(t.idle);
          return t.worker.terminate();
        }),
      );
    },
  };
}
