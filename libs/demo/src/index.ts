// The public API of @govdata/demo — the deterministic demo data, for the start script, the tools and tests only.
export { DEMO_SEED, DEMO_SEEDERS, isDatabaseEmpty, seedDemo } from './seed';
export { DEMO_ACCOUNTS, DEMO_DEPARTMENTS, DEMO_PASSWORD } from './departments-data';
export { Prng, personName } from './prng';
/** the demo catalog's resources as planned (the catalog benchmark repeats them at scale) */
export { planEntries as planDemoCatalog } from './catalog-gen';
export type { DemoSeeder, SeedContext } from './seeder';
export { organisationSeeder } from './organisation';
export { noticesSeeder } from './notices';
export { sharingSeeder } from './sharing/seed';
export { DEMO_PUBLIC_ACCOUNTS } from './open-applications';
export { upperSeeder } from './upper';
