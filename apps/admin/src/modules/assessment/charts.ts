/**
 * ECharts options of the assessment pages, built from the wire DTOs by pure functions: views only pass them to
 * <BaseChart> (ECharts itself is registered once, in plugins/echarts.ts), and component tests can read them back.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { GRADE_LABELS, GRADES, type DashboardDto, type Grade } from '@govdata/analytics';
import { CHART_COLORS } from '../../plugins/chart-colors';

export const GRADE_COLORS: Record<Grade, string> = {
  excellent: CHART_COLORS.excellent,
  good: CHART_COLORS.good,
  pass: CHART_COLORS.pass,
  fail: CHART_COLORS.fail,
};

export interface RankedRow {
  department: { id?: number; code: string; name: string };
  total: number;
  grade: Grade;
  rank: number;
}

/** 机构全称 → 简称 for axis labels: 朔州市公安局 → 公安局. */
export const shortName = (name: string): string => name.replace(/^朔州市/, '').replace(/^人民政府/, '') || name;
/** Long names (中共朔州市委网络安全和信息化委员会办公室) clipped on a rotated axis; the tooltip has the full name. */
const clip = (label: string): string => (label.length > 9 ? `${label.slice(0, 8)}…` : label);

/** Up to this many departments the ranking reads best as horizontal bars (names on the axis); beyond, as columns. */
export const HORIZONTAL_RANKING_MAX = 15;

/**
 * Ranking bar chart coloured by grade: one bar series per grade (so the legend names 优秀/良好/合格/不合格 in their
 * colours), stacked on one category axis in rank order, the best first. Each bar's `departmentId` rides in its data
 * item for the drill-down click. A few departments: horizontal bars, best on top; many (43 in the city): columns.
 */
export function rankingOption(rows: readonly RankedRow[]): EChartsCoreOption {
  const horizontal = rows.length <= HORIZONTAL_RANKING_MAX;
  const sorted = [...rows].sort((a, b) => a.rank - b.rank || a.department.code.localeCompare(b.department.code));
  // a horizontal category axis runs bottom-up: reverse it so that the best is on top
  const ordered = horizontal ? [...sorted].reverse() : sorted;
  const categories = ordered.map((r) => shortName(r.department.name));
  const valueAxis = { type: 'value', min: 0, max: 100, name: '分' };
  const categoryAxis = horizontal
    ? { type: 'category', data: categories, axisLabel: { interval: 0, fontSize: 11 } }
    : { type: 'category', data: categories, axisLabel: { interval: 0, rotate: 50, fontSize: 11, formatter: clip } };
  return {
    tooltip: { trigger: 'item', formatter: (p: { data: { name: string; value: number; gradeLabel: string; rank: number } }) => `第 ${p.data.rank} 名 · ${p.data.name}<br/>${p.data.value.toFixed(2)} 分（${p.data.gradeLabel}）` },
    legend: { top: 0, data: GRADES.map((g) => GRADE_LABELS[g]) },
    grid: horizontal ? { left: 8, right: 40, top: 32, bottom: 8, containLabel: true } : { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: GRADES.map((g) => ({
      type: 'bar',
      name: GRADE_LABELS[g],
      stack: 'total',
      barMaxWidth: 18,
      itemStyle: { color: GRADE_COLORS[g] },
      label: { show: horizontal, position: 'right', formatter: (p: { value: number | null }) => (p.value == null ? '' : p.value.toFixed(1)) },
      data: ordered.map((r) =>
        r.grade === g
          ? { value: r.total, name: r.department.name, departmentId: r.department.id ?? null, gradeLabel: GRADE_LABELS[g], rank: r.rank }
          : null,
      ),
    })),
  };
}

export function rankingHeight(count: number): string {
  return count <= HORIZONTAL_RANKING_MAX ? `${Math.max(240, 60 + count * 26)}px` : '380px';
}

export interface RadarIndicator {
  id: string;
  name: string;
  weight: number;
  points: number;
  cityAverage: number;
}

/** Indicator points of a department against the city average, each as a % of its weight (so 25-point and 5-point indicators compare). */
export function radarOption(departmentName: string, indicators: readonly RadarIndicator[]): EChartsCoreOption {
  const pct = (points: number, weight: number) => (weight > 0 ? Math.round((points / weight) * 1000) / 10 : 0);
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, data: [departmentName, '全市平均'] },
    radar: { radius: '56%', center: ['50%', '48%'], indicator: indicators.map((i) => ({ name: `${i.name}（${i.weight}）`, max: 100 })), axisName: { color: '#4b5563', fontSize: 11 } },
    series: [
      {
        type: 'radar',
        data: [
          { name: departmentName, value: indicators.map((i) => pct(i.points, i.weight)), itemStyle: { color: CHART_COLORS.good }, areaStyle: { opacity: 0.2 } },
          { name: '全市平均', value: indicators.map((i) => pct(i.cityAverage, i.weight)), itemStyle: { color: CHART_COLORS.neutral }, lineStyle: { type: 'dashed' } },
        ],
      },
    ],
  };
}

