// A verification thread's first module (verify-walk.ts): TypeScript through tsx, then the worker named in workerData.
import { register } from 'tsx/esm/api';

register();
const { workerData } = await import('node:worker_threads');
await import(workerData.entry);
