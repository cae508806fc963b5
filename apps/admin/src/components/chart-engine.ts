import VChart from 'vue-echarts';
import { registerCharts } from '../plugins/echarts';

/** ECharts and its Vue wrapper: the one module <BaseChart> loads, when a chart first comes into view. */
registerCharts();
export default VChart;
