import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { standing, type Me, type WorkbenchDto, type WorkItemDto } from '@govdata/domain';
import { createCalendar, endOfShanghaiDay } from '@govdata/workdays';
import { answerFetch, dashboardFixture, testPlugins, testRouter } from '../modules/assessment/testing';
import { useAuthStore } from '../stores/auth';
import HomeView from './HomeView.vue';

const calendar = createCalendar();
const NOW = new Date('2026-11-20T10:00:00+08:00'); // a Friday
/** the standing as the server computes it (the domain's one function) */
const clock = (dueDate: string) => {
  const s = standing(calendar, { dueAt: endOfShanghaiDay(dueDate), dueDate }, NOW);
  return { dueDate, dueAt: endOfShanghaiDay(dueDate).toISOString(), overdue: s.overdue, dueSoon: s.dueSoon, workingDaysLeft: s.workingDaysLeft, workingDaysLate: s.workingDaysLate, standingText: s.text, standing: s };
};
const gaj = { department: { id: 3, code: '111406000114079197', name: '朔州市公安局' } };
const item = (id: number, over: Partial<WorkItemDto>): WorkItemDto => ({
  deadlineId: id,
  kind: 'provider_reply',
  kindLabel: '提供部门答复',
  article: '第十五条第（二）项',
  subjectType: 'share_request_step',
  subjectId: id * 10,
  label: `共享申请 GXSQ-2026-00${id}「人口基本信息」（申请部门：朔州市民政局）`,
  link: `/share/requests/${id}`,
  department: gaj.department,
  asAgent: false,
  provisional: false,
  ...clock('2026-11-25'),
  ...over,
});
const workbench = (over: Partial<WorkbenchDto> = {}): WorkbenchDto => ({
  now: '2026-11-20T02:00:00.000Z',
  items: [
    item(2732, clock('2026-10-16')),
    item(3150, clock('2026-11-20')),
    item(3185, clock('2026-11-25')),
  ],
  counts: { total: 3, overdue: 1, dueSoon: 1 },
  notifications: { unread: 4, latest: [{ id: 9, kind: 'deadline.due_soon', title: '【即将到期】提供部门答复', body: '…', link: '/share/requests/3150', createdAt: '2026-11-20T00:30:00.000Z', readAt: null }] },
  bureau: null,
  overview: null,
  ...over,
});

async function mountHome(me: Partial<Me>, answer: WorkbenchDto) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().me = { id: 1, username: 'u', displayName: '李警官', roles: ['dept_admin'], department: gaj.department, ...me } as Me;
  const api = answerFetch({ '/api/me/workbench': answer });
  vi.stubGlobal('fetch', api.fetch);
  const router = testRouter();
  for (const [path, name] of [
    ['/share/requests/:id', 'share-request'],
    ['/inbox', 'inbox'],
    ['/dashboard', 'dashboard'],
    ['/share/review', 'share-review'],
    ['/jobs', 'jobs'],
  ]) router.addRoute({ path, name, component: { template: '<div />' } });
  await router.push('/');
  const w = mount(HomeView, { global: { plugins: [pinia, ...testPlugins(router)] } });
  await flushPromises();
  return { w, api, router };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('home = the workbench (issue 14)', () => {
  it('lists what waits for a department admin, soonest first, with the standing and a link to each', async () => {
    const { w, api } = await mountHome({}, workbench());
    expect(api.urls).toEqual(['/api/me/workbench']);
    expect(w.find('[data-test=count-total]').text()).toBe('3');
    expect(w.find('[data-test=count-overdue]').text()).toBe('1');
    expect(w.find('[data-test=count-due-soon]').text()).toBe('1');
    expect(w.find('[data-test=count-unread]').text()).toContain('4');
    const rows = w.findAll('[data-test=workbench-list] li');
    // the domain's words: 25 working days late; due today; Wednesday 25th three working days ahead (Mon, Tue, Wed)
    expect(rows.map((r) => r.find('[data-test=work-standing] .el-tag').text())).toEqual(['已逾期 25 个工作日', '今日 24:00 到期', '剩余 3 个工作日']);
    expect(rows[2].text()).toContain('截止 11-25 24:00');
    expect(rows.map((r) => r.find('a').attributes('href'))).toEqual(['/share/requests/2732', '/share/requests/3150', '/share/requests/3185']);
    expect(rows[0].find('.el-tag').classes()).toContain('el-tag--danger');
    expect(rows[1].find('.el-tag').classes()).toContain('el-tag--warning');
    expect(rows[0].text()).toContain('GXSQ-2026-002732');
    expect(w.find('[data-test=home-overview]').exists()).toBe(false);
    expect(w.find('[data-test=bureau-panel]').exists()).toBe(false);
    expect(w.find('[data-test=home-unread]').text()).toContain('【即将到期】提供部门答复');
  });

  it('shows the leader the year’s KPIs and the way into the dashboard, and no to-do counters', async () => {
    const { w } = await mountHome(
      { roles: ['leader'], department: { id: 2, code: 'x', name: '朔州市人民政府办公室' } },
      workbench({ items: [], counts: { total: 0, overdue: 0, dueSoon: 0 }, overview: { year: 2026, asOf: '2026-11-20', kpis: dashboardFixture.kpis } }),
    );
    expect(w.find('[data-test=home-overview] [data-test=kpi-entries] .value').text()).toBe('1,234');
    expect(w.find('[data-test=home-dashboard]').attributes('href')).toBe('/dashboard');
    expect(w.find('[data-test=workbench-counts]').exists()).toBe(false);
    expect(w.find('[data-test=workbench-readonly]').text()).toContain('第四条');
  });

  it('gives the bureau its queues with a way into each', async () => {
    const { w } = await mountHome(
      { roles: ['bureau_admin'] },
      workbench({
        bureau: {
          reviewQueue: { submitted: 18, coordinating: 11, overdue: 5 },
          overdueByDepartment: [{ department: gaj.department, overdue: 3 }],
          candidateViolations: 2,
          jobs: { total: 8, failing: [{ name: 'deadline-sweep', title: '期限巡检', failuresSinceSuccess: 2, lastRunAt: '2026-11-20T01:00:00.000Z' }] },
        },
      }),
    );
    const panel = w.find('[data-test=bureau-panel]');
    expect(panel.find('[data-test=bureau-review-queue]').text()).toBe('待符合性审查 18 件（逾期 5 件），协调中 11 件');
    expect(panel.find('[data-test=bureau-overdue] a').attributes('href')).toBe('/deadlines?department=3&state=overdue');
    expect(panel.find('[data-test=bureau-jobs]').text()).toContain('期限巡检：最近一次运行失败（连续 2 次）');
  });
});
