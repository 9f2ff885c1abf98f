import { EditOutlined, HistoryOutlined, PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { ConnectorRun, ConnectorView } from '@baocao/domain';
import { App, Button, Flex, Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HISTORY_PAGE_SIZE, HistoryCard, ListTableCard, useSelectedId } from '../../components/exchange-tables';
import { PageHeader } from '../../components/page-header';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { useNarrowScreen } from '../../components/use-narrow-screen';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { ConnectorFormModal } from './connector-form-modal';
import { intervalParts, useConnectorRuns, useConnectors, useRunConnector } from './connectors.api';

const RUN_COLORS: Record<ConnectorRun['status'], string> = {
  running: 'processing',
  retrying: 'warning',
  succeeded: 'success',
  rejected: 'error',
  failed: 'error',
};

export function RunStatusTag({ run }: { run: ConnectorRun }) {
  const { t } = useTranslation();
  return (
    <Tag color={RUN_COLORS[run.status]} data-testid="connector-run-status">
      {t(`connectors.runStatus.${run.status}`)}
    </Tag>
  );
}

const countsText = (t: TFunction, run: ConnectorRun) =>
  t('connectors.runs.countsText', {
    rows: formatNumber(run.rows),
    created: formatNumber(run.created),
    updated: formatNumber(run.updated),
    unchanged: formatNumber(run.unchanged),
    rejected: formatNumber(run.rejected),
  });

/** Pull connectors: list with their state, create and edit, run now, and each one's run history. */
export function ConnectorsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const narrow = useNarrowScreen();
  const connectors = useConnectors();
  const run = useRunConnector();
  const [editing, setEditing] = useState<ConnectorView | 'new' | null>(null);
  const { selectedId, select } = useSelectedId();
  const selected = connectors.data?.find((c) => c.id === selectedId) ?? null;

  const runNow = (connector: ConnectorView) =>
    run.mutate(connector, {
      onSuccess: () => {
        void message.success(t('connectors.runStarted', { name: connector.name }));
        select(connector.id);
      },
      onError: (error) => notifyError(error),
    });

  return (
    <>
      <PageHeader
        title={t('connectors.title')}
        description={t('connectors.description')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="connector-add">
            {t('connectors.add')}
          </Button>
        }
      />
      <ListTableCard<ConnectorView>
        query={connectors}
        testId="connectors-table"
        scrollX={1000}
        emptyText={t('connectors.empty')}
        columns={[
          {
            title: t('connectors.name'),
            key: 'name',
            render: (_, c) => (
              <div style={{ minWidth: 0 }}>
                <Typography.Text strong>{c.name}</Typography.Text>
                <div style={{ fontSize: 12 }}>
                  <Typography.Text code>{c.code}</Typography.Text>{' '}
                  <Tag style={{ marginInlineEnd: 0 }}>{c.format.toUpperCase()}</Tag>
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                  {c.url}
                </Typography.Text>
              </div>
            ),
          },
          {
            title: t('connectors.form'),
            key: 'form',
            width: 170,
            render: (_, c) => (
              <div>
                <div>
                  {c.regimeCode} / {c.formCode}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.unitName}
                </Typography.Text>
              </div>
            ),
          },
          {
            title: t('connectors.status'),
            key: 'status',
            width: 125,
            render: (_, c) => {
              const every = intervalParts(c.intervalMinutes);
              return (
                <Flex vertical gap={4} align="flex-start">
                  {c.active ? <Tag color="green">{t('connectors.active')}</Tag> : <Tag>{t('connectors.paused')}</Tag>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('connectors.every', {
                      interval: t(`connectors.interval.${every.key}`, { n: formatNumber(every.n) }),
                    })}
                  </Typography.Text>
                </Flex>
              );
            },
          },
          {
            title: t('connectors.lastRun'),
            key: 'lastRun',
            width: 230,
            render: (_, c) =>
              c.lastRun ? (
                <div data-testid={`connector-last-run-${c.code}`}>
                  <Flex gap={6} align="center" wrap>
                    <RunStatusTag run={c.lastRun} />
                    <Typography.Text style={{ fontSize: 12 }}>{formatDateTime(c.lastRun.startedAt)}</Typography.Text>
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.lastRun.status === 'succeeded' ? countsText(t, c.lastRun) : (c.lastRun.error ?? '')}
                  </Typography.Text>
                </div>
              ) : (
                <Typography.Text type="secondary">{t('connectors.noRunYet')}</Typography.Text>
              ),
          },
          {
            title: t('connectors.nextRun'),
            key: 'nextRun',
            width: 120,
            render: (_, c) => (c.active ? formatDateTime(c.nextRunAt) : '—'),
          },
          {
            title: t('connectors.failures'),
            dataIndex: 'consecutiveFailures',
            width: 90,
            render: (n: number) => (n > 0 ? <Tag color="red">{t('connectors.failuresCount', { count: n })}</Tag> : '0'),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 130,
            fixed: narrow ? undefined : 'right',
            render: (_, c) => {
              const busy = c.lastRun?.status === 'running' || c.lastRun?.status === 'retrying';
              return (
                <Flex vertical={!narrow} wrap gap={narrow ? 8 : 2} align="flex-start">
                  <Button
                    type="link"
                    size="small"
                    icon={<PlayCircleOutlined />}
                    disabled={busy}
                    loading={run.isPending && run.variables?.id === c.id}
                    onClick={() => runNow(c)}
                    data-testid={`connector-run-${c.code}`}
                  >
                    {t('connectors.runNow')}
                  </Button>
                  <Button
                    type="link"
                    size="small"
                    icon={<HistoryOutlined />}
                    onClick={() => select(c.id)}
                    data-testid={`connector-history-${c.code}`}
                  >
                    {t('connectors.history')}
                  </Button>
                  <Button
                    type="link"
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => setEditing(c)}
                    data-testid={`connector-edit-${c.code}`}
                  >
                    {t('connectors.edit')}
                  </Button>
                </Flex>
              );
            },
          },
        ]}
      />
      {selected ? <RunHistory connector={selected} onClose={() => select(null)} /> : null}
      {editing ? (
        <ConnectorFormModal
          connector={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            select(saved.id);
          }}
        />
      ) : null}
    </>
  );
}

