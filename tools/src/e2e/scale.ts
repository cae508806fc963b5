/**
 * `npm run e2e:scale` — the scale-out deployment, run as an operator would, on the CI's PostgreSQL and Redis.
 *
 * The commands and the environment of the processes are read from deploy/compose.yaml (and checked against the
 * systemd units in deploy/systemd/), then started with exactly them — only the addresses of PostgreSQL and Redis, the
 * queue prefix, the ports and the image's /app directory are replaced by this machine's. So the deployment files
 * cannot drift from what is tested. On a fresh database and a unique queue prefix it:
 *
 *  1. starts two API replicas and two schedulers at the same moment on the EMPTY database (the migration race:
 *     each migration must be applied once and every process must come up), then runs the compose file's `migrate`
 *     service, which must find nothing to do;
 *  2. logs in on one API and acts on the other through a whole share request (submit, compliance review, reply);
 *  3. exports a catalog release as export jobs across the processes (README § scale-out): the bureau publishes a
 *     release and requests its JSON and XLSX on api-1, a scheduler writes the files (the BullMQ job is processed by
 *     one of the schedulers, the API runs none), progress and the download are read from api-2 — the JSON holds the
 *     release's entries, the XLSX is a workbook of the size the job recorded — and another department's officer may
 *     not download them (403). The export directory is one temporary directory given to every process (compose's
 *     shared `exports` volume);
 *  4. fires the deadline sweep on both APIs at once over a few thousand overdue rows: nothing missed, no duplicates;
 *  5. kills (SIGKILL) the scheduler running a sweep mid-job: the other takes it over, nothing missed, no duplicates,
 *     and the killed attempt is recorded as failed;
 *  6. stops everything with SIGTERM: each process exits 0 by itself within its grace period;
 *  7. drops the database, the queue's Redis keys and the export directory.
 *
 * Env: DATABASE_URL (a postgres:// server URL; default postgres://postgres@127.0.0.1:5432/postgres), REDIS_URL
 * (default redis://127.0.0.1:6379), SCALE_ROWS (overdue rows per sweep, default 3000).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue, QueueEvents } from 'bullmq';
import { parse } from 'yaml';
import { knex } from '@mikro-orm/knex';
import { CalendarHolder, Deadline, JOB_QUEUE, jobAttempts, JobRun, queueJobKey, Violation, type JobResult } from '@govdata/core';
import { addDeadlines, departmentId, dropPrefix } from '@govdata/core/testing';
import { createTestEntry } from '@govdata/catalog/testing';
import { DEMO_PASSWORD, seedDemo } from '@govdata/demo';
import { openPlatformDatabase } from '@govdata/platform';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const deployDir = path.join(root, 'deploy');
const started = Date.now();
const say = (m: string) => console.log(`[e2e:scale ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${m}`);
function check(ok: unknown, what: string): asserts ok {
  if (!ok) throw new Error(`FAILED: ${what}`);
  say(`✓ ${what}`);
}

// ---------------------------------------------------------------- the deployment files

interface ServiceSpec {
  name: string;
  command: string[];
  environment: Record<string, string>;
}

/** Compose's `${VAR}`, `${VAR:-default}`, `${VAR:?message}`. */
function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?:(:-|:\?)([^}]*))?\}/g, (_m, name: string, op?: string, arg?: string) => {
    const v = vars[name];
    if (v !== undefined && v !== '') return v;
    if (op === ':-') return arg ?? '';
    if (op === ':?') throw new Error(`compose.yaml needs ${name}: ${arg}`);
    return '';
  });
}

