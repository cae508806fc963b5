import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import BaseChart from '../../components/BaseChart.vue';
import { CHART_COLORS } from '../../plugins/chart-colors';
import DashboardPanels from './DashboardPanels.vue';
import { dashboardFixture, resultsFixture, testPlugins, testRouter } from './testing';

type Series = { type: string; name?: string; data: unknown[]; links?: unknown[]; itemStyle?: { color?: string }; yAxisIndex?: number };
type Option = { series: Series[]; legend?: { data: string[] }; radar?: { indicator: { name: string; max: number }[] }; yAxis?: unknown; visualMap?: { max: number } };

function mountDashboard(results = resultsFixture) {
  const router = testRouter();
  const w = mount(DashboardPanels, {
    props: { dashboard: dashboardFixture, results },
    global: { plugins: testPlugins(router), stubs: { BaseChart: true } },
  });
  const charts = () =>
    Object.fromEntries(w.findAllComponents(BaseChart).map((c) => [c.attributes('data-test'), c.props('option') as Option])) as Record<string, Option>;
  return { w, router, charts };
}

describe('leadership dashboard', () => {
  it('shows the KPI cards', async () => {
    const { w } = mountDashboard();
    await flushPromises();
    expect(w.find('[data-test=kpi-entries] .value').text()).toBe('1,234');
    expect(w.find('[data-test=kpi-requests] .value').text()).toBe('567');
    expect(w.find('[data-test=kpi-onTime] .value').text()).toBe('91.3%');
    expect(w.find('[data-test=kpi-violations] .value').text()).toBe('7');
    expect(w.find('[data-test=kpi-notices] .value').text()).toBe('2');
  });

  it('draws each chart from the fixture', async () => {
    const { charts } = mountDashboard();
    await flushPromises();
    const c = charts();
    expect(Object.keys(c).sort()).toEqual(['dashboard-flows', 'dashboard-heatmap', 'dashboard-radar', 'dashboard-trends', 'ranking-chart']);

    // ranking: one bar series per grade, in the grade colours, each department in exactly one of them, best on top
    const ranking = c['ranking-chart'];
    expect(ranking.series.map((s) => [s.type, s.name, s.itemStyle?.color])).toEqual([
      ['bar', '优秀', CHART_COLORS.excellent],
      ['bar', '良好', CHART_COLORS.good],
      ['bar', '合格', CHART_COLORS.pass],
      ['bar', '不合格', CHART_COLORS.fail],
    ]);
    expect(ranking.legend?.data).toEqual(['优秀', '良好', '合格', '不合格']);
    expect((ranking.yAxis as { data: string[] }).data).toEqual(['自然资源局', '民政局', '市场监督管理局', '公安局']);
    for (const s of ranking.series) expect(s.data).toHaveLength(4);
    const bars = ranking.series.map((s) => s.data.map((d) => (d as { value: number } | null)?.value ?? null));
    expect(bars).toEqual([
      [null, null, null, 95],
      [null, null, 84.5, null],
      [null, 70, null, null],
      [41, null, null, null],
    ]);

    // radar: the first department against the city average, in % of each weight
    const radar = c['dashboard-radar'];
    expect(radar.series[0].type).toBe('radar');
    expect(radar.radar?.indicator.map((i) => i.name)).toEqual(['目录要素完整性（40）', '共享申请按时答复（40）', '违规扣分（20）']);
    expect((radar.series[0].data as { name: string; value: number[] }[]).map((d) => [d.name, d.value])).toEqual([
      ['朔州市公安局', [95, 92.5, 100]],
      ['全市平均', [76.3, 69.1, 72.5]],
    ]);

    // trends: overdue bars on the left axis, on-time rate line on the right, 12 months each
    const trends = c['dashboard-trends'];
    expect(trends.series.map((s) => [s.type, s.yAxisIndex, s.data.length])).toEqual([
      ['bar', 0, 12],
      ['line', 1, 12],
    ]);
    expect(trends.series[1].data.slice(10)).toEqual([90, null]);

    // heatmap: [month, department, count] cells, the colour scale up to the largest count
    const heatmap = c['dashboard-heatmap'];
    expect(heatmap.series[0].type).toBe('heatmap');
    expect(heatmap.series[0].data.map((d) => (d as { value: number[] }).value)).toEqual([
      [2, 0, 3],
      [2, 1, 1],
      [9, 1, 5],
    ]);
    expect(heatmap.visualMap?.max).toBe(5);

    // flows: provider → consumer pairs as sorted bars, the largest on top (the last category is drawn on top)
    const flows = c['dashboard-flows'];
    expect(flows.series[0].type).toBe('bar');
    expect((flows.yAxis as { data: string[] }).data).toEqual(['民政局 → 公安局', '公安局 → 市场监督管理局']);
    expect(flows.series[0].data.map((d) => (d as { value: number }).value)).toEqual([1, 4]);
  });

  it('drills from a bar into the breakdown and from a heatmap cell into the deadlines', async () => {
    const { w, router, charts } = mountDashboard();
    await flushPromises();
    const find = (test: string) => {
      const chart = w.findAllComponents(BaseChart).find((c) => c.attributes('data-test') === test);
      if (!chart) throw new Error(`no chart ${test}`);
      return chart;
    };

    const fail = (charts()['ranking-chart'].series[3].data[0] as { departmentId: number });
    find('ranking-chart').vm.$emit('click', { data: fail });
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/assessments/2025/departments/14?revision=2');

    const cell = charts()['dashboard-heatmap'].series[0].data[2];
    find('dashboard-heatmap').vm.$emit('click', { data: cell });
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('deadlines');
    expect(router.currentRoute.value.query).toEqual({ department: '14', state: 'all' });
  });

  it('says so when a year has no results yet', async () => {
    const { w, charts } = mountDashboard(null as never);
    await flushPromises();
    expect(Object.keys(charts()).sort()).toEqual(['dashboard-flows', 'dashboard-heatmap', 'dashboard-trends']);
    expect(w.text()).toContain('该年度尚未计算考核结果，排名暂缺');
  });
});
