// The composition root of the data libraries: the explicit list of areas and the database that maps them all.
export { allEntities, installPlatform, PLATFORM_MODULES } from './modules';
export { openPlatformDatabase } from './database';
// the workbench: what waits for the user (issue 14)
export { loadWorkbench, type WorkbenchOptions } from './workbench/workbench';
export { workerFactsReader } from './workers/facts';
