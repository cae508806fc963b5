/**
 * ECharts, registered once from `echarts/core` with only the charts and components the console uses: the lazy
 * chart chunk stays small (≈170 KB gzip instead of ≈700 KB for the full build). Views only pass options to
 * <BaseChart>; nothing else imports echarts.
 */
import { use } from 'echarts/core';
import { BarChart, GraphChart, HeatmapChart, LineChart, PieChart, RadarChart, SankeyChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, RadarComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

let registered = false;
export function registerCharts(): void {
  if (registered) return;
  use([
    BarChart,
    LineChart,
    PieChart,
    RadarChart,
    HeatmapChart,
    GraphChart,
    SankeyChart,
    GridComponent,
    TooltipComponent,
    LegendComponent,
    TitleComponent,
    VisualMapComponent,
    RadarComponent,
    DataZoomComponent,
    MarkLineComponent,
    CanvasRenderer,
  ]);
  registered = true;
}

/** The console's palette: grades and states read the same on every chart. */
export const CHART_COLORS = {
  excellent: '#2e7d32',
  good: '#1d5fbf',
  pass: '#e6a23c',
  fail: '#c62828',
  neutral: '#909399',
  series: ['#1d5fbf', '#e6a23c', '#2e7d32', '#c62828', '#7b5ea7', '#0097a7', '#8d6e63'],
};
