// The composition root of the data libraries: the explicit list of areas and the database that maps them all.
export { allEntities, installPlatform, PLATFORM_MODULES } from './modules';
export { openPlatformDatabase } from './database';
