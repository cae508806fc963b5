/**
 * `node --import tsx tools/src/e2e/upper.ts` — 上级数据 (第十八条) end to end (issue 17), on the real platform with the
 * demo data, in Chromium:
 *   - the bureau imports a line of the province's list on 上级数据目录;
 *   - 市场监管局 states its need for 「山西省婚姻登记信息」 from the catalog (the demo has two more needs for it);
 *   - the bureau sees the three in 统一申请's 待汇总 with their clock (and in its workbench), consolidates them into one
 *     application, downloads the province-format XLSX, records the submission, the upper reply and passes it back;
 *   - 市场监管局 sees its need's result on 我的上级数据需求 and has been told.
 * Screenshots go to tmp/e2e/upper-*.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';
import { apiSession as api, checks, consoleLogin as login } from './session';

const DAY1 = '2026-11-20T10:00:00+08:00';
const TODAY = '2026-11-20';
const RESOURCE = '山西省婚姻登记信息';

const outDir = path.resolve('tmp/e2e');
fs.mkdirSync(outDir, { recursive: true });
const port = Number(process.env.E2E_PORT ?? 3196);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govdata-e2e-upper-'));
const { failures, check } = checks();
// after the tables' tags have faded in
const shot = async (page: Page, name: string) => (await page.waitForTimeout(600), page.screenshot({ path: path.join(outDir, `upper-${name}.png`), fullPage: true }));



async function provinceLine(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('上级数据资源目录');
  ws.addRow(['资源代码', '资源名称', '上级单位', '层级', '所属系统', '信息项', '申请方式', '备注']);
  ws.addRow(['SX-YB-0007', '山西省医疗保障参保信息', '山西省医疗保障局', '省级', '山西省医疗保障信息平台', '公民身份号码、姓名、参保状态、参保地', '省共享交换平台在线申请', '']);
  const file = path.join(dir, '上级清单.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

let server: RunningServer | null = null;
const browser = await launchBrowser();
try {
  server = await startServer({ port, now: DAY1, dir });
  const base = server.url;
  const bureau = await api(base, 'bureau');
  const scjgj = await api(base, 'scjgj');
  const errors: string[] = [];
  const context = () => browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });

  console.log('\n上级数据目录');
  const office = await context();
  const bureauPage = await office.newPage();
  bureauPage.on('pageerror', (e) => errors.push(e.message));
  await login(bureauPage, base, 'bureau');
  await bureauPage.goto(`${base}/upper/resources`);
  await bureauPage.waitForSelector('[data-test=upper-resources-table] .el-table__row', { timeout: 20_000 });
  await bureauPage.setInputFiles('[data-test=upper-import-file]', await provinceLine());
  await bureauPage.waitForSelector('.el-message--success', { timeout: 15_000 });
  await bureauPage.locator('.el-table__row', { hasText: '山西省医疗保障参保信息' }).waitFor({ timeout: 15_000 });
  const catalog = await bureau.get<{ items: Array<{ name: string }>; total: number }>('/api/upper/resources?pageSize=50');
  check(catalog.items.some((r) => r.name === '山西省医疗保障参保信息'), `the bureau imports the province's list (${catalog.total} resources)`);
  await shot(bureauPage, 'resources');

  console.log('\n需求');
  const dept = await context();
  const scjgjPage = await dept.newPage();
  scjgjPage.on('pageerror', (e) => errors.push(e.message));
  await login(scjgjPage, base, 'scjgj');
  await scjgjPage.goto(`${base}/upper/resources`);
  await scjgjPage.locator('.el-table__row', { hasText: RESOURCE }).locator('[data-test=upper-need-open]').click({ timeout: 20_000 });
  await scjgjPage.locator('[data-test=upper-need-items] .el-checkbox', { hasText: '登记日期' }).click();
  await scjgjPage.locator('[data-test=upper-need-items] .el-checkbox', { hasText: '登记类型' }).click();
  await scjgjPage.fill('textarea[data-test=upper-need-purpose], [data-test=upper-need-purpose] textarea', '核验夫妻共同经营个体工商户的婚姻关系');
  await scjgjPage.fill('textarea[data-test=upper-need-scenario], [data-test=upper-need-scenario] textarea', '个体工商户变更经营者登记（家庭经营）');
  await scjgjPage.fill('input[data-test=upper-need-basis], [data-test=upper-need-basis] input', '《促进个体工商户发展条例》第十条');
  await scjgjPage.fill('input[data-test=upper-need-contact], [data-test=upper-need-contact] input', '刘晓燕');
  await scjgjPage.fill('input[data-test=upper-need-phone], [data-test=upper-need-phone] input', '0349-2035678');
  await shot(scjgjPage, 'need-form');
  await scjgjPage.click('[data-test=upper-need-send]');
  await scjgjPage.waitForSelector('.el-message--success', { timeout: 15_000 });
  const mine = await scjgj.get<{ items: Array<{ id: number; code: string; status: string; resource: { name: string } }> }>('/api/upper/needs?status=submitted');
  const needRow = mine.items.find((n) => n.resource.name === RESOURCE);
  check(!!needRow, `市场监管局 states its need from the catalog (${needRow?.code ?? 'not found'})`);

  console.log('\n统一申请');
  const work = await bureau.get<{ items: Array<{ kind: string; label: string }> }>('/api/me/workbench');
  check(work.items.filter((i) => i.kind === 'upper_need_submission').length >= 3, `the bureau's workbench holds the needs' clocks (${work.items.filter((i) => i.kind === 'upper_need_submission').length})`);
  await bureauPage.goto(`${base}/`);
  const ours = bureauPage.locator('[data-test=workbench-list] li', { hasText: '上级数据需求汇总报送' });
  await ours.first().waitFor({ timeout: 20_000 });
  check((await ours.count()) >= 2, `the bureau’s home workbench lists the needs’ clocks (${await ours.count()})`);
  await ours.first().scrollIntoViewIfNeeded();
  await shot(bureauPage, 'workbench');
  await bureauPage.goto(`${base}/upper/applications`);
  const pendingRow = bureauPage.locator('[data-test=upper-pending] .el-table__row', { hasText: RESOURCE });
  await pendingRow.waitFor({ timeout: 20_000 });
  check(((await pendingRow.textContent()) ?? '').includes('3 条需求'), `待汇总 lists 3 needs for 「${RESOURCE}」`);
  await shot(bureauPage, 'pending');
  await pendingRow.locator('[data-test=upper-consolidate]').click();
  await bureauPage.waitForSelector('[data-test=upper-application-needs] .el-table__row', { timeout: 20_000 });
  const applicationId = Number(/\/upper\/applications\/(\d+)/.exec(bureauPage.url())?.[1]);
  check((await bureauPage.locator('[data-test=upper-application-needs] .el-table__row').count()) === 3, 'the three needs form one batch application');
  await shot(bureauPage, 'application-draft');

  const xlsx = await bureau.raw(`/api/upper/applications/${applicationId}/export.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await xlsx.arrayBuffer()) as never);
  const sheet = wb.getWorksheet('共享申请表');
  const cells: string[] = [];
  sheet?.eachRow((row) => (row.values as unknown[]).forEach((v) => cells.push(String(v ?? ''))));
  check(cells.includes('朔州市政务数据共享管理部门') && cells.includes('朔州市市场监督管理局') && cells.includes('核验夫妻共同经营个体工商户的婚姻关系'), 'the province-format XLSX names the applicant, each department and its purpose');

  await bureauPage.click('[data-test=upper-submit]');
  await bureauPage.fill('.el-dialog .el-date-editor input', TODAY);
  await bureauPage.keyboard.press('Enter');
  await bureauPage.fill('input[data-test=upper-platform-ref], [data-test=upper-platform-ref] input', 'SXGX-20261120-0107');
  await bureauPage.click('[data-test=upper-confirm]');
  await bureauPage.waitForSelector('[data-test=upper-reply]', { timeout: 15_000 });
  check(((await bureauPage.textContent('[data-test=upper-application-status]')) ?? '').includes('已报送上级'), 'the submission is recorded');

  await bureauPage.click('[data-test=upper-reply]');
  await bureauPage.locator('.el-dialog [data-test=upper-decision] .el-radio', { hasText: '同意' }).first().click();
  await bureauPage.fill('input[data-test=upper-reference-no], [data-test=upper-reference-no] input', '晋数共〔2026〕47号');
  await bureauPage.fill('.el-dialog .el-date-editor input', TODAY);
  await bureauPage.keyboard.press('Enter');
  await bureauPage.fill('textarea[data-test=upper-conditions], [data-test=upper-conditions] textarea', '仅限依法履职使用，不得向第三方提供');
  await bureauPage.click('[data-test=upper-confirm]');
  await bureauPage.waitForSelector('[data-test=upper-pass-back]', { timeout: 15_000 });
  check(true, 'the upper reply is recorded (同意, 晋数共〔2026〕47号)');

  await bureauPage.click('[data-test=upper-pass-back]');
  await bureauPage.waitForSelector('[data-test=upper-outcomes] .el-table__row');
  await shot(bureauPage, 'pass-back');
  await bureauPage.fill('textarea[data-test=upper-pass-back-note], [data-test=upper-pass-back-note] textarea', '请通过省共享交换平台本部门账号调用');
  await bureauPage.click('[data-test=upper-confirm]');
  await bureauPage.waitForFunction(() => document.querySelector('[data-test=upper-application-status]')?.textContent?.includes('已反馈部门'), undefined, { timeout: 15_000 });
  check(true, 'the result is passed back to each department');
  await shot(bureauPage, 'application-done');

  await scjgjPage.goto(`${base}/upper/needs`);
  await scjgjPage.waitForSelector('[data-test=upper-needs-table] .el-table__row', { timeout: 20_000 });
  const needsText = (await scjgjPage.textContent('main')) ?? '';
  check(needsText.includes('获批'), '市场监管局 sees its need 获批 on 我的上级数据需求');
  await shot(scjgjPage, 'needs');
  const told = await scjgj.get<{ items: Array<{ title: string; body: string }> }>('/api/notifications?pageSize=50');
  check(told.items.some((n) => n.title.includes('上级数据需求结果') && n.body.includes('晋数共〔2026〕47号')), '市场监管局 is told the result, with the reference number');
  // the two clocks are the rule set's marked service commitments (第十八条 gives no period)
  await bureauPage.goto(`${base}/rules`);
  await bureauPage.waitForSelector('[data-test=rules-commitment]', { timeout: 20_000 });
  const commitments = await bureauPage.locator('.el-tab-pane:visible [data-test=rules-commitment]').count();
  check(commitments === 2, `办理时限规则 marks the two 第十八条 clocks 服务承诺 (${commitments})`);
  await shot(bureauPage, 'rules');
  check(errors.length === 0, `no page errors${errors.length ? `: ${errors.join('; ')}` : ''}`);
  await Promise.all([office.close(), dept.close()]);
} finally {
  await browser.close();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
if (failures.length) {
  console.error(`\n${failures.length} check(s) failed`);
  process.exit(1);
}
console.log('\nupper-level data e2e: all checks passed');
