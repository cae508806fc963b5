import { openDatabase, type Database } from '@govdata/core';
import { allEntities, installPlatform } from './modules';

/**
 * Opens the platform's database with every area's entities, applying pending migrations, and installs the areas'
 * jobs, overdue hooks and subject describers. The one way the API, the scheduler and the tools open it.
 */
export async function openPlatformDatabase(url: string | undefined, opts: { migrate?: boolean; debug?: boolean; quiet?: boolean } = {}): Promise<Database> {
  installPlatform();
  return openDatabase(url, { ...opts, entities: allEntities });
}
