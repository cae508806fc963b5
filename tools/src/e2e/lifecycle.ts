/**
 * `node --import tsx tools/src/e2e/lifecycle.ts` — 纠错 (第十七条) and 下线 (第十九条) end to end (issue 17), on the
 * real platform with demo data, in Chromium where people act and over HTTP where systems do:
 *
 * day 1 (2026-11-20, the demo's day)
 *   - 市公安局 (a consumer with grants) reports an error in 市场监管局's 「个体工商户登记信息」 from the entry page and
 *     attaches its evidence;
 *     市场监管局 answers it in its 纠错反馈 queue, on time;
 *   - the deadline sweep has recorded (五) for the demo's report left past its 5 working days;
 *   - 市场监管局 proposes retiring the entry, replaced by 「企业登记信息」, 24 days ahead; the bureau approves it;
 *     市公安局 is told; its system reading the entry through the gateway gets Deprecation, Sunset and the successor;
 *   - the bureau adds a resource of the usage ranking (requests, grants, the demo's gateway calls) to the
 *     高频数据共享库 (第十八条) with a reason; the review queue lists the library's requests first;
 * the retirement day (the same database, the clock moved on)
 *   - the scheduler's `retirements` job retires the entry: the gateway answers 404, 市公安局's grants on it are
 *     revoked, the entry's page says 已下线.
 * Screenshots go to tmp/e2e/lifecycle-*.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';
import { apiSession as api, checks, consoleLogin as login } from './session';

const DAY1 = '2026-11-20T10:00:00+08:00';
const RETIRE_ON = '2026-12-14';
const RETIREMENT_DAY = `${RETIRE_ON}T09:00:00+08:00`;
const RETIRING = '个体工商户登记信息';
const REPLACEMENT = '企业登记信息';

const outDir = path.resolve('tmp/e2e');
fs.mkdirSync(outDir, { recursive: true });
const port = Number(process.env.E2E_PORT ?? 3197);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govdata-e2e-lifecycle-'));
const { failures, check } = checks();
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(outDir, `lifecycle-${name}.png`), fullPage: true });



/** 市公安局's registered system: a fresh secret, then a token (OAuth 2.0 client credentials). */
async function gatewayToken(base: string, clientId: string, clientSecret: string): Promise<string> {
  const res = await fetch(`${base}/api/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
    body: 'grant_type=client_credentials',
  });
  if (!res.ok) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

interface EntryRow {
  id: number;
  name: string;
  provider: { name: string };
}

let server: RunningServer | null = null;
const browser = await launchBrowser();
try {
  // ---------------------------------------------------------------- day 1
  server = await startServer({ port, now: DAY1, dir });
  const base = server.url;
  const bureau = await api(base, 'bureau');
  const gaj = await api(base, 'gaj');
  const entries = (await bureau.get<{ items: EntryRow[] }>(`/api/catalog/entries?q=${encodeURIComponent(RETIRING)}&pageSize=20`)).items;
  const entry = entries.find((e) => e.name === RETIRING && e.provider.name === '朔州市市场监督管理局');
  const replacement = (await bureau.get<{ items: EntryRow[] }>(`/api/catalog/entries?q=${encodeURIComponent(REPLACEMENT)}&pageSize=20`)).items.find((e) => e.name === REPLACEMENT && e.provider.name === '朔州市市场监督管理局');
  if (!entry || !replacement) throw new Error('the demo entries of 市场监管局 were not found');
  const errors: string[] = [];

  console.log('\n纠错 (第十七条)');
  const consumer = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const gajPage = await consumer.newPage();
  gajPage.on('pageerror', (e) => errors.push(e.message));
  await login(gajPage, base, 'gaj');
  await gajPage.goto(`${base}/catalog/entries/${entry.id}`);
  await gajPage.click('[data-test=entry-report-correction]', { timeout: 20_000 });
  await gajPage.waitForSelector('[data-test=correction-description]');
  await gajPage.fill('textarea[data-test=correction-description], [data-test=correction-description] textarea', '端到端测试：登记日期晚于注销日期，疑似录入颠倒');
  await shot(gajPage, 'report');
  await gajPage.click('[data-test=correction-send]');
  await gajPage.waitForSelector('.el-message--success', { timeout: 15_000 });
  const reported = (await gaj.get<{ items: Array<{ id: number; code: string; status: string; description: string }> }>(`/api/corrections?entryId=${entry.id}&side=reporter`)).items.find((c) => c.description.startsWith('端到端测试'));
  check(!!reported, `市公安局 reports an error from the entry page (${reported?.code ?? 'not found'})`);

  // its evidence, attached on the report's page
  await gajPage.goto(`${base}/corrections/${reported?.id}`);
  await gajPage.setInputFiles('[data-test=correction-attachment-input]', { name: '登记机关证明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n登记机关出具的证明（示例）\n%%EOF\n') });
  await gajPage.locator('[data-test=correction-attachments] .el-table__row', { hasText: '登记机关证明.pdf' }).waitFor({ timeout: 15_000 });
  check(true, '市公安局 attaches its evidence (登记机关证明.pdf)');
  await shot(gajPage, 'evidence');

  const provider = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const scjgjPage = await provider.newPage();
  scjgjPage.on('pageerror', (e) => errors.push(e.message));
  await login(scjgjPage, base, 'scjgj');
  await scjgjPage.goto(`${base}/corrections`);
  await scjgjPage.waitForSelector('.el-table__row', { timeout: 20_000 });
  check(((await scjgjPage.textContent('main')) ?? '').includes(reported?.code ?? '∅'), '市场监管局 finds it in its 纠错反馈 queue');
  await shot(scjgjPage, 'queue');
  await scjgjPage.goto(`${base}/corrections/${reported?.id}`);
  await scjgjPage.locator('[data-test=correction-attachments] .el-table__row', { hasText: '登记机关证明.pdf' }).waitFor({ timeout: 15_000 });
  check(true, '市场监管局 sees the evidence on the report');
  await scjgjPage.click('[data-test=correction-answer]', { timeout: 15_000 });
  await scjgjPage.locator('.el-dialog .el-radio', { hasText: '经核实非数据错误' }).click();
  await scjgjPage.fill('.el-dialog textarea', '经核对登记原件，登记日期与注销日期无误');
  await scjgjPage.click('[data-test=correction-submit]');
  await scjgjPage.waitForSelector('.verdict', { timeout: 15_000 });
  const answered = await scjgjPage.textContent('main');
  check(!!answered?.includes('按时'), `the answer is on time (${answered?.includes('按时') ? '按时' : 'no on-time mark'})`);
  await shot(scjgjPage, 'answered');

  // the demo's report 12 days old and unanswered: the sweep (at start, and run again here) recorded (五)
  await bureau.post('/api/admin/jobs/deadline-sweep/run');
  const overdue = await bureau.get<{ items: Array<{ type: number; source: { kind: string } }>; total: number }>('/api/violations?type=5&sourceKind=correction');
  check(overdue.total >= 1 && overdue.items.every((v) => v.type === 5), `a correction left past 5 working days is violation (五) (${overdue.total})`);

  console.log('\n下线 (第十九条)');
  await scjgjPage.goto(`${base}/catalog/entries/${entry.id}`);
  await scjgjPage.click('[data-test=entry-propose-retirement]', { timeout: 20_000 });
  await scjgjPage.fill('textarea[data-test=retire-reason], [data-test=retire-reason] textarea', '字段口径统一后并入企业登记信息，原资源不再单独维护');
  await scjgjPage.click('[data-test=retire-replacement]');
  await scjgjPage.keyboard.type(REPLACEMENT);
  await scjgjPage.locator('.el-select-dropdown__item:visible', { hasText: REPLACEMENT }).first().click({ timeout: 15_000 });
  await scjgjPage.fill('.el-dialog .el-date-editor input', RETIRE_ON);
  await scjgjPage.keyboard.press('Enter');
  await shot(scjgjPage, 'propose');
  await scjgjPage.click('[data-test=retire-send]');
  await scjgjPage.waitForSelector('.el-message--success', { timeout: 15_000 });
  check(true, `市场监管局 proposes retiring 「${RETIRING}」 on ${RETIRE_ON}, replaced by 「${REPLACEMENT}」`);

  const office = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const bureauPage = await office.newPage();
  bureauPage.on('pageerror', (e) => errors.push(e.message));
  await login(bureauPage, base, 'bureau');
  await bureauPage.goto(`${base}/retirements`);
  await bureauPage.locator('.el-table__row', { hasText: RETIRING }).locator('[data-test=retirement-approve]').click({ timeout: 20_000 });
  await bureauPage.locator('.el-message-box__btns .el-button--primary').click();
  await bureauPage.waitForSelector('.el-message--success', { timeout: 15_000 });
  check(true, 'the bureau approves it');
  await shot(bureauPage, 'approved');

  console.log('\n高频数据共享库 (第十八条)');
  await bureauPage.goto(`${base}/high-frequency`);
  await bureauPage.waitForSelector('[data-test=hf-ranking] .el-table__row', { timeout: 20_000 });
  const ranking = await bureau.get<{ items: Array<{ entry: { id: number; name: string }; entryStatus: string; calls: number; member: boolean }> }>('/api/high-frequency/ranking');
  check(ranking.items.some((i) => i.calls > 0), `the ranking counts the demo's gateway calls (${ranking.items.filter((i) => i.calls > 0).length} entries called)`);
  const candidate = ranking.items.find((i) => !i.member && i.entryStatus === 'published');
  if (!candidate) throw new Error('every ranked entry is already in the library');
  await bureauPage.locator('[data-test=hf-ranking] .el-table__row', { hasText: candidate.entry.name }).first().locator('[data-test=hf-add]').click();
  await bureauPage.fill('textarea[data-test=hf-reason], [data-test=hf-reason] textarea', '端到端测试：多个部门频繁申请和调用');
  await bureauPage.click('[data-test=hf-submit]');
  await bureauPage.waitForSelector('.el-message--success', { timeout: 15_000 });
  await bureauPage.locator('[data-test=hf-ranking] .el-table__row', { hasText: candidate.entry.name }).first().locator('.el-tag', { hasText: '已纳入' }).waitFor({ timeout: 15_000 });
  await bureauPage.waitForSelector('.el-overlay-dialog', { state: 'hidden' }).catch(() => undefined);
  await bureauPage.waitForTimeout(400);
  await shot(bureauPage, 'high-frequency');
  const library = await bureau.get<{ items: Array<{ entry: { id: number } }> }>('/api/high-frequency/library');
  check(library.items.some((m) => m.entry.id === candidate.entry.id), `the bureau adds 「${candidate.entry.name}」 to the 高频数据共享库 with a reason`);
  const review = await bureau.get<{ items: Array<{ fastTrack: boolean }> }>('/api/share-requests?box=review&pageSize=100');
  const firstOther = review.items.findIndex((r) => !r.fastTrack);
  check(firstOther === -1 || review.items.slice(firstOther).every((r) => !r.fastTrack), `the review queue lists the library's requests first (${review.items.filter((r) => r.fastTrack).length} of ${review.items.length})`);

  const told = await gaj.get<{ items: Array<{ title: string; body: string }> }>('/api/notifications?pageSize=50');
  check(told.items.some((n) => `${n.title}${n.body}`.includes(RETIRING) && `${n.title}${n.body}`.includes('下线')), '市公安局, which holds grants on it, is told');

  const systems = await gaj.get<{ items: Array<{ id: number; clientId: string }> }>('/api/systems');
  const system = systems.items[0];
  if (!system) throw new Error('市公安局 has no registered system in the demo');
  const { clientSecret } = await gaj.post<{ clientSecret: string }>(`/api/systems/${system.id}/rotate-secret`);
  const read = await fetch(`${base}/gateway/v1/entries/${entry.id}/records?pageSize=1`, { headers: { authorization: `Bearer ${await gatewayToken(base, system.clientId, clientSecret)}` } });
  const link = read.headers.get('link') ?? '';
  check(read.status === 200, `the system still reads the retiring entry (${read.status}): 照常使用 until the day`);
  check(!!read.headers.get('deprecation') && (read.headers.get('sunset') ?? '') === 'Sun, 13 Dec 2026 16:00:00 GMT' && link.includes(`/gateway/v1/entries/${replacement.id}/`) && link.includes('successor-version'), `the gateway answers Deprecation, Sunset (${read.headers.get('sunset')}) — 00:00 of ${RETIRE_ON} in Shanghai — and the successor (${link})`);
  check(errors.length === 0, `no page errors on day 1${errors.length ? `: ${errors.join('; ')}` : ''}`);
  await Promise.all([consumer.close(), provider.close(), office.close()]);
  await server.stop();

  // ---------------------------------------------------------------- the retirement day
  console.log(`\n${RETIRE_ON}: the scheduler retires the entry`);
  server = await startServer({ port, now: RETIREMENT_DAY, dir });
  const later = server.url;
  const bureau2 = await api(later, 'bureau');
  const gaj2 = await api(later, 'gaj');
  await bureau2.post('/api/admin/jobs/retirements/run');
  const after = await fetch(`${later}/gateway/v1/entries/${entry.id}/records?pageSize=1`, { headers: { authorization: `Bearer ${await gatewayToken(later, system.clientId, clientSecret)}` } });
  const problem = (await after.json()) as { code?: string };
  check(after.status === 404 && problem.code === 'gateway.entry_retired', `the gateway answers 404 ${problem.code ?? ''} for the retired entry`);
  const grants = await gaj2.get<{ items: Array<{ state: string; entry: { id: number } }> }>(`/api/share-grants?side=held&q=${encodeURIComponent(RETIRING)}&pageSize=100`);
  const mine = grants.items.filter((g) => g.entry.id === entry.id);
  check(mine.length > 0 && mine.every((g) => g.state !== 'active'), `市公安局's ${mine.length} grants on it have ended (${[...new Set(mine.map((g) => g.state))].join(', ')})`);
  const dayPage = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
  await login(dayPage, later, 'gaj');
  await dayPage.goto(`${later}/catalog/entries/${entry.id}`);
  await dayPage.waitForSelector('[data-test=entry-retirement]', { timeout: 20_000 });
  const banner = (await dayPage.textContent('[data-test=entry-retirement]')) ?? '';
  check(banner.includes(REPLACEMENT), `its page stays readable and names the replacement (${banner.replace(/\s+/g, ' ').trim().slice(0, 60)})`);
  await shot(dayPage, 'retired');
} finally {
  await browser.close();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
if (failures.length) {
  console.error(`\n${failures.length} check(s) failed`);
  process.exit(1);
}
console.log('\nlifecycle e2e: all checks passed');
