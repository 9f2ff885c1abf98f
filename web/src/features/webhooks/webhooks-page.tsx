import { PlusOutlined, RedoOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { WebhookDelivery, WebhookView } from '@baocao/domain';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Switch, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  HISTORY_PAGE_SIZE,
  HistoryCard,
  ListTableCard,
  UnitTags,
  useSelectedId,
} from '../../components/exchange-tables';
import { PageHeader } from '../../components/page-header';
import { SecretOnceModal } from '../../components/secret-reveal';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { useNarrowScreen } from '../../components/use-narrow-screen';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useUnitNames } from '../tokens/tokens.api';
import { CreateWebhookModal } from './create-webhook-modal';
import { useRedeliver, useSetWebhookActive, useWebhookDeliveries, useWebhooks, webhooksListKey } from './webhooks.api';

const DELIVERY_COLORS: Record<WebhookDelivery['status'], string> = {
  pending: 'processing',
  delivered: 'success',
  failed: 'error',
};

/** Webhook subscriptions: add (secret shown once), enable or disable, and each one's delivery log. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const narrow = useNarrowScreen();
  const webhooks = useWebhooks();
  const setActive = useSetWebhookActive();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ secret: string; url: string } | null>(null);
  const { selectedId, select } = useSelectedId();
  const selected = webhooks.data?.find((w) => w.id === selectedId) ?? null;
  const unitIds = [...new Set((webhooks.data ?? []).flatMap((w) => w.unitIds))];
  const unitNames = useUnitNames(unitIds);

  return (
    <>
      <PageHeader
        title={t('webhooks.title')}
        description={t('webhooks.description')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="webhook-add">
            {t('webhooks.add')}
          </Button>
        }
      />
      <ListTableCard<WebhookView>
        query={webhooks}
        testId="webhooks-table"
        scrollX={1100}
        emptyText={t('webhooks.empty')}
        columns={[
          {
            title: t('webhooks.url'),
            key: 'url',
            render: (_, w) => (
              <div>
                <Typography.Text strong style={{ wordBreak: 'break-all' }}>
                  {w.url}
                </Typography.Text>
                {w.description ? (
                  <div style={{ fontSize: 12 }}>
                    <Typography.Text type="secondary">{w.description}</Typography.Text>
                  </div>
                ) : null}
                <div style={{ fontSize: 12 }}>
                  <Typography.Text type="secondary">
                    {w.ownerName} · {formatDateTime(w.createdAt)}
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          {
            title: t('webhooks.events'),
            dataIndex: 'eventTypes',
            width: 220,
            render: (types: WebhookView['eventTypes']) => (
              <Flex gap={4} wrap>
                {types.map((type) => (
                  <Tooltip key={type} title={type}>
                    <Tag color="blue" style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
                      {t(`webhooks.eventTypes.${type}`)}
                    </Tag>
                  </Tooltip>
                ))}
              </Flex>
            ),
          },
          {
            title: t('webhooks.units'),
            dataIndex: 'unitIds',
            width: 180,
            render: (ids: number[]) => <UnitTags ids={ids} names={unitNames} />,
          },
          {
            title: t('webhooks.status'),
            key: 'status',
            width: 170,
            render: (_, w) => (
              <Flex vertical gap={4} align="flex-start">
                <Switch
                  checked={w.active}
                  checkedChildren={t('webhooks.active')}
                  unCheckedChildren={t('webhooks.disabled')}
                  loading={setActive.isPending && setActive.variables?.id === w.id}
                  data-testid={`webhook-active-${w.id}`}
                  onChange={(active) =>
                    setActive.mutate(
                      { id: w.id, active },
                      {
                        onSuccess: () =>
                          void message.success(active ? t('webhooks.enabledDone') : t('webhooks.disabledDone')),
                        onError: (error) => notifyError(error),
                      },
                    )
                  }
                />
                {w.consecutiveFailures > 0 ? (
                  <Tag color="red">{t('webhooks.failuresInRow', { count: w.consecutiveFailures })}</Tag>
                ) : null}
                {w.disabledReason ? (
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    {w.disabledReason}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          {
            title: t('webhooks.counts'),
            key: 'counts',
            width: 170,
            render: (_, w) => (
              <Typography.Text style={{ fontSize: 12 }} data-testid={`webhook-counts-${w.id}`}>
                {t('webhooks.countsText', {
                  delivered: formatNumber(w.delivered),
                  pending: formatNumber(w.pending),
                  failed: formatNumber(w.failed),
                })}
              </Typography.Text>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 130,
            fixed: narrow ? undefined : 'right',
            render: (_, w) => (
              <Button
                type="link"
                size="small"
                icon={<UnorderedListOutlined />}
                onClick={() => select(w.id)}
                data-testid={`webhook-deliveries-${w.id}`}
              >
                {t('webhooks.deliveries')}
              </Button>
            ),
          },
        ]}
      />
      {selected ? <DeliveryLog webhook={selected} onClose={() => select(null)} /> : null}
      {creating ? (
        <CreateWebhookModal
          onClose={() => setCreating(false)}
          onCreated={(secret, url) => {
            setCreating(false);
            setCreated({ secret, url });
          }}
        />
      ) : null}
      <SecretOnceModal
        open={!!created}
        title={t('webhooks.create.createdTitle')}
        doneLabel={t('webhooks.create.saved')}
        onDone={() => setCreated(null)}
        doneTestId="webhook-secret-saved"
        label={t('webhooks.create.secret')}
        secret={created?.secret ?? null}
        warning={t('webhooks.create.onceWarning')}
        testId="webhook-secret"
      >
        <Typography.Text style={{ wordBreak: 'break-all' }}>{created?.url}</Typography.Text>
      </SecretOnceModal>
    </>
  );
}

/** One subscription's deliveries, newest first, every attempt with its status code; redeliver. */
function DeliveryLog({ webhook, onClose }: { webhook: WebhookView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const [page, setPage] = useState(1);
  const deliveries = useWebhookDeliveries(webhook.id, page, HISTORY_PAGE_SIZE);
  const redeliver = useRedeliver();
  const client = useQueryClient();
  // When a delivery's outcome changes, the subscription's counts in the list above change too.
  const outcomes = (deliveries.data?.items ?? []).map((d) => `${d.id}:${d.status}:${d.attempts.length}`).join(',');
  useEffect(() => {
    if (outcomes) void client.invalidateQueries({ queryKey: webhooksListKey, exact: true });
  }, [outcomes, client]);
  return (
    <HistoryCard<WebhookDelivery>
      title={t('webhooks.deliveriesOf', { url: webhook.url })}
      closeLabel={t('webhooks.closeDeliveries')}
      onClose={onClose}
      testId="webhook-log"
      titleWraps
      query={deliveries}
      page={page}
      onPage={setPage}
      scrollX={860}
      emptyText={t('webhooks.delivery.empty')}
      columns={[
        {
          title: t('webhooks.delivery.event'),
          key: 'event',
          width: 200,
          render: (_, d) => (
            <div>
              <div>{t(`webhooks.eventTypes.${d.eventType}`)}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                #{d.eventId} · {formatDateTime(d.createdAt)}
              </Typography.Text>
            </div>
          ),
        },
        {
          title: t('webhooks.delivery.status'),
          key: 'status',
          width: 130,
          render: (_, d) => (
            <div>
              <Tag color={DELIVERY_COLORS[d.status]} data-testid="webhook-delivery-status">
                {t(`webhooks.delivery.statuses.${d.status}`)}
              </Tag>
              {d.deliveredAt ? (
                <div style={{ fontSize: 12 }}>
                  <Typography.Text type="secondary">{formatDateTime(d.deliveredAt)}</Typography.Text>
                </div>
              ) : null}
            </div>
          ),
        },
        {
          title: t('webhooks.delivery.attempts'),
          key: 'attempts',
          render: (_, d) => (
            <Flex vertical gap={2} data-testid="webhook-delivery-attempts">
              {d.attempts.map((a) => (
                <Typography.Text key={a.attempt} style={{ fontSize: 12 }}>
                  {t('webhooks.delivery.attempt', { n: a.attempt })}
                  {a.manual ? ` (${t('webhooks.delivery.manual')})` : ''} · {formatDateTime(a.at)} ·{' '}
                  <Tag
                    color={a.outcome === 'delivered' ? 'green' : 'red'}
                    style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}
                  >
                    {a.responseCode ?? t('webhooks.delivery.noAnswer')}
                  </Tag>{' '}
                  · {formatNumber(a.durationMs)} ms
                  {a.error ? <Typography.Text type="danger"> · {a.error}</Typography.Text> : null}
                </Typography.Text>
              ))}
            </Flex>
          ),
        },
        {
          title: t('common.actions'),
          key: 'actions',
          width: 120,
          render: (_, d) => (
            <Button
              size="small"
              icon={<RedoOutlined />}
              disabled={d.status === 'pending' || !webhook.active}
              loading={redeliver.isPending && redeliver.variables?.deliveryId === d.id}
              data-testid={`webhook-redeliver-${d.id}`}
              onClick={() =>
                redeliver.mutate(
                  { id: webhook.id, deliveryId: d.id },
                  {
                    onSuccess: () => void message.success(t('webhooks.delivery.redelivered')),
                    onError: (error) => notifyError(error),
                  },
                )
              }
            >
              {t('webhooks.delivery.redeliver')}
            </Button>
          ),
        },
      ]}
    />
  );
}
