/**
 * Loads ECharts (the `echarts` chunk, ≈200 KB) once. <BaseChart> waits for it when a chart comes into view; a page
 * made of charts (the leadership dashboard) starts it together with its data request, so that the charts draw as soon
 * as the data is there.
 */
let engine: Promise<typeof import('./chart-engine')> | null = null;
export function loadChartEngine(): Promise<typeof import('./chart-engine')> {
  engine ??= import('./chart-engine').catch((e: unknown) => {
    engine = null;
    throw e;
  });
  return engine;
}
