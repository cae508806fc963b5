/**
 * `npm run bench:catalog -- [--pg] --seeded[=city] --export-job` — a release export as an export job at the size of the
 * seeded data set (issue 19, finding 1: the export streams with memory below 300 MB, and the API stays responsive), as
 * it runs in a deployment:
 *   scheduler (default with `--pg`): the scale-out mode of README § scale-out — an API process and a scheduler process
 *     on Redis (REDIS_URL, default the local one; a queue prefix of the bench's own, its keys removed afterwards); the
 *     API queues the job and kicks the `export-jobs` job, the scheduler's worker writes the file;
 *   api (default on SQLite, or BENCH_EXPORT_RUNNER=api): the embedded mode — no Redis, the API process writes it.
 * The seeded database is shared and is not written: it is copied first (copySeededDatabase), and the copy gets a
 * release of every published entry (createRelease, timed) — the seed writes none. Then, for each format
 * (BENCH_EXPORT_FORMATS, default xlsx,json), as the bureau through HTTP: POST /api/catalog/releases/:id/exports, the
 * job polled every second until done, and the file downloaded. Meanwhile `/api/health` is asked every 100 ms (each
 * after the previous answer) and every 10th time one of the first 10 pages of the release's entries, their latencies
 * compared with the same probes for 5 s before the export.
 * Printed per format: the time to the 202 and to done, the file's size, the download's time (as a browser asks:
 * gzip accepted) with its bytes on the wire and the API's CPU meanwhile; CPU time of the
 * process that writes the file, of the API (when another) and of the PostgreSQL backends of the database (local
 * server); the writer's resident memory before the export and its peak while it ran (sampled every 100 ms, and the
 * kernel's high-water mark) — the goal, below 300 MB, is read on what the export added; the probes' p50/p99/max; the
 * load average. The processes run with the business clock pinned to the seed's moment (GOVDATA_NOW): the scheduler's
 * jobs run once at its start (the bench waits for them) and find nothing new to do after.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { Queue } from 'bullmq';
import { JOB_QUEUE, User } from '@govdata/core';
import { dropPrefix } from '@govdata/core/testing';
import { createRelease } from '@govdata/catalog';
import { DEMO_PASSWORD } from '@govdata/demo';
import { openPlatformDatabase } from '@govdata/platform';
import { copySeededDatabase, trackServerCpu } from './databases';
import { machineLine, median, percentile } from './machine';
import { cpuMsOf, loginCookie, memoryOf, start, startApi, stopAll, waitFor } from './servers';

const NOW = new Date(process.env.BENCH_NOW ?? '2026-11-20T10:00:00+08:00');
const PORT = Number(process.env.BENCH_PORT ?? 3290);
const FORMATS = (process.env.BENCH_EXPORT_FORMATS ?? 'xlsx,json').split(',').map((f) => f.trim()) as ('xlsx' | 'json')[];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (n: number) => `${n.toFixed(0)} MB`;

interface Probe {
  health: number[];
  page: number[];
  /** answers other than 200, or none */
  healthFailed: number;
  pageFailed: number;
}

/** /api/health every `every` ms after the previous answer, every 10th time also a page of the release's entries. */
function probe(api: string, cookie: string, releaseId: number, pages: number, every = 100): { stop(): Promise<Probe> } {
  const out: Probe = { health: [], page: [], healthFailed: 0, pageFailed: 0 };
  let running = true;
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const t0 = performance.now();
      const res = await fetch(`${api}/api/health`).catch(() => null);
      if (res) await res.arrayBuffer();
      if (res?.status === 200) out.health.push(performance.now() - t0);
      else out.healthFailed++;
      if (i % 10 === 9) {
        const t1 = performance.now();
        // the first pages, as people read a list (a deep page costs its OFFSET: see the docs)
        const page = 1 + (Math.floor(i / 10) % Math.min(10, Math.max(1, pages)));
        const r = await fetch(`${api}/api/catalog/releases/${releaseId}/entries?page=${page}&pageSize=20`, { headers: { cookie } }).catch(() => null);
        if (r) await r.arrayBuffer();
        if (r?.status === 200) out.page.push(performance.now() - t1);
        else out.pageFailed++;
      }
      await sleep(every);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return out;
    },
  };
}

