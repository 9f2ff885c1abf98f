import type { FormDefinition } from '@baocao/domain';
import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { cellLabel } from '../../components/report-grid/grid-layout';
import { languageOf } from '../../reporting/report-labels';
import { signed } from './drilldown-drawer';
import { useCellFormatter } from './use-cell-formatter';

/** The cells whose consolidated figure changed since it was sent up: as sent, now, and the difference. */
export function DifferencesTable({
  form,
  differences,
}: {
  form: FormDefinition;
  differences: { cellKey: string; sent: unknown; now: unknown }[];
}) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const show = useCellFormatter(form);
  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>{t('consolidation.changed.explain')}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="cellKey"
        pagination={false}
        dataSource={differences}
        style={{ maxWidth: 720 }}
        columns={[
          {
            title: t('consolidation.changed.cell'),
            key: 'cell',
            render: (_, row) => cellLabel(form, row.cellKey, language),
          },
          {
            title: t('consolidation.changed.sent'),
            key: 'sent',
            align: 'right',
            render: (_, row) => show(row.cellKey, row.sent),
          },
          {
            title: t('consolidation.changed.now'),
            key: 'now',
            align: 'right',
            render: (_, row) => <Typography.Text strong>{show(row.cellKey, row.now)}</Typography.Text>,
          },
          {
            title: t('consolidation.changed.delta'),
            key: 'delta',
            align: 'right',
            render: (_, row) =>
              typeof row.now === 'number' && typeof row.sent === 'number' ? signed(row.now - row.sent) : '',
          },
        ]}
      />
    </>
  );
}
