import type { CellValues, FormDefinition } from '@baocao/domain';
import { Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { cellLabel } from '../../components/report-grid/grid-layout';
import { languageOf } from '../../reporting/report-labels';
import { useCellFormatter } from './use-cell-formatter';

/** The consolidating unit's own entries (cells it reports itself), as last saved. */
export function OwnEntriesTable({ form, values }: { form: FormDefinition; values: CellValues }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const show = useCellFormatter(form);
  const entries = Object.entries(values).filter(([, v]) => v !== null && v !== '');
  if (entries.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consolidation.own.none')} />;
  return (
    <Table
      size="small"
      rowKey="key"
      data-testid="own-entries-table"
      pagination={false}
      dataSource={entries.map(([key, value]) => ({ key, value }))}
      columns={[
        {
          title: t('consolidation.adjustments.cell'),
          key: 'cell',
          render: (_, row) => cellLabel(form, row.key, language),
        },
        {
          title: t('consolidation.own.value'),
          key: 'value',
          align: 'right',
          render: (_, row) => show(row.key, row.value),
        },
      ]}
    />
  );
}
