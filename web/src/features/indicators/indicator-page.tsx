import type { IndicatorSeries, IndicatorVintage } from '@baocao/domain';
import { indicatorVintages } from '@baocao/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { languageOf } from '../../reporting/report-labels';
import { useSignedInMe } from '../auth/session';
import { type ChartOption, WidgetChart } from '../dashboards/widget-chart';
import { useEnterIndicatorValues, useIndicator, useIndicatorSeries } from './indicators.api';

const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const date = (iso: string) =>
  new Intl.DateTimeFormat('vi-VN', { timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
const vintageColor: Record<IndicatorVintage, string> = { preliminary: 'orange', revised: 'blue', official: 'green' };

function seriesOption(series: IndicatorSeries, labels: { latest: string; first: string }): ChartOption {
  const periods = series.points.map((p) => p.period);
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? number.format(v) : '–') },
    legend: { data: [labels.latest, labels.first], bottom: 0 },
    grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: periods },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => number.format(v) } },
    series: [
      { name: labels.latest, type: 'line', smooth: false, data: series.points.map((p) => p.value), symbolSize: 6 },
      {
        // The first release of each period: the gap to the line above is how much it was revised.
        name: labels.first,
        type: 'line',
        lineStyle: { type: 'dashed', width: 1 },
        symbol: 'emptyCircle',
        data: series.points.map((p) => p.history[0]?.value ?? null),
      },
    ],
  };
}

/** An indicator: its definition, the chart of its series (latest vintage, first release), releases, and entry. */
export function IndicatorPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const id = Number(useParams().id);
  const [search] = useSearchParams();
  const unitParam = search.get('unitId');
  const indicator = useIndicator(id);
  const series = useIndicatorSeries(id, unitParam ? Number(unitParam) : null);
  const item = indicator.data;
  const option = useMemo(
    () =>
      series.data
        ? seriesOption(series.data, { latest: t('indicators.latest'), first: t('indicators.vintages.preliminary') })
        : null,
    [series.data, t],
  );
  const points = [...(series.data?.points ?? [])].reverse();
  return (
    <>
      <PageHeader
        title={item ? item.name[language] || item.name.vi : t('indicators.title')}
        description={<Link to="/indicators">← {t('indicators.back')}</Link>}
      />
      {indicator.isError && <ErrorAlert error={indicator.error} />}
      {series.isError && <ErrorAlert error={series.error} />}
      {item && (
        <Card style={{ marginBottom: 16 }}>
          {item.isDemo && (
            <Alert type="warning" showIcon message={t('indicators.demoNote')} style={{ marginBottom: 16 }} />
          )}
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t('indicators.code')}>
              <code>{item.code}</code>
            </Descriptions.Item>
            <Descriptions.Item label={t('indicators.area')}>
              {t(`indicators.areas.${item.area}` as 'indicators.areas.growth')}
            </Descriptions.Item>
            <Descriptions.Item label={t('indicators.frequency')}>
              {t(`indicators.frequencies.${item.frequency}` as 'indicators.frequencies.year')}
            </Descriptions.Item>
            <Descriptions.Item label={t('indicators.unitOfMeasure')}>{item.unitOfMeasure}</Descriptions.Item>
            <Descriptions.Item label={t('indicators.source')}>
              {t(`indicators.sources.${item.source}` as 'indicators.sources.direct')}
            </Descriptions.Item>
            <Descriptions.Item label={t('indicators.agencies')}>
              {item.agencies
                .map((a) => `${a.agency} (${t('indicators.from', { date: date(a.validFrom) })})`)
                .join('; ')}
            </Descriptions.Item>
            {series.data && <Descriptions.Item label={t('indicators.unit')}>{series.data.unit.name}</Descriptions.Item>}
          </Descriptions>
        </Card>
      )}
      <Card title={t('indicators.series')} style={{ marginBottom: 16 }} loading={series.isPending}>
        {series.data && series.data.points.length === 0 ? (
          <Empty description={t('indicators.noValues')} />
        ) : (
          option && (
            <div style={{ height: 320 }} data-testid="indicator-chart">
              <WidgetChart option={option} />
            </div>
          )
        )}
      </Card>
      {item?.source === 'direct' && series.data && <EntryCard id={id} unitId={series.data.unit.id} />}
      <Card title={t('indicators.history')}>
        <Table
          rowKey="period"
          size="small"
          dataSource={points}
          pagination={{ pageSize: 12, hideOnSinglePage: true }}
          scroll={{ x: true }}
          expandable={{
            rowExpandable: (row) => row.history.length > 1,
            expandedRowRender: (row) => (
              <Space wrap>
                {row.history.map((h) => (
                  <Tag key={`${h.vintage}${h.releasedOn}`} color={vintageColor[h.vintage]}>
                    {t(`indicators.vintages.${h.vintage}`)} {date(h.releasedOn)}: {number.format(h.value)}
                  </Tag>
                ))}
              </Space>
            ),
          }}
          columns={[
            { title: t('indicators.period'), dataIndex: 'period' },
            {
              title: t('indicators.value'),
              dataIndex: 'value',
              align: 'right',
              render: (v: number) => number.format(v),
            },
            {
              title: t('indicators.vintage'),
              dataIndex: 'vintage',
              render: (v: IndicatorVintage, row) => (
                <Space size={4} wrap>
                  <Tag color={vintageColor[v]}>{t(`indicators.vintages.${v}`)}</Tag>
                  {row.isDemo && <Tag color="gold">{t('indicators.demo')}</Tag>}
                </Space>
              ),
            },
            { title: t('indicators.releasedOn'), dataIndex: 'releasedOn', render: (d: string) => date(d) },
          ]}
        />
      </Card>
    </>
  );
}

function EntryCard({ id, unitId }: { id: number; unitId: number }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const { message } = App.useApp();
  const enter = useEnterIndicatorValues(id);
  const [form] = Form.useForm<{ period: string; vintage: IndicatorVintage; releasedOn: string; value: number }>();
  if (!me.permissions.includes('data.enter')) return null;
  return (
    <Card title={t('indicators.enter')} style={{ marginBottom: 16 }}>
      <p>{t('indicators.enterHelp')}</p>
      {enter.isError && <ErrorAlert error={enter.error} />}
      <Form
        form={form}
        layout="inline"
        initialValues={{ vintage: 'preliminary' }}
        onFinish={(values) =>
          enter.mutate(
            { values: [{ unitId, ...values }] },
            { onSuccess: (result) => void message.success(t('indicators.saved', result)) },
          )
        }
      >
        <Form.Item name="period" label={t('indicators.period')} rules={[{ required: true }]}>
          <Input placeholder="2025" style={{ width: 110 }} maxLength={8} />
        </Form.Item>
        <Form.Item name="vintage" label={t('indicators.vintage')}>
          <Select
            style={{ width: 140 }}
            options={indicatorVintages.map((v) => ({ value: v, label: t(`indicators.vintages.${v}`) }))}
          />
        </Form.Item>
        <Form.Item name="releasedOn" label={t('indicators.releasedOn')} rules={[{ required: true }]}>
          <Input type="date" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="value" label={t('indicators.value')} rules={[{ required: true }]}>
          <InputNumber<number> style={{ width: 150 }} decimalSeparator="," />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={enter.isPending}>
            {t('indicators.save')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
