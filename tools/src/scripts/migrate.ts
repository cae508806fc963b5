/**
 * `npm run migrate` — applies pending migrations to DATABASE_URL and exits (docs/operations.md: run it once before a
 * rollout; the API and the scheduler would also apply them at start, one process at a time under the migration lock).
 */
import { openPlatformDatabase } from '@govdata/platform';

const url = process.env.DATABASE_URL;
const started = Date.now();
try {
  const probe = await openPlatformDatabase(url, { migrate: false });
  let pending: string[];
  try {
    pending = (await probe.orm.getMigrator().getPendingMigrations()).map((m) => m.name);
  } finally {
    await probe.close();
  }
  // migrating happens under the migration lock: another process may be migrating right now
  const migrated = await openPlatformDatabase(url, { quiet: true });
  await migrated.close();
  console.log(pending.length ? `已应用 ${pending.length} 个迁移 — applied: ${pending.join(', ')} (${Date.now() - started} ms)` : '数据库已是最新 — no pending migrations');
} catch (e) {
  console.error(`迁移失败 — migration failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
