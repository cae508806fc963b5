// A worker thread's first module: TypeScript through tsx (as the API runs), then the worker named in workerData.
import { register } from 'tsx/esm/api';

register();
const { workerData } = await import('node:worker_threads');
await import(workerData.entry);
