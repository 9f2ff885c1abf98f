import { DownloadOutlined } from '@ant-design/icons';
import {
  type ComplianceBoard,
  type ConsolidationView,
  parsePeriod,
  periodLabel,
  type RegimeDetail,
  type Widget,
} from '@baocao/domain';
import type { Static } from '@sinclair/typebox';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Dropdown, Empty, Spin, Table, Typography } from 'antd';
import { type ReactNode, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, queryString } from '../../api/client';
import { formatDate } from '../../i18n/format';
import { languageOf } from '../../reporting/report-labels';
import { useMe } from '../auth/session';
import {
  type AnalyticsAnswer,
  type AnalyticsCell,
  type BoardFilters,
  boardDataQueryKey,
  latestPeriodWithData,
  overallOf,
  periodRange,
  todayInVietnam,
  useWidgetData,
} from './dashboards.api';
import { MapWidget } from './map-widget';
import { TasksWidget } from './tasks-widget';
import { type ChartHandle, type ChartOption, WidgetChart } from './widget-chart';
import { downloadCsv, downloadPng, downloadXlsx, type Table as ExportTable } from './widget-export';

const numberVi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
export const formatNumber = (value: unknown) => (typeof value === 'number' ? numberVi.format(value) : '—');

/** Where a number of the answer comes from: the consolidation page of that unit, form and period (its drill-down lists the source reports). */
export function sourceLink(field: string, unitId: number, period: string): string {
  const formId = field.split(':')[0];
  return `/consolidation${queryString({ unitId, formId, period })}`;
}

/** A widget's data as a table (for CSV and XLSX): one row per unit and period, one column per field. */
export function tableOf(answer: AnalyticsAnswer, language: 'vi' | 'en'): ExportTable {
  const units = new Map(answer.units.map((u) => [u.id, u]));
  const fields = answer.fields;
  const header = ['Mã đơn vị', 'Đơn vị', 'Kỳ', ...fields.map((f) => f.field.label[language])];
  const rows = new Map<string, (string | number | null)[]>();
  for (const cell of answer.cells) {
    if (cell.option !== null) continue;
    const key = `${cell.unitId}|${cell.period}`;
    const unit = units.get(cell.unitId);
    const row = rows.get(key) ?? [unit?.code ?? '', unit?.name ?? '', cell.period, ...fields.map(() => null)];
    const index = fields.findIndex((f) => f.id === cell.field);
    row[3 + index] = typeof cell.value === 'number' ? cell.value : cell.value === null ? null : String(cell.value);
    rows.set(key, row);
  }
  return { header, rows: [...rows.values()] };
}

function lastPeriodCells(answer: AnalyticsAnswer, field: string): AnalyticsCell[] {
  const last = latestPeriodWithData(answer, field);
  const parent = answer.totals.length === 0 ? answer.units[0]?.id : undefined;
  return answer.cells.filter((c) => c.field === field && c.option === null && c.period === last && c.unitId !== parent);
}

