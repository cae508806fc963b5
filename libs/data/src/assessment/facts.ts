import type { EntityManager } from '@mikro-orm/knex';
import type { DepartmentYearFacts } from '@govdata/analytics';

export interface FactsOptions {
  year: number;
  now: Date;
  onProgress?: (done: number, total: number, label: string) => void;
}

/**
 * One DepartmentYearFacts per assessed department (every department except the bureau), ordered by department id,
 * including departments with no rows. GROUP BY queries only.
 */
export async function loadAssessmentFacts(em: EntityManager, opts: FactsOptions): Promise<DepartmentYearFacts[]> {
  void em;
  void opts;
  throw new Error('not implemented yet');
}
