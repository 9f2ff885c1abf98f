import { DeleteOutlined, EditOutlined, PlusOutlined, SendOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { FederationItem, FederationLinkView } from '@baocao/domain';
import { App, Button, Flex, Popconfirm, Segmented, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  HISTORY_PAGE_SIZE,
  HistoryCard,
  ListTableCard,
  UnitTags,
  useSelectedId,
} from '../../components/exchange-tables';
import { PageHeader } from '../../components/page-header';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { useNarrowScreen } from '../../components/use-narrow-screen';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useUnitNames } from '../tokens/tokens.api';
import {
  type FederationItemStatus,
  inBackOff,
  useDeleteFederationLink,
  useFederationItems,
  useFederationLinks,
  useSendFederationLink,
} from './federation.api';
import { FederationLinkModal } from './federation-link-modal';

/** An item's state as a person reads it: a waiting item that has failed before is "waiting to retry". */
function itemState(item: FederationItem): 'waiting' | 'retrying' | 'sent' | 'rejected' {
  if (item.status === 'pending') return item.attempts > 0 ? 'retrying' : 'waiting';
  return item.status;
}

const ITEM_COLORS = { waiting: 'processing', retrying: 'warning', sent: 'success', rejected: 'error' } as const;

export function ItemStatusTag({ item }: { item: FederationItem }) {
  const { t } = useTranslation();
  const state = itemState(item);
  return (
    <Tag color={ITEM_COLORS[state]} data-testid="federation-item-status">
      {t(`federation.itemStatus.${state}`)}
    </Tag>
  );
}

/**
 * Federation links to other Baocao instances: what each forwards and under which codes, its
 * state and outbox, "send now", create and edit (the token write-only), delete, and each link's
 * item log. `?id=` in the address opens a link's log (the failing-link notice points there).
 */
