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

/** Department × month heatmap of missed/overdue deadlines; each cell carries the department id for the click. */
export function heatmapOption(heatmap: DashboardDto['heatmap']): EChartsCoreOption {
  const max = heatmap.cells.reduce((m, c) => Math.max(m, c[2]), 0);
  return {
    tooltip: {
      position: 'top',
      formatter: (p: { data: { value: [number, number, number] } }) =>
        `${heatmap.departments[p.data.value[1]]?.name ?? ''} · ${monthLabel(heatmap.months[p.data.value[0]] ?? '')}<br/>逾期事项 ${p.data.value[2]} 件`,
    },
    grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: heatmap.months.map(monthLabel), splitArea: { show: true } },
    yAxis: { type: 'category', data: heatmap.departments.map((d) => shortName(d.name)), splitArea: { show: true }, axisLabel: { interval: 0, fontSize: 11, formatter: clip } },
    visualMap: { min: 0, max: Math.max(1, max), calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#fdecea', '#f4a29b', CHART_COLORS.fail] } },
    series: [
      {
        type: 'heatmap',
        name: '逾期事项',
        label: { show: true },
        // ECharts heatmap: [x = month, y = department, value]
        data: heatmap.cells.map(([d, m, count]) => ({ value: [m, d, count], departmentId: heatmap.departments[d]?.id ?? null, month: heatmap.months[m] })),
      },
    ],
  };
}

export function heatmapHeight(departments: number): string {
  return `${Math.max(220, 90 + departments * 24)}px`;
}

/**
 * Sharing network: provider → consumer by active grants, edge width by grants. A few departments: force layout; the
 * whole city (dozens of departments, hundreds of grants): a circle, which stays readable where force makes a hairball.
 */
export function networkOption(network: DashboardDto['network']): EChartsCoreOption {
  const degree = new Map<number, number>();
  for (const l of network.links) {
    degree.set(l.source, (degree.get(l.source) ?? 0) + l.grants);
    degree.set(l.target, (degree.get(l.target) ?? 0) + l.grants);
  }
  const maxGrants = network.links.reduce((m, l) => Math.max(m, l.grants), 1);
  return {
    tooltip: {
      formatter: (p: { dataType: string; data: { name?: string; grants?: number; sourceName?: string; targetName?: string } }) =>
        p.dataType === 'edge' ? `${p.data.sourceName} → ${p.data.targetName}<br/>有效授权 ${p.data.grants} 项` : (p.data.name ?? ''),
    },
    series: [
      {
        type: 'graph',
        layout: network.nodes.length > 15 ? 'circular' : 'force',
        circular: { rotateLabel: true },
        // room around the circle for the rotated names
        top: 70,
        bottom: 70,
        left: 90,
        right: 90,
        roam: true,
        force: { repulsion: 220, edgeLength: [60, 160] },
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 6,
        emphasis: { focus: 'adjacency', lineStyle: { opacity: 0.9 } },
        label: { show: true, position: 'right', fontSize: 10 },
        data: network.nodes.map((n, i) => ({
          id: String(i),
          name: shortName(n.name),
          departmentId: n.id,
          symbolSize: 8 + Math.min(24, Math.sqrt(degree.get(i) ?? 0) * 3),
          itemStyle: { color: CHART_COLORS.series[i % CHART_COLORS.series.length] },
        })),
        links: network.links.map((l) => ({
          source: String(l.source),
          target: String(l.target),
          grants: l.grants,
          sourceName: network.nodes[l.source]?.name,
          targetName: network.nodes[l.target]?.name,
          lineStyle: { width: 0.5 + (l.grants / maxGrants) * 4, opacity: network.links.length > 60 ? 0.25 : 0.6, curveness: 0.2, color: 'source' },
        })),
      },
    ],
  };
}

/** ▲ 3.20 / ▼ 1.05 / — against last year. */
export function changeText(change: number | null): { text: string; tone: 'up' | 'down' | 'flat' } {
  if (change == null) return { text: '—', tone: 'flat' };
  if (Math.abs(change) < 0.005) return { text: '持平', tone: 'flat' };
  return change > 0 ? { text: `▲ ${change.toFixed(2)}`, tone: 'up' } : { text: `▼ ${Math.abs(change).toFixed(2)}`, tone: 'down' };
}

export const percent = (rate: number | null | undefined, digits = 1): string => (rate == null ? '—' : `${(rate * 100).toFixed(digits)}%`);
