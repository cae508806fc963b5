/**
 * ECharts options of the 调用记录 page, built from the stats DTO by pure functions (views only pass them to
 * <BaseChart>). Series names come translated from the page.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { CHART_COLORS } from '../../plugins/chart-colors';
import type { CallStats } from './api';

/** 朔州市公安局 → 公安局 for axis labels; the tooltip keeps the full name. */
const shortName = (name: string): string => name.replace(/^朔州市/, '') || name;

/** Calls per Shanghai day, answered and refused stacked (a refused call is evidence too, 第三十三条(六)(七)). */
export function perDayOption(perDay: CallStats['perDay'], names: { ok: string; refused: string }): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, right: 0, data: [names.ok, names.refused] },
    grid: { left: 8, right: 8, top: 28, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: perDay.map((d) => d.day.slice(5)), axisLabel: { fontSize: 11 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 11 } },
    series: [
      { type: 'bar', name: names.ok, stack: 'calls', barMaxWidth: 16, itemStyle: { color: CHART_COLORS.good }, data: perDay.map((d) => d.ok) },
      { type: 'bar', name: names.refused, stack: 'calls', barMaxWidth: 16, itemStyle: { color: CHART_COLORS.fail }, data: perDay.map((d) => d.refused) },
    ],
  };
}

/** The consumers with the most calls, most on top (at most `limit`). */
export function perDepartmentOption(perDepartment: CallStats['perDepartment'], limit = 8): EChartsCoreOption {
  const top = perDepartment.slice(0, limit).reverse();
  return {
    tooltip: { trigger: 'item', formatter: (p: { dataIndex: number; value: number }) => `${top[p.dataIndex].department}<br/>${p.value.toLocaleString('zh-CN')}` },
    grid: { left: 8, right: 48, top: 8, bottom: 4, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { show: false }, splitLine: { show: false } },
    yAxis: { type: 'category', data: top.map((d) => shortName(d.department)), axisLabel: { fontSize: 11 } },
    series: [{ type: 'bar', barMaxWidth: 14, itemStyle: { color: CHART_COLORS.series[0] }, label: { show: true, position: 'right', fontSize: 11 }, data: top.map((d) => d.calls) }],
  };
}

/** The figures over the charts: calls, answered, refused, success rate, consumers. */
export function callTotals(stats: CallStats): { total: number; ok: number; refused: number; rate: number | null; consumers: number } {
  const ok = stats.perDay.reduce((n, d) => n + d.ok, 0);
  const refused = stats.perDay.reduce((n, d) => n + d.refused, 0);
  const total = ok + refused;
  return { total, ok, refused, rate: total ? ok / total : null, consumers: stats.perDepartment.length };
}
