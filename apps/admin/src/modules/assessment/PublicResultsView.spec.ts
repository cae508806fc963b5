import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { PublicResults } from '@govdata/analytics';
import BaseChart from '../../components/BaseChart.vue';
import { useAuthStore } from '../../stores/auth';
import PublicResultsView from './PublicResultsView.vue';
import { answerFetch, resultsFixture, testPlugins, testRouter } from './testing';

const published: PublicResults = {
  year: 2025,
  revision: 1,
  publishedAt: '2026-01-20T02:00:00.000Z',
  reason: null,
  rows: resultsFixture.rows.map((r) => ({ department: { code: r.department.code, name: r.department.name }, total: r.total, grade: r.grade, gradeLabel: r.gradeLabel, rank: r.rank })),
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('public assessment page (第三十条)', () => {
  it('renders the published totals without a logged-in user, asking only the public API', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    const api = answerFetch({ '/api/public/assessments': [{ year: 2025, publishedAt: published.publishedAt, revision: 1 }], '/api/public/assessments/2025': published });
    vi.stubGlobal('fetch', api.fetch);
    const router = testRouter();
    await router.push('/public/assessments');
    const w = mount(PublicResultsView, { global: { plugins: [pinia, ...testPlugins(router)], stubs: { BaseChart: true } } });
    await flushPromises();

    expect(useAuthStore().loggedIn).toBe(false);
    expect(api.urls).toEqual(['/api/public/assessments', '/api/public/assessments/2025']);
    expect(w.find('[data-test=public-note]').text()).toContain('第三十条');
    expect(w.find('[data-test=public-published]').text()).toContain('发布日期 2026-01-20');
    const rows = w.findAll('[data-test=public-table] tbody tr').map((tr) => tr.findAll('td').map((td) => td.text()));
    expect(rows).toEqual([
      ['1', '朔州市公安局', '95.00', '优秀'],
      ['2', '朔州市市场监督管理局', '84.50', '良好'],
      ['3', '朔州市民政局', '70.00', '合格'],
      ['4', '朔州市自然资源局', '41.00', '不合格'],
    ]);
    // totals only: no indicator points, no 第三十二条 flag
    expect(w.text()).not.toContain('第三十二条');
    const chart = w.findComponent(BaseChart).props('option') as { series: { data: unknown[] }[] };
    expect(chart.series).toHaveLength(4);

    // a click on a bar goes nowhere: the public has no breakdowns
    w.findComponent(BaseChart).vm.$emit('click', { data: { departmentId: null } });
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('public-assessments');
  });

  it('says when nothing is published yet', async () => {
    setActivePinia(createPinia());
    vi.stubGlobal('fetch', answerFetch({ '/api/public/assessments': [] }).fetch);
    const router = testRouter();
    await router.push('/public/assessments');
    const w = mount(PublicResultsView, { global: { plugins: testPlugins(router), stubs: { BaseChart: true } } });
    await flushPromises();
    expect(w.text()).toContain('尚无已公布的考核结果');
  });
});
