/**
 * npm run bench:spa — how heavy the admin console is for a browser that has never seen it (issue 14, "A light SPA").
 * Starts the platform (the built SPA, compression on) on a fresh demo database, then in Debian's Chromium with an
 * empty cache each time opens the login page, each role's home page (bureau, leader, gaj, agent) and the leadership
 * dashboard, and reports per page: JS and CSS bytes over the wire (compressed, headers included), requests, first
 * contentful paint, and whether ECharts was loaded. Goals: login ≤ 150 KB of JS, a department admin's home ≤ 250 KB,
 * ECharts only on pages with charts, dashboard content ≤ 1.5 s after its data arrives.
 *
 * The SPA is built first when its sources are newer than the build (`npm run bench:spa` goes through bootstrap).
 * BENCH_PORT (default 3196) is the port of the server it starts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/browser';
import { startServer } from '../e2e/server';

const KB = 1024;
const PASSWORD = 'Govdata@2026';
const port = Number(process.env.BENCH_PORT ?? 3196);
const assets = path.resolve('apps/admin/dist/assets');

/** The build's ECharts files: the chunk holding the library (vite.config.mts names it `echarts-…`). */
const echartsFiles = new Set(fs.readdirSync(assets).filter((f) => /^echarts-.*\.js$/.test(f)));
if (echartsFiles.size === 0) throw new Error('no echarts-*.js in apps/admin/dist/assets: build the SPA first (npm run build)');

interface Scenario {
  name: string;
  /** log in as this user first (through the API, so the page itself is the first visit) */
  user?: string;
  path: string;
  /** what shows that the page is there */
  ready: string;
  /** KB of JS over the wire this page must stay under */
  jsGoal?: number;
  /** whether the page draws charts (and so may load ECharts) */
  charts: boolean;
  /** a page drawn from one data request: what shows its figures (the first chart is `ready`) */
  content?: string;
}

const SCENARIOS: Scenario[] = [
  { name: 'login page', path: '/login', ready: '[data-test=login-submit]', jsGoal: 150, charts: false },
  { name: 'home · bureau', user: 'bureau', path: '/', ready: '[data-test=workbench-list]', charts: false },
  { name: 'home · leader', user: 'leader', path: '/', ready: '[data-test=home-overview] [data-test=kpi-entries]', charts: false },
  { name: 'home · gaj (dept admin)', user: 'gaj', path: '/', ready: '[data-test=workbench-list]', jsGoal: 250, charts: false },
  { name: 'home · agent', user: 'agent', path: '/', ready: '[data-test=workbench-list]', charts: false },
  { name: 'dashboard · leader', user: 'leader', path: '/dashboard', ready: '[data-test=dashboard-trends] canvas', content: '[data-test=kpi-entries]', charts: true },
];

interface Measure {
  js: number;
  css: number;
  requests: number;
  fcp: number | null;
  echarts: boolean;
  /** ms from the dashboard data's arrival to its figures (KPI cards) and to its first chart drawn */
  contentAfterData: number | null;
  chartAfterData: number | null;
  /** each script and stylesheet with its bytes (BENCH_VERBOSE=1 prints them) */
  files: string[];
}

/** Counts every response of the page through the DevTools protocol: encodedDataLength is what came over the wire. */
async function record(page: Page, context: BrowserContext): Promise<{ cdp: CDPSession; result: () => Omit<Measure, 'fcp' | 'contentAfterData' | 'chartAfterData'> }> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const types = new Map<string, { type: string; url: string }>();
  const out = { js: 0, css: 0, requests: 0, echarts: false, files: [] as string[] };

  cdp.on('Network.requestWillBeSent', (e) => {
    out.requests++;
    types.set(e.requestId, { type: e.type ?? 'Other', url: e.request.url });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = types.get(e.requestId);
    if (!r) return;
    if (r.type === 'Script' || r.type === 'Stylesheet') out.files.push(`${(e.encodedDataLength / KB).toFixed(1).padStart(7)} KB  ${path.basename(new URL(r.url).pathname)}`);
    if (r.type === 'Script') out.js += e.encodedDataLength;
    if (r.type === 'Stylesheet') out.css += e.encodedDataLength;
    if (echartsFiles.has(path.basename(new URL(r.url).pathname))) out.echarts = true;
  });
  return { cdp, result: () => ({ ...out }) };
}

