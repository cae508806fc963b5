/**
 * npm run bench:api — the API under 50 concurrent connections (issue 13, "The API must keep up").
 *
 * One run, each target 15 s with autocannon (50 connections), against servers in their own processes:
 *   hello     — a bare Express hello-world (the machine's ceiling for a Node HTTP server)
 *   health    — GET /api/health
 *   requests  — GET /api/share-requests?page=1&pageSize=20 as the bureau (logged-in session cookie)
 *   catalog   — GET /api/catalog/entries as the bureau
 *   detail    — GET /api/share-requests/:id as the bureau (one request's page)
 * on the demo data in a SQLite file (seeded fresh into a temp file; BENCH_DB=<file> seeds that file once and reuses it). Prints req/s,
 * p99 latency, the ratio to hello-world and the goals: each authenticated list ≥ 25% of hello-world, p99 ≤ 250 ms.
 * Knobs (env): BENCH_SECONDS (15), BENCH_CONNECTIONS (50), BENCH_DB, BENCH_PORT (3260; uses it and the next one).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { CalendarHolder } from '@govdata/core';
import { DEMO_PASSWORD, seedDemo } from '@govdata/demo';
import { openPlatformDatabase } from '@govdata/platform';
import { machineLine } from './machine';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PORT = Number(process.env.BENCH_PORT ?? 3260);
const HELLO_PORT = PORT;
const API_PORT = PORT + 1;
const NOW = new Date();

const children: ChildProcess[] = [];
const stopAll = () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
};
process.on('exit', stopAll);
process.on('SIGINT', () => {
  stopAll();
  process.exit(130);
});

async function waitFor(url: string, ms = 180_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not yet listening */
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

function start(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}

async function demoDatabase(): Promise<string> {
  const given = process.env.BENCH_DB ? path.resolve(process.env.BENCH_DB) : null;
  if (given && fs.existsSync(given)) return given;
  const file = given ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'govdata-bench-api-')), 'demo.sqlite');
  const t0 = performance.now();
  const db = await openPlatformDatabase(`sqlite:${file}`, { quiet: true });
  await seedDemo(db.fork(), { now: NOW, calendar: await CalendarHolder.load(db.fork()) });
  await db.close();
  console.log(`demo data seeded into ${file} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return file;
}

interface Figures {
  name: string;
  path: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(name: string, url: string, headers: Record<string, string> = {}): Promise<Figures> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  return { name, path: new URL(url).pathname + new URL(url).search, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts };
}

const dbFile = await demoDatabase();
start(['-e', "const app=require('express')();app.get('/',(q,s)=>s.json({hello:'world'}));app.listen(+process.env.P,'127.0.0.1')"], { P: String(HELLO_PORT) });
start(['--import', 'tsx', 'apps/api/src/main.ts'], {
  PORT: String(API_PORT),
  HOST: '127.0.0.1',
  DATABASE_URL: `sqlite:${dbFile}`,
  NODE_ENV: 'development',
  GOVDATA_DEMO: 'false',
  GOVDATA_SCHEDULER: 'false',
  GOVDATA_NOW: NOW.toISOString(),
});
const api = `http://127.0.0.1:${API_PORT}`;
await Promise.all([waitFor(`http://127.0.0.1:${HELLO_PORT}/`), waitFor(`${api}/api/health`)]);

const login = await fetch(`${api}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: api }, body: JSON.stringify({ username: 'bureau', password: DEMO_PASSWORD }) });
const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
if (!login.ok || !cookie) throw new Error(`login as bureau failed: ${login.status} ${await login.text()}`);
const auth = { cookie };
const list = (await (await fetch(`${api}/api/share-requests?page=1&pageSize=20`, { headers: auth })).json()) as { items: { id: number }[]; total: number };
const detailId = list.items[0]?.id;
if (!detailId) throw new Error('the demo data has no share requests');
const entries = (await (await fetch(`${api}/api/catalog/entries`, { headers: auth })).json()) as { total: number };
console.log(`demo data: ${list.total} share requests, ${entries.total} catalog entries; ${CONNECTIONS} connections, ${SECONDS} s per target`);
console.log(machineLine());

const results: Figures[] = [];
for (const [name, url, headers] of [
  ['hello-world', `http://127.0.0.1:${HELLO_PORT}/`, {}],
  ['health', `${api}/api/health`, {}],
  ['share-requests', `${api}/api/share-requests?page=1&pageSize=20`, auth],
  ['catalog entries', `${api}/api/catalog/entries`, auth],
  ['request detail', `${api}/api/share-requests/${detailId}`, auth],
] as const) {
  const f = await load(name, url, headers);
  results.push(f);
  console.log(`  ${name.padEnd(16)} ${f.rps.toFixed(0).padStart(6)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(5)} ms${f.non2xx || f.errors ? `   ✗ ${f.non2xx} non-2xx, ${f.errors} errors` : ''}`);
}
stopAll();

const hello = results[0].rps;
console.log(`\n${'target'.padEnd(16)} ${'req/s'.padStart(7)} ${'p99 ms'.padStart(7)} ${'÷ hello'.padStart(8)}   goal`);
let failed = false;
for (const f of results) {
  const ratio = f.rps / hello;
  const goal = f.name === 'share-requests' || f.name === 'catalog entries';
  const ok = !goal || (ratio >= 0.25 && f.p99 <= 250 && !f.non2xx && !f.errors);
  if (!ok) failed = true;
  console.log(`${f.name.padEnd(16)} ${f.rps.toFixed(0).padStart(7)} ${String(f.p99).padStart(7)} ${`${(ratio * 100).toFixed(0)}%`.padStart(8)}   ${goal ? (ok ? '✓ ≥ 25% and p99 ≤ 250 ms' : '✗ goal: ≥ 25% of hello-world, p99 ≤ 250 ms') : ''}`);
}
console.log(machineLine());
process.exit(failed ? 1 : 0);