export function FederationPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const narrow = useNarrowScreen();
  const links = useFederationLinks();
  const send = useSendFederationLink();
  const remove = useDeleteFederationLink();
  const [editing, setEditing] = useState<FederationLinkView | 'new' | null>(null);
  const { selectedId, select } = useSelectedId();
  const selected = links.data?.find((l) => l.id === selectedId) ?? null;
  const unitNames = useUnitNames([...new Set((links.data ?? []).flatMap((l) => l.unitIds))]);

  const sendNow = (link: FederationLinkView) =>
    send.mutate(link, {
      onSuccess: () => {
        void message.success(t('federation.sendStarted', { name: link.name }));
        select(link.id);
      },
      onError: (error) => notifyError(error),
    });

  const deleteLink = (link: FederationLinkView) =>
    remove.mutate(link, {
      onSuccess: () => {
        void message.success(t('federation.deleted', { name: link.name }));
        if (selectedId === link.id) select(null);
      },
      onError: (error) => notifyError(error),
    });

  return (
    <>
      <PageHeader
        title={t('federation.title')}
        description={t('federation.description')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="federation-add">
            {t('federation.add')}
          </Button>
        }
      />
      <ListTableCard<FederationLinkView>
        query={links}
        testId="federation-table"
        scrollX={1050}
        emptyText={t('federation.empty')}
        columns={[
          {
            title: t('federation.link'),
            key: 'link',
            render: (_, l) => (
              <div style={{ minWidth: 0 }}>
                <Typography.Text strong>{l.name}</Typography.Text>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                    {l.targetUrl}
                  </Typography.Text>
                </div>
                <UnitTags ids={l.unitIds} names={unitNames} style={{ marginTop: 4 }} />
              </div>
            ),
          },
          {
            title: t('federation.forwarded'),
            key: 'forwarded',
            width: 230,
            render: (_, l) => (
              <Flex vertical gap={4} data-testid={`federation-forwarded-${l.id}`}>
                {l.forms.length > 0 ? (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('federation.formsCount')}:
                    </Typography.Text>
                    {l.forms.map((f) => {
                      const own = `${f.regimeCode}/${f.formCode}`;
                      const cells = Object.keys(f.cells).length;
                      return (
                        <div key={f.formId} style={{ fontSize: 12, wordBreak: 'break-all' }}>
                          <div>
                            <Typography.Text code>{own}</Typography.Text>
                          </div>
                          {f.code !== own || cells > 0 ? (
                            <div>
                              {f.code !== own ? (
                                <>
                                  {'→ '}
                                  <Typography.Text code>{f.code}</Typography.Text>
                                </>
                              ) : null}
                              {cells > 0 ? (
                                <Tooltip
                                  title={Object.entries(f.cells)
                                    .map(([a, b]) => `${a} → ${b}`)
                                    .join(', ')}
                                >
                                  <Tag style={{ marginInlineStart: 4 }}>
                                    {t('federation.cellsCount', { n: formatNumber(cells) })}
                                  </Tag>
                                </Tooltip>
                              ) : null}
                            </div>
                          ) : null}
                        </div>
                      );
                    })}
                  </div>
                ) : null}
                {l.indicators.length > 0 ? (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('federation.indicatorsCount')}:
                    </Typography.Text>
                    {l.indicators.map((x) => (
                      <div key={x.indicatorId} style={{ fontSize: 12 }}>
                        <Typography.Text code>{x.indicatorCode}</Typography.Text>
                        {x.code !== x.indicatorCode ? (
                          <>
                            {' → '}
                            <Typography.Text code>{x.code}</Typography.Text>
                          </>
                        ) : null}
                      </div>
                    ))}
                  </div>
                ) : null}
                {Object.keys(l.unitCodes).length > 0 ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {Object.entries(l.unitCodes)
                      .map(([a, b]) => `${a} → ${b}`)
                      .join(', ')}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          {
            title: t('federation.status'),
            key: 'status',
            width: 160,
            render: (_, l) => (
              <Flex vertical gap={4} align="flex-start" data-testid={`federation-status-${l.id}`}>
                {l.active ? <Tag color="green">{t('federation.active')}</Tag> : <Tag>{t('federation.paused')}</Tag>}
                {l.consecutiveFailures > 0 ? (
                  <Tag color="red">{t('federation.failures', { count: l.consecutiveFailures })}</Tag>
                ) : null}
                {l.active && inBackOff(l) ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('federation.retryAt', { time: formatDateTime(l.nextAttemptAt) })}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          {
            title: t('federation.lastDelivery'),
            key: 'lastDelivery',
            width: 200,
            render: (_, l) => (
              <div data-testid={`federation-last-${l.id}`}>
                {l.outbox.lastSentAt ? (
                  <Typography.Text style={{ fontSize: 12 }}>
                    {t('federation.lastSentAt', { time: formatDateTime(l.outbox.lastSentAt) })}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('federation.neverSent')}
                  </Typography.Text>
                )}
                {l.lastError ? (
                  <div>
                    <Typography.Text type="danger" style={{ fontSize: 12, wordBreak: 'break-word' }}>
                      {t('federation.lastFailed')}: {l.lastError}
                    </Typography.Text>
                  </div>
                ) : null}
              </div>
            ),
          },
          {
            title: t('federation.backlog'),
            key: 'backlog',
            width: 115,
            render: (_, l) => (
              <Flex vertical style={{ fontSize: 12 }} data-testid={`federation-backlog-${l.id}`}>
                <Typography.Text strong={l.outbox.pending > 0} style={{ fontSize: 12 }}>
                  {t('federation.backlogPending', { n: formatNumber(l.outbox.pending) })}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('federation.backlogSent', { n: formatNumber(l.outbox.sent) })}
                </Typography.Text>
                <Typography.Text type={l.outbox.rejected > 0 ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                  {t('federation.backlogRejected', { n: formatNumber(l.outbox.rejected) })}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 120,
            fixed: narrow ? undefined : 'right',
            render: (_, l) => (
              <Flex vertical={!narrow} wrap gap={narrow ? 8 : 2} align="flex-start">
                <Button
                  type="link"
                  size="small"
                  icon={<SendOutlined />}
                  disabled={!l.active}
                  loading={send.isPending && send.variables?.id === l.id}
                  onClick={() => sendNow(l)}
                  data-testid={`federation-send-${l.id}`}
                >
                  {t('federation.sendNow')}
                </Button>
                <Button
                  type="link"
                  size="small"
                  icon={<UnorderedListOutlined />}
                  onClick={() => select(l.id)}
                  data-testid={`federation-items-${l.id}`}
                >
                  {t('federation.items')}
                </Button>
                <Button
                  type="link"
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setEditing(l)}
                  data-testid={`federation-edit-${l.id}`}
                >
                  {t('federation.edit')}
                </Button>
                <Popconfirm
                  title={t('federation.deleteConfirm', { name: l.name })}
                  okText={t('federation.delete')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => deleteLink(l)}
                >
                  <Button
                    type="link"
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    loading={remove.isPending && remove.variables?.id === l.id}
                    data-testid={`federation-delete-${l.id}`}
                  >
                    {t('federation.delete')}
                  </Button>
                </Popconfirm>
              </Flex>
            ),
          },
        ]}
      />
      {selected ? <ItemLog link={selected} onClose={() => select(null)} /> : null}
      {editing ? (
        <FederationLinkModal
          link={editing === 'new' ? null : editing}
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

/** The outbox of one link, newest first: each forwarded item, its attempts, answer and times. */
function ItemLog({ link, onClose }: { link: FederationLinkView; onClose: () => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<FederationItemStatus | null>(null);
  const items = useFederationItems(link, status, page, HISTORY_PAGE_SIZE);
  const unitNames = useUnitNames([...new Set((items.data?.items ?? []).map((i) => i.unitId))]);
  const formCodes = new Map(link.forms.map((f) => [f.formId, `${f.regimeCode}/${f.formCode}`]));
  return (
    <HistoryCard<FederationItem>
      title={t('federation.log.title', { name: link.name })}
      closeLabel={t('federation.log.close')}
      onClose={onClose}
      testId="federation-log"
      query={items}
      page={page}
      onPage={setPage}
      scrollX={900}
      emptyText={t('federation.log.empty')}
      columns={[
        {
          title: t('federation.log.item'),
          key: 'item',
          render: (_, i) => (
            <div data-testid="federation-item">
              <Typography.Text strong>
                {i.type === 'report.sent_up' ? t('federation.log.sentUp') : t('federation.log.indicator')}
              </Typography.Text>
              <div style={{ fontSize: 12 }}>
                {unitNames.get(i.unitId) ?? `#${i.unitId}`}
                {i.formId !== null ? (
                  <>
                    {' · '}
                    <Typography.Text code>{formCodes.get(i.formId) ?? `#${i.formId}`}</Typography.Text>
                  </>
                ) : null}
                {i.periodId ? ` · ${t('federation.log.period', { period: i.periodId })}` : null}
              </div>
            </div>
          ),
        },
        {
          title: t('federation.status'),
          key: 'status',
          width: 130,
          render: (_, i) => <ItemStatusTag item={i} />,
        },
        {
          title: t('federation.log.attempts'),
          key: 'attempts',
          width: 110,
          render: (_, i) => (
            <div data-testid="federation-item-attempts">
              {formatNumber(i.attempts)}
              {i.responseCode !== null ? (
                <div style={{ fontSize: 12 }}>
                  <Typography.Text type="secondary">
                    {t('federation.log.response', { code: i.responseCode })}
                  </Typography.Text>
                </div>
              ) : null}
            </div>
          ),
        },
        {
          title: t('federation.log.times'),
          key: 'times',
          width: 230,
          render: (_, i) => (
            <div style={{ fontSize: 12 }}>
              <div>
                <Typography.Text type="secondary">{t('federation.log.created')}: </Typography.Text>
                {formatDateTime(i.createdAt)}
              </div>
              {i.lastAttemptAt ? (
                <div>
                  <Typography.Text type="secondary">{t('federation.log.lastAttempt')}: </Typography.Text>
                  {formatDateTime(i.lastAttemptAt)}
                </div>
              ) : null}
              {i.sentAt ? (
                <div>
                  <Typography.Text type="secondary">{t('federation.log.sentAt')}: </Typography.Text>
                  {formatDateTime(i.sentAt)}
                </div>
              ) : null}
            </div>
          ),
        },
        {
          title: t('federation.log.outcome'),
          key: 'outcome',
          render: (_, i) => <ItemOutcome item={i} />,
        },
      ]}
    >
      <Segmented<FederationItemStatus | 'all'>
        style={{ marginBottom: 12 }}
        value={status ?? 'all'}
        onChange={(value) => {
          setStatus(value === 'all' ? null : value);
          setPage(1);
        }}
        options={[
          { value: 'all', label: t('federation.log.all') },
          { value: 'pending', label: t('federation.statusFilter.pending') },
          { value: 'sent', label: t('federation.statusFilter.sent') },
          { value: 'rejected', label: t('federation.statusFilter.rejected') },
        ]}
      />
    </HistoryCard>
  );
}

/** The last error of an item, or the receiving instance's answer in short. */
function ItemOutcome({ item }: { item: FederationItem }) {
  const { t } = useTranslation();
  if (item.error)
    return (
      <Typography.Text
        type="danger"
        style={{ fontSize: 12, wordBreak: 'break-word' }}
        data-testid="federation-item-error"
      >
        {item.error}
      </Typography.Text>
    );
  const summary = item.summary as Record<string, unknown> | null;
  if (!summary) return null;
  if (summary.empty === true)
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('federation.log.emptyItem')}
      </Typography.Text>
    );
  // The receiving instance's answer: an import summary (`counts`) or an indicator store result.
  const counts = (summary.counts && typeof summary.counts === 'object' ? summary.counts : summary) as Partial<
    Record<'created' | 'updated' | 'unchanged' | 'rejected', number>
  >;
  if (typeof counts.created !== 'number') return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="federation-item-summary">
      {t('federation.log.answer', {
        created: formatNumber(counts.created),
        updated: formatNumber(counts.updated ?? 0),
        unchanged: formatNumber(counts.unchanged ?? 0),
      })}
      {counts.rejected ? ` · ${t('federation.log.answerRejected', { rejected: formatNumber(counts.rejected) })}` : null}
    </Typography.Text>
  );
}
