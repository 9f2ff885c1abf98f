/**
 * Charts of generated reports, drawn by Apache ECharts on the server (SVG, no canvas), the same
 * library the dashboards use in the browser.
 */

import { formatNumberVi } from '@baocao/domain';
import * as echarts from 'echarts';
import type { DocumentContent } from './document-content';

export const CHART_FONT_FAMILY = 'DejaVu Serif';

/** One chart of a report as an SVG document of `width` × `height` pixels. */
export function chartSvg(chart: DocumentContent['charts'][number], width: number, height: number): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    instance.setOption({
      animation: false,
      textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: 9 },
      // containLabel keeps the axis labels inside, but not the part of the first rotated category
      // label that leans out to the left of the axis: the left margin leaves room for it.
      grid: { left: 40, right: 16, top: 24, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: chart.categories,
        axisLabel: { rotate: chart.type === 'bar' ? 40 : 30, fontSize: 8, fontFamily: CHART_FONT_FAMILY },
      },
      yAxis: {
        type: 'value',
        name: chart.unitOfMeasure ?? '',
        nameTextStyle: { fontFamily: CHART_FONT_FAMILY },
        axisLabel: { formatter: (v: number) => formatNumberVi(v, 1), fontSize: 9, fontFamily: CHART_FONT_FAMILY },
      },
      series: [
        {
          type: chart.type,
          data: chart.values,
          itemStyle: { color: '#1f4e9c' },
          lineStyle: { width: 2 },
          label:
            chart.type === 'bar'
              ? { show: false }
              : { show: true, fontSize: 8, formatter: (p: { value: number }) => formatNumberVi(p.value, 0) },
        },
      ],
    });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}
