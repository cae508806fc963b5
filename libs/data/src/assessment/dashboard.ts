import type { EntityManager } from '@mikro-orm/knex';
import type { DashboardDto } from '@govdata/analytics';

/** The leadership dashboard's live figures, from SQL aggregates. */
export async function loadDashboard(em: EntityManager, opts: { year: number; now: Date }): Promise<DashboardDto> {
  void em;
  void opts;
  throw new Error('not implemented yet');
}
