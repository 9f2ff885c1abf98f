import type { QualityView } from '@baocao/domain';
import { Alert, Card, Col, Empty, Form, Row, Select, Skeleton, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { PeriodPicker } from '../../components/period-picker';
import { ScopeUnitPicker } from '../../components/unit-picker';
import { useNarrowScreen } from '../../components/use-narrow-screen';
import { formatNumber } from '../../i18n/format';
import { languageOf } from '../../reporting/report-labels';
import { useSignedInMe } from '../auth/session';
import { useOpeningChoice } from '../compliance/use-opening-choice';
import { type QualityChoice, useQuality } from './quality.api';

type Outlier = QualityView['outliers'][number];
type Violation = QualityView['ruleViolations'][number];
type Discrepancy = QualityView['discrepancies'][number];

const positive = (value: string | null) => {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : undefined;
};

const percent = (share: number | null) => (share === null ? '—' : `${formatNumber(Math.round(share * 1000) / 10)} %`);

const shown = (value: unknown) =>
  typeof value === 'number' ? formatNumber(value) : value === null ? '—' : String(value);

/**
 * /quality — "Chất lượng số liệu": for a regime, period and scope, the outliers the officers
 * confirmed, the validation rules the reports break, the discrepancies between sources, each
 * with a link to its report, and the period's timeliness and completeness. The choice lives in
 * the address; unset, it is the first regime in force, the caller's view and the last period.
 */
export function QualityPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const narrow = useNarrowScreen();
  const me = useSignedInMe();
  const [search, setSearch] = useSearchParams();
  const { regimes, list, regimeId, frequency, ofFrequency, defaultPeriod } = useOpeningChoice(
    positive(search.get('regimeId')),
  );
  const unitId = positive(search.get('unitId'));
  const periodId = ofFrequency(search.get('period')) ?? defaultPeriod;
  const choice: QualityChoice | null = regimeId && periodId ? { regimeId, periodId, unitId } : null;
  const quality = useQuality(choice);

  const set = (change: Record<string, string | number | undefined>) =>
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(change))
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, String(value));
        return next;
      },
      { replace: true },
    );

  if (regimes.isError) return <ErrorAlert error={regimes.error} />;
  if (regimes.isPending) return <Skeleton active />;

  const unitCell = (row: { unit: { name: string; code: string } }) => (
    <span>
      {row.unit.name}
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {row.unit.code}
      </Typography.Text>
    </span>
  );
  const openCell = (row: { link: { href: string } }) => (
    <Link to={row.link.href} data-testid="quality-open">
      {t('quality.columns.open')}
    </Link>
  );

  const picker = (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="quality-picker">
      <Form layout="vertical">
        <Row gutter={[16, 0]}>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label={t('quality.picker.regime')} htmlFor="quality-regime" style={{ marginBottom: 8 }}>
              <Select<number>
                id="quality-regime"
                value={regimeId ?? undefined}
                onChange={(value) => set({ regimeId: value, period: undefined })}
                options={list.map((r) => ({
                  value: r.id,
                  label: r.name[language] || r.name.vi,
                  title: r.name[language] || r.name.vi,
                }))}
                popupMatchSelectWidth={false}
                data-testid="quality-regime"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label={t('quality.picker.unit')} htmlFor="quality-unit" style={{ marginBottom: 8 }}>
              <ScopeUnitPicker
                id="quality-unit"
                me={me}
                value={unitId}
                onChange={(value) => set({ unitId: value })}
                data-testid="quality-unit"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label={t('quality.picker.period')} style={{ marginBottom: 8 }}>
              {frequency && periodId ? (
                <PeriodPicker
                  type={frequency}
                  value={periodId}
                  onChange={(value) => set({ period: value })}
                  data-testid="quality-period"
                />
              ) : (
                <Skeleton.Input active size="small" />
              )}
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );

  const view = quality.data;
  const truncated = (shownCount: number, total: number) =>
    total > shownCount ? (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 8 }}
        message={t('quality.truncated', { shown: shownCount, total })}
      />
    ) : null;

  const outlierColumns = [
    { key: 'unit', title: t('quality.columns.unit'), render: (_: unknown, row: Outlier) => unitCell(row) },
    { key: 'form', title: t('quality.columns.form'), render: (_: unknown, row: Outlier) => row.form.code },
    {
      key: 'cell',
      title: t('quality.columns.cell'),
      render: (_: unknown, row: Outlier) => <code>{row.flag.cell}</code>,
    },
    {
      key: 'value',
      title: t('quality.columns.value'),
      align: 'right' as const,
      render: (_: unknown, row: Outlier) => (
        <span>
          <Typography.Text strong>{formatNumber(row.flag.value)}</Typography.Text>{' '}
          <Tag color={row.flag.direction === 'high' ? 'volcano' : 'geekblue'}>
            {t(row.flag.direction === 'high' ? 'quality.high' : 'quality.low')}
          </Tag>
        </span>
      ),
    },
    {
      key: 'history',
      title: t('quality.columns.history'),
      responsive: ['md' as const],
      render: (_: unknown, row: Outlier) =>
        t('quality.historyOf', {
          median: formatNumber(row.flag.baseline.median),
          min: formatNumber(row.flag.baseline.min),
          max: formatNumber(row.flag.baseline.max),
          count: row.flag.baseline.count,
        }),
    },
    {
      key: 'comment',
      title: t('quality.columns.comment'),
      render: (_: unknown, row: Outlier) => <Typography.Text italic>{row.flag.comment}</Typography.Text>,
    },
    { key: 'open', title: '', render: (_: unknown, row: Outlier) => openCell(row) },
  ];
  const ruleColumns = [
    { key: 'unit', title: t('quality.columns.unit'), render: (_: unknown, row: Violation) => unitCell(row) },
    { key: 'form', title: t('quality.columns.form'), render: (_: unknown, row: Violation) => row.form.code },
    {
      key: 'rule',
      title: t('quality.columns.rule'),
      responsive: ['md' as const],
      render: (_: unknown, row: Violation) => <code>{row.rule}</code>,
    },
    {
      key: 'message',
      title: t('quality.columns.message'),
      render: (_: unknown, row: Violation) => row.message[language] || row.message.vi,
    },
    { key: 'open', title: '', render: (_: unknown, row: Violation) => openCell(row) },
  ];
  const discrepancyColumns = [
    { key: 'unit', title: t('quality.columns.unit'), render: (_: unknown, row: Discrepancy) => unitCell(row) },
    {
      key: 'message',
      title: t('quality.columns.message'),
      render: (_: unknown, row: Discrepancy) => (
        <span>
          <Typography.Text strong style={{ display: 'block' }}>
            {row.form.code} ↔ {row.forms.join(', ')}
          </Typography.Text>
          {row.message[language] || row.message.vi}
        </span>
      ),
    },
    {
      key: 'left',
      title: t('quality.columns.left'),
      align: 'right' as const,
      responsive: ['md' as const],
      render: (_: unknown, row: Discrepancy) => shown(row.left),
    },
    {
      key: 'right',
      title: t('quality.columns.right'),
      align: 'right' as const,
      responsive: ['md' as const],
      render: (_: unknown, row: Discrepancy) => shown(row.right),
    },
    {
      key: 'difference',
      title: t('quality.columns.difference'),
      align: 'right' as const,
      render: (_: unknown, row: Discrepancy) => (
        <Typography.Text type="danger">{shown(row.difference)}</Typography.Text>
      ),
    },
    { key: 'open', title: '', render: (_: unknown, row: Discrepancy) => openCell(row) },
  ];

  return (
    <>
      <PageHeader title={t('quality.title')} description={narrow ? undefined : t('quality.description')} />
      {list.length === 0 ? (
        <Card size="small">
          <Empty description={t('quality.picker.noRegimes')} />
        </Card>
      ) : (
        <>
          {picker}
          {quality.isError ? <ErrorAlert error={quality.error} /> : null}
          {!view && quality.isFetching ? <Skeleton active /> : null}
          {view ? (
            <div data-testid="quality-view">
              <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
                <Col xs={12} xl={6}>
                  <Card size="small" data-testid="quality-completeness">
                    <Statistic
                      title={t('quality.figures.completeness')}
                      value={percent(view.timeliness.completeness)}
                    />
                    <Typography.Text type="secondary">
                      {t('quality.figures.completenessHint', {
                        reported: formatNumber(view.timeliness.reported),
                        expected: formatNumber(view.timeliness.expected),
                      })}
                    </Typography.Text>
                  </Card>
                </Col>
                <Col xs={12} xl={6}>
                  <Card size="small" data-testid="quality-on-time">
                    <Statistic title={t('quality.figures.onTime')} value={percent(view.timeliness.onTimeShare)} />
                    <Typography.Text type="secondary">
                      {t('quality.figures.onTimeHint', {
                        onTime: formatNumber(view.timeliness.onTime),
                        late: formatNumber(view.timeliness.late),
                      })}
                    </Typography.Text>
                  </Card>
                </Col>
                <Col xs={12} xl={6}>
                  <Card size="small">
                    <Statistic title={t('quality.figures.missing')} value={formatNumber(view.timeliness.missing)} />
                  </Card>
                </Col>
                <Col xs={12} xl={6}>
                  <Card size="small">
                    <Statistic title={t('quality.figures.checked')} value={formatNumber(view.reportsChecked)} />
                  </Card>
                </Col>
              </Row>
              <Card size="small">
                <Tabs
                  items={[
                    {
                      key: 'outliers',
                      label: t('quality.tabs.outliers', { count: view.totals.outliers }),
                      children: (
                        <>
                          {truncated(view.outliers.length, view.totals.outliers)}
                          <Table<Outlier>
                            size="small"
                            rowKey={(row) => `${row.revisionId}:${row.flag.cell}`}
                            columns={outlierColumns}
                            dataSource={view.outliers}
                            pagination={{ pageSize: 20, hideOnSinglePage: true }}
                            locale={{ emptyText: t('quality.none.outliers') }}
                            scroll={{ x: 'max-content' }}
                            data-testid="quality-outliers"
                          />
                        </>
                      ),
                    },
                    {
                      key: 'rules',
                      label: t('quality.tabs.rules', { count: view.totals.ruleViolations }),
                      children: (
                        <>
                          {truncated(view.ruleViolations.length, view.totals.ruleViolations)}
                          <Table<Violation>
                            size="small"
                            rowKey={(row) => `${row.revisionId}:${row.rule}`}
                            columns={ruleColumns}
                            dataSource={view.ruleViolations}
                            pagination={{ pageSize: 20, hideOnSinglePage: true }}
                            locale={{ emptyText: t('quality.none.rules') }}
                            scroll={{ x: 'max-content' }}
                            data-testid="quality-rules"
                          />
                        </>
                      ),
                    },
                    {
                      key: 'discrepancies',
                      label: t('quality.tabs.discrepancies', { count: view.totals.discrepancies }),
                      children: (
                        <>
                          {truncated(view.discrepancies.length, view.totals.discrepancies)}
                          <Table<Discrepancy>
                            size="small"
                            rowKey={(row) => `${row.unit.id}:${row.form.id}:${row.rule}`}
                            columns={discrepancyColumns}
                            dataSource={view.discrepancies}
                            pagination={{ pageSize: 20, hideOnSinglePage: true }}
                            locale={{ emptyText: t('quality.none.discrepancies') }}
                            scroll={{ x: 'max-content' }}
                            data-testid="quality-discrepancies"
                          />
                        </>
                      ),
                    },
                  ]}
                  data-testid="quality-tabs"
                />
              </Card>
            </div>
          ) : null}
        </>
      )}
    </>
  );
}