const monthLabel = (m: string) => `${Number(m.slice(5, 7))}月`;

/** Monthly trends: on-time reply rate (line, right axis, %) and overdue deadlines (bars, left axis). */
export function trendsOption(monthly: DashboardDto['monthly']): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['逾期事项', '按时答复率'] },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: monthly.map((m) => monthLabel(m.month)) },
    yAxis: [
      { type: 'value', name: '件', minInterval: 1 },
      { type: 'value', name: '%', min: 0, max: 100, position: 'right' },
    ],
    series: [
      { type: 'bar', name: '逾期事项', yAxisIndex: 0, itemStyle: { color: CHART_COLORS.fail }, barMaxWidth: 22, data: monthly.map((m) => m.overdue) },
      {
        type: 'line',
        name: '按时答复率',
        yAxisIndex: 1,
        smooth: true,
        connectNulls: false,
        itemStyle: { color: CHART_COLORS.good },
        data: monthly.map((m) => (m.onTimeRate == null ? null : Math.round(m.onTimeRate * 1000) / 10)),
      },
    ],
  };
}

/** The heatmap shows this many departments, those with the most overdue items; the rest are one click away. */
export const HEATMAP_DEPARTMENTS = 12;

/** The departments of the heatmap worth a row: the `limit` with the most missed/overdue items (ties by name). */
export function heatmapRows(heatmap: DashboardDto['heatmap'], limit = HEATMAP_DEPARTMENTS): number[] {
  const totals = heatmap.departments.map((_, d) => heatmap.cells.filter((c) => c[0] === d).reduce((n, c) => n + c[2], 0));
  return heatmap.departments
    .map((_, d) => d)
    .sort((a, b) => totals[b] - totals[a] || heatmap.departments[a].name.localeCompare(heatmap.departments[b].name, 'zh-CN'))
    .slice(0, limit);
}

/**
 * Department × month heatmap of missed/overdue deadlines, for the `limit` departments with the most of them (the most
 * on top); each cell carries the department id for the click.
 */
