/**
 * Screenshots for looking at pages as users do:
 *   node --import tsx tools/src/e2e/screenshots.ts <username> <path> [<path> …]
 * Starts the platform on a fresh demo database (or uses E2E_URL if set), logs in, and writes tmp/screens/<user>-<path>.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';

const [username = 'bureau', ...paths] = process.argv.slice(2);
const outDir = path.resolve('tmp/screens');
fs.mkdirSync(outDir, { recursive: true });
const server: RunningServer | null = process.env.E2E_URL ? null : await startServer({ port: Number(process.env.E2E_PORT ?? 3197) });
const base = process.env.E2E_URL ?? server?.url ?? '';
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: Number(process.env.E2E_HEIGHT ?? 900) }, locale: 'zh-CN' });
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(`${base}/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', process.env.E2E_PASSWORD ?? 'Govdata@2026');
  await page.click('[data-test=login-submit]');
  await page.waitForSelector('[data-test=welcome]', { timeout: 20_000 });
  for (const p of paths.length ? paths : ['/']) {
    await page.goto(`${base}${p}`);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(Number(process.env.E2E_WAIT ?? 600));
    const file = path.join(outDir, `${username}${p.replace(/[^a-zA-Z0-9]+/g, '-')}.png`.replace(/-\.png$/, '.png'));
    await page.screenshot({ path: file, fullPage: process.env.E2E_FULL === '1' });
    console.log(file);
  }
} finally {
  await browser.close();
  await server?.stop();
}
