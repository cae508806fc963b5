/**
 * npm run bench:seed -- --scale province|city|<factor> [--pg[=<server url>]] [--out=<sqlite file>]
 *
 * The data set of a province (issue 19, benchmarks): 1,000 departments, 500,000 catalog entries with their data
 * items, search text and published versions, 5,000,000 share requests over 5 years with their steps, statutory clocks,
 * history, grants and the violations of late replies — `--scale city` a tenth of it (朔州市 with 100 departments),
 * `--scale 0.01` any factor of the province. Written by bulk SQL (seed-load.ts) into a freshly migrated database:
 *   SQLite (default): a file of its own, printed at the end (`--out=<file>` or BENCH_DB to choose it);
 *   PostgreSQL (`--pg`): database govdata_bench_seed_<scale> on the server of the URL (default the local one),
 *   dropped and created afresh.
 * It prints the row counts, each step's time, the total wall and CPU time and the machine's load before and after.
 * `npm run bench:catalog -- [--pg] --seeded[=<scale>]` measures the catalog search on it; the API runs on it with
 * DATABASE_URL=<the URL printed> (every account's password is the demo's; the bureau's account is `bureau`).
 */
import fs from 'node:fs';
import { openPlatformDatabase } from '@govdata/platform';
import { freshPgDatabase, flagValue, seedDatabaseName, seedSqliteFile } from './databases';
import { benchTarget, machineLine, measure } from './machine';
import { seedProvince } from './seed-load';
import { sizesOf } from './seed-plan';

const argv = process.argv.slice(2);
const scale = flagValue(argv, 'scale') || 'city';
const sizes = sizesOf(scale);
const level = scale === 'province' || sizes.departments > 120 ? 'province' : 'city';
const target = benchTarget(argv);
const NOW = new Date(process.env.BENCH_NOW ?? '2026-11-20T10:00:00+08:00');

console.log(`bench:seed — ${scale} (${level}): ${sizes.departments.toLocaleString('en')} departments, ${sizes.entries.toLocaleString('en')} catalog entries, ${sizes.requests.toLocaleString('en')} share requests over 5 years up to ${NOW.toISOString()}, on ${target.engine}`);
console.log(machineLine());
let url: string;
let file: string | null = null;
if (target.pgUrl) {
  url = await freshPgDatabase(target.pgUrl, seedDatabaseName(scale));
} else {
  file = flagValue(argv, 'out') || process.env.BENCH_DB || seedSqliteFile(scale);
  for (const suffix of ['', '-wal', '-shm', '.migrate.lock']) fs.rmSync(file + suffix, { force: true });
  url = `sqlite:${file}`;
}
const m = await measure(async () => {
  const db = await openPlatformDatabase(url, { quiet: true });
  try {
    return await seedProvince(db, { sizes, level, now: NOW, log: (line) => console.log(line) });
  } finally {
    await db.close();
  }
});
const r = m.value;
const total = Object.values(r.counts).reduce((a, b) => a + b, 0);
console.log(`\n${Object.entries(r.counts).map(([t, n]) => `${t} ${n.toLocaleString('en')}`).join(' · ')}`);
const serverSteps = r.steps.filter((s) => s.serverCpuMs !== null);
const serverCpu = serverSteps.length ? ` + ${(serverSteps.reduce((n, s) => n + (s.serverCpuMs as number), 0) / 1000).toFixed(1)} s of the PostgreSQL backend (parallel index-build workers not counted)` : target.engine === 'sqlite' ? ' (SQLite runs in this process)' : '';
console.log(`${total.toLocaleString('en')} rows, history ${r.from} – ${r.to}, in ${(m.wallMs / 1000).toFixed(1)} s wall; CPU ${(m.cpuMs / 1000).toFixed(1)} s in this process${serverCpu}`);
if (file) console.log(`SQLite file: ${file} (${(fs.statSync(file).size / 2 ** 30).toFixed(2)} GiB) — e.g. BENCH_DB=${file} npm run bench:catalog`);
else console.log(`PostgreSQL database: ${url} — e.g. npm run bench:catalog -- --pg --seeded${scale === 'province' ? '' : `=${scale}`}`);
console.log(machineLine());
