import { ArrowRightOutlined, FileSearchOutlined } from '@ant-design/icons';
import type { CellValue, FormDefinition } from '@baocao/domain';
import { Breadcrumb, Button, Collapse, Descriptions, Drawer, Empty, Flex, Table, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { formatCellValue } from '../../components/report-grid/cell-values';
import { cellLabel } from '../../components/report-grid/grid-layout';
import { useNarrowScreen } from '../../components/use-narrow-screen';
import { formatNumber } from '../../i18n/format';
import { formatDueTime, LatenessTag, languageOf, useChannelLabel } from '../../reporting/report-labels';
import { entryPath, type ReportKey } from '../../reporting/reports.api';
import { type Contribution, useDrilldown } from './consolidation.api';
import './consolidation.css';

interface Level {
  unitId: number;
  name: string;
  value: CellValue;
}

/**
 * The children of a level in three groups: the sources counted in the figure first, then those
 * that sent something that does not count (returned, or not yet accepted when only accepted
 * reports count), then — folded away — the units that sent nothing at all.
 */
export function groupContributions(rows: readonly Contribution[]) {
  const counted = rows.filter((row) => row.counted);
  const notCounted = rows.filter((row) => !row.counted && row.revisionId !== null);
  const nothing = rows.filter((row) => !row.counted && row.revisionId === null);
  return { counted, notCounted, nothing };
}

/**
 * Where a consolidated figure comes from: each contributing child's value with the revision,
 * officer, time and channel behind it; a consolidating child opens in turn (the breadcrumb goes
 * back up), down to the entry units. Units that sent nothing are only counted, in a folded list.
 */
export function DrilldownDrawer({
  form,
  formId,
  period,
  root,
  cell,
  onClose,
}: {
  form: FormDefinition;
  formId: number;
  period: string;
  root: Level;
  cell: string | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const narrow = useNarrowScreen();
  const [path, setPath] = useState<Level[]>([]);
  const levels = [root, ...path];
  const current = levels.at(-1)!;
  const key: ReportKey = { unitId: current.unitId, formId, period };
  const drilldown = useDrilldown(cell ? key : null, cell);
  const field = cell ? form.sections.flatMap((s) => s.fields).find((f) => f.code === cell.split('.')[0]) : undefined;
  const show = (value: unknown): ReactNode =>
    value === null || value === undefined ? (
      <Typography.Text type="secondary">—</Typography.Text>
    ) : field ? (
      formatCellValue(form, field, value as CellValue, language)
    ) : (
      String(value)
    );
  const data = drilldown.data;
  const groups = groupContributions(data?.contributions ?? []);
  const open = (row: Contribution) =>
    setPath([...path, { unitId: row.unit.id, name: row.unit.name, value: row.value as CellValue }]);
  const rowsProps = { rows: [] as Contribution[], show, formId, period, onOpen: open, narrow };

  return (
    <Drawer
      open={cell !== null}
      onClose={() => {
        setPath([]);
        onClose();
      }}
      size="min(960px, 100vw)"
      title={
        <span style={{ whiteSpace: 'normal' }}>
          <FileSearchOutlined /> {t('consolidation.drill.title')}: {cell ? cellLabel(form, cell, language) : ''}
        </span>
      }
      styles={{ body: { padding: narrow ? 12 : 24 } }}
      data-testid="drilldown"
    >
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={levels.map((level, index) => ({
          key: level.unitId,
          title:
            index < levels.length - 1 ? (
              <Button
                type="link"
                size="small"
                style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
                onClick={() => setPath(path.slice(0, index))}
              >
                {level.name}
              </Button>
            ) : (
              <Typography.Text strong>{level.name}</Typography.Text>
            ),
        }))}
      />
      <Descriptions
        size="small"
        column={narrow ? 1 : 2}
        bordered
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'total',
            label: t('consolidation.drill.total'),
            children: <Typography.Text strong>{show(current.value)}</Typography.Text>,
          },
          { key: 'own', label: t('consolidation.drill.own'), children: show(data?.own) },
        ]}
      />
      {drilldown.isError ? <ErrorAlert error={drilldown.error} /> : null}
      <div data-testid="drilldown-table">
        <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="drill-counted-title">
          {t('consolidation.drill.countedTitle', { count: groups.counted.length })}
        </Typography.Title>
        <ContributionRows {...rowsProps} rows={groups.counted} loading={drilldown.isFetching} />
        {groups.notCounted.length > 0 ? (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }} data-testid="drill-not-counted-title">
              {t('consolidation.drill.notCountedTitle', { count: groups.notCounted.length })}
            </Typography.Title>
            <ContributionRows {...rowsProps} rows={groups.notCounted} loading={false} />
          </>
        ) : null}
        {groups.nothing.length > 0 ? (
          <Collapse
            size="small"
            style={{ marginTop: 16 }}
            data-testid="drill-not-sent"
            items={[
              {
                key: 'nothing',
                label: t('consolidation.drill.notSent', {
                  count: groups.nothing.length,
                  formatted: formatNumber(groups.nothing.length),
                }),
                children: (
                  <Flex vertical gap={4}>
                    {groups.nothing.map((row) => (
                      <Flex
                        key={row.unit.id}
                        justify="space-between"
                        gap={8}
                        data-testid={`drill-row-${row.unit.code}`}
                      >
                        <span>
                          {row.unit.name}{' '}
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {row.unit.code}
                          </Typography.Text>
                        </span>
                        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                          {row.source === 'consolidation'
                            ? t('consolidation.drill.nothingBelow')
                            : t('consolidation.drill.noRevision')}
                        </Typography.Text>
                      </Flex>
                    ))}
                  </Flex>
                ),
              },
            ]}
          />
        ) : null}
      </div>
      {data && data.adjustments.length > 0 ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('consolidation.adjustments.title')}
          </Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={data.adjustments}
            columns={[
              {
                title: t('consolidation.adjustments.delta'),
                key: 'delta',
                align: 'right',
                width: 110,
                render: (_, row) => signed(row.delta),
              },
              { title: t('consolidation.adjustments.reason'), dataIndex: 'reason' },
              {
                title: t('consolidation.adjustments.by'),
                key: 'by',
                width: 180,
                render: (_, row) => (
                  <div>
                    <div>{row.createdByName}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDueTime(row.createdAt)}
                    </Typography.Text>
                  </div>
                ),
              },
            ]}
          />
        </>
      ) : null}
      {data && data.contributions.length === 0 ? <Empty description={t('consolidation.drill.noChildren')} /> : null}
    </Drawer>
  );
}