const server = await startServer({ port, now: '2026-11-26T10:00:00+08:00' });
const browser = await launchBrowser();
const rows: { s: Scenario; m: Measure }[] = [];
try {
  for (const s of SCENARIOS) {
    // a fresh context: empty HTTP cache, no service worker, only the session cookie
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    if (s.user) {
      const res = await context.request.post(`${server.url}/api/auth/login`, { data: { username: s.user, password: PASSWORD } });
      if (!res.ok()) throw new Error(`login as ${s.user} failed: ${res.status()}`);
    }
    const page = await context.newPage();
    // in the page: when the figures and the first chart enter the DOM (a MutationObserver, so the browser's own clock,
    // not the test driver's polling under load)
    await page.addInitScript((watch: Record<string, string>) => {
      const seen: Record<string, number> = {};
      (window as unknown as { __seen: Record<string, number> }).__seen = seen;
      new MutationObserver(() => {
        for (const [k, sel] of Object.entries(watch)) if (seen[k] === undefined && document.querySelector(sel)) seen[k] = performance.now();
      }).observe(document, { subtree: true, childList: true });
    }, (s.content ? { content: s.content, chart: s.ready } : {}) as Record<string, string>);
    const rec = await record(page, context);
    await page.goto(`${server.url}${s.path}`);
    await page.waitForSelector(s.ready, { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    // "the data": the last API answer (Resource Timing) before the figures showed
    const timing = await page.evaluate(() => {
      const seen = (window as unknown as { __seen: Record<string, number> }).__seen ?? {};
      const api = performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname.startsWith('/api/')) as PerformanceResourceTiming[];
      const before = seen.content ?? seen.chart;
      const dataAt = before === undefined ? null : Math.max(...api.filter((e) => e.responseEnd <= before).map((e) => e.responseEnd));
      return { dataAt: Number.isFinite(dataAt) ? dataAt : null, content: seen.content ?? null, chart: seen.chart ?? null };
    });
    const after = (t: number | null) => (t !== null && timing.dataAt !== null ? Math.round(t - timing.dataAt) : null);
    rows.push({ s, m: { ...rec.result(), fcp, contentAfterData: after(timing.content), chartAfterData: s.charts ? after(timing.chart) : null } });
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}

const pad = (v: string, n: number) => v + ' '.repeat(Math.max(0, n - [...v].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));
const kb = (b: number) => `${(b / KB).toFixed(1)} KB`;
console.log('\nbench:spa — cold visits, compression on, Chromium (bytes over the wire)\n');
console.log(`${pad('page', 26)}${pad('JS', 12)}${pad('CSS', 11)}${pad('requests', 10)}${pad('FCP', 10)}${pad('ECharts', 9)}goal`);
let failed = 0;
for (const { s, m } of rows) {
  const goals: string[] = [];
  if (s.jsGoal !== undefined) {
    const ok = m.js <= s.jsGoal * KB;
    if (!ok) failed++;
    goals.push(`JS ≤ ${s.jsGoal} KB: ${ok ? 'met' : 'NOT met'} (${((m.js / (s.jsGoal * KB)) * 100).toFixed(0)}% of it)`);
  }
  if (!s.charts) {
    if (m.echarts) failed++;
    goals.push(`no ECharts: ${m.echarts ? 'NOT met' : 'met'}`);
  }
  if (m.chartAfterData !== null) {
    const ok = m.chartAfterData <= 1500;
    if (!ok) failed++;
    goals.push(`after the data: figures ${m.contentAfterData ?? '—'} ms, first chart ${m.chartAfterData} ms (≤ 1500 ms: ${ok ? 'met' : 'NOT met'})`);
  }
  if (process.env.BENCH_VERBOSE) console.log(m.files.sort().reverse().join('\n'));
  console.log(
    `${pad(s.name, 26)}${pad(kb(m.js), 12)}${pad(kb(m.css), 11)}${pad(String(m.requests), 10)}${pad(m.fcp === null ? '—' : `${Math.round(m.fcp)} ms`, 10)}${pad(m.echarts ? 'yes' : 'no', 9)}${goals.join('; ')}`,
  );
}
console.log(failed ? `\n${failed} goal(s) not met` : '\nall goals met');
process.exitCode = failed ? 1 : 0;
