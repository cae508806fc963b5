/**
 * The console's chart palette — grades and states read the same on every chart. Apart from ECharts itself, so that
 * option builders (modules/assessment/charts.ts) and tags use it without loading the chart library.
 */
export const CHART_COLORS = {
  excellent: '#2e7d32',
  good: '#1d5fbf',
  pass: '#e6a23c',
  fail: '#c62828',
  neutral: '#909399',
  series: ['#1d5fbf', '#e6a23c', '#2e7d32', '#c62828', '#7b5ea7', '#0097a7', '#8d6e63'],
};
