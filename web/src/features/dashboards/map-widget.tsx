import type { Widget } from '@baocao/domain';
import { useQuery } from '@tanstack/react-query';
import { Spin } from 'antd';
import { useMemo } from 'react';
import { type AnalyticsAnswer, latestPeriodWithData } from './dashboards.api';
import { type ChartHandle, registerMap, WidgetChart } from './widget-chart';

/** The boundaries, fetched only when a map is shown (a static asset, cached by the browser). */
function useBoundaries(name: string) {
  return useQuery({
    queryKey: ['map-boundaries', name],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => {
      const response = await fetch(`/maps/${name}.geojson`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const geoJson = (await response.json()) as { features: { properties: { code: string; name: string } }[] };
      registerMap(name, geoJson);
      return geoJson;
    },
  });
}

/**
 * The values the map's colours span. With one value (a province's leader sees only their
 * province) ECharts would give every area, those without figures too, the middle colour of a
 * range of zero width: the range starts at 0 then, and has a width whatever the value.
 */
export function colourRange(values: number[]): { min: number; max: number } {
  if (values.length === 0) return { min: 0, max: 1 };
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (min < max) return { min, max };
  return min > 0 ? { min: 0, max } : { min, max: min + 1 };
}

/**
 * A choropleth of the provinces (today's 34, or the 63 former ones for earlier data): the
 * answer's units are matched to the boundaries by their GSO area code. A click on a province
 * drills down to its units.
 */
export function MapWidget({
  widget,
  answer,
  dark,
  handle,
  onDrill,
  language,
}: {
  widget: Widget;
  answer: AnalyticsAnswer;
  dark: boolean;
  handle: ChartHandle;
  onDrill: (unitId: number) => void;
  language: 'vi' | 'en';
}) {
  const name = widget.map ?? 'provinces-2025';
  const boundaries = useBoundaries(name);
  const field = widget.query!.fields[0]!;
  const option = useMemo(() => {
    if (!boundaries.data) return null;
    const last = latestPeriodWithData(answer, field);
    const byArea = new Map<string, { unitId: number; value: number | null; included: number; expected: number }>();
    for (const unit of answer.units) {
      if (!unit.areaCode) continue;
      const cell = answer.cells.find(
        (c) => c.unitId === unit.id && c.field === field && c.option === null && c.period === last,
      );
      byArea.set(unit.areaCode, {
        unitId: unit.id,
        value: typeof cell?.value === 'number' ? cell.value : null,
        included: cell?.included ?? 0,
        expected: cell?.expected ?? 0,
      });
    }
    const data = boundaries.data.features.map((f) => {
      const found = byArea.get(f.properties.code);
      return { name: f.properties.name, value: found?.value ?? null, unitId: found?.unitId, code: f.properties.code };
    });
    const values = data.map((d) => d.value).filter((v): v is number => v !== null);
    const { min, max } = colourRange(values);
    const label = answer.fields.find((f) => f.id === field)?.field.label[language] ?? field;
    const format = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: number }) =>
          `${p.name}<br/>${label}: ${Number.isFinite(p.value) ? format.format(p.value) : '—'}`,
      },
      visualMap: {
        min,
        max,
        left: 8,
        bottom: 8,
        calculable: true,
        itemHeight: 100,
        inRange: { color: ['#e6f0ff', '#6ea0e6', '#1456b8', '#08306b'] },
        textStyle: { color: dark ? '#ddd' : '#333' },
        formatter: (v: number) => format.format(v),
      },
      series: [
        {
          type: 'map',
          map: name,
          nameProperty: 'name',
          roam: true,
          label: { show: false },
          emphasis: { label: { show: true } },
          itemStyle: { borderColor: dark ? '#0b1220' : '#fff', borderWidth: 0.5, areaColor: dark ? '#2b3445' : '#eee' },
          data,
        },
      ],
    };
  }, [boundaries.data, answer, field, name, dark, language]);
  if (boundaries.isPending || !option) return <Spin />;
  return (
    <div style={{ height: '100%', minHeight: 280 }} data-testid={`map-${widget.id}`}>
      <WidgetChart
        option={option}
        dark={dark}
        handle={handle}
        onClick={(params) => {
          const datum = params.data as { unitId?: number } | null;
          if (datum?.unitId) onDrill(datum.unitId);
        }}
      />
    </div>
  );
}
