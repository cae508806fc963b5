import type { EntityManager } from '@mikro-orm/knex';
import type { CalendarHolder, IDepartment, IUser } from '@govdata/core';
import type { Prng } from './prng';

export interface SeedContext {
  em: EntityManager;
  /** the clock's now at seeding time; the demo history lies in the ~18 months before it */
  now: Date;
  rng: Prng;
  calendar: CalendarHolder;
  log: (message: string) => void;
  /** by slug (see departments-data.ts) */
  departments: Map<string, IDepartment>;
  /** by username */
  users: Map<string, IUser>;
}

/** One area's part of the demo data. Seeders run in order; each builds on what the earlier ones made. */
export interface DemoSeeder {
  name: string;
  run(ctx: SeedContext): Promise<void>;
}
