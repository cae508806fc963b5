/**
 * ECharts, registered once from `echarts/core` with only the charts and components the console uses: the lazy
 * chart chunk stays small (≈170 KB gzip instead of ≈700 KB for the full build). Views only pass options to
 * <BaseChart>, which loads this module when a chart first scrolls into view; nothing else imports echarts.
 */
import { use } from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, RadarChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, RadarComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

let registered = false;
export function registerCharts(): void {
  if (registered) return;
  use([
    BarChart,
    LineChart,
    RadarChart,
    HeatmapChart,
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

export { CHART_COLORS } from './chart-colors';
