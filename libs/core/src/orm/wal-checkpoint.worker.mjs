// The WAL checkpoint thread (wal-checkpointer.ts): plain JavaScript, so the thread starts without tsx.
import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file, { fileMustExist: true });
// PASSIVE: copies what it can of the WAL into the database file without waiting for, or blocking, readers and writers
const checkpoint = db.prepare('pragma wal_checkpoint(PASSIVE)');
setInterval(() => {
  try {
    checkpoint.get();
  } catch {
    // busy or locked: the next turn tries again
  }
}, workerData.intervalMs);
