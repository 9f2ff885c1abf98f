import { MinusCircleOutlined, PlusCircleOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Flex, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormVersionDiffView } from './form-designer.api';

type ItemDiff = FormVersionDiffView['fields'];
type ItemChange = ItemDiff['added'][number];
type PropertyChange = FormVersionDiffView['form'][number];

const categories = ['sections', 'fields', 'rules', 'optionSets'] as const;

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value && 'vi' in value && typeof (value as { vi: unknown }).vi === 'string') {
    const label = value as { vi: string; en?: string };
    return label.en ? `${label.vi} / ${label.en}` : label.vi;
  }
  return JSON.stringify(value);
}

function PropertyChanges({ changes }: { changes: readonly PropertyChange[] }) {
  const { t } = useTranslation();
  return (
    <Table<PropertyChange>
      size="small"
      pagination={false}
      rowKey="property"
      dataSource={[...changes]}
      style={{ marginTop: 4 }}
      columns={[
        {
          title: t('regimes.designer.diff.property'),
          dataIndex: 'property',
          width: 170,
          render: (property: string) => <Typography.Text code>{property}</Typography.Text>,
        },
        {
          title: t('regimes.designer.diff.before'),
          dataIndex: 'before',
          render: (value: unknown) => (
            <Typography.Text delete type="secondary" style={{ wordBreak: 'break-word' }}>
              {valueText(value)}
            </Typography.Text>
          ),
        },
        {
          title: t('regimes.designer.diff.after'),
          dataIndex: 'after',
          render: (value: unknown) => (
            <Typography.Text style={{ wordBreak: 'break-word' }}>{valueText(value)}</Typography.Text>
          ),
        },
      ]}
    />
  );
}

function ChangeLine({ change, kind }: { change: ItemChange; kind: 'added' | 'removed' | 'changed' }) {
  const { t, i18n } = useTranslation();
  const icon: Record<typeof kind, ReactNode> = {
    added: <PlusCircleOutlined style={{ color: '#389e0d' }} />,
    removed: <MinusCircleOutlined style={{ color: '#cf1322' }} />,
    changed: <SwapOutlined style={{ color: '#d46b08' }} />,
  };
  const color = { added: 'green', removed: 'red', changed: 'orange' }[kind];
  const label = change.label ? (i18n.language === 'en' && change.label.en ? change.label.en : change.label.vi) : '';
  return (
    <div style={{ padding: '4px 0' }} data-testid={`diff-${kind}-${change.code}`}>
      <Flex gap={8} align="center">
        {icon[kind]}
        <Tag color={color} style={{ marginInlineEnd: 0 }}>
          {t(`regimes.designer.diff.${kind}`)}
        </Tag>
        <Typography.Text code>{change.code}</Typography.Text>
        <Typography.Text>{label}</Typography.Text>
      </Flex>
      {kind === 'changed' && change.changes.length > 0 ? <PropertyChanges changes={change.changes} /> : null}
    </div>
  );
}

/** What a version changes from the one published before it: form properties, sections, fields, rules, option sets. */
export function VersionDiffView({ diff }: { diff: FormVersionDiffView }) {
  const { t } = useTranslation();
  const counts = categories.map((category) => {
    const items = diff[category];
    return { category, total: items.added.length + items.removed.length + items.changed.length };
  });
  return (
    <Flex vertical gap={12} data-testid="version-diff">
      <Alert
        type={diff.from ? 'info' : 'success'}
        showIcon
        title={
          diff.from
            ? t('regimes.designer.diff.compared', { from: diff.from.number, to: diff.to.number })
            : t('regimes.designer.diff.first', { to: diff.to.number })
        }
        description={
          diff.changed ? (
            <Flex gap={6} wrap>
              {counts
                .filter((c) => c.total > 0)
                .map((c) => (
                  <Tag key={c.category}>
                    {t(`regimes.designer.diff.categories.${c.category}`)}: {c.total}
                  </Tag>
                ))}
              {diff.form.length > 0 ? (
                <Tag>
                  {t('regimes.designer.diff.categories.form')}: {diff.form.length}
                </Tag>
              ) : null}
            </Flex>
          ) : (
            t('regimes.designer.diff.unchanged')
          )
        }
      />
      {diff.form.length > 0 ? (
        <div>
          <Typography.Text strong>{t('regimes.designer.diff.categories.form')}</Typography.Text>
          <PropertyChanges changes={diff.form} />
        </div>
      ) : null}
      {categories.map((category) => {
        const items = diff[category];
        if (items.added.length + items.removed.length + items.changed.length === 0) return null;
        return (
          <div key={category}>
            <Typography.Text strong>{t(`regimes.designer.diff.categories.${category}`)}</Typography.Text>
            {items.added.map((change) => (
              <ChangeLine key={`a-${change.code}`} change={change} kind="added" />
            ))}
            {items.removed.map((change) => (
              <ChangeLine key={`r-${change.code}`} change={change} kind="removed" />
            ))}
            {items.changed.map((change) => (
              <ChangeLine key={`c-${change.code}`} change={change} kind="changed" />
            ))}
          </div>
        );
      })}
    </Flex>
  );
}
