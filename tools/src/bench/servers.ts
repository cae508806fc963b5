/**
 * What the HTTP benchmarks share (bench:api, bench:gateway): a demo database seeded fresh into a temp SQLite file (or
 * a PostgreSQL database of its own with `--pg`),
 * child processes for the servers under load (stopped when the benchmark ends, however it ends), and a bare Express
 * hello-world — the machine's ceiling for a Node HTTP server, the figure every ratio is taken against.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { knex } from '@mikro-orm/knex';
import { CalendarHolder } from '@govdata/core';
import { seedDemo } from '@govdata/demo';
import { openPlatformDatabase } from '@govdata/platform';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const children: ChildProcess[] = [];
export const stopAll = (): void => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
};
process.on('exit', stopAll);
process.on('SIGINT', () => {
  stopAll();
  process.exit(130);
});

/** Waits until `url` answers 2xx. */
export async function waitFor(url: string, ms = 180_000): Promise<void> {
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

/** A node process from the repository root, stopped with the benchmark. */
export function start(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}

/** A bare Express hello-world on `port`. */
export function startHelloWorld(port: number): ChildProcess {
  return start(['-e', "const app=require('express')();app.get('/',(q,s)=>s.json({hello:'world'}));app.listen(+process.env.P,'127.0.0.1')"], { P: String(port) });
}

/** The platform's API (no scheduler, no demo seeding) on a database (`sqlite:<file>` or `postgres://…`), the business clock pinned to `now`. */
export function startApi(port: number, databaseUrl: string, now: Date, env: Record<string, string> = {}): ChildProcess {
  // BENCH_API_NODE_ARGS: node flags for the API only, e.g. "--cpu-prof --cpu-prof-dir=tmp/prof" to profile it under load
  const extra = (process.env.BENCH_API_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  return start([...extra, '--import', 'tsx', 'apps/api/src/main.ts'], {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'development',
    GOVDATA_DEMO: 'false',
    GOVDATA_SCHEDULER: 'false',
    GOVDATA_NOW: now.toISOString(),
    ...env,
  });
}

/** The demo data in a SQLite file: `given` when it exists (seeded by an earlier run), else seeded fresh. */
export async function demoDatabase(now: Date, given: string | undefined, prefix: string): Promise<string> {
  const file = given ? path.resolve(given) : path.join(fs.mkdtempSync(path.join(os.tmpdir(), prefix)), 'demo.sqlite');
  if (given && fs.existsSync(file)) return file;
  const t0 = performance.now();
  const db = await openPlatformDatabase(`sqlite:${file}`, { quiet: true });
  await seedDemo(db.fork(), { now, calendar: await CalendarHolder.load(db.fork()) });
  await db.close();
  console.log(`demo data seeded into ${file} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return file;
}

/**
 * The demo data for a benchmark on its engine (`--pg`, see benchTarget): a SQLite file as demoDatabase gives, or on
 * PostgreSQL a database of its own (`name`, dropped and created afresh on the server of the `--pg` URL, so a run never
 * touches the test database) seeded with the demo. Returns the DATABASE_URL for the servers.
 */
export async function demoDatabaseUrl(now: Date, target: { engine: 'sqlite' | 'postgresql'; pgUrl: string | null }, given: string | undefined, name: string): Promise<string> {
  if (target.engine === 'sqlite' || !target.pgUrl) return `sqlite:${await demoDatabase(now, given, `${name}-`)}`;
  const server = new URL(target.pgUrl);
  server.pathname = '/postgres';
  const admin = knex({ client: 'pg', connection: server.toString(), pool: { min: 0, max: 1 } });
  try {
    await admin.raw(`drop database if exists "${name}" with (force)`);
    await admin.raw(`create database "${name}"`);
  } finally {
    await admin.destroy();
  }
  const url = new URL(target.pgUrl);
  url.pathname = `/${name}`;
  const t0 = performance.now();
  const db = await openPlatformDatabase(url.toString(), { quiet: true });
  await seedDemo(db.fork(), { now, calendar: await CalendarHolder.load(db.fork()) });
  await db.close();
  console.log(`demo data seeded into PostgreSQL database ${name} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return url.toString();
}

/** Logs in through the API and returns the session cookie header. */
export async function loginCookie(api: string, username: string, password: string): Promise<string> {
  const login = await fetch(`${api}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: api }, body: JSON.stringify({ username, password }) });
  const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  if (!login.ok || !cookie) throw new Error(`login as ${username} failed: ${login.status} ${await login.text()}`);
  return cookie;
}

export interface Figures {
  name: string;
  path: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** requests answered in the run */
  total: number;
  /** CPU time (user + system) the serving process spent per request, in ms — when `serverPid` was given */
  cpuMsPerRequest?: number;
  /** the answers other than 2xx by status code (`429×120 404×3`), empty when there were none */
  failures: string;
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc; clock ticks of 10 ms). */
export function cpuMsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // after the command: state is field 3, utime 14 and stime 15 (1-based over the whole line)
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** autocannon against one target; `setupRequest` may vary each request (e.g. the key looked up). */
export async function load(
  name: string,
  url: string,
  opts: { connections: number; seconds: number; headers?: Record<string, string>; setupRequest?: (req: { path: string }) => { path: string }; serverPid?: number },
): Promise<Figures> {
  const cpu0 = opts.serverPid ? cpuMsOf(opts.serverPid) : 0;
  const r = await autocannon({
    url,
    connections: opts.connections,
    duration: opts.seconds,
    headers: opts.headers ?? {},
    ...(opts.setupRequest ? { requests: [{ setupRequest: opts.setupRequest }] } : {}),
  });
  const total = r.requests.total;
  const cpuMsPerRequest = opts.serverPid && total ? (cpuMsOf(opts.serverPid) - cpu0) / total : undefined;
  const codes = (r as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  const failures = Object.entries(codes)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, { count }]) => `${code}×${count}`)
    .join(' ');
  return { name, path: new URL(url).pathname + new URL(url).search, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts, total, cpuMsPerRequest, failures };
}

/** One target's slices as one figure: requests and CPU summed, req/s over the whole time, the worst slice's p99. */
export function combine(parts: Figures[]): Figures {
  const total = parts.reduce((n, f) => n + f.total, 0);
  const cpu = parts.every((f) => f.cpuMsPerRequest !== undefined) ? parts.reduce((n, f) => n + (f.cpuMsPerRequest ?? 0) * f.total, 0) / (total || 1) : undefined;
  return {
    ...parts[0],
    rps: parts.reduce((n, f) => n + f.rps, 0) / parts.length,
    p50: Math.max(...parts.map((f) => f.p50)),
    p99: Math.max(...parts.map((f) => f.p99)),
    non2xx: parts.reduce((n, f) => n + f.non2xx, 0),
    errors: parts.reduce((n, f) => n + f.errors, 0),
    total,
    cpuMsPerRequest: cpu,
    failures: parts.map((f) => f.failures).filter(Boolean).join(' '),
  };
}

/**
 * An open-loop load: requests sent at a steady `rate` a second whatever the answers do, over at most `connections`
 * kept-alive sockets, for `seconds`; each latency counted from when its request was due, so a request that waited for
 * a free socket counts its wait (autocannon's own rate limit sends each second's requests in a burst, which measures
 * the burst). Latency is the server's and the machine's: this process and the server share its two cores.
 */
export async function paced(name: string, url: string, opts: { rate: number; seconds: number; connections: number; headers?: Record<string, string>; path?: () => string; serverPid?: number }): Promise<Figures> {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const cpu0 = opts.serverPid ? cpuMsOf(opts.serverPid) : 0;
  const latencies: number[] = [];
  const failures = new Map<number, number>();
  let errors = 0;
  let sent = 0;
  let done = 0;
  const total = Math.round(opts.rate * opts.seconds);
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const finish = (due: number, status: number | null) => {
      latencies.push(performance.now() - due);
      if (status === null) errors++;
      else if (status < 200 || status > 299) failures.set(status, (failures.get(status) ?? 0) + 1);
      if (++done === total) resolve();
    };
    const send = (due: number) => {
      const req = http.request({ host: target.hostname, port: target.port, path: opts.path ? opts.path() : target.pathname + target.search, headers: opts.headers, agent }, (res) => {
        res.resume();
        res.on('end', () => finish(due, res.statusCode ?? 0));
      });
      req.on('error', () => finish(due, null));
      req.end();
    };
    const tick = setInterval(() => {
      const now = performance.now();
      for (; sent < total && start + (sent * 1000) / opts.rate <= now; sent++) send(start + (sent * 1000) / opts.rate);
      if (sent >= total) clearInterval(tick);
    }, 1);
  });
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  const non2xx = [...failures.values()].reduce((a, b) => a + b, 0);
  return {
    name,
    path: target.pathname + target.search,
    rps: done / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    non2xx,
    errors,
    total: done,
    cpuMsPerRequest: opts.serverPid && done ? (cpuMsOf(opts.serverPid) - cpu0) / done : undefined,
    failures: [...failures].map(([code, n]) => `${code}×${n}`).join(' '),
  };
}

/** Peak and current resident memory of a child process (Linux /proc), in MB. */
export function memoryOf(pid: number): { peakMb: number; rssMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
}
