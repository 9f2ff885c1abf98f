import { BarChart, LineChart, MapChart, PieChart } from 'echarts/charts';
import {
  DatasetComponent,
  GeoComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

// Only the parts of ECharts the app draws are registered: `import 'echarts'` would pull every chart
// type (~1 MB). This module is loaded lazily by echart.tsx, so pages without a chart never fetch it.
// A page that needs another chart type or component registers it here, in one place.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  MapChart,
  DatasetComponent,
  GeoComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
  CanvasRenderer,
]);

export { echarts };
