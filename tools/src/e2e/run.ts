/**
 * `npm run e2e` — the platform as users meet it: the real server on a fresh SQLite database with demo data, Debian's
 * Chromium driven by playwright-core. Logs in as each demo role, checks its home page and role-specific menu, and
 * checks that a page the role may not open shows the 403 page. Screenshots go to tmp/e2e/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './browser';
import { startServer } from './server';

const PASSWORD = 'Govdata@2026';
interface RoleCase {
  username: string;
  department: string;
  /** menu entries that must be visible */
  sees: string[];
  /** menu entries that must not be visible */
  hidden: string[];
  /** a page the role may not open */
  forbidden?: string;
}
const CASES: RoleCase[] = [
  { username: 'bureau', department: '朔州市政务信息管理局', sees: ['部门名录', '用户管理', '消息中心', '违规线索与记录', '书面通报', '任务调度', '目录清单', '目录发布'], hidden: [] },
  { username: 'leader', department: '朔州市人民政府办公室', sees: ['部门名录', '目录清单', '领导驾驶舱', '全部申请'], hidden: ['用户管理', 'Excel 导入导出', '审查与协调', '任务调度'], forbidden: '/users' },
  { username: 'gaj', department: '朔州市公安局', sees: ['部门名录', '用户管理', '书面通报', '期限督办', '目录清单', 'Excel 导入导出'], hidden: ['任务调度'], forbidden: '/jobs' },
  { username: 'scjgj', department: '朔州市市场监督管理局', sees: ['部门名录'], hidden: [] },
  { username: 'rsj', department: '朔州市人力资源和社会保障局', sees: ['部门名录'], hidden: [] },
  { username: 'agent', department: '朔州市大数据中心', sees: ['部门名录', '待我处理', '目录清单'], hidden: ['用户管理', '期限督办', '违规线索与记录', '考核结果', '目录发布'], forbidden: '/users' },
];

const outDir = path.resolve('tmp/e2e');
fs.mkdirSync(outDir, { recursive: true });
const port = Number(process.env.E2E_PORT ?? 3199);
// E2E_URL: check a platform already running (on demo data, GOVDATA_NOW=2026-11-20T10:00:00+08:00) instead of starting one
const server = process.env.E2E_URL ? { url: process.env.E2E_URL, stop: async () => undefined } : await startServer({ port });
const browser = await launchBrowser();
const failures: string[] = [];
const check = (ok: boolean, message: string) => {
  if (!ok) failures.push(message);
  console.log(`${ok ? '  ✓' : '  ✗'} ${message}`);
};

