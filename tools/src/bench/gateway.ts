/**
 * npm run bench:gateway [-- --pg[=<url>]] [-- --verify-only] — the sharing gateway at the size issue 15 names, one run, figures and ratios printed:
 *   1. upload and publish of a 1,000,000-row CSV through the API (goal ≤ 60 s), with the API process's peak memory;
 *   2. key lookups on that dataset through the whole gateway (token check, grant check, masking, call record) at 50
 *      connections, against a bare Express hello-world in the same run (goals: p99 ≤ 20 ms, ≥ 40% of hello-world);
 *   3. `npm run verify-calls` over 1,000,000 call records (goal ≤ 10 s).
 * On the demo data in a fresh SQLite file (with `--pg`, a PostgreSQL database of its own, govdata_bench_gateway):
 * the entry is the demo's 市公安局 dataset entry with an active grant; the
 * consumer registers a bench system; the grant's rate and quota are lifted so the gateway's limits do not cap the
 * load. Knobs (env): BENCH_ROWS (1,000,000), BENCH_CALLS (1,000,000), BENCH_SECONDS (15, in BENCH_ROUNDS turns: 3),
 * BENCH_PACED_RATE (1,000 req/s: the lookups' latency at a steady rate, after the full-load turns), BENCH_CONNECTIONS (50),
 * BENCH_DB (reuse a seeded file), BENCH_PORT (3290; uses it and the next one). `--verify-only` runs step 3 alone (no
 * servers, no upload): with BENCH_DB, the file keeps its million records and the next run only verifies them.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { actorOf, sqlAll, sqlRun, User } from '@govdata/core';
import { CatalogItem, type ICatalogItem } from '@govdata/catalog';
import { DEMO_PASSWORD } from '@govdata/demo';
import { appendCalls, callSealKey, DatasetVersion, registerSystem, sealCallDays, sm3Hex, type CallInput } from '@govdata/gateway';
import { openPlatformDatabase } from '@govdata/platform';
import { ShareGrant } from '@govdata/sharing';
import { shanghaiDate } from '@govdata/workdays';
import { benchTarget, machineLine } from './machine';
import { combine, demoDatabaseUrl, load, loginCookie, paced, memoryOf, root, startApi, startHelloWorld, stopAll, waitFor, type Figures } from './servers';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PORT = Number(process.env.BENCH_PORT ?? 3290);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const PACED_RATE = Number(process.env.BENCH_PACED_RATE ?? 1000);
const NOW = new Date();
const VERIFY_ONLY = process.argv.includes('--verify-only');

const target = benchTarget();
const databaseUrl = await demoDatabaseUrl(NOW, target, process.env.BENCH_DB, 'govdata_bench_gateway');

// ── the setting: an entry with a live dataset and an active grant; a system of the consumer; limits lifted ──
const setup = await (async () => {
  const db = await openPlatformDatabase(databaseUrl, { quiet: true });
  try {
    const em = db.fork();
    const today = shanghaiDate(NOW);
    const live = await em.find(DatasetVersion, { status: 'live' }, { orderBy: { entry: 'asc' } });
    for (const v of live) {
      const grant = await em.findOne(ShareGrant, { entry: v.entry, status: 'active', validUntil: { $gte: today } }, { orderBy: { id: 'asc' } });
      if (!grant) continue;
      const adminOf = async (department: number) => (await em.find(User, { department }, { populate: ['department'], orderBy: { id: 'asc' } })).find((u) => u.roles.includes('dept_admin'));
      const consumerAdmin = await adminOf(grant.consumer.id);
      const providerAdmin = await adminOf(grant.provider.id);
      if (!consumerAdmin || !providerAdmin) continue;
      const items = await em.find(CatalogItem, { entry: v.entry, removedAt: null }, { orderBy: { position: 'asc' } });
      const key = items.find((i) => (i.queryKey || i.primaryKey) && grant.itemIds.includes(i.id) && (i.dataType === 'string' || i.dataType === 'text'));
      if (!key) continue;
      const system = await registerSystem({ em, actor: actorOf(consumerAdmin), now: NOW }, { name: '网关基准测试系统', description: 'bench:gateway' });
      await em.flush();
      // every active grant of the consumer on the entry: the gateway answers through whichever it finds first
      const grants = await em.find(ShareGrant, { entry: v.entry, consumer: grant.consumer.id, status: 'active' });
      for (const g of grants) {
        await sqlRun(em, 'insert into grant_limits (grant_id, per_minute, per_day, updated_at) values (?, ?, ?, ?) on conflict (grant_id) do update set per_minute = excluded.per_minute, per_day = excluded.per_day', [g.id, 1e9, 1e9, NOW]);
      }
      return { entryId: (v.entry as { id: number }).id, grantId: grant.id, items, key, system, provider: providerAdmin.username, consumer: consumerAdmin.username };
    }
    throw new Error('the demo data has no live dataset with an active grant and a string query key');
  } finally {
    await db.close();
  }
})();

/** The value of row `r` in an item's column: unique keys, every type valid for the item. */
function cell(item: ICatalogItem, r: number): string {
  if (item.id === setup.key.id) return keyOf(r);
  switch (item.dataType) {
    case 'integer':
      return String(r % 5000);
    case 'decimal':
      return ((r % 100_000) / 100).toFixed(2);
    case 'date':
      return `20${String(10 + (r % 16)).padStart(2, '0')}-${String(1 + (r % 12)).padStart(2, '0')}-${String(1 + (r % 28)).padStart(2, '0')}`;
    case 'datetime':
      return `2025-${String(1 + (r % 12)).padStart(2, '0')}-${String(1 + (r % 28)).padStart(2, '0')} 09:30:00`;
    case 'boolean':
      return r % 2 ? '是' : '否';
    default: {
      const text = `${item.name}${r}`;
      return item.length ? [...text].slice(-item.length).join('') : text;
    }
  }
}
function keyOf(r: number): string {
  const text = `K${r.toString(36).padStart(7, '0')}`;
  return setup.key.length ? text.slice(-setup.key.length) : text;
}
const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The CSV, generated as it is sent: 5,000 rows a chunk. */
async function* csv(): AsyncGenerator<Uint8Array> {
  yield Buffer.from(`${setup.items.map((i) => i.fieldName).join(',')}\n`);
  for (let r = 0; r < ROWS; r += 5000) {
    const lines: string[] = [];
    for (let k = r; k < Math.min(ROWS, r + 5000); k++) lines.push(setup.items.map((i) => csvCell(cell(i, k))).join(','));
    const chunk = Buffer.from(`${lines.join('\n')}\n`);
    sentBytes += chunk.length;
    yield chunk;
  }
}
let sentBytes = 0;

