import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Popconfirm, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { TokenCreatedView, TokenRow } from '../../api/types';
import { ListTableCard, UnitTags } from '../../components/exchange-tables';
import { PageHeader } from '../../components/page-header';
import { SecretOnceModal } from '../../components/secret-reveal';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { formatDate, formatDateTime, isPast } from '../../i18n/format';
import { CreateTokenModal } from './create-token-modal';
import { permissionLabel, tokensQueryKey, useTokens, useUnitNames } from './tokens.api';

/** API access tokens of service accounts: list, issue (shown once), revoke. */
export function TokensPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const client = useQueryClient();
  const tokens = useTokens();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<TokenCreatedView | null>(null);
  const unitIds = [...new Set((tokens.data ?? []).flatMap((token) => token.unitIds))];
  const unitNames = useUnitNames(unitIds);

  const revoke = useMutation({
    mutationFn: (token: TokenRow) => api<TokenRow>(`/tokens/${token.id}/revoke`, { method: 'POST' }),
    onSuccess: (token) => {
      void message.success(t('tokens.revokedDone', { name: token.name }));
      void client.invalidateQueries({ queryKey: tokensQueryKey });
    },
    onError: (error) => notifyError(error),
  });

  const status = (token: TokenRow) => {
    if (token.revokedAt)
      return (
        <Tooltip title={formatDateTime(token.revokedAt)}>
          <Tag color="red">{t('tokens.statusRevoked')}</Tag>
        </Tooltip>
      );
    if (isPast(token.expiresAt)) return <Tag color="orange">{t('tokens.statusExpired')}</Tag>;
    return <Tag color="green">{t('tokens.statusActive')}</Tag>;
  };

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        description={t('tokens.description')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('tokens.createTitle')}
          </Button>
        }
      />
      <ListTableCard<TokenRow>
        query={tokens}
        scrollX={1050}
        emptyText={t('tokens.empty')}
        columns={[
          {
            title: t('tokens.name'),
            dataIndex: 'name',
            render: (name: string, token) => (
              <div>
                <Typography.Text strong>{name}</Typography.Text>
                <div style={{ fontSize: 12 }}>
                  <Typography.Text type="secondary">
                    {t('tokens.createdAt', { date: formatDate(token.createdAt) })}
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          {
            title: t('tokens.account'),
            dataIndex: 'username',
            width: 170,
            render: (username: string, token) => (
              <div>
                <div>{username}</div>
                <Tooltip title={t('tokens.prefix')}>
                  <Typography.Text code style={{ fontSize: 12 }}>
                    {token.prefix}…
                  </Typography.Text>
                </Tooltip>
              </div>
            ),
          },
          {
            title: t('tokens.units'),
            dataIndex: 'unitIds',
            width: 200,
            render: (ids: number[]) => <UnitTags ids={ids} names={unitNames} />,
          },
          {
            title: t('tokens.permissions'),
            dataIndex: 'permissions',
            width: 180,
            render: (permissions: string[]) => (
              <Flex gap={4} wrap>
                {permissions.map((p) => (
                  <Tooltip key={p} title={p}>
                    <Tag color="blue">{permissionLabel(t, p)}</Tag>
                  </Tooltip>
                ))}
              </Flex>
            ),
          },
          {
            title: t('tokens.lastUsed'),
            dataIndex: 'lastUsedAt',
            width: 170,
            render: (at: string | null, token) =>
              at ? (
                <div>
                  {formatDateTime(at)}
                  {token.lastUsedIp ? (
                    <div style={{ fontSize: 12 }}>
                      <Typography.Text type="secondary">{token.lastUsedIp}</Typography.Text>
                    </div>
                  ) : null}
                </div>
              ) : (
                <Typography.Text type="secondary">{t('tokens.neverUsed')}</Typography.Text>
              ),
          },
          {
            title: t('tokens.status'),
            key: 'status',
            width: 150,
            render: (_, token) => (
              <div>
                {status(token)}
                <div style={{ fontSize: 12, marginTop: 4 }}>
                  <Typography.Text type="secondary">
                    {t('tokens.expiresOn', { date: formatDate(token.expiresAt) })}
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 110,
            render: (_, token) =>
              token.revokedAt ? null : (
                <Popconfirm
                  title={t('tokens.revokeConfirm', { name: token.name })}
                  okText={t('tokens.revoke')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => revoke.mutate(token)}
                >
                  <Button danger type="text" icon={<StopOutlined />}>
                    {t('tokens.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      {creating ? (
        <CreateTokenModal
          open
          onClose={() => setCreating(false)}
          onCreated={(result) => {
            setCreating(false);
            setCreated(result);
          }}
        />
      ) : null}
      <SecretOnceModal
        open={!!created}
        title={t('tokens.createdTitle', { name: created?.view.name ?? '' })}
        doneLabel={t('tokens.saved')}
        onDone={() => setCreated(null)}
        label={t('tokens.token')}
        secret={created?.token ?? null}
        warning={t('tokens.onceWarning')}
      />
    </>
  );
}
