// The composition root of the data libraries: the explicit list of areas and the database that maps them all.
export { allEntities, installPlatform, PLATFORM_MODULES } from './modules';
export { openPlatformDatabase } from './database';
// the workbench: what waits for the user (issue 14)
export { loadWorkbench, type WorkbenchOptions } from './workbench/workbench';
// heavy reads in worker threads on SQLite (issue 19, finding 5)
export { READ_TASKS } from './workers/read-tasks';
export { WORKER_MIN_CALLS, WORKER_MIN_REQUESTS, workerReadRunner, type ReadWorkerOptions, type WorkerReadRunner } from './workers/reader';
