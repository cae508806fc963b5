import type { EntityManager } from '@mikro-orm/knex';
import { type CalendarHolder, Department, User } from '@govdata/core';
import { DEMO_DEPARTMENTS } from './departments-data';
import { catalogSeeder } from './catalog';
import { noticesSeeder } from './notices';
import { organisationSeeder } from './organisation';
import { sharingSeeder } from './sharing/seed';
import { assessmentSeeder } from './assessment';
import { opendataSeeder } from './opendata';
import { lifecycleSeeder } from './lifecycle';
import { upperSeeder } from './upper';
import { gatewaySeeder } from './gateway';
import { opendataDataSeeder } from './opendata-data';
import { openApplicationsSeeder } from './open-applications';
import { Prng } from './prng';
import type { DemoSeeder } from './seeder';

/** The demo data, area by area. A new area appends its seeder here. */
export const DEMO_SEEDERS: DemoSeeder[] = [organisationSeeder, catalogSeeder, sharingSeeder, opendataSeeder, lifecycleSeeder, upperSeeder, gatewaySeeder, opendataDataSeeder, openApplicationsSeeder, noticesSeeder, assessmentSeeder];

export const DEMO_SEED = 20_220_517; // 朔政办发〔2022〕14号 成文日期

export async function isDatabaseEmpty(em: EntityManager): Promise<boolean> {
  return (await em.count(Department, {})) === 0;
}

/**
 * Fills an empty database with the deterministic demo: the same seed and the same `now` give the same data.
 * Returns false (and does nothing) when the database already holds departments.
 */
export async function seedDemo(
  em: EntityManager,
  options: { now: Date; calendar: CalendarHolder; log?: (message: string) => void; seed?: number; /** run only the seeders up to and including this one (tests) */ until?: string },
): Promise<boolean> {
  if (!(await isDatabaseEmpty(em))) return false;
  const log = options.log ?? ((): void => undefined);
  const ctx = {
    em,
    now: options.now,
    rng: new Prng(options.seed ?? DEMO_SEED),
    calendar: options.calendar,
    log,
    departments: new Map(),
    users: new Map(),
  };
  for (const seeder of DEMO_SEEDERS) {
    const started = performance.now();
    await seeder.run(ctx);
    log(`演示数据「${seeder.name}」完成 (${Math.round(performance.now() - started)} ms)`);
    if (seeder.name === options.until) break;
    // a fresh unit of work for the next area, with the organisation reloaded into it
    em.clear();
    const bySlug = new Map(DEMO_DEPARTMENTS.map((d) => [d.name, d.slug]));
    for (const d of await em.find(Department, {})) ctx.departments.set(bySlug.get(d.name) ?? d.name, d);
    for (const u of await em.find(User, {}, { populate: ['department'] })) ctx.users.set(u.username, u);
  }
  return true;
}
