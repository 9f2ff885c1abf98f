import { ArrowRightOutlined, FileSearchOutlined } from '@ant-design/icons';
import type { CellValue, FormDefinition } from '@baocao/domain';
import { Breadcrumb, Button, Descriptions, Drawer, Empty, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { formatCellValue } from '../../components/report-grid/cell-values';
import { cellLabel } from '../../components/report-grid/grid-layout';
import { formatDueTime, LatenessTag, languageOf, useChannelLabel } from '../../reporting/report-labels';
import { entryPath, type ReportKey } from '../../reporting/reports.api';
import { type Contribution, useDrilldown } from './consolidation.api';

interface Level {
  unitId: number;
  name: string;
  value: CellValue;
}

/**
 * Where a consolidated figure comes from: each child's value with the revision,
 * officer, time and channel behind it, and whether it counts; a consolidating
 * child opens in turn (the breadcrumb goes back up), down to the entry units.
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
  const channelLabel = useChannelLabel();
  const [path, setPath] = useState<Level[]>([]);
  const levels = [root, ...path];
  const current = levels.at(-1)!;
  const key: ReportKey = { unitId: current.unitId, formId, period };
  const drilldown = useDrilldown(cell ? key : null, cell);
  const field = cell ? form.sections.flatMap((s) => s.fields).find((f) => f.code === cell.split('.')[0]) : undefined;
  const show = (value: unknown) =>
    value === null || value === undefined ? (
      <Typography.Text type="secondary">—</Typography.Text>
    ) : field ? (
      formatCellValue(form, field, value as CellValue, language)
    ) : (
      String(value)
    );
  const data = drilldown.data;

  return (
    <Drawer
      open={cell !== null}
      onClose={() => {
        setPath([]);
        onClose();
      }}
      size={960}
      title={
        <span>
          <FileSearchOutlined /> {t('consolidation.drill.title')}: {cell ? cellLabel(form, cell, language) : ''}
        </span>
      }
      data-testid="drilldown"
    >
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={levels.map((level, index) => ({
          key: level.unitId,
          title:
            index < levels.length - 1 ? (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setPath(path.slice(0, index))}>
                {level.name}
              </Button>
            ) : (
              <Typography.Text strong>{level.name}</Typography.Text>
            ),
        }))}
      />
      <Descriptions
        size="small"
        column={2}
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
      <Table<Contribution>
        size="small"
        rowKey={(row) => row.unit.id}
        loading={drilldown.isFetching}
        dataSource={data?.contributions ?? []}
        pagination={data && data.contributions.length > 50 ? { pageSize: 50 } : false}
        scroll={{ x: 1080 }}
        data-testid="drilldown-table"
        columns={[
          {
            title: t('consolidation.drill.unit'),
            key: 'unit',
            width: 210,
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
            width: 130,
            render: (_, row) => <Typography.Text strong={row.counted}>{show(row.value)}</Typography.Text>,
          },
          {
            title: t('consolidation.drill.source'),
            key: 'source',
            width: 150,
            render: (_, row) =>
              row.source === 'consolidation' ? (
                <Tag color="purple">{t('consolidation.drill.fromConsolidation')}</Tag>
              ) : row.revisionId ? (
                <Tag>{t('consolidation.drill.revision', { id: row.revisionId })}</Tag>
              ) : (
                <Typography.Text type="secondary">{t('consolidation.drill.noRevision')}</Typography.Text>
              ),
          },
          {
            title: t('consolidation.drill.officer'),
            key: 'officer',
            width: 160,
            render: (_, row) => row.submittedByName ?? '',
          },
          {
            title: t('consolidation.drill.time'),
            key: 'time',
            width: 140,
            render: (_, row) => formatDueTime(row.submittedAt),
          },
          {
            title: t('consolidation.drill.channel'),
            key: 'channel',
            width: 110,
            render: (_, row) => channelLabel(row.channel),
          },
          {
            title: t('consolidation.drill.lateness'),
            key: 'late',
            width: 120,
            render: (_, row) => <LatenessTag minutesLate={row.minutesLate} />,
          },
          {
            title: t('consolidation.drill.counted'),
            key: 'counted',
            width: 110,
            render: (_, row) =>
              row.counted ? (
                <Tag color="green">{t('consolidation.drill.yes')}</Tag>
              ) : (
                <Tag>{t('consolidation.drill.no')}</Tag>
              ),
          },
          {
            title: '',
            key: 'open',
            width: 120,
            render: (_, row) =>
              row.drillable ? (
                <Button
                  size="small"
                  icon={<ArrowRightOutlined />}
                  onClick={() =>
                    setPath([...path, { unitId: row.unit.id, name: row.unit.name, value: row.value as CellValue }])
                  }
                  data-testid={`drill-${row.unit.code}`}
                >
                  {t('consolidation.drill.open')}
                </Button>
              ) : row.revisionId ? (
                <Link to={entryPath({ unitId: row.unit.id, formId, period })}>{t('consolidation.drill.report')}</Link>
              ) : null,
          },
        ]}
      />
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
                render: (_, row) => signed(row.delta),
              },
              { title: t('consolidation.adjustments.reason'), dataIndex: 'reason' },
              { title: t('consolidation.adjustments.by'), dataIndex: 'createdByName' },
              {
                title: t('consolidation.adjustments.at'),
                key: 'at',
                render: (_, row) => formatDueTime(row.createdAt),
              },
            ]}
          />
        </>
      ) : null}
      {data && data.contributions.length === 0 ? <Empty description={t('consolidation.drill.noChildren')} /> : null}
    </Drawer>
  );
}

const signedFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 10, signDisplay: 'always' });

/** A delta with its sign: "+1.250", "−3,5". */
export function signed(value: number): string {
  return signedFormat.format(value);
}
