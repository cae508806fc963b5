import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { AssessmentYearDto } from '@govdata/analytics';
import type { Me } from '@govdata/domain';
import BaseChart from '../../components/BaseChart.vue';
import { useAuthStore } from '../../stores/auth';
import ResultsView from './ResultsView.vue';
import { answerFetch, resultsFixture, revisionFixture, testPlugins, testRouter } from './testing';

const years: AssessmentYearDto[] = [{ year: 2025, schemeName: '2025 年度考核方案', schemeEditable: true, latest: revisionFixture, published: null }];
const me = (roles: Me['roles'], departmentId = 1): Me =>
  ({ id: 5, username: 'u', displayName: '王芳', roles, department: { id: departmentId, code: 'x', name: departmentId === 12 ? '朔州市市场监督管理局' : '朔州市政务信息管理局' } }) as Me;

async function mountAs(user: Me, extra: Record<string, unknown> = {}, yearList: AssessmentYearDto[] = years) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const auth = useAuthStore();
  auth.me = user;
  auth.checked = true;
  const api = answerFetch({
    '/api/assessments': yearList,
    '/api/health': { now: '2026-11-26T02:00:00.000Z' },
    '/api/assessments/2025/summary': resultsFixture,
    '/api/assessments/2025/suspension': { revision: revisionFixture, rows: [{ ...resultsFixture.rows[3], reasons: [{ code: 'failing_grade', text: '考核等级为不合格（41.00 分）' }] }] },
    ...extra,
  });
  vi.stubGlobal('fetch', api.fetch);
  const router = testRouter();
  await router.push('/assessments/2025');
  const w = mount(ResultsView, { global: { plugins: [pinia, ...testPlugins(router)], stubs: { BaseChart: true } }, attachTo: document.body });
  mounted.push(w);
  await flushPromises();
  return { w, router, api };
}

const mounted: { unmount: () => void }[] = [];
afterEach(() => {
  mounted.splice(0).forEach((w) => w.unmount());
  vi.unstubAllGlobals();
});

describe('assessment results', () => {
  it('lets the bureau see every row and drill from a bar into a department', async () => {
    const { w, router } = await mountAs(me(['bureau_admin']));
    expect(w.find('[data-test=revision-status]').text()).toBe('草稿');
    expect(w.find('[data-test=publish]').exists()).toBe(true);
    expect(w.find('[data-test=compute]').text()).toBe('重新计算');
    const rows = w.findAll('[data-test=results-table] .el-table__body-wrapper tbody tr');
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(w.text()).toContain('▲ 5.00');
    expect(w.text()).toContain('▼ 14.00');

    const chart = w.findComponent(BaseChart);
    const option = chart.props('option') as { series: { data: ({ departmentId: number } | null)[] }[] };
    const good = option.series[1].data.find((d) => d !== null);
    chart.vm.$emit('click', { data: good });
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('assessment-department');
    expect(router.currentRoute.value.params).toEqual({ year: '2025', departmentId: '12' });
  });

  it('shows a department only its own row and the way to its breakdown', async () => {
    const { w, api } = await mountAs(me(['dept_admin'], 12));
    expect(w.find('[data-test=ranking-chart]').exists()).toBe(false);
    expect(w.find('[data-test=compute]').exists()).toBe(false);
    const own = w.find('[data-test=own-row]');
    expect(own.text()).toContain('朔州市市场监督管理局');
    expect(own.text()).not.toContain('朔州市公安局');
    expect(own.text()).toContain('查看本部门得分明细');
    expect(api.urls.some((u) => u.includes('/suspension'))).toBe(false);
  });

  it('asks for a reason before recomputing a published year, then follows the computation to its end', async () => {
    const published = { ...revisionFixture, number: 1, status: 'published' as const, statusLabel: '已公布', publishedAt: '2026-01-20T02:00:00.000Z' };
    const computation = { id: 9, year: 2025, startedAt: '2026-11-26T02:00:00.000Z', finishedAt: null, revision: null, error: null };
    const progress = [
      { ...computation, phase: 'facts', phaseLabel: '汇总各部门年度数据', done: 10, total: 43 },
      { ...computation, phase: 'done', phaseLabel: '已完成', done: 43, total: 43, revision: 2, finishedAt: '2026-11-26T02:00:03.000Z' },
    ];
    let polls = 0;
    const { w, api } = await mountAs(
      me(['bureau_admin']),
      {
        'POST /api/assessments/2025/compute': { ...computation, phase: 'queued', phaseLabel: '排队中', done: 0, total: 0 },
        '/api/assessments/computations/9': () => progress[Math.min(polls++, progress.length - 1)],
      },
      [{ ...years[0], schemeEditable: false, latest: published, published }],
    );
    await w.find('[data-test=compute]').trigger('click');
    await flushPromises();
    expect(api.sent).toEqual([]);
    const submit = document.querySelector('[data-test=reason-submit]') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    const input = document.querySelector('textarea[data-test=reason-input]') as HTMLTextAreaElement;
    input.value = '部门反映 3 月份答复记录统计有误';
    input.dispatchEvent(new Event('input'));
    await flushPromises();
    submit.click();
    await flushPromises();
    expect(api.sent).toEqual([{ method: 'POST', url: '/api/assessments/2025/compute', body: { reason: '部门反映 3 月份答复记录统计有误' } }]);
    expect(w.find('[data-test=compute-progress]').text()).toContain('排队中');

    await vi.waitFor(() => expect(w.find('[data-test=compute-progress]').text()).toContain('10 / 43'), { timeout: 3000, interval: 50 });
    expect(w.find('[data-test=compute-progress] .el-progress').attributes('aria-valuenow')).toBe('23');
    await vi.waitFor(() => expect(w.find('[data-test=compute-progress]').text()).toContain('已完成 · 43 / 43'), { timeout: 3000, interval: 50 });
    expect(polls).toBe(2);
  });
});
