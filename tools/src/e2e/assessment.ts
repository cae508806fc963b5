/**
 * The annual assessment as users meet it (第三十条至第三十二条):
 *   node --import tsx tools/src/e2e/assessment.ts
 * The bureau computes a year and watches the progress finish, opens a department's breakdown and drills into the
 * records behind a point, and opens the scheme; the leader opens the dashboard; an anonymous visitor opens the public
 * page from the login page. Starts the platform on a fresh demo database (or uses E2E_URL); screenshots go to
 * E2E_SHOTS (default tmp/e2e).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';

const PASSWORD = process.env.E2E_PASSWORD ?? 'Govdata@2026';
const outDir = path.resolve(process.env.E2E_SHOTS ?? 'tmp/e2e');
fs.mkdirSync(outDir, { recursive: true });
const server: RunningServer | null = process.env.E2E_URL ? null : await startServer({ port: Number(process.env.E2E_PORT ?? 3198), now: '2026-11-26T10:00:00+08:00' });
const base = process.env.E2E_URL ?? server?.url ?? '';
const failures: string[] = [];
const check = (ok: boolean, message: string) => {
  if (!ok) failures.push(message);
  console.log(`${ok ? '  ✓' : '  ✗'} ${message}`);
};
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true });

async function loggedIn(browser: Browser, username: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: Number(process.env.E2E_HEIGHT ?? 900) }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('[data-test=login-submit]');
  await page.waitForSelector('[data-test=welcome]', { timeout: 20_000 });
  return { page, errors, close: () => context.close() };
}

const browser = await launchBrowser();
try {
  // ── the bureau: compute, watch progress, breakdown, drill-down, scheme ───────────────────────────────────────────
  console.log('\nbureau');
  {
    const { page, errors, close } = await loggedIn(browser, 'bureau');
    await page.goto(`${base}/assessments/2026`);
    await page.waitForSelector('[data-test=results-table] tbody tr', { timeout: 20_000 });
    check(((await page.textContent('[data-test=revision-status]')) ?? '').includes('草稿'), 'the 2026 results open as a draft');
    await page.click('[data-test=compute]');
    await page.waitForSelector('[data-test=compute-progress]', { timeout: 10_000 });
    check(true, 'computing shows the progress panel');
    await page.waitForSelector('[data-test=compute-progress] .el-progress.is-success', { timeout: 60_000 });
    check(((await page.textContent('[data-test=compute-progress]')) ?? '').includes('已完成'), 'the progress reaches 已完成');
    await page.waitForSelector('[data-test=results-table] tbody tr');
    await page.waitForTimeout(800);
    await shot(page, 'assessment-results-bureau');

    await page.click('#tab-suspension');
    await page.waitForTimeout(400);
    await shot(page, 'assessment-suspension-bureau');
    await page.click('#tab-results');

    await page.locator('[data-test=results-table] .el-table__body-wrapper tbody tr').first().click();
    await page.waitForSelector('[data-test=breakdown-indicators] tbody tr', { timeout: 20_000 });
    check(/第 1 名/.test((await page.textContent('[data-test=breakdown-summary]')) ?? ''), 'the first row opens the breakdown of the department ranked first');
    await page.waitForTimeout(800);
    await shot(page, 'assessment-department-bureau');

    const drill = page.locator('[data-test^=drill-]').first();
    check((await drill.count()) > 0, 'an indicator offers 查看记录');
    await drill.click();
    await page.waitForSelector('[data-test=drill-drawer] [data-test=drill-records]', { timeout: 10_000 });
    await page.click('[data-test=drill-scope] label:has-text("全部记录")');
    await page.waitForSelector('[data-test=drill-records] tbody tr', { timeout: 10_000 });
    check((await page.locator('[data-test=drill-records] tbody tr').count()) > 0, 'the drawer lists the records behind the indicator');
    await page.waitForTimeout(400);
    await shot(page, 'assessment-drill-bureau');

    await page.goto(`${base}/assessments/2026/scheme`);
    await page.waitForSelector('[data-test=weight-sum]', { timeout: 20_000 });
    check(((await page.textContent('[data-test=weight-sum]')) ?? '').includes('100 / 100'), 'the 2026 scheme sums to 100');
    await shot(page, 'assessment-scheme-bureau');
    await page.goto(`${base}/assessments/2025/scheme`);
    await page.waitForSelector('[data-test=scheme-readonly]', { timeout: 20_000 });
    check(true, 'the published 2025 scheme is read-only');
    check(errors.length === 0, `no script errors${errors.length ? `: ${errors.join('; ')}` : ''}`);
    await close();
  }

  // ── the leader: the dashboard ───────────────────────────────────────────────────────────────────────────────────
  console.log('\nleader');
  {
    const { page, errors, close } = await loggedIn(browser, 'leader');
    await page.goto(`${base}/dashboard`);
    await page.waitForSelector('[data-test=kpi-entries]', { timeout: 20_000 });
    await page.waitForSelector('[data-test=ranking-chart] canvas', { timeout: 20_000 });
    // charts are drawn as they come into view (issue 14): scroll to the end and every chart is there
    const first = await page.locator('canvas').count();
    await page.evaluate(() => document.querySelector('.main')?.scrollTo(0, 100_000));
    await page.waitForSelector('[data-test=dashboard-flows] canvas', { timeout: 20_000 });
    await page.waitForSelector('[data-test=dashboard-heatmap] canvas', { timeout: 20_000 });
    const charts = await page.locator('canvas').count();
    check(charts >= 5, `the dashboard draws its charts as they scroll into view (${first} → ${charts} canvases)`);
    const heat = await page.locator('[data-test=dashboard-heatmap]').boundingBox();
    check(!!heat && heat.height <= 450, `the heatmap keeps to the departments with most overdue items (${Math.round(heat?.height ?? 0)} px tall)`);
    check((await page.locator('[data-test=heatmap-more]').count()) === 1, 'the heatmap links to the other departments');
    await page.evaluate(() => document.querySelector('.main')?.scrollTo(0, 0));
    await page.waitForTimeout(1500);
    await shot(page, 'assessment-dashboard-leader');
    check(errors.length === 0, `no script errors${errors.length ? `: ${errors.join('; ')}` : ''}`);
    await close();
  }

  // ── a department: its own row ───────────────────────────────────────────────────────────────────────────────────
  console.log('\ngaj');
  {
    const { page, errors, close } = await loggedIn(browser, 'gaj');
    await page.goto(`${base}/assessments`);
    await page.waitForSelector('[data-test=own-row] tbody tr', { timeout: 20_000 });
    const own = (await page.textContent('[data-test=own-row]')) ?? '';
    check(own.includes('朔州市公安局') && !own.includes('朔州市民政局'), 'a department sees only its own published row');
    await page.waitForTimeout(600);
    await shot(page, 'assessment-results-gaj');
    check(errors.length === 0, `no script errors${errors.length ? `: ${errors.join('; ')}` : ''}`);
    await close();
  }

  // ── anyone: the public page, from the login page ───────────────────────────────────────────────────────────────
  console.log('\nanonymous');
  {
    const context = await browser.newContext({ viewport: { width: 1440, height: Number(process.env.E2E_HEIGHT ?? 900) }, locale: 'zh-CN' });
    const page = await context.newPage();
    const calls: string[] = [];
    page.on('request', (r) => r.url().includes('/api/') && calls.push(new URL(r.url()).pathname));
    await page.goto(`${base}/login`);
    await page.click('[data-test=public-assessments-link]');
    await page.waitForSelector('[data-test=public-table] tbody tr', { timeout: 20_000 });
    check(((await page.textContent('[data-test=public-note]')) ?? '').includes('第三十条'), 'the public page cites 第三十条');
    check((await page.locator('[data-test=public-table] tbody tr').count()) > 0, 'the public page lists the published totals without login');
    // the login page it is reached from quotes the periods in force (a public route)
    check(calls.every((c) => c.startsWith('/api/public/') || c === '/api/auth/me' || c === '/api/rule-sets/current'), `the public page asks only the public API (${[...new Set(calls)].join(', ')})`);
    await page.waitForTimeout(800);
    await shot(page, 'assessment-public');
    await context.close();
  }
} finally {
  await browser.close();
  await server?.stop();
}

if (failures.length) {
  console.error(`\n${failures.length} assessment e2e check(s) failed`);
  process.exit(1);
}
console.log(`\nall assessment e2e checks passed; screenshots in ${outDir}`);
