/**
 * `npm run seed` — recreates the database named by DATABASE_URL (default data/govdata.sqlite) and fills it with the
 * deterministic demo data, relative to GOVDATA_NOW if set (else now). Everything in that database is lost.
 */
import fs from 'node:fs';
import { MikroORM } from '@mikro-orm/core';
import { CalendarHolder, createClock, ormOptions, parseDatabaseUrl } from '@govdata/core';
import { allEntities, openPlatformDatabase } from '@govdata/platform';
import { seedDemo } from '@govdata/demo';

if (process.env.NODE_ENV === 'production') {
  console.error('npm run seed writes demo data and is refused in production (NODE_ENV=production).');
  process.exit(2);
}
const target = parseDatabaseUrl(process.env.DATABASE_URL);
if (target.dialect === 'sqlite') {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(target.location + suffix, { force: true });
} else {
  const orm = await MikroORM.init(ormOptions(target, { entities: allEntities }));
  await orm.getSchemaGenerator().dropSchema({ dropMigrationsTable: true });
  await orm.close();
}
const clock = createClock({ pinnedAt: process.env.GOVDATA_NOW?.trim() || null, production: false });
const db = await openPlatformDatabase(process.env.DATABASE_URL);
const calendar = await CalendarHolder.load(db.fork());
const started = performance.now();
await seedDemo(db.fork(), { now: clock.now(), calendar, log: (m) => console.log(`  ${m}`) });
await db.close();
console.log(`演示数据已重建 (${target.dialect}: ${target.dialect === 'sqlite' ? target.location : 'PostgreSQL'})，用时 ${Math.round(performance.now() - started)} ms`);
