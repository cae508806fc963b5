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

async function mountAs(user: Me) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const auth = useAuthStore();
  auth.me = user;
  auth.checked = true;
  const api = answerFetch({
    '/api/assessments': years,
    '/api/health': { now: '2026-11-26T02:00:00.000Z' },
    '/api/assessments/2025/results': resultsFixture,
    '/api/assessments/2025/suspension': { revision: revisionFixture, rows: [{ ...resultsFixture.rows[3], reasons: [{ code: 'failing_grade', text: '考核等级为不合格（41.00 分）' }] }] },
  });
  vi.stubGlobal('fetch', api.fetch);
  const router = testRouter();
  await router.push('/assessments/2025');
  const w = mount(ResultsView, { global: { plugins: [pinia, ...testPlugins(router)], stubs: { BaseChart: true } } });
  await flushPromises();
  return { w, router, api };
}

afterEach(() => {
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
});
