import { type ComplianceStatsUnit, formatDelay } from '@baocao/domain';
import { Card, Col, Empty, Flex, Progress, Row, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert';
import { useNarrowScreen } from '../../components/use-narrow-screen';
import { formatNumber } from '../../i18n/format';
import { languageOf } from '../../reporting/report-labels';
import { type StatsChoice, useComplianceStats } from './compliance.api';
import { ComplianceTrendChart } from './compliance-trend-chart';

type Level = 'central' | 'province' | 'district' | 'commune';

/**
 * Statistics over a range of periods: per level the "15/63" figure (units that sent every period
 * they owed, some, none), the trend chart, and the ranking of units.
 */
export function ComplianceStatsView({ choice }: { choice: StatsChoice }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const narrow = useNarrowScreen();
  const stats = useComplianceStats(choice);
  if (stats.isError) return <ErrorAlert error={stats.error} />;
  if (!stats.data) return <Card size="small" loading />;
  const data = stats.data;
  const periods = data.periods.length;

  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {data.levels.length === 0 ? (
          <Col span={24}>
            <Card size="small">
              <Empty description={t('compliance.empty')} />
            </Card>
          </Col>
        ) : null}
        {data.levels.map((level) => (
          <Col xs={24} md={12} xl={6} key={level.level}>
            <Card size="small" data-testid={`compliance-level-${level.level}`}>
              <Typography.Text type="secondary">{t(`compliance.levels.${level.level as Level}`)}</Typography.Text>
              <div style={{ fontSize: 28, fontWeight: 600, lineHeight: 1.3 }}>
                {formatNumber(level.all)}/{formatNumber(level.units)}
              </div>
              <Progress
                percent={level.units ? Math.round((level.all / level.units) * 100) : 0}
                success={{ percent: level.units ? Math.round((level.all / level.units) * 100) : 0 }}
                showInfo={false}
                size="small"
              />
              <Typography.Text style={{ fontSize: 12 }} data-testid={`compliance-level-figure-${level.level}`}>
                {t('compliance.stats.levelFigure', {
                  all: formatNumber(level.all),
                  units: formatNumber(level.units),
                  level: t(`compliance.levels.${level.level as Level}`).toLowerCase(),
                  periods: formatNumber(periods),
                  some: formatNumber(level.some),
                  none: formatNumber(level.none),
                })}
              </Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>

      <Card size="small" title={t('compliance.stats.trendTitle')} style={{ marginBottom: 16 }}>
        <ComplianceTrendChart stats={data} height={narrow ? 260 : 320} />
      </Card>

      <Card size="small" title={t('compliance.stats.rankingTitle')}>
        {narrow ? (
          <Flex vertical gap={8} data-testid="compliance-ranking">
            {data.units.slice(0, 100).map((row) => (
              <Flex key={row.unit.id} justify="space-between" gap={8} data-testid={`compliance-rank-${row.unit.code}`}>
                <div style={{ minWidth: 0 }}>
                  <Typography.Text strong>{row.rank}. </Typography.Text>
                  {row.unit.name}
                </div>
                <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                  {row.counts.on_time + row.counts.nothing_to_report}/{row.expected}
                </Typography.Text>
              </Flex>
            ))}
          </Flex>
        ) : (
          <Table<ComplianceStatsUnit>
            size="small"
            rowKey={(row) => row.unit.id}
            dataSource={data.units}
            pagination={data.units.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 800 }}
            data-testid="compliance-ranking"
            onRow={(row) => ({ 'data-testid': `compliance-rank-${row.unit.code}` }) as object}
            columns={[
              { title: t('compliance.stats.rank'), dataIndex: 'rank', width: 70, align: 'right' },
              {
                title: t('compliance.columns.unit'),
                key: 'unit',
                render: (_, row) => (
                  <div>
                    <div>{row.unit.name}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {row.unit.code} · {t(`compliance.levels.${row.unit.level as Level}`)}
                    </Typography.Text>
                  </div>
                ),
              },
              { title: t('compliance.stats.expected'), dataIndex: 'expected', width: 90, align: 'right' },
              { title: t('compliance.stats.reported'), dataIndex: 'reported', width: 90, align: 'right' },
              {
                title: t('compliance.stats.onTime'),
                key: 'onTime',
                width: 90,
                align: 'right',
                render: (_, row) => row.counts.on_time + row.counts.nothing_to_report,
              },
              {
                title: t('compliance.stats.late'),
                key: 'late',
                width: 80,
                align: 'right',
                render: (_, row) => row.counts.late,
              },
              {
                title: t('compliance.stats.missing'),
                key: 'missing',
                width: 90,
                align: 'right',
                render: (_, row) => row.counts.missing + row.counts.overdue,
              },
              {
                title: t('compliance.stats.totalLate'),
                key: 'totalLate',
                width: 150,
                render: (_, row) => formatDelay(row.minutesLate, language) || '—',
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
