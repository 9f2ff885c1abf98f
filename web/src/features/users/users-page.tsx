import {
  EditOutlined,
  LockOutlined,
  SafetyCertificateOutlined,
  SearchOutlined,
  StopOutlined,
  UnlockOutlined,
  UploadOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { type Role, roles } from '@baocao/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { PasswordResetView, UserCreatedView, UserRow } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { UnitPicker } from '../../components/unit-picker';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { formatDateTime, formatNumber, isPast } from '../../i18n/format';
import { useCan, useSignedInMe } from '../auth/session';
import { ImportUsersModal } from './import-users-modal';
import { TemporaryPasswordModal } from './temporary-password-modal';
import { UserFormModal } from './user-form-modal';
import { roleLabel, usersQueryKey, useUsers } from './users.api';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: UserRow }
  | { kind: 'import' }
  | { kind: 'password'; username: string; password: string }
  | null;

/** Accounts in the caller's view subtree: search, filter, create, edit, disable, reset password, import. */
export function UsersPage() {
  const { t, i18n } = useTranslation();
  const me = useSignedInMe();
  const canManage = useCan('users.manage');
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const client = useQueryClient();
  const [search, setSearch] = useState('');
  const [unitId, setUnitId] = useState<number | undefined>();
  const [role, setRole] = useState<Role | undefined>();
  const [includeDisabled, setIncludeDisabled] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [dialog, setDialog] = useState<Dialog>(null);
  const q = useDebouncedValue(search.trim(), 300);
  const users = useUsers({ q, unitId, role, includeDisabled }, page, pageSize);

  const refresh = () => void client.invalidateQueries({ queryKey: usersQueryKey });
  const setDisabled = useMutation({
    mutationFn: ({ user, disabled }: { user: UserRow; disabled: boolean }) =>
      api<UserRow>(`/users/${user.id}/${disabled ? 'disable' : 'enable'}`, { method: 'POST' }),
    onSuccess: (user) => {
      void message.success(t(user.disabled ? 'users.disabledDone' : 'users.enabledDone', { username: user.username }));
      refresh();
    },
    onError: (error) => notifyError(error),
  });
  const resetPassword = useMutation({
    mutationFn: (user: UserRow) => api<PasswordResetView>(`/users/${user.id}/reset-password`, { method: 'POST' }),
    onSuccess: (result, user) =>
      setDialog({ kind: 'password', username: user.username, password: result.temporaryPassword }),
    onError: (error) => notifyError(error),
  });

  const onCreated = (result: UserCreatedView) => {
    if (result.temporaryPassword)
      setDialog({ kind: 'password', username: result.user.username, password: result.temporaryPassword });
    else {
      setDialog(null);
      void message.success(t('users.createdService', { username: result.user.username }));
    }
  };

  const status = (user: UserRow) => {
    if (user.disabled) return <Tag color="red">{t('users.statusDisabled')}</Tag>;
    if (user.lockedUntil && !isPast(user.lockedUntil))
      return (
        <Tooltip title={formatDateTime(user.lockedUntil)}>
          <Tag color="orange">{t('users.statusLocked')}</Tag>
        </Tooltip>
      );
    return <Tag color="green">{t('users.statusActive')}</Tag>;
  };

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        extra={
          canManage ? (
            <>
              <Button
                icon={<UploadOutlined />}
                onClick={() => setDialog({ kind: 'import' })}
                data-testid="import-users"
              >
                {t('users.import')}
              </Button>
              <Button
                type="primary"
                icon={<UserAddOutlined />}
                onClick={() => setDialog({ kind: 'create' })}
                data-testid="create-user"
              >
                {t('users.createTitle')}
              </Button>
            </>
          ) : null
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} align="center">
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('users.searchPlaceholder')}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
            style={{ width: 280 }}
            data-testid="user-search"
          />
          <div style={{ width: 300 }}>
            <UnitPicker
              value={unitId}
              onChange={(value) => {
                setUnitId(typeof value === 'number' ? value : undefined);
                setPage(1);
              }}
              placeholder={t('users.filterUnit')}
            />
          </div>
          <Select<Role>
            allowClear
            placeholder={t('users.filterRole')}
            value={role}
            onChange={(value) => {
              setRole(value);
              setPage(1);
            }}
            options={roles.map((r) => ({ value: r, label: roleLabel(r, i18n.language) }))}
            style={{ width: 240 }}
          />
          <Checkbox
            checked={includeDisabled}
            onChange={(e) => {
              setIncludeDisabled(e.target.checked);
              setPage(1);
            }}
          >
            {t('users.includeDisabled')}
          </Checkbox>
        </Flex>
        {users.isError ? (
          <ErrorAlert error={users.error} />
        ) : (
          <Table<UserRow>
            rowKey="id"
            data-testid="users-table"
            loading={users.isFetching}
            dataSource={users.data?.items ?? []}
            scroll={{ x: 1000 }}
            locale={{ emptyText: t('users.empty') }}
            pagination={{
              current: page,
              pageSize,
              total: users.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              onChange: (nextPage, nextSize) => {
                setPage(nextSize !== pageSize ? 1 : nextPage);
                setPageSize(nextSize);
              },
              showTotal: (total) => t('users.total', { total: formatNumber(total) }),
            }}
            columns={[
              {
                title: t('users.person'),
                dataIndex: 'displayName',
                render: (name: string, user) => (
                  <div>
                    <Space size={6} wrap>
                      <Typography.Text strong>{name}</Typography.Text>
                      {user.kind === 'service' ? <Tag color="purple">{t('users.service')}</Tag> : null}
                    </Space>
                    <div style={{ fontSize: 12 }}>
                      <Typography.Text code>{user.username}</Typography.Text>
                      {user.email ? <Typography.Text type="secondary"> · {user.email}</Typography.Text> : null}
                    </div>
                  </div>
                ),
              },
              { title: t('users.unit'), dataIndex: 'unitName' },
              {
                title: t('users.roles'),
                dataIndex: 'roles',
                width: 240,
                render: (held: Role[]) => (
                  <Flex gap={4} wrap>
                    {held.map((r) => (
                      <Tag
                        key={r}
                        color={r === 'system_admin' ? 'volcano' : r === 'unit_admin' ? 'gold' : 'blue'}
                        style={{ marginInlineEnd: 0 }}
                      >
                        {roleLabel(r, i18n.language)}
                      </Tag>
                    ))}
                  </Flex>
                ),
              },
              {
                title: t('users.status'),
                key: 'status',
                width: 130,
                render: (_, user) => (
                  <Space size={4}>
                    {status(user)}
                    {user.totpEnabled ? (
                      <Tooltip title={t('users.twoFactorOn')}>
                        <SafetyCertificateOutlined style={{ color: '#389e0d' }} aria-label={t('users.twoFactorOn')} />
                      </Tooltip>
                    ) : null}
                  </Space>
                ),
              },
              {
                title: t('users.lastLogin'),
                dataIndex: 'lastLoginAt',
                width: 170,
                render: (at: string | null) =>
                  at ? formatDateTime(at) : <Typography.Text type="secondary">{t('users.never')}</Typography.Text>,
              },
              ...(canManage
                ? [
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      width: 130,
                      render: (_: unknown, user: UserRow) => (
                        <Space size={0}>
                          <Tooltip title={t('common.edit')}>
                            <Button
                              type="text"
                              icon={<EditOutlined />}
                              onClick={() => setDialog({ kind: 'edit', user })}
                              aria-label={t('common.edit')}
                            />
                          </Tooltip>
                          {user.kind === 'person' ? (
                            <Popconfirm
                              title={t('users.resetPasswordConfirm', { username: user.username })}
                              okText={t('users.resetPassword')}
                              cancelText={t('common.cancel')}
                              onConfirm={() => resetPassword.mutate(user)}
                            >
                              <Tooltip title={t('users.resetPassword')}>
                                <Button type="text" icon={<LockOutlined />} aria-label={t('users.resetPassword')} />
                              </Tooltip>
                            </Popconfirm>
                          ) : null}
                          {user.id === me.id ? null : user.disabled ? (
                            <Popconfirm
                              title={t('users.enableConfirm', { username: user.username })}
                              okText={t('users.enable')}
                              cancelText={t('common.cancel')}
                              onConfirm={() => setDisabled.mutate({ user, disabled: false })}
                            >
                              <Tooltip title={t('users.enable')}>
                                <Button type="text" icon={<UnlockOutlined />} aria-label={t('users.enable')} />
                              </Tooltip>
                            </Popconfirm>
                          ) : (
                            <Popconfirm
                              title={t('users.disableConfirm', { username: user.username })}
                              okText={t('users.disable')}
                              okButtonProps={{ danger: true }}
                              cancelText={t('common.cancel')}
                              onConfirm={() => setDisabled.mutate({ user, disabled: true })}
                            >
                              <Tooltip title={t('users.disable')}>
                                <Button type="text" danger icon={<StopOutlined />} aria-label={t('users.disable')} />
                              </Tooltip>
                            </Popconfirm>
                          )}
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      {dialog?.kind === 'create' ? (
        <UserFormModal open mode="create" onClose={() => setDialog(null)} onCreated={onCreated} />
      ) : null}
      {dialog?.kind === 'edit' ? (
        <UserFormModal
          open
          mode="edit"
          user={dialog.user}
          onClose={() => setDialog(null)}
          onSaved={(user) => {
            setDialog(null);
            void message.success(t('users.savedDone', { username: user.username }));
          }}
        />
      ) : null}
      <ImportUsersModal open={dialog?.kind === 'import'} onClose={() => setDialog(null)} />
      <TemporaryPasswordModal
        username={dialog?.kind === 'password' ? dialog.username : null}
        password={dialog?.kind === 'password' ? dialog.password : null}
        onClose={() => setDialog(null)}
      />
    </>
  );
}