/** A download as a browser makes it (Accept-Encoding: gzip): its bytes on the wire and once decoded, its first bytes. */
function download(url: string, cookie: string): Promise<{ status: number; ms: number; wire: number; bytes: number; encoding: string; head: string }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { cookie, 'accept-encoding': 'gzip' } }, (res) => {
        let wire = 0;
        let bytes = 0;
        let head = '';
        const encoding = String(res.headers['content-encoding'] ?? 'identity');
        res.on('data', (c: Buffer) => (wire += c.length));
        const body = encoding === 'gzip' ? res.pipe(zlib.createGunzip()) : res;
        body.on('data', (c: Buffer) => {
          if (!head) head = c.subarray(0, 2).toString('latin1');
          bytes += c.length;
        });
        body.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, wire, bytes, encoding, head }));
        body.on('error', reject);
      })
      .on('error', reject);
  });
}

/** The size of a job's finished file in the export directory (its name starts with the job's id). */
const fileSize = (dir: string, jobId: number): number => {
  const name = fs.readdirSync(dir).find((f) => f.startsWith(`${jobId}-`));
  return name ? fs.statSync(path.join(dir, name)).size : 0;
};

/** One line of memory-probe.mjs: bytes, at `t` (epoch ms). */
interface MemorySample {
  t: number;
  rss: number;
  anon: number;
  file: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}
const readSamples = (file: string): MemorySample[] =>
  fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as MemorySample)
    : [];
const peakOf = (xs: MemorySample[], key: keyof MemorySample) => Math.max(0, ...xs.map((x) => x[key])) / 1048576;

/**
 * The writer's memory as it saw it itself (memory-probe.mjs) during [from, to]: the last sample before as the
 * baseline, the peaks while it ran, and the peaks of each half of the run — an export whose memory grows with the
 * release peaks higher in its second half.
 */
function memoryLines(file: string, from: number, to: number): { lines: string[]; anonGrowthMb: number | null } {
  const all = readSamples(file);
  const before = all.filter((x) => x.t < from).at(-1);
  const during = all.filter((x) => x.t >= from && x.t <= to);
  if (!before || !during.length) return { lines: ['(no memory samples from inside the process)'], anonGrowthMb: null };
  const mid = from + (to - from) / 2;
  const halves = [during.filter((x) => x.t < mid), during.filter((x) => x.t >= mid)];
  const b = (key: keyof MemorySample) => before[key] / 1048576;
  const anonGrowthMb = peakOf(during, 'anon') - b('anon');
  return {
    anonGrowthMb,
    lines: [
      `RSS ${mb(b('rss'))} → peak ${mb(peakOf(during, 'rss'))}: its own pages (RssAnon) ${mb(b('anon'))} → ${mb(peakOf(during, 'anon'))} (+${mb(anonGrowthMb)}), pages of mapped files (RssFile: the SQLite database read through its memory map, code) ${mb(b('file'))} → ${mb(peakOf(during, 'file'))}`,
      `V8 heap used ${mb(b('heapUsed'))} → peak ${mb(peakOf(during, 'heapUsed'))} (committed peak ${mb(peakOf(during, 'heapTotal'))}), Buffers/ArrayBuffers ${mb(b('arrayBuffers'))} → peak ${mb(peakOf(during, 'arrayBuffers'))}; ${during.length} samples`,
      `peaks by half of the run: RssAnon ${halves.map((h) => mb(peakOf(h, 'anon'))).join(' / ')}, heap used ${halves.map((h) => mb(peakOf(h, 'heapUsed'))).join(' / ')}`,
    ],
  };
}

const stats = (xs: number[]) => (xs.length ? `${xs.length} answers, p50 ${median(xs).toFixed(0)} ms, p99 ${percentile(xs, 99).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms` : 'no answers');

