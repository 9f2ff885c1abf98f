import { EditOutlined } from '@ant-design/icons';
import { type FieldDefinition, type FormProblem, type SectionDefinition, unitOfMeasureLabel } from '@baocao/domain';
import { Button, Empty, Flex, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from './definition-editing';
import { OrderButtons } from './order-buttons';
import { ProblemBadge } from './problem-badge';

/** A section's fields: code (with its problems), label and formula, type, placement, properties; edit, reorder, remove. */
export function FieldsTable({
  section,
  sectionIndex,
  language,
  readOnly,
  fieldProblems,
  onEdit,
  onMove,
  onRemove,
}: {
  section: SectionDefinition;
  sectionIndex: number;
  language: Language;
  readOnly: boolean;
  fieldProblems: (index: number) => FormProblem[];
  onEdit: (index: number) => void;
  onMove: (index: number, delta: number) => void;
  onRemove: (index: number) => void;
}) {
  const { t } = useTranslation();
  if (section.fields.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('regimes.designer.noFields')} />;
  const placement = (field: FieldDefinition): ReactNode => {
    if (section.layout !== 'table') return null;
    if (field.disaggregation) return `${field.column ?? '?'} × ${field.disaggregation}`;
    return `${field.row ?? '?'} × ${field.column ?? '?'}`;
  };
  return (
    <Table<FieldDefinition & { index: number }>
      size="small"
      pagination={false}
      rowKey="index"
      dataSource={section.fields.map((field, index) => ({ ...field, index }))}
      // Codes and types keep their width (a code like so_nguoi_duoc_ho_tro on one line); a narrow
      // screen scrolls the table instead.
      scroll={{ x: 1040 }}
      data-testid={`section-${sectionIndex}-fields`}
      onRow={(field) => ({ onDoubleClick: () => onEdit(field.index) })}
      columns={[
        { title: '#', dataIndex: 'index', width: 40, render: (index: number) => index + 1 },
        {
          title: t('regimes.designer.code'),
          dataIndex: 'code',
          width: 230,
          render: (code: string, field) => (
            <Space size={4} style={{ whiteSpace: 'nowrap' }}>
              <Typography.Text code>{code}</Typography.Text>
              <ProblemBadge problems={fieldProblems(field.index)} />
            </Space>
          ),
        },
        {
          title: t('regimes.designer.label'),
          key: 'label',
          render: (_, field) => (
            <div>
              {field.label[language] || field.label.vi}
              {field.expression !== undefined ? (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }} ellipsis>
                    = {field.expression || '…'}
                  </Typography.Text>
                </div>
              ) : null}
            </div>
          ),
        },
        {
          title: t('regimes.designer.field.type'),
          key: 'type',
          width: 200,
          render: (_, field) => (
            <span>
              {t(`regimes.designer.fieldType.${field.type}`)}
              {field.unit ? (
                <Typography.Text type="secondary"> ({unitOfMeasureLabel(field.unit, language)})</Typography.Text>
              ) : null}
            </span>
          ),
        },
        ...(section.layout === 'table'
          ? [
              {
                title: t('regimes.designer.placement'),
                key: 'placement',
                width: 120,
                render: (_: unknown, field: FieldDefinition) => (
                  <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }}>
                    {placement(field)}
                  </Typography.Text>
                ),
              },
            ]
          : []),
        {
          title: t('regimes.designer.properties'),
          key: 'flags',
          width: 160,
          render: (_, field) => (
            <Flex gap={2} wrap>
              {field.expression !== undefined ? <Tag color="cyan">{t('regimes.designer.tags.computed')}</Tag> : null}
              {field.required ? <Tag color="red">{t('regimes.designer.tags.required')}</Tag> : null}
              {field.disaggregation ? <Tag color="purple">{field.disaggregation}</Tag> : null}
              {field.commentWhenMissing ? <Tag>{t('regimes.designer.tags.comment')}</Tag> : null}
            </Flex>
          ),
        },
        {
          title: '',
          key: 'actions',
          width: readOnly ? 50 : 130,
          render: (_, field) => (
            <Space size={0}>
              <Tooltip title={readOnly ? t('regimes.designer.view') : t('common.edit')}>
                <Button
                  type="text"
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => onEdit(field.index)}
                  aria-label={`${t('common.edit')} ${field.code}`}
                  data-testid={`edit-field-${field.code}`}
                />
              </Tooltip>
              <OrderButtons
                index={field.index}
                count={section.fields.length}
                onMove={(delta) => onMove(field.index, delta)}
                onRemove={() => onRemove(field.index)}
                removeConfirm={t('regimes.designer.removeFieldConfirm', { code: field.code })}
                disabled={readOnly}
                label={field.code}
              />
            </Space>
          ),
        },
      ]}
    />
  );
}