try {
  for (const c of CASES) {
    console.log(`\n${c.username}`);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    check(true, 'unauthenticated visit redirects to /login');
    await page.fill('input[name=username]', c.username);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('[data-test=login-submit]');
    await page.waitForSelector('[data-test=welcome]', { timeout: 20_000 });
    const body = await page.textContent('body');
    check(!!body?.includes(c.department), `home shows the department ${c.department}`);
    const menu = (await page.locator('[data-test=side-menu]').textContent()) ?? '';
    for (const s of c.sees) check(menu.includes(s), `menu shows 「${s}」`);
    for (const h of c.hidden) check(!menu.includes(h), `menu hides 「${h}」`);
    // leaders and the bureau find the year's figures on their home page; departments do not
    const overseer = c.username === 'bureau' || c.username === 'leader';
    if (overseer) await page.waitForSelector('[data-test=home-overview] [data-test=kpi-entries]', { timeout: 20_000 }).catch(() => undefined);
    check((await page.locator('[data-test=home-overview]').count()) === (overseer ? 1 : 0), overseer ? 'home shows this year’s KPI cards' : 'home shows no city-wide KPI cards');
    // home is the workbench (issue 14): what waits for this person, soonest due first
    if (c.username === 'leader') {
      check((await page.locator('[data-test=workbench-readonly]').count()) === 1, 'the leader’s home says there is nothing to act on (read-only)');
    } else {
      await page.waitForSelector('[data-test=workbench-list]', { timeout: 30_000 });
      const standings = await page.locator('[data-test=workbench-list] [data-test=work-standing]').allTextContents();
      const overdue = Number(await page.textContent('[data-test=count-overdue]'));
      if (c.username === 'gaj') {
        check(overdue > 0 && standings.slice(0, overdue).every((s) => s.startsWith('已逾期')) && !standings[overdue]?.startsWith('已逾期'), `gaj sees its ${overdue} overdue items first (${standings[0]})`);
        const first = page.locator('[data-test=workbench-list] a').first();
        const href = (await first.getAttribute('href')) ?? '';
        await first.click();
        await page.waitForURL((u) => u.pathname === href, { timeout: 15_000 });
        check(/^\/share\/requests\/\d+$/.test(href), `a to-do opens its request in one click (${href})`);
        await page.goBack();
        await page.waitForSelector('[data-test=workbench-list]');
      }
      if (c.username === 'bureau') {
        const queue = (await page.textContent('[data-test=bureau-review-queue]')) ?? '';
        check(/待符合性审查 \d+ 件/.test(queue), `the bureau sees its review queue (${queue})`);
        check(((await page.textContent('[data-test=workbench-list]')) ?? '').includes('符合性审查'), 'the bureau’s to-dos are its compliance reviews');
      }
      if (c.username === 'agent') {
        check(((await page.textContent('[data-test=workbench-list]')) ?? '').includes('代朔州市公安局答复'), 'the agent’s to-dos are the replies it gives for 市公安局');
      }
    }
    // the menu is reachable from the keyboard (issue 14, defect 10): Tab lands in it, ↓ moves within it
    // from a fresh load, as a keyboard user arrives
    await page.reload();
    await page.waitForSelector('[data-test=side-menu] [tabindex="0"]');
    let inMenu = false;
    for (let i = 0; i < 4 && !inMenu; i++) {
      await page.keyboard.press('Tab');
      inMenu = await page.evaluate(() => !!document.activeElement?.closest('[data-test=side-menu]'));
    }
    const before = await page.evaluate(() => document.activeElement?.textContent?.trim());
    await page.keyboard.press('ArrowDown');
    const after = await page.evaluate(() => (document.activeElement?.closest('[data-test=side-menu]') ? document.activeElement?.textContent?.trim() : null));
    check(inMenu && !!after && after !== before, `Tab reaches the menu and ↓ moves in it (${before} → ${after})`);
    await page.screenshot({ path: path.join(outDir, `home-${c.username}.png`) });
    if (c.username === 'bureau') {
      await page.goto(`${server.url}/calendar`);
      await page.waitForSelector('[data-date="2026-02-14"]');
      check((await page.getAttribute('[data-date="2026-02-14"]', 'class'))?.includes('makeup') ?? false, 'calendar marks Saturday 2026-02-14 as a make-up working day');
      check((await page.getAttribute('[data-date="2026-02-17"]', 'class'))?.includes('holiday') ?? false, 'calendar marks 2026-02-17 (春节) as a holiday');
      await page.click('[data-test=calendar-enter]');
      await page.waitForSelector('[data-test=calendar-papers]');
      await page.screenshot({ path: path.join(outDir, 'calendar-enter.png') });
      await page.keyboard.press('Escape');
    }
    // 办理时限规则 (issue 12 §1): everyone reads the periods in force; the bureau schedules a switch and withdraws it
    if (c.username === 'bureau') {
      await page.goto(`${server.url}/rules`);
      await page.waitForSelector('[data-test=rules-table-shuozhou-2022]');
      const rulesText = (await page.textContent('[data-test=rules-table-shuozhou-2022]')) ?? '';
      check(rulesText.includes('提供部门答复') && rulesText.includes('5 个工作日') && rulesText.includes('第十五条第（二）项'), 'the rules page lists the provider reply: 5 个工作日, 第十五条第（二）项');
      await page.click('[data-test=rules-schedule]');
      await page.locator('.el-dialog .el-date-editor input').fill('2027-01-04');
      await page.keyboard.press('Enter');
      await page.fill('.el-dialog textarea', '依据《山西省政务数据资源共享管理办法》（晋政办发〔2021〕87号）');
      await page.click('[data-test=rules-send]');
      await page.waitForSelector('[data-test=rules-next]');
      const next = (await page.textContent('[data-test=rules-next]')) ?? '';
      check(next.includes('2027-01-04') && next.includes('山西省'), `the bureau schedules a switch of rule set (${next.trim()})`);
      await page.screenshot({ path: path.join(outDir, 'rules-scheduled.png'), fullPage: true });
      await page.click('[data-test=rules-cancel]');
      await page.click('.el-message-box .el-button--primary');
      await page.waitForSelector('[data-test=rules-next]', { state: 'detached' });
      check((await page.textContent('[data-test=rules-history]'))?.includes('已撤销') ?? false, 'a scheduled switch is withdrawn and stays in the history as 已撤销');
    }
    // supervision (issues 6 and 8): the bureau's violations and jobs pages, a department's own notices
    if (c.username === 'bureau') {
      await page.goto(`${server.url}/violations`);
      await page.waitForSelector('[data-test=violations-table] tbody tr');
      check((await page.locator('[data-test=violations-table] tbody tr').count()) > 0, 'violations page lists the violations found');
      await page.screenshot({ path: path.join(outDir, 'violations-bureau.png') });
      await page.goto(`${server.url}/jobs`);
      await page.waitForSelector('[data-test=jobs-table] tbody tr');
      const jobs = (await page.textContent('[data-test=jobs-table]')) ?? '';
      // names and schedules in words, no job ids or cron patterns (issue 14, defect 7)
      check(jobs.includes('期限巡检') && !jobs.includes('deadline-sweep'), 'jobs page names the deadline sweep by its title, not its id');
      check(jobs.includes('每年 1 月 5 日 02:00') && !jobs.includes('0 2 5 1 *'), 'the annual assessment runs 每年 1 月 5 日 02:00, not "0 2 5 1 *"');
      await page.screenshot({ path: path.join(outDir, 'jobs-bureau.png') });
      // 期限督办 (issue 14, defects 3 and 6): each row names its subject with a link, and the standing is the domain's
      await page.goto(`${server.url}/deadlines`);
      await page.waitForSelector('[data-test=deadlines-table] [data-test=deadline-subject]');
      const subjects = await page.locator('[data-test=deadlines-table] [data-test=deadline-subject]').allTextContents();
      check(subjects.some((x) => /^共享申请 GXSQ-\d{4}-\d{6}「/.test(x)) && !subjects.some((x) => /#\d+$/.test(x)), `期限督办 names subjects as people know them (${subjects[0]})`);
      const standings = await page.locator('[data-test=deadlines-table] [data-test=clock-standing] .el-tag').allTextContents();
      check(standings.length > 0 && standings.every((x) => /^(剩余 \d+ 个工作日|明日 24:00 到期|今日 24:00 到期)$/.test(x.trim())), `期限督办 shows the domain's standing (${standings.slice(0, 3).join(' · ')})`);
      const link = page.locator('[data-test=deadlines-table] a[data-test=deadline-subject]').first();
      const to = (await link.getAttribute('href')) ?? '';
      await link.click();
      await page.waitForURL((u) => u.pathname === to, { timeout: 15_000 });
      check(/^\/share\/requests\/\d+$/.test(to), `a 期限督办 row opens its request (${to})`);
      // the request header and its timeline say the same (defect 3)
      await page.waitForSelector('[data-test=step-standing]');
      const header = (await page.locator('[data-test=clock-standing] .el-tag').first().textContent())?.trim();
      const step = (await page.locator('[data-test=step-standing] .el-tag').first().textContent())?.trim();
      check(!!header && header === step, `the request header and its timeline agree (${header} / ${step})`);
      await page.screenshot({ path: path.join(outDir, 'request-standing-bureau.png') });
      // notices (defect 8): the longest status and the 发文字号 stay on one line, nothing clipped
      await page.goto(`${server.url}/notices`);
      await page.waitForSelector('[data-test=notices-table] [data-test=notice-status]');
      const layout = await page.evaluate(() => {
        const tags = [...document.querySelectorAll<HTMLElement>('[data-test=notices-table] [data-test=notice-status]')];
        const numbers = [...document.querySelectorAll<HTMLElement>('[data-test=notices-table] [data-test=notice-number]')];
        const clipped = tags.filter((t) => t.scrollWidth > t.clientWidth + 1 || (t.closest('.cell') as HTMLElement).scrollWidth > (t.closest('.cell') as HTMLElement).clientWidth + 1);
        return { escalated: tags.some((t) => t.textContent?.includes('逾期未整改，已报领导小组')), clipped: clipped.map((t) => t.textContent), wrapped: numbers.filter((n) => n.getClientRects().length > 1 || n.offsetHeight > 24).map((n) => n.textContent) };
      });
      check(layout.escalated && layout.clipped.length === 0, `notice status tags are whole (${layout.clipped.join('、') || '逾期未整改，已报领导小组 fits'})`);
      check(layout.wrapped.length === 0, `发文字号 never wraps (${layout.wrapped.join('、') || 'one line each'})`);
      await page.screenshot({ path: path.join(outDir, 'notices-bureau.png') });
    }
    if (c.username === 'leader') {
      // defect 9: the leader reads the scheme as words, not as a greyed form
      await page.goto(`${server.url}/assessments/2026/scheme`);
      await page.waitForSelector('[data-test=scheme-summary] [data-test=summary-indicator]', { timeout: 20_000 });
      check((await page.locator('.scheme-form, [data-test=scheme-summary] input').count()) === 0, 'the leader reads the assessment scheme, with no form');
      const height = await page.evaluate(() => document.querySelector<HTMLElement>('[data-test=scheme-summary]')?.offsetHeight ?? 0);
      check(height > 0 && height < 2400, `the read-only scheme is short enough to read (${height} px)`);
      await page.screenshot({ path: path.join(outDir, 'scheme-leader.png'), fullPage: true });
    }
    if (c.username === 'scjgj') {
      // defect 5: 申请共享 on another department's entry opens the dialog on it, with no data item ticked
      await page.goto(`${server.url}/catalog/entries`);
      await page.fill('input[data-test=filter-q]', '人口基本信息');
      await page.press('input[data-test=filter-q]', 'Enter');
      await page.waitForSelector('[data-test=catalog-table] a:text-is("人口基本信息")', { timeout: 15_000 });
      await page.click('[data-test=catalog-table] a:text-is("人口基本信息")');
      await page.waitForSelector('[data-test=entry-request-share]', { timeout: 15_000 });
      await page.click('[data-test=entry-request-share]');
      await page.waitForSelector('.el-dialog .el-checkbox-group .el-checkbox', { timeout: 15_000 });
      const dialog = (await page.textContent('.el-dialog')) ?? '';
      const ticked = await page.locator('.el-dialog .el-checkbox-group .el-checkbox.is-checked').count();
      check(dialog.includes('朔州市公安局') && ticked === 0, `申请共享 opens the dialog on 人口基本信息 with no data item ticked (${ticked})`);
      await page.screenshot({ path: path.join(outDir, 'entry-request-scjgj.png') });
      await page.keyboard.press('Escape');
    }
    if (c.username === 'gaj') {
      await page.goto(`${server.url}/notices`);
      await page.waitForSelector('[data-test=notices-table] tbody tr');
      const register = (await page.textContent('[data-test=notices-table]')) ?? '';
      check(register.includes('朔州市公安局') && !register.includes('朔州市民政局'), 'gaj sees the notices addressed to it, and only those');
      await page.locator('[data-test=notices-table] tbody tr').first().click();
      await page.waitForSelector('[data-test=notice-preview]');
      check(((await page.textContent('[data-test=notice-summary]')) ?? '').includes('朔政数通'), 'a notice opens with its number and the print preview');
      await page.screenshot({ path: path.join(outDir, 'notice-gaj.png') });
    }
    if (c.username === 'gaj') {
      // lists follow the address (issue 14, defect 1): 我的申请 → 待我处理 through the menu shows 待我处理's own rows,
      // the same as loading it directly; a request number typed in the search finds it (defect 2)
      const table = '[data-test=share-requests-table]';
      const settled = async () => {
        await page.waitForSelector(`${table} tbody tr`, { timeout: 20_000 });
        await page.waitForFunction((sel) => !document.querySelector(`${sel} .el-loading-mask`) || getComputedStyle(document.querySelector(`${sel} .el-loading-mask`)!).display === 'none', table);
      };
      const codes = async () => (await page.locator(`${table} tbody tr .code-link`).allTextContents()).map((s) => s.trim());
      const total = async () => ((await page.textContent('.el-pagination__total')) ?? '').trim();
      await page.goto(`${server.url}/share/todo`);
      await settled();
      const direct = { codes: await codes(), total: await total() };
      await page.goto(`${server.url}/share/mine`);
      await settled();
      const mine = await codes();
      await page.click('[data-test=side-menu] :text-is("待我处理")');
      await page.waitForURL((u) => u.pathname === '/share/todo');
      await page.waitForFunction(() => document.querySelector('h2')?.textContent?.trim() === '待我处理');
      await settled();
      const moved = { codes: await codes(), total: await total() };
      check(moved.total === direct.total && moved.codes.join() === direct.codes.join() && !moved.codes.some((x) => mine.includes(x)), `待我处理 reached from 我的申请 shows its own rows (${moved.total}, directly ${direct.total})`);
      const wanted = direct.codes[direct.codes.length - 1];
      await page.fill(`input[data-test=filter-q]`, wanted);
      await page.press(`input[data-test=filter-q]`, 'Enter');
      await page.waitForURL((u) => u.searchParams.get('q') === wanted);
      await settled();
      const found = await codes();
      check(found.length === 1 && found[0] === wanted, `searching 待我处理 for ${wanted} finds that request (${found.join(', ')})`);
      await page.reload();
      await settled();
      check((await page.inputValue('input[data-test=filter-q]')) === wanted && (await codes()).join() === wanted, 'the search stays in the address: a reload shows the same list');
      await page.screenshot({ path: path.join(outDir, 'share-todo-search-gaj.png') });
    }
    if (c.username === 'gaj') {
      // 目录清单: search, open an entry the department maintains (人口库 is led by 市公安局)
      await page.goto(`${server.url}/catalog/entries`);
      await page.fill('input[data-test=filter-q]', '人口基本信息');
      await page.press('input[data-test=filter-q]', 'Enter');
      await page.waitForSelector('[data-test=catalog-table] a:text-is("人口基本信息")', { timeout: 15_000 });
      check(true, 'catalog search finds 人口基本信息');
      await page.click('[data-test=catalog-table] a:text-is("人口基本信息")');
      await page.waitForSelector('[data-test=entry-title]:text-is("人口基本信息")');
      check(await page.isVisible('[data-test=entry-edit]'), 'the entry opens with 编辑 for its maintainer');
      await page.click('#tab-items');
      await page.waitForSelector('[data-test=items-view] >> text=公民身份号码');
      check(true, 'the entry lists its data items');
      await page.screenshot({ path: path.join(outDir, 'catalog-entry-gaj.png') });
    }
    if (c.username === 'bureau') {
      await page.goto(`${server.url}/catalog/releases`);
      await page.waitForSelector('[data-test=releases-table] >> text=《朔州市政务数据资源目录》第 4 版', { timeout: 15_000 });
      check(await page.isVisible('[data-test=release-create]'), 'the bureau sees the city releases and may publish one');
      await page.screenshot({ path: path.join(outDir, 'catalog-releases-bureau.png') });
    }
    // data that moves (issue 15 §7): 调用记录 with its figures (and, for the bureau, the chain verified), an answered
    // call's entry on its 数据 tab with the live version, 应用系统 — every department's for the bureau, its own for scjgj
    if (c.username === 'bureau' || c.username === 'scjgj') {
      await page.goto(`${server.url}/gateway/calls?status=ok`);
      await page.waitForSelector('[data-test=calls-table] tbody tr', { timeout: 20_000 });
      await page.waitForFunction(() => /^[\d,]+$/.test(document.querySelector('[data-test=calls-stats] .kpi .value')?.textContent?.trim() ?? ''), undefined, { timeout: 20_000 });
      const calls = await page.locator('[data-test=calls-table] tbody tr').count();
      const total = ((await page.textContent('[data-test=calls-stats] .kpi .value')) ?? '').trim();
      check(calls > 0 && total !== '0', `调用记录 lists answered calls with the figures on top (${calls} rows, ${total} calls)`);
      if (c.username === 'bureau') {
        await page.click('[data-test=calls-verify]');
        await page.waitForSelector('[data-test=calls-verified]', { timeout: 60_000 });
        check(((await page.textContent('[data-test=calls-verified]')) ?? '').includes('哈希链完整'), '校验链 reports the call-record chain intact');
      }
      await page.screenshot({ path: path.join(outDir, `calls-${c.username}.png`) });
      await page.locator('[data-test=calls-table] tbody tr a').first().click();
      await page.waitForSelector('[data-test=dataset-live]', { timeout: 20_000 });
      check(await page.isVisible('[data-test=dataset-versions]'), 'an answered call’s entry opens on its 数据 tab, the live version marked');
      await page.goto(`${server.url}/gateway/systems`);
      await page.waitForSelector('[data-test=systems-table] tbody tr', { timeout: 20_000 });
      const systems = await page.locator('[data-test=systems-table] tbody tr').count();
      check(c.username === 'bureau' ? systems >= 2 : systems === 1, `应用系统 lists ${c.username === 'bureau' ? 'every department’s' : 'the department’s own'} systems (${systems})`);
      await page.screenshot({ path: path.join(outDir, `systems-${c.username}.png`) });
      // 调用额度 of a grant the department provides: the provider's officer sets the limits, the dialog shows them as its own
      if (c.username === 'scjgj') {
        await page.goto(`${server.url}/share/grants?side=given`);
        await page.locator('[data-test=grant-usage-open]').first().click();
        await page.waitForSelector('[data-test=grant-usage] .el-descriptions', { timeout: 20_000 });
        await page.fill('[data-test=grant-usage-per-minute] input', '120');
        await page.fill('[data-test=grant-usage-per-day] input', '5000');
        await page.click('[data-test=grant-usage-save]');
        await page.waitForSelector('[data-test=grant-usage-source]:has-text("本授权设定")', { timeout: 20_000 });
        check(((await page.textContent('[data-test=grant-usage] .el-descriptions')) ?? '').includes('5,000'), '调用额度: the provider sets a grant’s limits and sees them as the grant’s own');
        await page.screenshot({ path: path.join(outDir, 'grant-usage-scjgj.png') });
      }
    }
    if (c.forbidden) {
      await page.goto(`${server.url}${c.forbidden}`);
      await page.waitForSelector('text=无权访问', { timeout: 10_000 });
      check(true, `${c.forbidden} shows the 403 page`);
    }
    check(pageErrors.length === 0, `no script errors${pageErrors.length ? `: ${pageErrors.join('; ')}` : ''}`);
    await context.close();
  }
  // a wrong password shows the server's message; Enter sends one attempt, not two (issue 14, defect 4)
  const page = await browser.newPage();
  let attempts = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/auth/login')) attempts++;
  });
  await page.goto(`${server.url}/login`);
  await page.fill('input[name=username]', 'gaj');
  await page.fill('input[name=password]', 'wrong-password');
  await page.press('input[name=password]', 'Enter');
  await page.waitForSelector('[data-test=login-error]');
  await page.waitForTimeout(500);
  check(((await page.textContent('[data-test=login-error]')) ?? '').includes('用户名或密码错误'), 'a wrong password shows 用户名或密码错误');
  check(attempts === 1, `Enter in the password field sends one login attempt (${attempts})`);
  await page.screenshot({ path: path.join(outDir, 'login-error.png') });

  // the open-data portal, without login: a 无条件开放 dataset with data has its downloads, preview and history (issue 16)
  console.log('\nportal (no login)');
  const portal = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const list = (await (await fetch(`${server.url}/api/open/datasets?pageSize=100&openType=open`)).json()) as { items: { name: string; title: string; downloadFormats: string[] }[] };
  const withData = list.items.find((d) => d.downloadFormats.length);
  check(!!withData, `the demo's open catalog has datasets with data (${list.items.filter((d) => d.downloadFormats.length).length})`);
  if (withData) {
    await portal.goto(`${server.url}/open/datasets/${withData.name}`);
    await portal.waitForSelector('[data-test=preview-table] tbody tr', { timeout: 20_000 });
    check((await portal.locator('[data-test=preview-table] tbody tr').count()) === 20, `${withData.title}: the preview shows 20 rows`);
    const href = await portal.getAttribute('[data-test=download-CSV]', 'href');
    const csv = href ? await portal.request.get(`${server.url}${href}`) : null;
    const body = csv ? await csv.body() : Buffer.alloc(0);
    check(csv?.status() === 200 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf, `下载 CSV answers 200 with a UTF-8 BOM (${body.length} bytes)`);
    check(((await portal.textContent('main')) ?? '').includes('API 调用'), 'the dataset page shows API 调用 with examples');
    await portal.screenshot({ path: path.join(outDir, 'portal-dataset-phone.png'), fullPage: true });
  }
  await portal.close();
} finally {
  await browser.close();
  await server.stop();
}

if (failures.length) {
  console.error(`\n${failures.length} e2e check(s) failed`);
  process.exit(1);
}
console.log(`\nall e2e checks passed; screenshots in ${path.relative(process.cwd(), outDir)}`);