/** Children that sent something: a fitted table on a desk, stacked entries on a phone. */
function ContributionRows({
  rows,
  show,
  formId,
  period,
  onOpen,
  narrow,
  loading,
}: {
  rows: Contribution[];
  show: (value: unknown) => ReactNode;
  formId: number;
  period: string;
  onOpen: (row: Contribution) => void;
  narrow: boolean;
  loading: boolean;
}) {
  const { t } = useTranslation();
  const source = (row: Contribution) => <SourceCell row={row} />;
  const action = (row: Contribution) =>
    row.drillable ? (
      <Button
        size="small"
        icon={<ArrowRightOutlined />}
        onClick={() => onOpen(row)}
        data-testid={`drill-${row.unit.code}`}
      >
        {t('consolidation.drill.open')}
      </Button>
    ) : row.revisionId ? (
      <Link to={entryPath({ unitId: row.unit.id, formId, period })}>{t('consolidation.drill.report')}</Link>
    ) : null;

  if (narrow)
    return (
      <Flex vertical gap={8}>
        {rows.length === 0 && !loading ? (
          <Typography.Text type="secondary">{t('consolidation.drill.noneCounted')}</Typography.Text>
        ) : null}
        {rows.map((row) => (
          <div key={row.unit.id} className="drill-card" data-testid={`drill-row-${row.unit.code}`}>
            <Flex justify="space-between" align="flex-start" gap={8}>
              <div style={{ minWidth: 0 }}>
                <div>{row.unit.name}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {row.unit.code}
                </Typography.Text>
              </div>
              <Typography.Text strong={row.counted} style={{ whiteSpace: 'nowrap' }}>
                {show(row.value)}
              </Typography.Text>
            </Flex>
            <div style={{ marginTop: 4 }}>{source(row)}</div>
            <Flex justify="flex-end" style={{ marginTop: 4 }}>
              {action(row)}
            </Flex>
          </div>
        ))}
      </Flex>
    );

  return (
    <Table<Contribution>
      size="small"
      rowKey={(row) => row.unit.id}
      loading={loading}
      dataSource={rows}
      tableLayout="fixed"
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      locale={{ emptyText: t('consolidation.drill.noneCounted') }}
      onRow={(row) => ({ 'data-testid': `drill-row-${row.unit.code}` }) as object}
      columns={[
        {
          title: t('consolidation.drill.unit'),
          key: 'unit',
          width: '30%',
          render: (_, row) => (
            <div>
              <div>{row.unit.name}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {row.unit.code}
              </Typography.Text>
            </div>
          ),
        },
        {
          title: t('consolidation.drill.value'),
          key: 'value',
          align: 'right',
          width: 120,
          render: (_, row) => <Typography.Text strong={row.counted}>{show(row.value)}</Typography.Text>,
        },
        { title: t('consolidation.drill.source'), key: 'source', render: (_, row) => source(row) },
        { title: '', key: 'open', width: 120, align: 'right', render: (_, row) => action(row) },
      ]}
    />
  );
}

/** Where a child's figure comes from: its consolidation, or the revision, officer, time and channel. */
function SourceCell({ row }: { row: Contribution }) {
  const { t } = useTranslation();
  const channelLabel = useChannelLabel();
  if (row.source === 'consolidation') return <Tag color="purple">{t('consolidation.drill.fromConsolidation')}</Tag>;
  const details = [row.submittedByName, formatDueTime(row.submittedAt), channelLabel(row.channel)].filter(Boolean);
  return (
    <div>
      <Flex gap={4} wrap>
        {row.revisionId ? <Tag>{t('consolidation.drill.revision', { id: row.revisionId })}</Tag> : null}
        <LatenessTag minutesLate={row.minutesLate} />
        {row.counted ? null : <Tag color="orange">{t('consolidation.drill.notCountedTag')}</Tag>}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {details.join(' · ')}
      </Typography.Text>
    </div>
  );
}

const signedFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 10, signDisplay: 'always' });

/** A delta with its sign: "+1.250", "−3,5". */
export function signed(value: number): string {
  return signedFormat.format(value);
}
