import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, Flex, List, Pagination, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { formatDateTime } from '../../i18n/format';
import { useCan } from '../auth/session';
import { type NoticeView, useMarkAllRead, useMarkRead, useNotices } from './notices.api';

const PAGE = 20;
const KIND_COLORS: Partial<Record<NoticeView['kind'], string>> = {
  report_returned: 'red',
  deadline_late: 'red',
  escalation: 'volcano',
  children_late: 'orange',
  deadline_reminder: 'gold',
  manual_reminder: 'gold',
  report_accepted: 'green',
  period_locked: 'purple',
  period_unlocked: 'blue',
  unlock_refused: 'magenta',
  child_changed: 'cyan',
  task_due_soon: 'gold',
  task_overdue: 'red',
};

/** /notices — the person's inbox: newest first, unread marked, each with its link. */
export function InboxPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [unread, setUnread] = useState(false);
  const [offset, setOffset] = useState(0);
  const notices = useNotices(unread, { limit: PAGE, offset });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const canReadLog = useCan('audit.read');

  const open = (notice: NoticeView) => {
    if (!notice.readAt) markRead.mutate(notice.id);
    if (notice.link) void navigate(notice.link);
  };

  return (
    <>
      <PageHeader
        title={t('notices.title')}
        description={t('notices.description')}
        extra={
          <Space wrap>
            {canReadLog ? (
              <Link to="/notices/deliveries" data-testid="open-deliveries">
                {t('notices.deliveries.title')}
              </Link>
            ) : null}
            <Space>
              <Switch
                checked={unread}
                onChange={(on) => {
                  setUnread(on);
                  setOffset(0);
                }}
                data-testid="notices-unread-only"
              />
              <span>{t('notices.onlyUnread')}</span>
            </Space>
            <Button
              icon={<CheckOutlined />}
              onClick={() => markAll.mutate()}
              loading={markAll.isPending}
              disabled={!notices.data?.unread}
              data-testid="notices-read-all"
            >
              {t('notices.markAllRead')}
            </Button>
          </Space>
        }
      />
      {notices.isError ? <ErrorAlert error={notices.error} /> : null}
      <Card styles={{ body: { padding: 0 } }}>
        <List
          loading={notices.isPending}
          dataSource={notices.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notices.empty')} /> }}
          data-testid="notices-list"
          renderItem={(notice) => (
            <List.Item
              key={notice.id}
              data-testid="notice"
              data-kind={notice.kind}
              style={{
                paddingInline: 16,
                background: notice.readAt ? undefined : '#f0f6ff',
                cursor: notice.link ? 'pointer' : undefined,
                alignItems: 'flex-start',
              }}
              onClick={() => open(notice)}
              actions={
                notice.readAt
                  ? []
                  : [
                      <Button
                        key="read"
                        size="small"
                        type="link"
                        onClick={(event) => {
                          event.stopPropagation();
                          markRead.mutate(notice.id);
                        }}
                        data-testid="notice-read"
                      >
                        {t('notices.markRead')}
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                avatar={
                  <Badge dot={!notice.readAt} offset={[-2, 2]}>
                    <BellOutlined style={{ fontSize: 20, color: notice.readAt ? '#8c8c8c' : '#0f3a78' }} />
                  </Badge>
                }
                title={
                  <Flex wrap gap={8} align="center">
                    <Typography.Text strong={!notice.readAt} data-testid="notice-title">
                      {notice.title[language] || notice.title.vi}
                    </Typography.Text>
                  </Flex>
                }
                description={
                  <Flex vertical gap={4}>
                    {notice.body.vi ? (
                      <Typography.Text type="secondary">{notice.body[language] || notice.body.vi}</Typography.Text>
                    ) : null}
                    <Space wrap size={8}>
                      <Tag color={KIND_COLORS[notice.kind]}>{t(`notices.kinds.${notice.kind}`)}</Tag>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(notice.createdAt)}
                      </Typography.Text>
                      {notice.readAt ? null : <Tag color="blue">{t('notices.unreadTag')}</Tag>}
                    </Space>
                  </Flex>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      {notices.data && notices.data.total > PAGE ? (
        <Flex justify="end" style={{ marginTop: 16 }}>
          <Pagination
            current={offset / PAGE + 1}
            pageSize={PAGE}
            total={notices.data.total}
            showSizeChanger={false}
            onChange={(page) => setOffset((page - 1) * PAGE)}
          />
        </Flex>
      ) : null}
    </>
  );
}
