/**
 * Worker thread entry: reads one year's assessment facts on a connection of its own and posts them back
 * (workers/facts.ts); started by boot.mjs, which registers tsx in the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadAssessmentFacts } from '@govdata/assessment';
import { openPlatformDatabase } from '../database';

const { location, year, now } = workerData as { location: string; year: number; now: number };
const port = parentPort;
if (!port) throw new Error('facts.worker.ts runs as a worker thread');
// the API that started this thread has migrated the database already
const db = await openPlatformDatabase(`sqlite:${location}`, { migrate: false, quiet: true });
try {
  const facts = await loadAssessmentFacts(db.fork(), { year, now: new Date(now), onProgress: (done, total, label) => port.postMessage({ type: 'progress', done, total, label }) });
  port.postMessage({ type: 'done', facts });
} catch (e) {
  port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
} finally {
  await db.close();
}
