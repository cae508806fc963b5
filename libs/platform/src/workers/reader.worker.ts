/**
 * Worker thread entry (workers/reader.ts): opens the database on a connection of its own and runs the read tasks
 * posted to it by name, one message each, posting their progress and their result (or error) back. Started by
 * boot.mjs, which registers tsx in the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openPlatformDatabase } from '../database';
import { READ_TASKS } from './read-tasks';
import type { ReadRequest, ReadReply } from './reader';

const { location } = workerData as { location: string };
const port = parentPort;
if (!port) throw new Error('reader.worker.ts runs as a worker thread');
const tasks = new Map(READ_TASKS.map((t) => [t.name, t]));
// the API that started this thread has migrated the database already
const opening = openPlatformDatabase(`sqlite:${location}`, { migrate: false, quiet: true });
// a database that does not open would fail every read the same: the reads in hand are answered with the error (below),
// then the thread ends, and the next read starts another
opening.catch(() => setImmediate(() => process.exit(1)));
const reply = (m: ReadReply) => port.postMessage(m);

port.on('message', (m: ReadRequest) => {
  void (async () => {
    try {
      const task = tasks.get(m.name);
      if (!task) throw new Error(`没有名为 ${m.name} 的读取任务`);
      const db = await opening;
      const value: unknown = await task.run(db.fork(), m.args, (done, total, label) => reply({ id: m.id, type: 'progress', done, total, label }));
      reply({ id: m.id, type: 'done', value });
    } catch (e) {
      reply({ id: m.id, type: 'error', name: e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e) });
    }
  })();
});
