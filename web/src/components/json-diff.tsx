import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type Change = 'added' | 'removed' | 'changed' | 'same';

interface DiffRow {
  key: string;
  before: string | undefined;
  after: string | undefined;
  change: Change;
}

function flatten(value: unknown, prefix: string, into: Map<string, string>): void {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) into.set(prefix, '{}');
    for (const [key, child] of entries) flatten(child, prefix ? `${prefix}.${key}` : key, into);
    return;
  }
  if (value === undefined) return;
  into.set(prefix || '·', typeof value === 'string' ? value : JSON.stringify(value));
}

/** The fields of an audit row's before and after state, changed ones highlighted. */
export function diffRows(before: unknown, after: unknown): DiffRow[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  flatten(before ?? {}, '', a);
  flatten(after ?? {}, '', b);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return keys.map((key) => {
    const was = a.get(key);
    const now = b.get(key);
    const change: Change =
      was === undefined ? 'added' : now === undefined ? 'removed' : was === now ? 'same' : 'changed';
    return { key, before: was, after: now, change };
  });
}

const background: Record<Change, string | undefined> = {
  added: '#f0faf0',
  removed: '#fff1f0',
  changed: '#fffbe6',
  same: undefined,
};

export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const rows = diffRows(before, after);
  if (rows.length === 0) return <Typography.Text type="secondary">{t('audit.noDetails')}</Typography.Text>;
  const cell = (value: string | undefined) =>
    value === undefined ? (
      <Typography.Text type="secondary">—</Typography.Text>
    ) : (
      <Typography.Text
        style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 12, wordBreak: 'break-all' }}
      >
        {value}
      </Typography.Text>
    );
  return (
    <Table<DiffRow>
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={rows}
      onRow={(row) => ({ style: { background: background[row.change] } })}
      columns={[
        {
          title: t('audit.field'),
          dataIndex: 'key',
          width: '24%',
          render: (key: string) => <Typography.Text code>{key}</Typography.Text>,
        },
        { title: t('audit.before'), dataIndex: 'before', width: '38%', render: cell },
        { title: t('audit.after'), dataIndex: 'after', width: '38%', render: cell },
      ]}
    />
  );
}
