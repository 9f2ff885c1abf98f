import type { FormDefinition } from '@baocao/domain';
import { Empty, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { cellLabel } from '../../components/report-grid/grid-layout';
import { formatDueTime, languageOf } from '../../reporting/report-labels';
import type { AdjustmentRow } from './consolidation.api';
import { signed } from './drilldown-drawer';

/** The adjustments made to the consolidated figures: cell, delta, reason, who and when. */
export function AdjustmentsTable({ form, rows }: { form: FormDefinition; rows: AdjustmentRow[] }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  if (rows.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consolidation.adjustments.none')} />;
  return (
    <Table<AdjustmentRow>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={rows}
      data-testid="adjustments-table"
      columns={[
        {
          title: t('consolidation.adjustments.cell'),
          key: 'cell',
          render: (_, row) => cellLabel(form, row.cellKey, language),
        },
        {
          title: t('consolidation.adjustments.delta'),
          key: 'delta',
          align: 'right',
          render: (_, row) => <Typography.Text strong>{signed(row.delta)}</Typography.Text>,
        },
        { title: t('consolidation.adjustments.reason'), dataIndex: 'reason' },
        {
          title: t('consolidation.adjustments.by'),
          key: 'by',
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
  );
}
