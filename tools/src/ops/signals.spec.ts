import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dropPrefix, requireRedis, testPrefix, testRedisUrl } from '@govdata/core/testing';

// Issue 18 (3): SIGTERM to the process `npm start` / `npm run scheduler` started left the node server running (an API
// still answering, a "stopped" scheduler still working). Here the real npm scripts are spawned and signalled, and
// every process of their tree must be gone afterwards, having shut down gracefully.
const root = path.resolve(import.meta.dirname, '../../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** The pids of a process and all its descendants (from ps). */
function tree(pid: number): number[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const rows = out.trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
  const found = [pid];
  for (let i = 0; i < found.length; i++) for (const [p, pp] of rows) if (pp === found[i] && !found.includes(p)) found.push(p);
  return found;
}
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function npm(script: string, env: Record<string, string>): Started {
  let output = '';
  const child = spawn('npm', ['run', '--silent', script], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  return { child, output: () => output, exited };
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms: number, output: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what} did not happen within ${ms / 1000} s:\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('stop signals reach the server started by npm', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govdata-signals-'));
  const started: Started[] = [];
  const redisUrl = testRedisUrl();
  const prefixes: string[] = [];
  beforeAll(() => requireRedis(redisUrl));
  const known: number[] = [];
  afterEach(() => {
    // a failed test must not leave servers behind: the trees seen while running, and whatever hangs below npm now
    const pids = [...known.splice(0), ...started.splice(0).flatMap((s) => (s.child.pid ? tree(s.child.pid) : []))];
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  });
  afterAll(async () => {
    for (const p of prefixes) await dropPrefix(p, redisUrl);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // both at once (each start takes a while on a loaded machine): SIGTERM to npm start, SIGINT to npm run scheduler
  it('npm start (SIGTERM) and npm run scheduler (SIGINT) stop gracefully and leave no process behind', { timeout: 240_000 }, async () => {
    const port = await freePort();
    const prefix = testPrefix();
    prefixes.push(prefix);
    // GOVDATA_ADMIN_DIST: a deployed build, no install or build checks (the operations guide's way to start replicas)
    const deployed = { GOVDATA_ADMIN_DIST: path.join(dir, 'no-spa') };
    const api = npm('start', {
      ...deployed,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${path.join(dir, 'api.sqlite')}`,
      GOVDATA_DEMO: 'false',
      REDIS_URL: '',
      GOVDATA_SCHEDULER: 'false',
    });
    const sched = npm('scheduler', { ...deployed, DATABASE_URL: `sqlite:${path.join(dir, 'scheduler.sqlite')}`, REDIS_URL: redisUrl, GOVDATA_QUEUE_PREFIX: prefix });
    started.push(api, sched);
    const health = async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.ok === true;
    await Promise.all([
      until('the API answering', health, 150_000, api.output),
      until('the scheduler ready', () => sched.output().includes('scheduler ready'), 150_000, sched.output),
    ]);
    const apiPids = tree(api.child.pid as number);
    const schedPids = tree(sched.child.pid as number);
    known.push(...apiPids, ...schedPids);
    expect(apiPids.length).toBeGreaterThan(1); // npm → node tools/bootstrap.mjs → node apps/api/src/main.ts
    expect(schedPids.length).toBeGreaterThan(1);

    api.child.kill('SIGTERM');
    sched.child.kill('SIGINT');
    const timeout = new Promise<null>((r) => setTimeout(() => r(null), 30_000));
    expect(await Promise.race([api.exited, timeout]), `npm start did not exit:\n${api.output()}`).not.toBeNull();
    expect(await Promise.race([sched.exited, timeout]), `npm run scheduler did not exit:\n${sched.output()}`).not.toBeNull();
    await until('every process of the API tree gone', () => apiPids.every((p) => !alive(p)), 15_000, api.output);
    await until('every process of the scheduler tree gone', () => schedPids.every((p) => !alive(p)), 15_000, sched.output);
    expect(await health()).toBe(false);
    // the servers themselves shut down (their handlers ran), not just the npm wrapper
    expect(api.output()).toContain('SIGTERM: 正在停止');
    expect(sched.output()).toContain('SIGINT: finishing the running jobs');
  });
});