const served = VERIFY_ONLY ? null : await serveAndLoad();

/** Steps 1 and 2: the API and hello-world up, the upload and the lookups; the servers stopped after. */
async function serveAndLoad() {
  const hello = `http://127.0.0.1:${PORT}`;
  const api = `http://127.0.0.1:${PORT + 1}`;
  const helloProcess = startHelloWorld(PORT);
  const apiProcess = startApi(PORT + 1, databaseUrl, NOW);
  await Promise.all([waitFor(`${hello}/`), waitFor(`${api}/api/health`)]);
  console.log(`${target.engine}: entry ${setup.entryId} (${setup.items.length} items, key ${setup.key.fieldName}), grant ${setup.grantId}, provider ${setup.provider}, consumer ${setup.consumer}`);
  console.log(machineLine());

  // ── 1. upload and publish ──
  const cookie = await loginCookie(api, setup.provider, DEMO_PASSWORD);
  const before = memoryOf(apiProcess.pid as number);
  const t0 = performance.now();
  const upload = await fetch(`${api}/api/catalog/entries/${setup.entryId}/datasets?filename=bench.csv`, {
    method: 'POST',
    headers: { cookie, origin: api, 'content-type': 'text/csv' },
    body: Readable.toWeb(Readable.from(csv())) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const uploaded = (await upload.json()) as { versionId: number; rows: number };
  if (upload.status !== 201) throw new Error(`upload answered ${upload.status}: ${JSON.stringify(uploaded).slice(0, 500)}`);
  const tUpload = performance.now() - t0;
  const publish = await fetch(`${api}/api/datasets/${uploaded.versionId}/publish`, { method: 'POST', headers: { cookie, origin: api, 'content-type': 'application/json' }, body: '{}' });
  if (!publish.ok) throw new Error(`publish answered ${publish.status}: ${await publish.text()}`);
  const tTotal = performance.now() - t0;
  const after = memoryOf(apiProcess.pid as number);
  console.log(`\n1. upload + publish of ${uploaded.rows.toLocaleString()} rows (${(sentBytes / 1048576).toFixed(0)} MB of CSV): ${(tTotal / 1000).toFixed(1)} s (upload ${(tUpload / 1000).toFixed(1)} s, publish ${((tTotal - tUpload) / 1000).toFixed(1)} s); API process RSS ${before.rssMb.toFixed(0)} → peak ${after.peakMb.toFixed(0)} MB`);

  // ── 2. key lookups through the gateway ──
  const tokenRes = await fetch(`${api}/api/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'client_credentials', client_id: setup.system.clientId, client_secret: setup.system.clientSecret }) });
  if (!tokenRes.ok) throw new Error(`the token endpoint answered ${tokenRes.status}: ${await tokenRes.text()}`);
  const { access_token: token } = (await tokenRes.json()) as { access_token: string };
  const lookupPath = (r: number) => `/gateway/v1/entries/${setup.entryId}/records?${setup.key.fieldName}=${encodeURIComponent(keyOf(r))}`;
  const probe = await fetch(`${api}${lookupPath(ROWS - 1)}`, { headers: { authorization: `Bearer ${token}` } });
  const probeBody = (await probe.json()) as { total?: number; items?: unknown[] };
  if (probe.status !== 200 || probeBody.total !== 1) throw new Error(`a key lookup answered ${probe.status}: ${JSON.stringify(probeBody).slice(0, 300)}`);
  let seed = 1;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const targets = [
    ['hello-world', `${hello}/`, {}, helloProcess.pid],
    ['gateway lookup', `${api}${lookupPath(0)}`, { headers: { authorization: `Bearer ${token}` }, setupRequest: (req: { path: string }) => ({ ...req, path: lookupPath(Math.floor(random() * ROWS)) }) }, apiProcess.pid],
  ] as const;
  // 2 s of each first, not counted (the JIT warms up); then the two take turns in ROUNDS slices, so a change in the
  // load of this shared machine falls on both alike (as bench:api does)
  for (const [name, url, extra, pid] of targets) await load(name, url, { connections: CONNECTIONS, seconds: 2, serverPid: pid, ...extra });
  const slices: Figures[][] = targets.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, [name, url, extra, pid]] of targets.entries()) slices[i].push(await load(name, url, { connections: CONNECTIONS, seconds: SECONDS / ROUNDS, serverPid: pid, ...extra }));
  }
  const [h, g] = slices.map(combine) as [Figures, Figures];
  // then PACED_RATE requests a second, on schedule, over up to the same 50 connections: the latency of a call when the
  // server is not saturated (at full load 50 connections keep a queue: the p99 is then the queue's, hello-world's included)
  const steady = [
    await paced('hello-world', `${hello}/`, { rate: PACED_RATE, seconds: SECONDS / ROUNDS, connections: CONNECTIONS, serverPid: helloProcess.pid }),
    await paced('gateway lookup', `${api}${lookupPath(0)}`, { rate: PACED_RATE, seconds: SECONDS / ROUNDS, connections: CONNECTIONS, headers: { authorization: `Bearer ${token}` }, path: () => lookupPath(Math.floor(random() * ROWS)), serverPid: apiProcess.pid }),
  ];
  const ratio = g.rps / h.rps;
  console.log(`\n2. key lookups, ${CONNECTIONS} connections, ${SECONDS} s each in ${ROUNDS} turns`);
  // CPU time of the server process per answered request: what the server spends on one, whatever else the shared machine runs
  const line = (f: Figures) => `  ${f.name.padEnd(16)} ${f.rps.toFixed(0).padStart(6)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(5)} ms   CPU ${f.cpuMsPerRequest?.toFixed(3) ?? '–'} ms/request${f.non2xx || f.errors ? `   ✗ ${f.non2xx} non-2xx (${f.failures}), ${f.errors} errors` : ''}`;
  for (const f of [h, g]) console.log(line(f));
  if (h.cpuMsPerRequest && g.cpuMsPerRequest) console.log(`  CPU per request: the lookup costs ${(g.cpuMsPerRequest / h.cpuMsPerRequest).toFixed(1)}× hello-world's (a server-bound ceiling of ${((h.cpuMsPerRequest / g.cpuMsPerRequest) * 100).toFixed(0)}% of its throughput)`);
  console.log(`  at a steady ${PACED_RATE.toLocaleString()} req/s (open loop, up to ${CONNECTIONS} connections), ${SECONDS / ROUNDS} s each:`);
  for (const f of steady) console.log(line(f));
  stopAll();
  await new Promise((r) => setTimeout(r, 1000));
  return { tTotal, after, g, h, ratio, steady: steady[1] as Figures };
}

// ── 3. verify-calls over CALLS records ──
const db = await openPlatformDatabase(databaseUrl, { quiet: true });
const [{ n: existing }] = await sqlAll<{ n: number }>(db.fork(), 'select count(*) as n from call_records', []);
const t3 = performance.now();
// a month of calls, one every ~2.6 s (each its own time, as real calls have), then each finished day sealed
const MONTH = 30 * 86_400_000;
for (let made = existing; made < CALLS; ) {
  const batch: CallInput[] = [];
  for (let k = 0; k < 20_000 && made < CALLS; k++, made++) {
    batch.push({
      at: new Date(NOW.getTime() - MONTH + Math.floor((made * MONTH) / CALLS)),
      systemId: setup.system.id, clientId: setup.system.clientId, departmentId: null, entryId: setup.entryId, grantId: setup.grantId, datasetVersion: 1,
      queryFields: [setup.key.fieldName], queryHash: sm3Hex(`q${made}`), fieldsReturned: [setup.key.fieldName], rowCount: 1, status: 'ok', httpStatus: 200, latencyMs: 3, responseHash: sm3Hex(`r${made}`),
    });
  }
  await appendCalls(db.fork(), batch);
}
const [{ n: calls }] = await sqlAll<{ n: number }>(db.fork(), 'select count(*) as n from call_records', []);
const sealed = await sealCallDays(db.fork(), callSealKey(), NOW);
await db.close();
console.log(`\n3. ${(calls - existing).toLocaleString()} call records appended in ${((performance.now() - t3) / 1000).toFixed(0)} s (${existing.toLocaleString()} were there), ${sealed} days sealed`);
const t4 = performance.now();
const cpu4 = childrenCpuMs();
// as `npm run verify-calls` runs it (package.json): a larger young generation — a million records make short-lived strings
const verify = spawnSync(process.execPath, ['--import', 'tsx', '--max-semi-space-size=32', 'tools/src/scripts/verify-calls.ts', '--database', databaseUrl], { cwd: root, encoding: 'utf8' });
const tVerify = performance.now() - t4;
const cpuVerify = childrenCpuMs() - cpu4;
console.log(`   verify-calls over ${calls.toLocaleString()} records: ${(tVerify / 1000).toFixed(1)} s, CPU ${(cpuVerify / 1000).toFixed(1)} s, exit ${verify.status} — ${(verify.stdout + verify.stderr).trim().split('\n').pop()}`);

/** CPU time (user + system) of this process's finished children, in ms (Linux /proc: cutime + cstime, 10 ms ticks). */
function childrenCpuMs(): number {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
}

// ── the goals ──
const goals = [
  ...(served ? goalsOfServing(served) : []),
  [`verify-calls over ${calls.toLocaleString()} records ≤ 10 s`, tVerify <= 10_000 && verify.status === 0, `${(tVerify / 1000).toFixed(1)} s`],
] as const;
function goalsOfServing({ tTotal, after, g, h, ratio, steady }: NonNullable<typeof served>) {
  return [
    [`upload + publish ${ROWS.toLocaleString()} rows ≤ 60 s`, tTotal <= 60_000, `${(tTotal / 1000).toFixed(1)} s, peak RSS ${after.peakMb.toFixed(0)} MB`],
    ['lookup p99 ≤ 20 ms (full load)', g.p99 <= 20 && !g.non2xx && !g.errors, `${g.p99} ms${g.non2xx ? `, ${g.non2xx} non-2xx` : ''} (hello-world's own: ${h.p99} ms; at a steady ${PACED_RATE.toLocaleString()} req/s: ${steady.p99} ms${steady.non2xx ? `, ${steady.non2xx} non-2xx` : ''})`],
    ['lookup ≥ 40% of hello-world', ratio >= 0.4, `${(ratio * 100).toFixed(0)}% (${g.rps.toFixed(0)} / ${h.rps.toFixed(0)} req/s)`],
  ] as const;
}
console.log('\ngoal'.padEnd(48) + 'result');
for (const [name, ok, figure] of goals) console.log(`${ok ? '✓' : '✗'} ${name.padEnd(45)} ${figure}`);
console.log(machineLine());
process.exit(goals.every(([, ok]) => ok) ? 0 : 1);