export async function exportJobBench(seeded: string): Promise<boolean> {
  const pg = /^postgres/.test(seeded);
  const runner = (process.env.BENCH_EXPORT_RUNNER ?? (pg ? 'scheduler' : 'api')) as 'scheduler' | 'api';
  if (runner === 'scheduler' && !pg) throw new Error('the scheduler runner needs PostgreSQL (--pg): the scale-out deployment does not run on SQLite');
  const redisUrl = process.env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379';
  const prefix = `govdata-bench-export-${process.pid}-${randomBytes(3).toString('hex')}`;
  const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govdata-bench-exports-'));
  console.log(`\nrelease export as an export job on the seeded data set (issue 19, finding 1) — ${pg ? 'PostgreSQL' : 'SQLite'}, ${runner === 'scheduler' ? 'scale-out: an API and a scheduler process on Redis, the scheduler writes the file' : 'embedded: the API process writes the file'}`);
  console.log(machineLine());
  const copy = await copySeededDatabase(seeded, 'govdata_bench_export_seeded');
  console.log(copy.note);
  let ok = true;
  const db = await openPlatformDatabase(copy.url, { quiet: true });
  try {
    // a release of every published entry, in the copy (the seed writes none)
    const bureauUser = await db.fork().findOneOrFail(User, { username: 'bureau' });
    const actor = { userId: bureauUser.id, username: bureauUser.username, displayName: bureauUser.displayName, roles: bureauUser.roles, departmentId: bureauUser.department.id };
    const t0 = performance.now();
    const release = await db.fork().transactional((tx) => createRelease(tx, actor, { title: null, note: 'bench:catalog --export-job' }, NOW));
    console.log(`release ${release.number}: ${release.entryCount.toLocaleString('en')} entries, made in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const env: Record<string, string> = { GOVDATA_EXPORT_DIR: exportDir, GOVDATA_NOW: NOW.toISOString(), LOG_LEVEL: 'warn' };
    if (runner === 'scheduler') Object.assign(env, { REDIS_URL: redisUrl, GOVDATA_QUEUE_PREFIX: prefix });
    // the writer samples its own memory (heap and all) into this file, every 100 ms
    const memoryFile = path.join(os.tmpdir(), `govdata-bench-export-memory-${process.pid}.jsonl`);
    const probeEnv = { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'memory-probe.mjs')).href}`.trim(), BENCH_MEMORY_FILE: memoryFile };
    const apiProc = startApi(PORT, copy.url, NOW, runner === 'api' ? { ...env, ...probeEnv } : env);
    const api = `http://127.0.0.1:${PORT}`;
    let writerPid = apiProc.pid as number;
    let queue: Queue | null = null;
    if (runner === 'scheduler') {
      const scheduler = start(['--import', 'tsx', 'apps/scheduler/src/main.ts'], { ...env, ...probeEnv, DATABASE_URL: copy.url, NODE_ENV: 'development' });
      writerPid = scheduler.pid as number;
      queue = new Queue(JOB_QUEUE, { connection: { url: redisUrl }, prefix });
      const q = queue;
      await waitFor(`${api}/api/health/ready`);
      const until = Date.now() + 300_000;
      while ((await q.getWorkers()).length === 0) {
        if (Date.now() > until || scheduler.exitCode !== null) throw new Error('the scheduler did not start its worker');
        await sleep(500);
      }
      // the scheduler's own jobs run once at its start: let them finish before measuring
      for (let quiet = 0; quiet < 3; ) {
        const c = await q.getJobCounts('active', 'waiting');
        quiet = (c.active ?? 0) + (c.waiting ?? 0) === 0 ? quiet + 1 : 0;
        if (Date.now() > until) break;
        await sleep(1_000);
      }
    } else await waitFor(`${api}/api/health/ready`);
    const cookie = await loginCookie(api, 'bureau', DEMO_PASSWORD);
    const pages = Math.ceil(release.entryCount / 20);

    for (const format of FORMATS) {
      const idle = probe(api, cookie, release.id, pages);
      await sleep(5_000);
      const before = await idle.stop();
      const writerRss0 = memoryOf(writerPid).rssMb;
      const writerCpu0 = cpuMsOf(writerPid);
      const apiCpu0 = cpuMsOf(apiProc.pid as number);
      const server = trackServerCpu(db.fork());
      let peak = writerRss0;
      const sampler = setInterval(() => {
        try {
          peak = Math.max(peak, memoryOf(writerPid).rssMb);
        } catch {
          /* the process ended */
        }
      }, 100);
      const busy = probe(api, cookie, release.id, pages);
      const startedAt = Date.now();
      const started = performance.now();
      const posted = await fetch(`${api}/api/catalog/releases/${release.id}/exports`, { method: 'POST', headers: { cookie, origin: api, 'content-type': 'application/json', 'x-requested-with': 'govdata' }, body: JSON.stringify({ format }) });
      const accepted = performance.now() - started;
      const { jobId } = (await posted.json()) as { jobId: number };
      if (posted.status !== 202) throw new Error(`POST …/exports answered ${posted.status}`);
      let job: { status: string; size: number | null; error: string | null; progress: { done: number; total: number } } = { status: 'queued', size: null, error: null, progress: { done: 0, total: 0 } };
      let lastLine = 0;
      while (job.status === 'queued' || job.status === 'running') {
        await sleep(1_000);
        job = (await (await fetch(`${api}/api/export-jobs/${jobId}`, { headers: { cookie } })).json()) as typeof job;
        if (performance.now() - lastLine > 60_000) {
          lastLine = performance.now();
          console.log(`  … ${format} ${job.status} ${job.progress.done.toLocaleString('en')} / ${job.progress.total.toLocaleString('en')} after ${((performance.now() - started) / 1000).toFixed(0)} s, writer RSS ${mb(memoryOf(writerPid).rssMb)}`);
        }
      }
      const wall = performance.now() - started;
      const endedAt = Date.now();
      clearInterval(sampler);
      const during = await busy.stop();
      const writerCpu = cpuMsOf(writerPid) - writerCpu0;
      const apiCpu = cpuMsOf(apiProc.pid as number) - apiCpu0;
      const serverMs = await server.stop();
      const hwm = memoryOf(writerPid).peakMb;
      if (job.status !== 'done') {
        ok = false;
        console.error(`${format}: the job ended ${job.status}: ${job.error}`);
        continue;
      }
      const apiCpuD0 = cpuMsOf(apiProc.pid as number);
      const d = await download(`${api}/api/export-jobs/${jobId}/download`, cookie);
      const apiCpuDownload = cpuMsOf(apiProc.pid as number) - apiCpuD0;
      const shape = format === 'xlsx' ? d.head === 'PK' : d.head.startsWith('{');
      if (d.status !== 200 || d.bytes !== job.size || !shape) {
        ok = false;
        console.error(`${format}: the download answered ${d.status}, ${d.bytes} bytes (the job says ${job.size}), starting ${JSON.stringify(d.head)}`);
      }
      const writer = runner === 'scheduler' ? 'scheduler' : 'API';
      console.log(`\n${format.toUpperCase()} of ${release.entryCount.toLocaleString('en')} entries: done in ${(wall / 1000).toFixed(1)} s (202 after ${accepted.toFixed(0)} ms), ${(d.bytes / 1e6).toFixed(1)} MB`);
      console.log(`  download as a browser asks for it (Accept-Encoding: gzip): ${(d.ms / 1000).toFixed(1)} s, ${(d.wire / 1e6).toFixed(1)} MB on the wire${d.encoding === 'gzip' ? ' (gzip)' : ''}, API CPU ${(apiCpuDownload / 1000).toFixed(1)} s; the file on disk ${(fileSize(exportDir, jobId) / 1e6).toFixed(1)} MB`);
      console.log(`  CPU: ${writer} ${(writerCpu / 1000).toFixed(1)} s${runner === 'scheduler' ? `, API ${(apiCpu / 1000).toFixed(1)} s` : ''}${serverMs !== null ? `, PostgreSQL backends ${(serverMs / 1000).toFixed(1)} s` : ''}`);
      const inside = memoryLines(memoryFile, startedAt, endedAt);
      console.log(`  ${writer} memory read from outside: RSS ${mb(writerRss0)} before, peak ${mb(peak)} while it ran (+${mb(peak - writerRss0)}; the process's high-water mark since its start ${mb(hwm)})`);
      console.log(`  ${writer} memory from inside (goal: the export's own memory, RssAnon, grows by less than 300 MB):`);
      for (const line of inside.lines) console.log(`    ${line}`);
      console.log(`  /api/health before: ${stats(before.health)}`);
      console.log(`  /api/health during: ${stats(during.health)}${during.healthFailed ? `, ${during.healthFailed} not 200` : ''}`);
      console.log(`  a page of the release's entries (20 of them, as the bureau) before: ${stats(before.page)}; during: ${stats(during.page)}${during.pageFailed ? `, ${during.pageFailed} not 200` : ''}`);
      if (during.healthFailed + during.pageFailed > 0) ok = false;
      console.log(`  ${machineLine()}`);
      if ((inside.anonGrowthMb ?? peak - writerRss0) > 300) ok = false;
    }
    if (queue) await queue.close();
  } finally {
    stopAll();
    await sleep(2_000);
    await db.close();
    await copy.drop();
    fs.rmSync(exportDir, { recursive: true, force: true });
    fs.rmSync(path.join(os.tmpdir(), `govdata-bench-export-memory-${process.pid}.jsonl`), { force: true });
    if (runner === 'scheduler') await dropPrefix(prefix, redisUrl).catch(() => undefined);
  }
  return ok;
}
