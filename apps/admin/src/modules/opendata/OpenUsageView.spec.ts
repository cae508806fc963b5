import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import ElementPlus from 'element-plus';
import { createI18n } from 'vue-i18n';
import type { Me, OpenUsageStatsDto } from '@govdata/domain';
import BaseChart from '../../components/BaseChart.vue';
import zhCN from '../../i18n/zh-CN';
import { useAuthStore } from '../../stores/auth';
import { answerFetch, testRouter } from '../assessment/testing';
import { zhCN as opendataZh } from './messages';
import OpenUsageView from './OpenUsageView.vue';
import { usageTrendOption } from './usage-charts';

const days: OpenUsageStatsDto = {
  from: '2026-11-18',
  to: '2026-11-20',
  groupBy: 'day',
  items: [
    { key: '2026-11-18', label: '2026-11-18', views: 40, downloads: 3, apiCalls: 1 },
    { key: '2026-11-19', label: '2026-11-19', views: 0, downloads: 0, apiCalls: 0 },
    { key: '2026-11-20', label: '2026-11-20', views: 12, downloads: 2, apiCalls: 4 },
  ],
  totals: { views: 52, downloads: 5, apiCalls: 5, datasets: 8, usedDatasets: 2 },
  truncated: false,
};
const byDataset: OpenUsageStatsDto = {
  ...days,
  groupBy: 'dataset',
  items: [
    { key: '7', label: '企业登记信息', views: 30, downloads: 5, apiCalls: 5 },
    { key: '9', label: '公安统计报表信息', views: 22, downloads: 0, apiCalls: 0 },
  ],
};
const me = (roles: Me['roles']): Me => ({ id: 5, username: 'u', displayName: '王芳', roles, department: { id: 11, code: 'x', name: '朔州市公安局' } }) as Me;

const mounted: { unmount: () => void }[] = [];
afterEach(() => {
  mounted.splice(0).forEach((w) => w.unmount());
  vi.unstubAllGlobals();
});

async function mountAs(user: Me) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const auth = useAuthStore();
  auth.me = user;
  auth.checked = true;
  const api = answerFetch({
    '/api/open-usage': () => (api.urls[api.urls.length - 1].includes('groupBy=day') ? days : byDataset),
    '/api/departments': { items: [{ id: 11, code: 'x', name: '朔州市公安局', isBureau: false }], total: 1, page: 1, pageSize: 200 },
  });
  vi.stubGlobal('fetch', api.fetch);
  const router = testRouter();
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': { ...zhCN, ...opendataZh, nav: { ...zhCN.nav, ...opendataZh.nav } } } });
  const w = mount(OpenUsageView, { global: { plugins: [pinia, ElementPlus, i18n, router], stubs: { BaseChart: true } }, attachTo: document.body });
  mounted.push(w);
  await flushPromises();
  return { w, api };
}

describe('开放数据使用统计 page (issue 16 §8)', () => {
  it('asks for the daily trend and the dataset table, shows the totals, the use rate and a 合计 row', async () => {
    const { w, api } = await mountAs(me(['bureau_admin']));
    const asked = api.urls.filter((u) => u.startsWith('/api/open-usage'));
    expect(asked.some((u) => u.includes('groupBy=day'))).toBe(true);
    expect(asked.some((u) => u.includes('groupBy=dataset'))).toBe(true);
    expect(w.find('[data-test=open-usage-totals]').text()).toContain('52');
    expect(w.find('[data-test=open-usage-totals]').text()).toContain('25.0%');
    expect(w.find('[data-test=open-usage-totals]').text()).toContain('8 个开放数据集中 2 个有下载或接口调用');
    const rows = w.findAll('[data-test=open-usage-table] .el-table__body tbody tr').map((tr) => tr.findAll('td').map((td) => td.text()));
    expect(rows).toEqual([
      ['企业登记信息', '30', '5', '5'],
      ['公安统计报表信息', '22', '0', '0'],
    ]);
    expect(w.find('[data-test=open-usage-table] .el-table__footer').text()).toContain('合计');
    expect(w.find('[data-test=open-usage-department]').exists()).toBe(true);
    // the annual report: a year since 2022 and its export, for the bureau and leaders
    expect(w.find('[data-test=open-report-year]').exists()).toBe(true);
    expect(w.find('[data-test=open-report-export]').text()).toBe('导出年度报告');
    const option = w.findComponent(BaseChart).props('option') as { series: { data: number[] }[] };
    expect(option.series.map((s) => s.data)).toEqual([
      [3, 0, 2],
      [1, 0, 4],
      [40, 0, 12],
    ]);
  });

  it('shows a department officer its own datasets, without a department filter', async () => {
    const { w } = await mountAs(me(['dept_admin']));
    expect(w.find('[data-test=open-usage-department]').exists()).toBe(false);
    expect(w.find('[data-test=open-report-export]').exists()).toBe(false);
    expect(w.text()).toContain('本部门开放数据集');
  });
});

describe('usageTrendOption', () => {
  it('puts downloads and calls on the left axis as stacked bars and views on the right as a line', () => {
    const o = usageTrendOption(days.items, { views: '浏览次数', downloads: '下载次数', apiCalls: '接口调用次数' }) as { xAxis: { data: string[] }; series: { type: string; yAxisIndex?: number; stack?: string }[] };
    expect(o.xAxis.data).toEqual(['11-18', '11-19', '11-20']);
    expect(o.series.map((s) => [s.type, s.yAxisIndex ?? 0, s.stack ?? null])).toEqual([
      ['bar', 0, 'use'],
      ['bar', 0, 'use'],
      ['line', 1, null],
    ]);
  });
});