function readCompose(vars: Record<string, string>): Record<string, ServiceSpec> {
  const doc = parse(fs.readFileSync(path.join(deployDir, 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, { command?: string[]; environment?: Record<string, string | number> }> };
  const out: Record<string, ServiceSpec> = {};
  for (const name of ['migrate', 'api-1', 'api-2', 'scheduler']) {
    const s = doc.services[name];
    if (!s?.command || !Array.isArray(s.command)) throw new Error(`deploy/compose.yaml: service ${name} has no command list`);
    const environment: Record<string, string> = {};
    for (const [k, v] of Object.entries(s.environment ?? {})) environment[k] = interpolate(String(v), vars);
    out[name] = { name, command: s.command.map(String), environment };
  }
  return out;
}

/** The ExecStart of a systemd unit, as an argument list. */
function execStart(unit: string): string[] {
  const text = fs.readFileSync(path.join(deployDir, 'systemd', unit), 'utf8');
  const line = text.split('\n').find((l) => l.startsWith('ExecStart='));
  if (!line) throw new Error(`deploy/systemd/${unit} has no ExecStart`);
  return line.slice('ExecStart='.length).trim().split(/\s+/);
}

/** The systemd units run the same programs as the compose services (the binary's path aside), with the same settings. */
function checkSystemdMatches(services: Record<string, ServiceSpec>): void {
  const pairs: [string, string][] = [
    ['govdata-api@.service', 'api-1'],
    ['govdata-scheduler.service', 'scheduler'],
    ['govdata-migrate.service', 'migrate'],
  ];
  for (const [unit, service] of pairs) {
    const unitArgs = execStart(unit);
    const composeArgs = services[service].command;
    check(path.basename(unitArgs[0]) === composeArgs[0] && unitArgs.slice(1).join(' ') === composeArgs.slice(1).join(' '), `deploy/systemd/${unit} runs what compose's ${service} runs (${composeArgs.join(' ')})`);
  }
  const envFile = fs.readFileSync(path.join(deployDir, 'systemd', 'govdata.env.example'), 'utf8');
  const keys = new Set(envFile.split('\n').filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split('=')[0]));
  const missing = Object.keys(services['api-1'].environment).filter((k) => k !== 'PORT' && !keys.has(k));
  check(missing.length === 0, `deploy/systemd/govdata.env.example sets every variable compose gives the API${missing.length ? ` (missing: ${missing.join(', ')})` : ''}`);
}

// ---------------------------------------------------------------- processes

interface Proc {
  name: string;
  child: ChildProcess;
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  port?: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Starts a service with its command and environment (plus PATH/HOME only: nothing leaks from this shell). */
function startService(spec: ServiceSpec, label: string, overrides: Record<string, string>): Proc {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' };
  for (const [k, v] of Object.entries(spec.environment)) env[k] = v.startsWith('/app/') ? path.join(root, v.slice('/app/'.length)) : v;
  Object.assign(env, overrides);
  const [bin, ...args] = spec.command;
  const child = spawn(bin === 'node' ? process.execPath : bin, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  const onData = (d: Buffer) => {
    partial += String(d);
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts.filter((l) => l.trim()));
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  return { name: label, child, lines, exited, port: overrides.PORT ? Number(overrides.PORT) : undefined };
}

/** The messages of a process's JSON log lines (pino); other lines as they are. */
const messages = (p: Proc): string[] =>
  p.lines.map((l) => {
    try {
      return String((JSON.parse(l) as { msg?: unknown }).msg ?? l);
    } catch {
      return l;
    }
  });

async function waitFor(what: string, test: () => Promise<boolean> | boolean, ms: number, procs: Proc[] = [], every = 200): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (await test()) return;
    const dead = procs.find((p) => p.child.exitCode !== null);
    if (dead) throw new Error(`${dead.name} exited (${dead.child.exitCode}) while waiting for ${what}:\n${dead.lines.slice(-30).join('\n')}`);
    if (Date.now() > until) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}\n${procs.map((p) => `--- ${p.name}\n${p.lines.slice(-15).join('\n')}`).join('\n')}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

// ---------------------------------------------------------------- HTTP with a session, on either replica

class Session {
  cookie = '';
  constructor(readonly username: string) {}
  async call(base: string, method: string, url: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${base}${url}`, {
      method,
      // as the SPA does: its client header (the CSRF guard refuses a bodiless POST without it)
      headers: { Accept: 'application/json', Origin: base, 'X-Requested-With': 'govdata', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...(this.cookie ? { Cookie: this.cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.getSetCookie();
    for (const c of set) if (c.startsWith('govdata_session=')) this.cookie = c.split(';')[0];
    const text = await res.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { text };
    }
    return { status: res.status, body: parsed };
  }
  async login(base: string): Promise<void> {
    const res = await this.call(base, 'POST', '/api/auth/login', { username: this.username, password: DEMO_PASSWORD });
    if (res.status !== 200 || !this.cookie) throw new Error(`login as ${this.username} on ${base} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

// ---------------------------------------------------------------- the run

const pgServer = process.env.DATABASE_URL && /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL) ? process.env.DATABASE_URL : 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379';
const rows = Number(process.env.SCALE_ROWS ?? 3000);
const dbName = `govdata_scale_${process.pid}_${randomBytes(3).toString('hex')}`;
const prefix = `govdata-scale-${process.pid}-${randomBytes(3).toString('hex')}`;
const dbUrl = (() => {
  const u = new URL(pgServer);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const metricsToken = randomBytes(16).toString('hex');
/** the export jobs' directory, one for every process (compose: the `exports` volume mounted in each) */
const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govdata-scale-exports-'));
const procs: Proc[] = [];

async function main(): Promise<void> {
  const services = readCompose({ POSTGRES_PASSWORD: 'unused-replaced-below', GOVDATA_METRICS_TOKEN: metricsToken });
  say(`deploy/compose.yaml: ${Object.values(services).map((s) => `${s.name} → ${s.command.join(' ')}`).join('; ')}`);
  checkSystemdMatches(services);
  // the only replacements: this machine's PostgreSQL and Redis, a unique queue prefix, free ports, and the shared
  // export directory (compose's volume) a temporary one of this run
  const machine = { DATABASE_URL: dbUrl, REDIS_URL: redisUrl, GOVDATA_QUEUE_PREFIX: prefix, GOVDATA_EXPORT_DIR: exportDir };
  check(services['api-1'].environment.GOVDATA_EXPORT_DIR === services.scheduler.environment.GOVDATA_EXPORT_DIR && services['api-1'].environment.GOVDATA_EXPORT_DIR === services['api-2'].environment.GOVDATA_EXPORT_DIR, `compose gives the APIs and the scheduler the same export directory (${services['api-1'].environment.GOVDATA_EXPORT_DIR})`);
  say(`replaced for this machine: DATABASE_URL=${dbUrl.replace(/\/\/[^@]*@/, '//***@')} REDIS_URL=${redisUrl} GOVDATA_QUEUE_PREFIX=${prefix} GOVDATA_EXPORT_DIR=${exportDir}, PORT, /app → ${root}`);
  say(`environment from compose.yaml (api): ${Object.keys(services['api-1'].environment).join(', ')}`);

  const admin = knex({ client: 'pg', connection: pgServer, pool: { min: 0, max: 1 } });
  await admin.raw(`create database "${dbName}"`);
  await admin.destroy();
  say(`fresh database ${dbName}`);

  // 1. four processes at once on the empty database
  const [p1, p2] = [await freePort(), await freePort()];
  const api1 = startService(services['api-1'], 'api-1', { ...machine, PORT: String(p1) });
  const api2 = startService(services['api-2'], 'api-2', { ...machine, PORT: String(p2) });
  const sched1 = startService(services.scheduler, 'scheduler-1', machine);
  const sched2 = startService(services.scheduler, 'scheduler-2', machine);
  procs.push(api1, api2, sched1, sched2);
  const ready = async (p: Proc) => (await fetch(`http://127.0.0.1:${p.port}/api/health/ready`).catch(() => null))?.status === 200;
  const schedulerReady = (p: Proc) => messages(p).some((m) => m.startsWith('scheduler ready'));
  // four cold tsx start-ups at once: a minute on an idle 2-core machine, several on a loaded one
  await waitFor('both APIs ready and both schedulers up', async () => (await ready(api1)) && (await ready(api2)) && schedulerReady(sched1) && schedulerReady(sched2), Number(process.env.SCALE_START_TIMEOUT_MS ?? 600_000), procs);
  check(true, 'two APIs and two schedulers started together on an empty PostgreSQL database');
  const db = await openPlatformDatabase(dbUrl, { migrate: false, quiet: true });
  try {
    const executed = await db.orm.getMigrator().getExecutedMigrations();
    const names = executed.map((m) => m.name);
    check(new Set(names).size === names.length && (await db.orm.getMigrator().getPendingMigrations()).length === 0, `each of the ${names.length} migrations applied exactly once (the migration race is gone)`);
    const migrate = startService(services.migrate, 'migrate', machine);
    const m = await migrate.exited;
    check(m.code === 0 && messages(migrate).some((l) => l.includes('no pending migrations')), `compose's migrate service exits 0 with nothing to do`);

    const health = await (await fetch(`http://127.0.0.1:${p1}/api/health`)).json();
    check(health.status === 'ok' && health.checks.database.status === 'up' && health.checks.queue.status === 'up' && health.queue === 'bullmq', `/api/health: database ${health.checks.database.latencyMs} ms, queue (Redis) ${health.checks.queue.latencyMs} ms`);
    const json = api1.lines.filter((l) => l.startsWith('{'));
    check(json.length > 0 && json.every((l) => JSON.parse(l).level !== undefined), 'the API logs JSON lines (pino) in production');

    // 2. a whole share request across the two APIs (demo organisation and one published entry, written directly)
    const calendar = await CalendarHolder.load(db.fork());
    await seedDemo(db.fork(), { now: new Date(), calendar, until: 'organisation' });
    const gajDept = await departmentId(db.fork(), '朔州市公安局');
    const { entry, items } = await createTestEntry(db.fork(), { name: '居民户籍信息（扩展部署测试）', shareType: 'conditional', providerId: gajDept, now: new Date(), withVersion: true });
    const [A, B] = [`http://127.0.0.1:${p1}`, `http://127.0.0.1:${p2}`];
    const rsj = new Session('rsj');
    const bureau = new Session('bureau');
    const gaj = new Session('gaj');
    await rsj.login(A);
    const submitted = await rsj.call(B, 'POST', '/api/share-requests', { entryId: entry.id, itemIds: items.slice(0, 3).map((i) => i.id), purpose: '办理社会保障卡申领业务时核验申请人身份', scenario: '政务服务大厅窗口受理，一次办结' });
    check(submitted.status === 201, `rsj logged in on api-1 submits a share request on api-2 (${submitted.status})`);
    const id = submitted.body.id as number;
    await bureau.login(B);
    const pass = await bureau.call(A, 'POST', `/api/share-requests/${id}/compliance-review`, { decision: 'pass' });
    check(pass.status === 200 && pass.body.status === 'provider_review', `the bureau logged in on api-2 passes the compliance review on api-1 (${pass.status})`);
    await gaj.login(A);
    const reply = await gaj.call(B, 'POST', `/api/share-requests/${id}/reply`, { decision: 'approve', itemIds: items.slice(0, 2).map((i) => i.id), conditions: '仅限社保卡业务窗口核验，不得留存' });
    check(reply.status === 200 && reply.body.status === 'approved', `gaj logged in on api-1 approves on api-2 (${reply.status})`);
    const seen = await rsj.call(A, 'GET', `/api/share-requests/${id}`);
    check(seen.status === 200 && seen.body.status === 'approved', 'rsj sees the approved request on api-1');

    // 3. a release exported as jobs: requested on api-1, written by a scheduler, downloaded from api-2
    await bureau.login(A);
    const bureauOnB = new Session('bureau');
    await bureauOnB.login(B);
    const release = await bureau.call(A, 'POST', '/api/catalog/releases', { note: '扩展部署测试' });
    check(release.status === 201 && Number(release.body.entryCount) >= 1, `the bureau publishes release ${String(release.body.number)} (${String(release.body.entryCount)} entries) on api-1${release.status === 201 ? '' : `: ${release.status} ${JSON.stringify(release.body)}`}`);
    const releaseId = release.body.id as number;
    const exportQueue = new Queue(JOB_QUEUE, { connection: { url: redisUrl }, prefix });
    try {
      const requested: Record<string, number> = {};
      for (const format of ['json', 'xlsx'] as const) {
        const res = await bureau.call(A, 'POST', `/api/catalog/releases/${releaseId}/exports`, { format });
        check(res.status === 202 && typeof res.body.jobId === 'number', `${format.toUpperCase()} export requested on api-1: 202, job ${String(res.body.jobId)}`);
        requested[format] = res.body.jobId as number;
      }
      const jobs: Record<string, Record<string, unknown>> = {};
      await waitFor(
        'both export jobs done (read on api-2)',
        async () => {
          for (const [format, jobId] of Object.entries(requested)) {
            const res = await bureauOnB.call(B, 'GET', `/api/export-jobs/${jobId}`);
            if (res.status !== 200) throw new Error(`GET /api/export-jobs/${jobId} on api-2: ${res.status} ${JSON.stringify(res.body)}`);
            if (res.body.status === 'failed') throw new Error(`export job ${jobId} failed: ${String(res.body.error)}`);
            jobs[format] = res.body;
          }
          return Object.values(jobs).every((j) => j.status === 'done');
        },
        120_000,
        procs,
        250,
      );
      check(true, `api-2 reports both jobs done (JSON ${String(jobs.json?.size)} bytes, XLSX ${String(jobs.xlsx?.size)} bytes)`);
      // who ran them: the export-jobs job of the queue, processed by a scheduler's worker (the APIs run no worker)
      const done = (await exportQueue.getJobs(['completed'])).filter((j) => j.name === 'export-jobs');
      const workers = new Set(done.map((j) => Number(String(j.processedBy ?? '').split(':').pop())));
      const schedulerPids = new Set([sched1.child.pid, sched2.child.pid]);
      check(done.length > 0 && [...workers].every((pid) => schedulerPids.has(pid)), `the export-jobs job was processed by ${[...workers].map((pid) => (pid === sched1.child.pid ? 'scheduler-1' : pid === sched2.child.pid ? 'scheduler-2' : `pid ${pid}`)).join(' and ')} (${done.length} run${done.length > 1 ? 's' : ''})`);
      const runs = await db.fork().find(JobRun, { name: 'export-jobs' });
      check(runs.length > 0 && runs.every((r) => r.runner === 'bullmq'), `job_runs: ${runs.length} export-jobs run${runs.length > 1 ? 's' : ''}, all by the BullMQ workers`);
      const download = async (format: string) => {
        const res = await fetch(`${B}/api/export-jobs/${requested[format]}/download`, { headers: { Cookie: bureauOnB.cookie } });
        return { status: res.status, type: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
      };
      const json = await download('json');
      const doc = JSON.parse(json.body.toString('utf8')) as { release?: { id?: number }; entries?: { code?: string }[] };
      check(
        json.status === 200 && json.body.length === jobs.json?.size && doc.entries?.length === release.body.entryCount && doc.entries?.some((e) => e.code === entry.code),
        `the JSON downloaded from api-2: ${json.body.length} bytes as the job recorded, ${doc.entries?.length} entries with ${entry.code}`,
      );
      const xlsx = await download('xlsx');
      check(xlsx.status === 200 && xlsx.body.length === jobs.xlsx?.size && xlsx.body.subarray(0, 2).toString('latin1') === 'PK' && xlsx.type.includes('spreadsheetml'), `the XLSX downloaded from api-2: a workbook (zip) of ${xlsx.body.length} bytes, ${xlsx.type}`);
      const files = fs.readdirSync(exportDir).filter((f) => !f.startsWith('.'));
      check(files.length === 2, `the shared export directory holds the two files the scheduler wrote (${files.join(', ')})`);
      const other = await rsj.call(B, 'GET', `/api/export-jobs/${requested.json}/download`);
      check(other.status === 403, `another department's officer may not download the bureau's export (${other.status})`);
    } finally {
      await exportQueue.close();
    }

    // 4. the sweep on both APIs at once over a few thousand overdue rows
    const depts = [gajDept, await departmentId(db.fork(), '朔州市市场监督管理局')];
    const addOverdue = async (n: number) => {
      const now = Date.now();
      for (let i = 0; i < n; i += 1000) {
        await addDeadlines(
          db.fork(),
          Array.from({ length: Math.min(1000, n - i) }, (_, k) => ({ kind: 'provider_reply' as const, departmentId: depts[(i + k) % 2], dueAt: new Date(now - (1 + ((i + k) % 48)) * 3_600_000) })),
          new Date(now),
        );
      }
    };
    const openPast = () => db.fork().count(Deadline, { state: 'open', dueAt: { $lt: new Date() } });
    const assertOnce = async (what: string) => {
      const em = db.fork();
      const overdue = await em.count(Deadline, { state: 'overdue' });
      const violations = await em.count(Violation, { sourceKind: { $like: 'test_%' } });
      // notifications of the share request have no dedupe key: only keyed ones can be duplicates
      const [{ dup }] = await em.getConnection().execute(`select count(*) - count(distinct dedupe_key) as dup from notifications where dedupe_key is not null`);
      const [{ vdup }] = await em.getConnection().execute(`select count(*) - count(distinct (source_kind, source_id, type)) as vdup from violations`);
      const open = await openPast();
      check(open === 0 && overdue === violations && Number(dup) === 0 && Number(vdup) === 0, `${what}: ${overdue} overdue, ${violations} violations, ${open} past due still open, ${dup} duplicate notifications, ${vdup} duplicate violations`);
      return overdue;
    };
    await addOverdue(rows);
    const [r1, r2] = await Promise.all([bureau.call(A, 'POST', '/api/admin/jobs/deadline-sweep/run'), bureauOnB.call(B, 'POST', '/api/admin/jobs/deadline-sweep/run')]);
    const answer = (r: { status: number; body: Record<string, unknown> }) => (r.status === 200 ? `${r.body.newlyOverdue} newly overdue` : `${r.status} ${String(r.body.code)}`);
    // each API waits up to 60 s for its run; on a loaded machine the run may take longer (503 job.timeout: still queued
    // or running) — then wait for the queue to finish them
    const accepted = [r1, r2].every((r) => r.status === 200 || (r.status === 503 && r.body.code === 'job.timeout'));
    check(accepted, `"run now" of the sweep on api-1 and api-2 at once: ${answer(r1)}; ${answer(r2)}`);
    const manualRuns = () => db.fork().count(JobRun, { name: 'deadline-sweep', trigger: 'manual', status: 'succeeded' });
    await waitFor('both manual sweeps finished', async () => (await manualRuns()) >= 2, 600_000, procs, 1_000);
    const swept = await assertOnce(`sweep on both over ${rows} rows`);
    check(swept >= rows, `every one of the ${rows} rows was flagged`);

    // 5. kill the scheduler running a sweep, mid-job
    await addOverdue(rows);
    const queue = new Queue(JOB_QUEUE, { connection: { url: redisUrl }, prefix });
    const events = new QueueEvents(JOB_QUEUE, { connection: { url: redisUrl }, prefix });
    await events.waitUntilReady();
    try {
      const job = await queue.add('deadline-sweep', { trigger: 'schedule' }, { attempts: 5, backoff: { type: 'exponential', delay: 5_000 } });
      let victim: Proc | undefined;
      await waitFor('the sweep active on a scheduler', async () => {
        const j = await queue.getJob(job.id as string);
        const pid = Number(String(j?.processedBy ?? '').split(':').pop());
        victim = [sched1, sched2].find((p) => p.child.pid === pid);
        // mid-job: the worker has begun the run (its attempt is recorded), not merely taken the job from the queue
        const running = (await jobAttempts(db.fork(), queueJobKey(job))).some((a) => a.status === 'running');
        return (await j?.getState()) === 'active' && victim !== undefined && running;
      }, 60_000, [sched1, sched2], 25);
      if (!victim) throw new Error('no scheduler took the sweep');
      const survivor = victim === sched1 ? sched2 : sched1;
      victim.child.kill('SIGKILL');
      await victim.exited;
      const left = await openPast();
      check(left > 0, `${victim.name} SIGKILLed mid-sweep (${left} of ${rows} rows still open)`);
      const result = (await job.waitUntilFinished(events, 180_000)) as JobResult;
      const after = await queue.getJob(job.id as string);
      check(String(after?.processedBy).endsWith(`:${survivor.child.pid}`), `${survivor.name} took the sweep over once the killed worker's lock expired (${result.newlyOverdue} newly overdue)`);
      await assertOnce('after the takeover');
      const attempts = await jobAttempts(db.fork(), queueJobKey(job));
      check(attempts.length === 2 && attempts[0].status === 'failed' && attempts[1].status === 'succeeded', `the job's history: attempt 1 ${attempts[0]?.status} (${attempts[0]?.error ?? ''}), attempt 2 ${attempts[1]?.status}`);
      procs.splice(procs.indexOf(victim), 1);
    } finally {
      await events.close();
      await queue.close();
    }

    const metrics = await fetch(`${B}/metrics`, { headers: { Authorization: `Bearer ${metricsToken}` } });
    const text = await metrics.text();
    check(metrics.status === 200 && /govdata_deadlines_overdue\{kind="provider_reply"/.test(text) && /govdata_queue_jobs\{state="completed"/.test(text), '/metrics with the token from compose.yaml: overdue counts and queue depth');
  } finally {
    await db.close();
  }

  // 6. SIGTERM: every remaining process stops by itself
  for (const p of procs) p.child.kill('SIGTERM');
  for (const p of procs) {
    const exit = await Promise.race([p.exited, new Promise<null>((r) => setTimeout(() => r(null), 60_000))]);
    check(exit?.code === 0 && messages(p).some((m) => m.startsWith('SIGTERM')), `${p.name} stopped cleanly on SIGTERM (exit ${exit?.code ?? 'none after 60 s'})`);
  }
  procs.length = 0;
}

async function cleanUp(): Promise<void> {
  for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  await Promise.all(procs.map((p) => p.exited));
  const admin = knex({ client: 'pg', connection: pgServer, pool: { min: 0, max: 1 } });
  await admin.raw(`drop database if exists "${dbName}" with (force)`).catch((e: Error) => say(`could not drop ${dbName}: ${e.message}`));
  await admin.destroy();
  const keys = await dropPrefix(prefix, redisUrl).catch(() => -1);
  fs.rmSync(exportDir, { recursive: true, force: true });
  say(`dropped database ${dbName}, ${keys} Redis keys under ${prefix} and ${exportDir}`);
}

let failed = false;
try {
  await main();
  say('PASSED');
} catch (e) {
  failed = true;
  console.error(e instanceof Error ? e.message : e);
} finally {
  await cleanUp();
}
process.exit(failed ? 1 : 0);
