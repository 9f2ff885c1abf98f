import type { noticeKinds } from '@baocao/domain';
import { Alert, App, Card, Checkbox, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert';
import { useNoticePreferences, useSaveNoticePreferences } from './notices.api';

/** In "Tài khoản của tôi": which kinds of notice reach the inbox and the e-mail address. */
export function NoticePreferencesCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const preferences = useNoticePreferences();
  const save = useSaveNoticePreferences();
  const items = preferences.data?.items ?? [];
  const change = (kind: (typeof noticeKinds)[number], channel: 'inbox' | 'email', on: boolean) => {
    const current = items.find((i) => i.kind === kind);
    if (!current) return;
    save.mutate([{ ...current, [channel]: on }], {
      onSuccess: () => void message.success(t('notices.preferences.saved')),
    });
  };
  return (
    <Card title={t('notices.preferences.title')} data-testid="notice-preferences">
      <Typography.Paragraph type="secondary">{t('notices.preferences.description')}</Typography.Paragraph>
      {preferences.data && !preferences.data.email ? (
        <Alert type="info" showIcon title={t('notices.preferences.noEmail')} style={{ marginBottom: 12 }} />
      ) : preferences.data?.email ? (
        <Typography.Paragraph>
          {t('notices.preferences.emailTo', { email: preferences.data.email })}
        </Typography.Paragraph>
      ) : null}
      {preferences.isError ? <ErrorAlert error={preferences.error} /> : null}
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <Table
        size="small"
        rowKey="kind"
        loading={preferences.isPending}
        pagination={false}
        dataSource={items}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('notices.preferences.kind'),
            dataIndex: 'kind',
            render: (kind) => t(`notices.kinds.${kind as (typeof noticeKinds)[number]}`),
          },
          {
            title: t('notices.preferences.inbox'),
            dataIndex: 'inbox',
            align: 'center',
            render: (on: boolean, row) => (
              <Checkbox
                checked={on}
                disabled={save.isPending}
                onChange={(e) => change(row.kind, 'inbox', e.target.checked)}
                aria-label={`${t(`notices.kinds.${row.kind}`)} — ${t('notices.preferences.inbox')}`}
                data-testid={`pref-${row.kind}-inbox`}
              />
            ),
          },
          {
            title: t('notices.preferences.email'),
            dataIndex: 'email',
            align: 'center',
            render: (on: boolean, row) => (
              <Checkbox
                checked={on}
                disabled={save.isPending || !preferences.data?.email}
                onChange={(e) => change(row.kind, 'email', e.target.checked)}
                aria-label={`${t(`notices.kinds.${row.kind}`)} — ${t('notices.preferences.email')}`}
                data-testid={`pref-${row.kind}-email`}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
