/**
 * A verification thread (verify-walk.ts): opens the database with its driver (call-source.ts) and walks the ranges of
 * seq posted to it, one at a time, posting each range's result back. Started by verify-boot.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openCallSource } from './call-source';
import { checkRange, type WalkReply, type WalkRequest, type WalkWorkerData } from './verify-walk';

const port = parentPort;
if (!port) throw new Error('verify-worker.ts runs as a worker thread');
const { target } = workerData as WalkWorkerData;
let wanted = new Set<number>();
const reply = (m: WalkReply) => port.postMessage(m);

try {
  const source = await openCallSource(target);
  port.on('message', (m: WalkRequest) => {
    if (m.sealSeqs) wanted = new Set(m.sealSeqs);
    checkRange(source, m.range, wanted).then(
      (result) => reply({ type: 'done', index: m.index, result }),
      (e: unknown) => reply({ type: 'failed', index: m.index, message: e instanceof Error ? e.message : String(e) }),
    );
  });
  reply({ type: 'ready' });
} catch (e) {
  reply({ type: 'failed', index: null, message: e instanceof Error ? e.message : String(e) });
}
