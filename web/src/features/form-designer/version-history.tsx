import { ArrowRightOutlined } from '@ant-design/icons';
import type { formVersionStatuses } from '@baocao/domain';
import { Button, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format';
import type { VersionSummaryView } from './form-designer.api';

export type VersionStatus = (typeof formVersionStatuses)[number];

const colors: Record<VersionStatus, string> = { draft: 'gold', published: 'green', superseded: 'default' };

export function VersionStatusTag({ status }: { status: VersionStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={colors[status]} style={{ marginInlineEnd: 0 }} data-testid="version-status">
      {t(`regimes.designer.versionStatus.${status}`)}
    </Tag>
  );
}

/** Every version of the form, newest first: draft → published (immutable) → superseded. */
export function VersionHistory({
  versions,
  currentId,
  onOpen,
}: {
  versions: readonly VersionSummaryView[];
  currentId: number;
  onOpen: (versionId: number) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Flex vertical gap={12} data-testid="version-history">
      <Flex gap={8} align="center" wrap>
        <Typography.Text type="secondary">{t('regimes.designer.history.lifecycle')}</Typography.Text>
        <VersionStatusTag status="draft" />
        <ArrowRightOutlined style={{ color: '#999' }} />
        <VersionStatusTag status="published" />
        <ArrowRightOutlined style={{ color: '#999' }} />
        <VersionStatusTag status="superseded" />
      </Flex>
      <Table<VersionSummaryView>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={[...versions]}
        rowClassName={(version) => (version.id === currentId ? 'ant-table-row-selected' : '')}
        columns={[
          {
            title: t('regimes.designer.history.number'),
            dataIndex: 'number',
            width: 90,
            render: (number: number) => <Typography.Text strong>v{number}</Typography.Text>,
          },
          {
            title: t('regimes.designer.history.status'),
            dataIndex: 'status',
            width: 140,
            render: (status: VersionStatus) => <VersionStatusTag status={status} />,
          },
          {
            title: t('regimes.designer.history.title'),
            key: 'title',
            render: (_, version) => (i18n.language === 'en' && version.title.en ? version.title.en : version.title.vi),
          },
          {
            title: t('regimes.designer.history.created'),
            dataIndex: 'createdAt',
            width: 170,
            render: (at: string) => formatDateTime(at),
          },
          {
            title: t('regimes.designer.history.published'),
            key: 'published',
            width: 240,
            render: (_, version) =>
              version.publishedAt ? (
                <span>
                  {formatDateTime(version.publishedAt)}
                  {version.publishedByName ? (
                    <Typography.Text type="secondary"> · {version.publishedByName}</Typography.Text>
                  ) : null}
                </span>
              ) : (
                '—'
              ),
          },
          {
            title: '',
            key: 'open',
            width: 110,
            render: (_, version) =>
              version.id === currentId ? (
                <Typography.Text type="secondary">{t('regimes.designer.history.current')}</Typography.Text>
              ) : (
                <Button size="small" onClick={() => onOpen(version.id)}>
                  {t('regimes.designer.history.open')}
                </Button>
              ),
          },
        ]}
      />
    </Flex>
  );
}