function KpiTile({ widget, answer, dark }: { widget: Widget; answer: AnalyticsAnswer; dark: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const field = widget.query!.fields[0]!;
  const overall = overallOf(answer, field);
  const latest = latestPeriodWithData(answer, field);
  const index = overall.findIndex((c) => c.period === latest);
  const current = overall[index];
  const previous = index > 0 ? overall[index - 1] : undefined;
  const value = typeof current?.value === 'number' ? current.value : null;
  const before = typeof previous?.value === 'number' ? previous.value : null;
  const change = value !== null && before !== null && before !== 0 ? (value - before) / Math.abs(before) : null;
  // A unit-and-children answer's figure is its first unit's (the parent): a click opens its sources.
  const unit = answer.totals.length === 0 || answer.units.length === 1 ? answer.units[0] : null;
  return (
    <div className="kpi-tile" data-testid={`kpi-${widget.id}`}>
      <button
        type="button"
        className="kpi-value"
        style={{ color: dark ? '#fff' : undefined }}
        data-testid={`kpi-value-${widget.id}`}
        onClick={() => unit && current && void navigate(sourceLink(field, unit.id, current.period))}
      >
        {formatNumber(value)}
      </button>
      {change !== null && (
        <div className={change >= 0 ? 'kpi-up' : 'kpi-down'}>
          {change >= 0 ? '▲' : '▼'} {numberVi.format(Math.abs(change) * 100)}% {t('dashboards.widget.change')}
        </div>
      )}
      {widget.target !== undefined && (
        <div className="kpi-target">
          {t('dashboards.widget.target')}: {formatNumber(widget.target)}
          {value !== null && ` (${numberVi.format((value / widget.target) * 100)}%)`}
        </div>
      )}
      {current && (
        <Typography.Text type="secondary" style={{ color: dark ? '#bbb' : undefined }}>
          {t('dashboards.widget.included', { included: current.included, expected: current.expected })}
        </Typography.Text>
      )}
    </div>
  );
}

function chartOption(widget: Widget, answer: AnalyticsAnswer, language: 'vi' | 'en'): ChartOption {
  const fields = widget.query!.fields;
  const plain = (id: string) => answer.fields.find((f) => f.id === id)?.field.label[language] ?? id;
  // Fields of several forms often share a label ("people paid" on B03, B04, B05): name the form then.
  const shared = new Set(fields.map(plain)).size < fields.length;
  const label = (id: string) => {
    const info = answer.fields.find((f) => f.id === id);
    return shared && info ? `${info.form.code} · ${plain(id)}` : plain(id);
  };
  if (widget.type === 'line')
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      // Periods as people write them: days as their date (15/07/2021), the others by name (Tháng 7/2021).
      xAxis: {
        type: 'category',
        data: answer.periods.map((p) =>
          parsePeriod(p.id).type === 'day' ? formatDate(p.start) : periodLabel(p.id, language),
        ),
      },
      yAxis: { type: 'value' },
      series: fields.map((field) => ({
        name: label(field),
        type: 'line',
        smooth: true,
        data: answer.periods.map((p) => overallOf(answer, field).find((c) => c.period === p.id)?.value ?? null),
      })),
    };
  const field = fields[0]!;
  let cells = lastPeriodCells(answer, field).filter((c) => typeof c.value === 'number');
  cells.sort((a, b) => (b.value as number) - (a.value as number));
  if (widget.rank) {
    if (widget.rank.order === 'bottom') cells.reverse();
    cells = cells.slice(0, widget.rank.limit);
  }
  const names = new Map(answer.units.map((u) => [u.id, u.name]));
  if (widget.type === 'pie') {
    const latest = latestPeriodWithData(answer, field);
    const parent = answer.totals.length === 0 ? answer.units[0]?.id : undefined;
    const options = answer.cells.filter(
      (c) =>
        c.field === field && c.option !== null && c.period === latest && (parent === undefined || c.unitId === parent),
    );
    const data = (
      options.length > 0
        ? options.map((c) => ({ name: c.option!, value: c.value }))
        : fields.map((f) => ({
            name: label(f),
            value: overallOf(answer, f).find((c) => c.period === latest)?.value ?? null,
            ...(parent !== undefined ? { unitId: parent, period: latest, field: f } : {}),
          }))
    ).filter((d) => typeof d.value === 'number');
    return {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0, type: 'scroll' },
      // Parts that are all zero draw no ring (ECharts would split it evenly among them).
      series: [{ type: 'pie', radius: ['35%', '65%'], stillShowZeroSum: false, data }],
    };
  }
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { hideOverlap: true } },
    yAxis: {
      type: 'category',
      inverse: true,
      // "UBND tỉnh Thanh Hóa" → "Thanh Hóa": the bars keep their room.
      data: cells.map((c) =>
        (names.get(c.unitId) ?? String(c.unitId)).replace(/^UBND (tỉnh|thành phố|xã|phường) /, ''),
      ),
    },
    series: [
      {
        name: label(field),
        type: 'bar',
        data: cells.map((c) => ({ value: c.value, unitId: c.unitId, period: c.period, field: c.field })),
      },
    ],
  };
}

