import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, queryString } from '../../api/client';
import type { AuditRowView } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { JsonDiff } from '../../components/json-diff';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { actionColor, actionLabel, objectName, objectTypeLabel } from './audit-labels';

export interface AuditFilters {
  objectType?: string;
  objectId?: string;
  unitId?: number;
}

const PAGE_SIZE = 50;

/** Audit rows, newest first, in pages of 50 ("load more" asks for the rows before the last one shown). */
export function AuditTable({ filters, compact }: { filters: AuditFilters; compact?: boolean }) {
  const { t } = useTranslation();
  const audit = useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) =>
      api<{ items: AuditRowView[] }>(`/audit${queryString({ ...filters, beforeId: pageParam, limit: PAGE_SIZE })}`, {
        signal,
      }),
    getNextPageParam: (last) => (last.items.length < PAGE_SIZE ? undefined : last.items.at(-1)?.id),
  });
  const rows = audit.data?.pages.flatMap((page) => page.items) ?? [];
  if (audit.isError) return <ErrorAlert error={audit.error} />;
  return (
    <Flex vertical gap={12}>
      <Table<AuditRowView>
        size={compact ? 'small' : 'middle'}
        rowKey="id"
        loading={audit.isPending}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('audit.empty') }}
        scroll={{ x: 760 }}
        expandable={{
          expandedRowRender: (row) => <JsonDiff before={row.before} after={row.after} />,
          rowExpandable: (row) => row.before !== null || row.after !== null,
        }}
        columns={[
          {
            title: t('audit.time'),
            dataIndex: 'at',
            width: 170,
            render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at)}</span>,
          },
          {
            title: t('audit.actor'),
            dataIndex: 'actorName',
            width: 150,
            render: (name: string | null) =>
              name ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
          },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            render: (action: string) => (
              <Tooltip title={action}>
                <Tag color={actionColor(action)}>{actionLabel(t, action)}</Tag>
              </Tooltip>
            ),
          },
          {
            title: t('audit.object'),
            key: 'object',
            render: (_, row) => {
              const name = objectName(row);
              return (
                <span>
                  {objectTypeLabel(t, row.objectType)}{' '}
                  <Typography.Text type="secondary">#{row.objectId}</Typography.Text>
                  {name ? <div style={{ fontSize: 12 }}>{name}</div> : null}
                </span>
              );
            },
          },
          ...(compact
            ? []
            : [
                {
                  title: t('audit.address'),
                  key: 'ip',
                  width: 150,
                  render: (_: unknown, row: AuditRowView) =>
                    row.ip ? (
                      <Tooltip title={row.userAgent}>
                        <Typography.Text code>{row.ip}</Typography.Text>
                      </Tooltip>
                    ) : (
                      '—'
                    ),
                },
              ]),
        ]}
      />
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">{t('audit.shown', { shown: formatNumber(rows.length) })}</Typography.Text>
        {audit.hasNextPage ? (
          <Button
            onClick={() => void audit.fetchNextPage()}
            loading={audit.isFetchingNextPage}
            data-testid="audit-more"
          >
            {t('audit.loadMore')}
          </Button>
        ) : rows.length > 0 ? (
          <Typography.Text type="secondary">{t('audit.end')}</Typography.Text>
        ) : null}
      </Flex>
    </Flex>
  );
}