/** The runs of one connector, newest first: when, how, outcome counts and errors with their rows. */
function RunHistory({ connector, onClose }: { connector: ConnectorView; onClose: () => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const runs = useConnectorRuns(connector.id, page, HISTORY_PAGE_SIZE);
  return (
    <HistoryCard<ConnectorRun>
      title={t('connectors.historyOf', { name: connector.name })}
      closeLabel={t('connectors.closeHistory')}
      onClose={onClose}
      testId="connector-runs"
      query={runs}
      page={page}
      onPage={setPage}
      scrollX={900}
      emptyText={t('connectors.runs.empty')}
      columns={[
        {
          title: t('connectors.runs.started'),
          dataIndex: 'startedAt',
          width: 150,
          render: (at: string, r) => (
            <div>
              {formatDateTime(at)}
              {r.finishedAt ? (
                <div style={{ fontSize: 12 }}>
                  <Tooltip title={t('connectors.runs.finished')}>
                    <Typography.Text type="secondary">→ {formatDateTime(r.finishedAt)}</Typography.Text>
                  </Tooltip>
                </div>
              ) : null}
            </div>
          ),
        },
        {
          title: t('connectors.runs.trigger'),
          dataIndex: 'trigger',
          width: 100,
          render: (trigger: ConnectorRun['trigger']) => t(`connectors.trigger.${trigger}`),
        },
        {
          title: t('connectors.status'),
          key: 'status',
          width: 120,
          render: (_, r) => <RunStatusTag run={r} />,
        },
        { title: t('connectors.runs.attempts'), dataIndex: 'attempts', width: 90, align: 'right' },
        {
          title: t('connectors.runs.counts'),
          key: 'counts',
          render: (_, r) => (
            <div>
              {r.finishedAt || r.rows > 0 ? <div data-testid="connector-run-counts">{countsText(t, r)}</div> : null}
              {r.error ? (
                <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="connector-run-error">
                  {r.error}
                </Typography.Text>
              ) : null}
              {r.conflicts.length > 0 ? (
                <ul style={{ margin: '4px 0 0', paddingInlineStart: 18, fontSize: 12 }}>
                  {r.conflicts.map((c) => (
                    <li key={`${c.object}|${c.rows.join(',')}|${c.message}`}>
                      {c.rows.length > 0 ? `${t('connectors.runs.conflictRows', { rows: c.rows.join(', ') })}: ` : ''}
                      {c.object ? <Typography.Text code>{c.object}</Typography.Text> : null} {c.message}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ),
        },
      ]}
    />
  );
}
