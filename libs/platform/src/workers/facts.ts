import { Worker } from 'node:worker_threads';
import { loadAssessmentFacts, type FactsReader } from '@govdata/assessment';
import { sqlAll, type DatabaseTarget } from '@govdata/core';
import type { DepartmentYearFacts } from '@govdata/analytics';

type Message = { type: 'progress'; done: number; total: number; label: string } | { type: 'done'; facts: DepartmentYearFacts[] } | { type: 'error'; message: string };

/**
 * The assessment's facts read in a worker thread (issue 19, finding 5). better-sqlite3 is synchronous: read on the
 * API's own connection, the year's GROUP BYs (seconds at provincial size) stop every other request of the process
 * meanwhile. The worker opens its own connection to the same file — WAL lets it read while the API writes — and
 * posts the facts back (plain data); scoring and saving stay where they were. Starting a thread costs seconds (tsx
 * and the ORM load in it), so below `minRequests` share requests — where the reads take a fraction of that — the
 * facts are read at once as before. Null on PostgreSQL, whose driver does not block the event loop.
 */
export const WORKER_MIN_REQUESTS = 50_000;

export function workerFactsReader(target: DatabaseTarget, options: { minRequests?: number } = {}): FactsReader | null {
  if (target.dialect !== 'sqlite') return null;
  const minRequests = options.minRequests ?? WORKER_MIN_REQUESTS;
  return async (opts, em) => {
    if (minRequests > 0) {
      const [row] = await sqlAll<{ n: number }>(em, 'select count(*) as n from share_requests', []);
      if (Number(row?.n ?? 0) < minRequests) return loadAssessmentFacts(em, opts);
    }
    return inWorker(target, opts);
  };
}

function inWorker(target: DatabaseTarget, opts: Parameters<FactsReader>[0]): Promise<DepartmentYearFacts[]> {
  return new Promise<DepartmentYearFacts[]>((resolve, reject) => {
    // boot.mjs registers tsx in the thread (loader hooks of the parent do not reach a worker everywhere: vitest's)
    const worker = new Worker(new URL('./boot.mjs', import.meta.url), {
      workerData: { entry: new URL('./facts.worker.ts', import.meta.url).href, location: target.location, year: opts.year, now: opts.now.getTime() },
    });
    let settled = false;
    worker.on('message', (m: Message) => {
      if (m.type === 'progress') opts.onProgress?.(m.done, m.total, m.label);
      else if (m.type === 'done') {
        settled = true;
        resolve(m.facts);
      } else {
        settled = true;
        reject(new Error(m.message));
      }
    });
    worker.on('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`考核事实读取线程异常退出（退出码 ${code}）`));
    });
  });
}
