import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface RunningServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts the real platform (`apps/api/src/main.ts`) on a fresh SQLite file with demo data and a pinned clock. */
export async function startServer(options: { port: number; now?: string; env?: Record<string, string>; dir?: string } = { port: 3199 }): Promise<RunningServer> {
  // `dir`: the caller's directory, kept on stop — a second start on it finds the first one's database (a later day)
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'govdata-e2e-'));
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(options.port),
      DATABASE_URL: `sqlite:${path.join(dir, 'e2e.sqlite')}`,
      GOVDATA_NOW: options.now ?? '2026-11-20T10:00:00+08:00',
      REDIS_URL: '',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // a run that dies (an uncaught error, Ctrl-C) takes its server with it, instead of leaving it on the port
  const orphan = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.once('exit', orphan);
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start within 120 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    process: child,
    output: () => output,
    async stop() {
      process.off('exit', orphan);
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      if (!options.dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
