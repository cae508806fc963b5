import { createTestDatabase, type TestDatabase } from '@govdata/core/testing';
import { allEntities, installPlatform } from '../modules';

/** A fresh database (temp SQLite file, or a new PostgreSQL database when DATABASE_URL names a server) with every area. */
export async function createPlatformTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  installPlatform();
  return createTestDatabase({ ...options, entities: allEntities });
}

export * from './assessment-fixtures';