export function heatmapOption(heatmap: DashboardDto['heatmap'], limit = HEATMAP_DEPARTMENTS): EChartsCoreOption {
  const rows = heatmapRows(heatmap, limit);
  // a category axis runs bottom-up: the last row is drawn on top
  const order = [...rows].reverse();
  const rowOf = new Map(order.map((d, i) => [d, i]));
  const cells = heatmap.cells.filter((c) => rowOf.has(c[0]));
  const max = cells.reduce((m, c) => Math.max(m, c[2]), 0);
  return {
    tooltip: {
      position: 'top',
      formatter: (p: { data: { value: [number, number, number]; departmentName: string } }) => `${p.data.departmentName} · ${monthLabel(heatmap.months[p.data.value[0]] ?? '')}<br/>逾期事项 ${p.data.value[2]} 件`,
    },
    grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: heatmap.months.map(monthLabel), splitArea: { show: true } },
    yAxis: { type: 'category', data: order.map((d) => shortName(heatmap.departments[d].name)), splitArea: { show: true }, axisLabel: { interval: 0, fontSize: 11, formatter: clip } },
    visualMap: { min: 0, max: Math.max(1, max), calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#fdecea', '#f4a29b', CHART_COLORS.fail] } },
    series: [
      {
        type: 'heatmap',
        name: '逾期事项',
        label: { show: true },
        // ECharts heatmap: [x = month, y = row, value]
        data: cells.map(([d, m, count]) => ({ value: [m, rowOf.get(d)!, count], departmentId: heatmap.departments[d]?.id ?? null, departmentName: heatmap.departments[d]?.name ?? '', month: heatmap.months[m] })),
      },
    ],
  };
}

export function heatmapHeight(departments: number, limit = HEATMAP_DEPARTMENTS): string {
  return `${Math.max(220, 90 + Math.min(departments, limit) * 26)}px`;
}

/** The flows chart shows this many provider → consumer pairs, the largest first. */
export const TOP_FLOWS = 12;

export interface Flow {
  provider: { id: number; name: string };
  consumer: { id: number; name: string };
  grants: number;
}

/** The largest provider → consumer flows of active grants (ties by provider, then consumer name). */
export function topFlows(network: DashboardDto['network'], limit = TOP_FLOWS): Flow[] {
  return network.links
    .map((l) => ({ provider: network.nodes[l.source], consumer: network.nodes[l.target], grants: l.grants }))
    .filter((f) => f.provider && f.consumer)
    .sort((a, b) => b.grants - a.grants || a.provider.name.localeCompare(b.provider.name, 'zh-CN') || a.consumer.name.localeCompare(b.consumer.name, 'zh-CN'))
    .slice(0, limit);
}

/**
 * 数据共享主要流向 — the top provider → consumer flows as a sorted bar list, the largest on top, each bar labelled
 * "提供部门 → 使用部门" and its count of active grants: what a leader reads at a glance, where the whole city's network
 * drew a tangle (issue 14).
 */
export function flowsOption(network: DashboardDto['network'], limit = TOP_FLOWS): EChartsCoreOption {
  const flows = topFlows(network, limit).reverse();
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { data: { providerName: string; consumerName: string; value: number } }) => `${p.data.providerName} → ${p.data.consumerName}<br/>有效授权 ${p.data.value} 项`,
    },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, name: '项' },
    yAxis: { type: 'category', data: flows.map((f) => `${shortName(f.provider.name)} → ${shortName(f.consumer.name)}`), axisLabel: { interval: 0, fontSize: 11 } },
    series: [
      {
        type: 'bar',
        name: '有效授权',
        barMaxWidth: 16,
        itemStyle: { color: CHART_COLORS.good },
        label: { show: true, position: 'right' },
        data: flows.map((f) => ({ value: f.grants, providerName: f.provider.name, consumerName: f.consumer.name, providerId: f.provider.id, consumerId: f.consumer.id })),
      },
    ],
  };
}

export function flowsHeight(count: number): string {
  return `${Math.max(200, 40 + Math.min(count, TOP_FLOWS) * 30)}px`;
}

/** ▲ 3.20 / ▼ 1.05 / — against last year. */
export function changeText(change: number | null): { text: string; tone: 'up' | 'down' | 'flat' } {
  if (change == null) return { text: '—', tone: 'flat' };
  if (Math.abs(change) < 0.005) return { text: '持平', tone: 'flat' };
  return change > 0 ? { text: `▲ ${change.toFixed(2)}`, tone: 'up' } : { text: `▼ ${Math.abs(change).toFixed(2)}`, tone: 'down' };
}

/** (in composables/format.ts, so that the home page's KPI cards do not load the assessment scheme and zod with this module) */
export { percent } from '../../composables/format';
