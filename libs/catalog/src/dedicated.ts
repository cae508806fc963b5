import type { EntityManager } from '@mikro-orm/knex';
import { CatalogDedicatedDepartment } from './entities/catalog-entry.entity';

/**
 * 专用 (第十六条(三)): a department on a dedicated resource's list uses it without a share request. One lookup on the
 * unique (department, entry) index — for the share-request area.
 */
export async function isDedicatedFor(em: EntityManager, entryId: number, departmentId: number): Promise<boolean> {
  return (await em.count(CatalogDedicatedDepartment, { department: departmentId, entry: entryId })) > 0;
}
