/**
 * `node --import tsx tools/src/e2e/open-portal.ts` — 依申请开放 end to end in Chromium (issue 16 items 3, 4): the
 * demo citizen logs in on the open portal, applies for an on-application dataset, the providing department's data
 * officer approves it in the console, and the citizen sees the approval and reads the data with a new API key; the
 * citizen then reports an error in an open dataset (纠错, 第十七条) and finds it under 我的纠错; the officer reads its
 * datasets' usage (开放使用统计, issue 16 §8), the key's answered call counted on the day it was made.
 * Starts the real platform on a fresh demo database (or checks E2E_URL). Screenshots go to tmp/e2e/open-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_DEPARTMENTS, DEMO_PASSWORD, DEMO_PUBLIC_ACCOUNTS } from '@govdata/demo';
import { shanghaiDate } from '@govdata/workdays';
import { launchBrowser } from './browser';
import { startServer } from './server';

const outDir = path.resolve('tmp/e2e');
fs.mkdirSync(outDir, { recursive: true });
const server = process.env.E2E_URL ? { url: process.env.E2E_URL, stop: async () => undefined } : await startServer({ port: Number(process.env.E2E_PORT ?? 3198) });
const base = server.url;
const browser = await launchBrowser();
const failures: string[] = [];
const check = (ok: boolean, message: string) => {
  if (!ok) failures.push(message);
  console.log(`${ok ? '  ✓' : '  ✗'} ${message}`);
};
const shot = (page: import('playwright-core').Page, name: string) => page.screenshot({ path: path.join(outDir, `open-${name}.png`), fullPage: true });

try {
  // the portal, on a phone-sized screen first: the citizen logs in
  const portal = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await portal.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/open/account`);
  await page.waitForURL(/\/open\/account\/login/);
  check(true, 'my account without a portal session goes to the portal login');
  await shot(page, 'login');
  await page.fill('[data-test=login-identifier]', DEMO_PUBLIC_ACCOUNTS[0].identifier);
  await page.fill('[data-test=login-password]', DEMO_PASSWORD);
  await page.click('[data-test=login-submit]');
  await page.waitForURL((u) => u.pathname === '/open/account', { timeout: 15_000 });
  await page.waitForSelector('[data-test=my-applications]');
  check(((await page.textContent('main')) ?? '').includes(DEMO_PUBLIC_ACCOUNTS[0].identifier), 'the citizen sees the account page');

  // an on-application dataset the citizen has not applied for yet
  const mine = (await (await page.request.get(`${base}/api/open/applications`)).json()) as Array<{ dataset: { name: string } }>;
  const found = (await (await page.request.get(`${base}/api/open/datasets?openType=on_application&pageSize=50`)).json()) as { items: Array<{ name: string; title: string; department: { name: string } }> };
  const target = found.items.find((d) => !mine.some((a) => a.dataset.name === d.name));
  if (!target) throw new Error('no on-application dataset left to apply for');
  const officer = DEMO_DEPARTMENTS.find((d) => d.name === target.department.name)?.slug;
  if (!officer) throw new Error(`no demo data officer for ${target.department.name}`);

  await page.goto(`${base}/open/datasets/${target.name}`);
  await page.click('[data-test=apply]');
  await page.waitForSelector('[data-test=apply-submit]');
  // the server's messages come back on the form
  await page.click('[data-test=apply-submit]');
  await page.waitForSelector('.field-error');
  check((await page.locator('.field-error').count()) > 0, 'an empty application is refused with the fields named');
  await page.fill('[data-test=apply-purpose]', '开发便民查询小程序，为市民提供办事指引和统计图表');
  await page.fill('[data-test=apply-scenario]', '小程序内按区县展示统计结果，不展示个人明细信息');
  await page.locator('input[type=checkbox][data-test^=apply-field-]').first().check();
  await page.fill('[data-test=apply-commitments]', '仅用于申请用途，不向第三方提供，按等保二级要求存储，期满后销毁。');
  await page.check('[data-test=apply-accept]');
  await shot(page, 'apply');
  await page.click('[data-test=apply-submit]');
  await page.waitForURL(/\/open\/account\/applications/, { timeout: 15_000 });
  await page.waitForSelector('[data-test=application-pending]');
  check(((await page.textContent('main')) ?? '').includes(target.title), `the application for ${target.title} is pending, with its clock`);
  await shot(page, 'my-applications');

  // the providing department answers in the console
  const consoleContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const admin = await consoleContext.newPage();
  admin.on('pageerror', (e) => errors.push(e.message));
  await admin.goto(`${base}/login`);
  await admin.fill('input[name=username]', officer);
  await admin.fill('input[name=password]', DEMO_PASSWORD);
  await admin.click('[data-test=login-submit]');
  await admin.waitForSelector('[data-test=welcome]', { timeout: 20_000 });
  await admin.goto(`${base}/opendata/applications`);
  await admin.waitForSelector('[data-test=open-applications-table] .el-table__row', { timeout: 20_000 });
  await shot(admin, 'console-list');
  await admin.locator('[data-test=open-applications-table] .el-table__row', { hasText: target.title }).first().click();
  await admin.waitForSelector('[data-test=open-application-approve]', { timeout: 15_000 });
  await admin.click('[data-test=open-application-approve]');
  await admin.waitForSelector('[data-test=open-application-submit]');
  await admin.click('[data-test=open-application-submit]');
  await admin.waitForSelector('.el-tag:has-text("已同意开放")', { timeout: 15_000 });
  check(true, `${officer} approves it in the console`);
  await admin.waitForSelector('.el-overlay-dialog', { state: 'hidden' }).catch(() => undefined);
  await admin.waitForTimeout(400);
  await shot(admin, 'console-detail');

  // the citizen sees the answer and reads the data with a key
  await page.reload();
  await page.waitForSelector('[data-test=application-approved]');
  check(((await page.locator('[data-test=application-approved]').allTextContents()).join()).includes(target.title), 'the citizen sees the approval');
  await page.goto(`${base}/open/account`);
  await page.fill('[data-test=key-name]', '端到端测试');
  await page.click('[data-test=key-create]');
  await page.waitForSelector('[data-test=fresh-key]');
  const key = ((await page.textContent('[data-test=fresh-key] code')) ?? '').trim();
  await shot(page, 'account');
  const rows = await page.request.get(`${base}/api/open/v1/datasets/${target.name}/rows`, { headers: { authorization: `Bearer ${key}` } });
  check(rows.status() === 200 || rows.status() === 409, `the key reads the approved items (${rows.status()}${rows.status() === 409 ? ': the dataset has no data yet' : ''})`);
  // 纠错 (第十七条): the citizen reports an error in an unconditionally open dataset and follows it on the account page
  const open = (await (await page.request.get(`${base}/api/open/datasets?openType=open&pageSize=1`)).json()) as { items: Array<{ name: string; title: string }> };
  const reportedOn = open.items[0];
  if (!reportedOn) throw new Error('no unconditionally open dataset in the demo');
  await page.goto(`${base}/open/datasets/${reportedOn.name}`);
  await page.click('[data-test=report-open]');
  await page.fill('[data-test=report-description]', '端到端测试：第 3 条记录的登记日期晚于注销日期');
  await page.click('[data-test=report-submit]');
  await page.waitForSelector('[data-test=report-sent]');
  const sentText = (await page.textContent('[data-test=report-sent]')) ?? '';
  check(/JCFK-\d{4}-\d+/.test(sentText), `the citizen reports an error in 「${reportedOn.title}」 (${sentText.trim()})`);
  await shot(page, 'report-error');
  await page.goto(`${base}/open/account`);
  await page.waitForSelector('[data-test=my-corrections] li');
  check(((await page.textContent('[data-test=my-corrections]')) ?? '').includes('待提供部门校核'), 'and finds it under 我的纠错, waiting for the provider’s check');
  await shot(page, 'my-corrections');
  // 开放使用统计 (issue 16 §8): the officer reads its open datasets' use; the key's answered call above counts on the
  // (real) day it was made — with a pinned demo clock that day lies after the default 30 days, so it is asked for
  await admin.goto(`${base}/opendata/usage`);
  await admin.waitForSelector('[data-test=open-usage-table]', { timeout: 20_000 });
  await admin.waitForLoadState('networkidle');
  check(((await admin.textContent('[data-test=open-usage-totals]')) ?? '').includes('开放数据利用率'), `${officer} reads the usage of the department’s open datasets`);
  await shot(admin, 'console-usage');
  const today = shanghaiDate(new Date());
  const usage = await admin.request.get(`${base}/api/open-usage?from=${today}&to=${today}&groupBy=day`);
  const calls = usage.ok() ? ((await usage.json()) as { totals: { apiCalls: number } }).totals.apiCalls : -1;
  check(rows.status() === 200 ? calls >= 1 : calls >= 0, `the open-interface calls of ${today} are counted (${calls})`);
  check(errors.length === 0, `no page errors${errors.length ? `: ${errors.join('; ')}` : ''}`);
} finally {
  await browser.close();
  await server.stop();
}
if (failures.length) {
  console.error(`\n${failures.length} check(s) failed`);
  process.exit(1);
}
console.log('\nopen portal e2e: all checks passed');
