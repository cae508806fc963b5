/**
 * SQLite plans a query from the statistics `ANALYZE` keeps (sqlite_stat1); without them it guesses, and on the open
 * catalog it guessed wrong — it walked all 50,000 open datasets to find one department's (bench:portal: 400 ms
 * instead of 5 ms). As SQLite advises for long-lived connections, the statistics are brought up to date when the
 * database is opened and once a day (`PRAGMA optimize`, which analyses only the tables whose size changed much, each
 * from a bounded sample). PostgreSQL keeps its own (autovacuum's analyze): nothing to do there.
 *
 * The bounded sample also keeps sqlite_stat4 empty, on purpose: with its per-value samples the planner reads every
 * parameter compared with an indexed column, and a kept statement is then prepared again on every run (16 µs a run
 * against 8 µs for a two-column lookup of the demo's share requests; `unplannedParameters` in sqlite-driver.ts does
 * the same for LIMIT and LIKE). A full `ANALYZE` would fill it (spec: sqlite-driver.spec.ts).
 */
export async function refreshSqliteStatistics(knex: { raw: (sql: string) => Promise<unknown> }): Promise<void> {
  await knex.raw('pragma analysis_limit = 1000');
  await knex.raw('pragma optimize = 0x10002');
}
