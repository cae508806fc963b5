#!/usr/bin/env node
// The one entry point behind `npm start`, `npm test` and the other root scripts.
// It installs dependencies when node_modules is missing or older than package-lock.json (npm ci),
// builds what the command needs, then runs it. Plain Node, no dependencies: it runs before the install.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = path.join(root, 'node_modules', '.govdata-install-stamp');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', ...opts.env } });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

/**
 * Runs a long-lived command (the API, the scheduler, a script) as this process's child and hands it every stop signal:
 * SIGTERM or SIGINT sent to `npm start` / `npm run scheduler` (npm passes it to us) reaches the server, which shuts down
 * gracefully; this process then leaves with the child's status, or dies of the same signal. Node cannot exec().
 */
function runForwardingSignals(cmd, args) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } });
  const signals = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT'];
  const forward = (signal) => () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of signals) process.on(signal, forward(signal));
  child.on('error', (e) => {
    console.error(`[govdata] ${cmd}: ${e.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      for (const s of signals) process.removeAllListeners(s);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 1);
  });
}

function must(cmd, args, opts) {
  const status = run(cmd, args, opts);
  if (status !== 0) process.exit(status);
}

function lockHash() {
  return createHash('sha256').update(fs.readFileSync(path.join(root, 'package-lock.json'))).digest('hex');
}

export function ensureInstalled() {
  const want = lockHash();
  const have = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : '';
  if (have === want && fs.existsSync(bin('tsx'))) return;
  console.log('[govdata] 正在安装依赖 (npm ci) … installing dependencies');
  must('npm', ['ci', '--no-audit', '--no-fund'], { env: { SCARF_ANALYTICS: 'false' } });
  fs.writeFileSync(stampFile, want + '\n');
}

/** Newest modification time of any file under the given directories. */
function newest(dirs) {
  let max = 0;
  const walk = (p) => {
    let st;
    try { st = fs.statSync(p); } catch { return; }
    if (st.isDirectory()) {
      if (/node_modules|dist|out-tsc/.test(path.basename(p))) return;
      for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    } else if (st.mtimeMs > max) max = st.mtimeMs;
  };
  dirs.forEach((d) => walk(path.join(root, d)));
  return max;
}

/** Builds a browser app (vite) when its sources are newer than its build. */
function ensureAppBuilt(app, label, libs, { force = false } = {}) {
  const index = path.join(root, `apps/${app}/dist/index.html`);
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = newest([`apps/${app}/src`, `apps/${app}/index.html`, `apps/${app}/vite.config.mts`, `apps/${app}/public`, ...libs.map((l) => `libs/${l}/src`), 'package-lock.json']);
  if (!force && built > sources) return;
  console.log(`[govdata] 正在构建${label} (vite build) … building apps/${app}`);
  must(bin('vite'), ['build', '--config', `apps/${app}/vite.config.mts`, '--logLevel', 'warn']);
}

/** The admin console and the open-data portal (served at /open/). */
export function ensureAdminBuilt(options = {}) {
  ensureAppBuilt('admin', '管理端', ['domain', 'workdays', 'analytics'], options);
  ensureAppBuilt('portal', '开放门户', ['domain'], options);
}

const [command, ...rest] = process.argv.slice(2);
// a deployed build (docs/operations.md): GOVDATA_ADMIN_DIST names the SPA built once by `npm run build`, and the
// dependencies were installed with it — replicas start without install or build checks (and never race an npm ci)
const deployed = Boolean(process.env.GOVDATA_ADMIN_DIST?.trim()) && (command === 'start' || command === 'tsx');
if (!deployed) ensureInstalled();
switch (command) {
  case 'install':
    break;
  case 'start':
    if (!deployed) ensureAdminBuilt();
    runForwardingSignals(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts', ...rest]);
    break;
  case 'build':
    ensureAdminBuilt({ force: true });
    break;
  case 'test':
    process.exit(run(bin('vitest'), ['run', ...rest]));
    break;
  case 'lint':
    process.exit(run(bin('nx'), ['run-many', '-t', 'lint', 'typecheck', '--outputStyle=static', ...rest]));
    break;
  case 'e2e':
    ensureAdminBuilt();
    // each flow starts its own platform on a fresh demo database; the first failure stops the run
    for (const flow of ['tools/src/e2e/run.ts', 'tools/src/e2e/assessment.ts', 'tools/src/e2e/open-portal.ts', 'tools/src/e2e/lifecycle.ts', 'tools/src/e2e/upper.ts']) {
      const code = run(process.execPath, ['--import', 'tsx', flow, ...rest]);
      if (code !== 0) process.exit(code);
    }
    process.exit(0);
    break;
  case 'e2e-scale':
    // the scale-out test starts the processes of deploy/compose.yaml, which serve the built SPA
    ensureAdminBuilt();
    runForwardingSignals(process.execPath, ['--import', 'tsx', 'tools/src/e2e/scale.ts', ...rest]);
    break;
  case 'bench-spa':
    // the SPA benchmark measures the build: make it first when the sources are newer
    ensureAdminBuilt();
    process.exit(run(process.execPath, ['--import', 'tsx', 'tools/src/bench/spa.ts', ...rest]));
    break;
  case 'bench-portal':
    // the portal benchmark serves the built portal (its home page's bytes are one of its figures)
    ensureAdminBuilt();
    process.exit(run(process.execPath, ['--import', 'tsx', 'tools/src/bench/portal.ts', ...rest]));
    break;
  case 'tsx':
    // `node tools/bootstrap.mjs tsx some/script.ts args…` — run a TypeScript script after the install check
    runForwardingSignals(process.execPath, ['--import', 'tsx', ...rest]);
    break;
  default:
    console.error(`unknown command: ${command ?? '(none)'} — use start | test | lint | e2e | build | install | tsx <script>`);
    process.exit(2);
}