function PivotTable({ widget, answer, language }: { widget: Widget; answer: AnalyticsAnswer; language: 'vi' | 'en' }) {
  const rowsBy = widget.pivot?.rows ?? 'unit';
  const columnsBy = widget.pivot?.columns ?? 'period';
  const unitName = new Map(answer.units.map((u) => [String(u.id), u.name]));
  const fieldName = new Map(answer.fields.map((f) => [f.id, f.field.label[language]]));
  const keyOf = (cell: AnalyticsCell, by: string) =>
    by === 'unit'
      ? String(cell.unitId)
      : by === 'period'
        ? cell.period
        : by === 'field'
          ? cell.field
          : (cell.option ?? '∑');
  const nameOf = (key: string, by: string) =>
    by === 'unit'
      ? (unitName.get(key) ?? key)
      : by === 'field'
        ? (fieldName.get(key) ?? key)
        : by === 'period'
          ? periodLabel(key, language)
          : key;
  // A unit-and-children answer lists the parent first: its figure is the children's total, not a row.
  const parent = answer.totals.length === 0 && answer.units.length > 1 ? answer.units[0]?.id : undefined;
  // Without periods on an axis the table shows the newest period with figures (a month still open has none).
  const byPeriod = rowsBy === 'period' || columnsBy === 'period';
  const latest = byPeriod ? undefined : latestPeriodWithData(answer, answer.fields[0]?.id ?? '');
  const cells = answer.cells.filter(
    (c) =>
      c.unitId !== parent &&
      (latest === undefined || c.period === latest) &&
      (rowsBy === 'option' || columnsBy === 'option' ? true : c.option === null),
  );
  const rowKeys = [...new Set(cells.map((c) => keyOf(c, rowsBy)))];
  const columnKeys = [...new Set(cells.map((c) => keyOf(c, columnsBy)))];
  const sums = new Map<string, number>();
  for (const cell of cells)
    if (typeof cell.value === 'number') {
      const key = `${keyOf(cell, rowsBy)}|${keyOf(cell, columnsBy)}`;
      sums.set(key, (sums.get(key) ?? 0) + cell.value);
    }
  const data = rowKeys.map((row) => {
    const record: Record<string, string | number> = { key: row, name: nameOf(row, rowsBy) };
    let total = 0;
    for (const column of columnKeys) {
      const value = sums.get(`${row}|${column}`);
      if (value !== undefined) {
        record[column] = value;
        total += value;
      }
    }
    record.__total = total;
    return record;
  });
  const columnTotal = (column: string) =>
    data.reduce((s, r) => s + (typeof r[column] === 'number' ? (r[column] as number) : 0), 0);
  return (
    <Table
      size="small"
      pagination={false}
      scroll={{ x: true, y: 260 }}
      dataSource={data}
      columns={[
        { title: '', dataIndex: 'name', fixed: 'left' },
        ...columnKeys.map((column) => ({
          title: nameOf(column, columnsBy),
          dataIndex: column,
          align: 'right' as const,
          render: formatNumber,
        })),
        { title: '∑', dataIndex: '__total', align: 'right' as const, render: formatNumber },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>∑</Table.Summary.Cell>
          {columnKeys.map((column, i) => (
            <Table.Summary.Cell key={column} index={i + 1} align="right">
              {formatNumber(columnTotal(column))}
            </Table.Summary.Cell>
          ))}
          <Table.Summary.Cell index={columnKeys.length + 1} align="right">
            {formatNumber(columnTotal('__total'))}
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

function ComplianceWidget({ widget, filters, dark }: { widget: Widget; filters: BoardFilters; dark: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const language = languageOf(i18n.language);
  const query = useQuery({
    queryKey: [...boardDataQueryKey, 'compliance', widget.regimeId, filters],
    queryFn: async ({ signal }) => {
      // The regime's period holding the filter date: ask for the day's, week's … board in turn.
      const regime = await api<{ definition: { frequency?: string } }>(`/regimes/${widget.regimeId}`, { signal });
      const type = (regime.definition.frequency ?? 'day') as Parameters<typeof periodRange>[0];
      const { to } = periodRange(type, 1, filters.date);
      return api<ComplianceBoard>(
        `/compliance/board${queryString({ regimeId: widget.regimeId, periodId: to, unitId: filters.unitId ?? undefined })}`,
        { signal },
      );
    },
  });
  if (query.isPending) return <Spin />;
  if (query.isError)
    return <Alert type="error" showIcon message={t('dashboards.widget.error')} description={query.error.message} />;
  const board = query.data;
  const { counts, expected, reported } = board.totals;
  const share = expected > 0 ? reported / expected : 0;
  return (
    <div className="compliance-widget" data-testid={`compliance-${widget.id}`}>
      <div
        className="kpi-value"
        data-testid={`compliance-value-${widget.id}`}
        style={{ color: dark ? '#fff' : undefined }}
      >
        {reported}/{expected}
      </div>
      <div>
        {board.period.label[language]} · {numberVi.format(share * 100)}% {t('dashboards.widget.reported').toLowerCase()}
      </div>
      <div className="compliance-counts">
        <span className="kpi-up">
          {t('dashboards.widget.onTime')}: {counts.on_time}
        </span>
        <span>
          {t('dashboards.widget.late')}: {counts.late}
        </span>
        <span className="kpi-down">
          {t('dashboards.widget.missing')}: {counts.missing + counts.overdue}
        </span>
      </div>
      <Button
        size="small"
        type="link"
        style={{ alignSelf: 'flex-start', paddingInline: 0 }}
        onClick={() =>
          void navigate(`/compliance${queryString({ regimeId: widget.regimeId, period: board.period.id })}`)
        }
      >
        {t('dashboards.widget.openCompliance')}
      </Button>
    </div>
  );
}

type CrossCheckRow = Static<typeof ConsolidationView>['crossChecks'][number] & { formId: number; formCode: string };

/**
 * The cross-source discrepancies of a regime (e.g. the treasury's disbursements against the
 * amounts the paying agencies report) on the filter unit's (default: the viewer's) consolidated
 * figures of the regime's period holding the filter date: the consolidation view's own
 * evaluation, form by form; a click opens that consolidation page.
 */
function CrossCheckWidget({ widget, filters, dark }: { widget: Widget; filters: BoardFilters; dark: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const language = languageOf(i18n.language);
  const me = useMe();
  const unitId = filters.unitId ?? me.data?.unit.id ?? null;
  const query = useQuery({
    queryKey: [...boardDataQueryKey, 'crosscheck', widget.regimeId, unitId, filters.date],
    enabled: unitId !== null,
    queryFn: async ({ signal }) => {
      const regime = await api<Static<typeof RegimeDetail>>(`/regimes/${widget.regimeId}`, { signal });
      const type = (regime.definition.frequency ?? 'day') as Parameters<typeof periodRange>[0];
      const { to: period } = periodRange(type, 1, filters.date);
      const views = await Promise.all(
        regime.forms
          .filter((f) => f.publishedVersion !== null)
          .map(async (form) => {
            // A form the unit does not consolidate answers an error: it has nothing to compare.
            const view = await api<Static<typeof ConsolidationView>>(
              `/consolidation${queryString({ unitId: unitId!, formId: form.id, period })}`,
              { signal },
            ).catch(() => null);
            return (view?.crossChecks ?? []).map((c) => ({ ...c, formId: form.id, formCode: form.code }));
          }),
      );
      return { period, checks: views.flat() as CrossCheckRow[] };
    },
  });
  if (query.isPending) return <Spin />;
  if (query.isError)
    return <Alert type="error" showIcon message={t('dashboards.widget.error')} description={query.error.message} />;
  const { period, checks } = query.data;
  const compared = checks.filter((c) => c.status !== 'skipped');
  const failing = checks.filter((c) => c.status === 'fail');
  return (
    <div className="compliance-widget" data-testid={`crosscheck-${widget.id}`}>
      <div
        className={`kpi-value ${failing.length > 0 ? 'kpi-down' : 'kpi-up'}`}
        data-testid={`crosscheck-value-${widget.id}`}
        style={{ color: dark && failing.length === 0 ? '#fff' : undefined }}
      >
        {failing.length}/{compared.length}
      </div>
      <div>{t('dashboards.widget.crossFailing', { period: periodLabel(period, language) })}</div>
      {failing.slice(0, 5).map((c) => (
        <Button
          key={`${c.formId}-${c.code}`}
          size="small"
          type="link"
          style={{ alignSelf: 'flex-start', paddingInline: 0, whiteSpace: 'normal', textAlign: 'left', height: 'auto' }}
          onClick={() => void navigate(`/consolidation${queryString({ unitId: unitId!, formId: c.formId, period })}`)}
        >
          {c.formCode}: {c.message[language] || c.message.vi} ({formatNumber(c.left)} / {formatNumber(c.right)})
        </Button>
      ))}
    </div>
  );
}

function DataWidget({
  widget,
  filters,
  dark,
  onDrill,
  handle,
  setExport,
}: {
  widget: Widget;
  filters: BoardFilters;
  dark: boolean;
  onDrill: (unitId: number) => void;
  handle: ChartHandle;
  setExport: (table: ExportTable | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const language = languageOf(i18n.language);
  const data = useWidgetData(widget, filters);
  const answer = data.data;
  const option = useMemo(
    () =>
      answer && widget.type !== 'kpi' && widget.type !== 'pivot' && widget.type !== 'map'
        ? chartOption(widget, answer, language)
        : null,
    [answer, widget, language],
  );
  setExport(answer ? tableOf(answer, language) : null);
  if (data.isPending) return <Spin />;
  if (data.isError)
    return <Alert type="error" showIcon message={t('dashboards.widget.error')} description={data.error.message} />;
  if (!answer || answer.cells.length === 0) return <Empty description={t('dashboards.widget.noData')} />;
  // A chart without a single figure says so; a tile and a table still show what is included ("0/1").
  const charted = widget.type !== 'kpi' && widget.type !== 'pivot';
  if (charted && !answer.cells.some((c) => typeof c.value === 'number'))
    return <Empty description={t('dashboards.widget.noData')} />;
  if (widget.type === 'kpi') return <KpiTile widget={widget} answer={answer} dark={dark} />;
  if (widget.type === 'pivot') return <PivotTable widget={widget} answer={answer} language={language} />;
  if (widget.type === 'map')
    return (
      <MapWidget widget={widget} answer={answer} dark={dark} handle={handle} onDrill={onDrill} language={language} />
    );
  return (
    <WidgetChart
      option={option!}
      dark={dark}
      handle={handle}
      onClick={(params) => {
        const datum = params.data as { unitId?: number; period?: string; field?: string } | null;
        if (datum?.unitId && datum.period)
          void navigate(sourceLink(datum.field ?? widget.query!.fields[0]!, datum.unitId, datum.period));
      }}
    />
  );
}

/** One widget in its card, with its exports (PNG for charts, CSV and XLSX for data). */
export function BoardWidget({
  widget,
  filters,
  dark = false,
  onDrill,
}: {
  widget: Widget;
  filters: BoardFilters;
  dark?: boolean;
  onDrill: (unitId: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const handle: ChartHandle = useRef(null);
  const exportTable = useRef<ExportTable | null>(null);
  const name = `${widget.id}-${filters.date || todayInVietnam()}`;
  let body: ReactNode;
  if (widget.type === 'text')
    body = (
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', color: dark ? '#ddd' : undefined }}>
        {widget.text?.[language] || widget.text?.vi}
      </Typography.Paragraph>
    );
  else if (widget.type === 'compliance') body = <ComplianceWidget widget={widget} filters={filters} dark={dark} />;
  else if (widget.type === 'crosscheck') body = <CrossCheckWidget widget={widget} filters={filters} dark={dark} />;
  else if (widget.type === 'tasks') body = <TasksWidget widget={widget} filters={filters} dark={dark} />;
  else
    body = (
      <DataWidget
        widget={widget}
        filters={filters}
        dark={dark}
        onDrill={onDrill}
        handle={handle}
        setExport={(table) => {
          exportTable.current = table;
        }}
      />
    );
  const menu = [
    { key: 'png', label: t('dashboards.widget.exportPng') },
    { key: 'csv', label: t('dashboards.widget.exportCsv') },
    { key: 'xlsx', label: t('dashboards.widget.exportXlsx') },
  ];
  const exportAs = (key: string) => {
    if (key === 'png' && handle.current)
      downloadPng(
        handle.current.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: dark ? '#111a2c' : '#fff' }),
        name,
      );
    else if (key === 'csv' && exportTable.current) downloadCsv(exportTable.current, name);
    else if (key === 'xlsx' && exportTable.current) void downloadXlsx(exportTable.current, name);
  };
  return (
    <Card
      size="small"
      className={`board-widget board-widget-${widget.type}`}
      title={widget.title[language] || widget.title.vi}
      data-widget={widget.id}
      style={{ height: '100%', display: 'flex', flexDirection: 'column' }}
      styles={{ body: { flex: 1, minHeight: 0, overflow: 'auto' } }}
      extra={
        widget.query ? (
          <Dropdown menu={{ items: menu, onClick: ({ key }) => exportAs(key) }} trigger={['click']}>
            <Button
              size="small"
              type="text"
              icon={<DownloadOutlined />}
              aria-label={t('dashboards.widget.exportCsv')}
            />
          </Dropdown>
        ) : null
      }
    >
      {body}
    </Card>
  );
}
