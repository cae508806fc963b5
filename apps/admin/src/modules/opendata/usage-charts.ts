/**
 * The trend of the 开放数据使用统计 page, built from the day-grouped statistics by a pure function (the view only
 * passes it to <BaseChart>). Views run an order of magnitude above downloads and calls, so they have their own axis.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { OpenUsageRowDto } from '@govdata/domain';
import { CHART_COLORS } from '../../plugins/chart-colors';

export function usageTrendOption(days: readonly OpenUsageRowDto[], names: { views: string; downloads: string; apiCalls: string }): EChartsCoreOption {
  const label = (day: string) => day.slice(5);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, left: 'center', data: [names.downloads, names.apiCalls, names.views] },
    grid: { left: 8, right: 8, top: 44, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: days.map((d) => label(d.key)), axisLabel: { fontSize: 11 } },
    yAxis: [
      { type: 'value', name: `${names.downloads} / ${names.apiCalls}`, nameTextStyle: { fontSize: 11, align: 'left' }, minInterval: 1, axisLabel: { fontSize: 11 } },
      { type: 'value', name: names.views, nameTextStyle: { fontSize: 11, align: 'right' }, minInterval: 1, axisLabel: { fontSize: 11 }, splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: names.downloads, stack: 'use', barMaxWidth: 14, itemStyle: { color: CHART_COLORS.series[0] }, data: days.map((d) => d.downloads) },
      { type: 'bar', name: names.apiCalls, stack: 'use', barMaxWidth: 14, itemStyle: { color: CHART_COLORS.series[2] }, data: days.map((d) => d.apiCalls) },
      { type: 'line', name: names.views, yAxisIndex: 1, symbol: 'none', lineStyle: { width: 2 }, itemStyle: { color: CHART_COLORS.series[1] }, data: days.map((d) => d.views) },
    ],
  };
}
