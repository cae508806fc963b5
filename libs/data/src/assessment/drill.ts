import type { EntityManager } from '@mikro-orm/knex';
import type { DrillDown, DrillRecordDto } from '@govdata/analytics';

export interface DrillOptions {
  year: number;
  now: Date;
  asOf: string;
  departmentId: number;
  drillDown: DrillDown;
  page: number;
  pageSize: number;
}

/** The records behind a fact (the late replies, the incomplete entries …), paged, in the facts' window. */
export async function loadDrillRecords(em: EntityManager, opts: DrillOptions): Promise<{ items: DrillRecordDto[]; total: number; description: string }> {
  void em;
  void opts;
  throw new Error('not implemented yet');
}
