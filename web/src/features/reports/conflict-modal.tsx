import { type CellValue, type FormDefinition, isNumericType } from '@baocao/domain';
import { Alert, Button, Flex, Modal, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatCellValue } from '../../components/report-grid/cell-values';
import { cellLabel } from '../../components/report-grid/grid-layout';
import { languageOf } from '../../reporting/report-labels';
import type { ConflictChoice, ConflictState } from './use-report-draft';

interface Row {
  key: string;
  base: CellValue;
  mine: CellValue;
  theirs: CellValue;
}

/**
 * Someone saved this report while it was being edited here: show which cells
 * differ and who changed them, and let the officer keep theirs, take the other
 * copy, or merge (the other copy with the cells changed here on top).
 */
export function ConflictModal({
  form,
  conflict,
  onResolve,
}: {
  form: FormDefinition;
  conflict: ConflictState | null;
  onResolve: (choice: ConflictChoice) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  if (!conflict) return null;
  const theirs = conflict.details.values ?? {};
  const keys = new Set([
    ...(conflict.details.changed ?? []),
    ...Object.keys(theirs).filter((k) => (theirs[k] ?? null) !== (conflict.mine.values[k] ?? null)),
  ]);
  const rows: Row[] = [...keys]
    .filter((key) => !key.includes(':'))
    .map((key) => ({
      key,
      base: conflict.base.values[key] ?? null,
      mine: conflict.mine.values[key] ?? null,
      theirs: theirs[key] ?? null,
    }));
  const fields = new Map(form.sections.flatMap((s) => s.fields).map((f) => [f.code, f]));
  const show = (key: string, value: CellValue) => {
    const field = fields.get(key.split('.')[0]!);
    const numeric = field ? isNumericType(field.type) : typeof value === 'number';
    return (
      <div style={{ textAlign: numeric ? 'right' : 'left' }}>
        {value === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : field ? (
          formatCellValue(form, field, value, language)
        ) : (
          String(value)
        )}
      </div>
    );
  };
  const who = (row: Row) => {
    const mineChanged = row.mine !== row.base;
    const theirsChanged = row.theirs !== row.base;
    if (mineChanged && theirsChanged) return <Tag color="red">{t('reports.conflict.both')}</Tag>;
    if (mineChanged) return <Tag color="blue">{t('reports.conflict.you')}</Tag>;
    return <Tag color="orange">{t('reports.conflict.other')}</Tag>;
  };
  const updatedBy = conflict.details.updatedBy;
  return (
    <Modal
      open
      width={760}
      closable={false}
      mask={{ closable: false }}
      title={t('reports.conflict.title')}
      footer={
        <Flex gap={8} justify="flex-end" wrap>
          <Button onClick={() => onResolve('theirs')} data-testid="conflict-theirs">
            {t('reports.conflict.takeTheirs')}
          </Button>
          <Button onClick={() => onResolve('mine')} data-testid="conflict-mine">
            {t('reports.conflict.keepMine')}
          </Button>
          <Button type="primary" onClick={() => onResolve('merge')} data-testid="conflict-merge">
            {t('reports.conflict.merge')}
          </Button>
        </Flex>
      }
      data-testid="conflict-modal"
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('reports.conflict.explain', { version: conflict.details.draftVersion })}
        description={
          updatedBy ? t('reports.conflict.updatedBy', { user: `#${updatedBy}` }) : t('reports.conflict.someoneElse')
        }
      />
      <Table<Row>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        scroll={{ y: 320 }}
        locale={{ emptyText: t('reports.conflict.onlyComments') }}
        columns={[
          { title: t('reports.conflict.cell'), key: 'cell', render: (_, row) => cellLabel(form, row.key, language) },
          {
            title: t('reports.conflict.mine'),
            key: 'mine',
            render: (_, row) => show(row.key, row.mine),
          },
          {
            title: t('reports.conflict.theirs'),
            key: 'theirs',
            render: (_, row) => show(row.key, row.theirs),
          },
          { title: t('reports.conflict.changedBy'), key: 'who', render: (_, row) => who(row) },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('reports.conflict.mergeHint')}
      </Typography.Paragraph>
    </Modal>
  );
}
