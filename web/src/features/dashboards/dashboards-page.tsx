import { FundProjectionScreenOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { languageOf } from '../../reporting/report-labels';
import { useSignedInMe } from '../auth/session';
import { useDashboards } from './dashboards.api';

const dateTime = new Intl.DateTimeFormat('vi-VN', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'Asia/Ho_Chi_Minh',
});

/** The boards the viewer sees, presets first. */
export function DashboardsPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const navigate = useNavigate();
  const me = useSignedInMe();
  const boards = useDashboards();
  const canManage = me.permissions.includes('dashboards.manage');
  const items = boards.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t('dashboards.title')}
        description={t('dashboards.description')}
        extra={
          <Space wrap>
            {items.length > 0 && (
              <Button
                icon={<FundProjectionScreenOutlined />}
                onClick={() => void navigate(`/dashboards/${items[0]!.id}/wall?rotate=1`)}
              >
                {t('dashboards.wall')}
              </Button>
            )}
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/dashboards/new')}>
                {t('dashboards.create')}
              </Button>
            )}
          </Space>
        }
      />
      {boards.isError && <ErrorAlert error={boards.error} />}
      <Card>
        <Table
          rowKey="id"
          loading={boards.isPending}
          dataSource={items}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: <Empty description={t('dashboards.empty')} /> }}
          columns={[
            {
              title: t('dashboards.title'),
              render: (_, board) => (
                <Space wrap>
                  <Link to={`/dashboards/${board.id}`}>{board.title[language] || board.title.vi}</Link>
                  {board.preset && <Tag color="blue">{t('dashboards.preset')}</Tag>}
                </Space>
              ),
            },
            { title: t('dashboards.owner'), dataIndex: 'unitName', responsive: ['md'] },
            {
              title: t('dashboards.updated'),
              dataIndex: 'updatedAt',
              responsive: ['md'],
              render: (value: string) => dateTime.format(new Date(value)),
            },
          ]}
        />
      </Card>
    </>
  );
}
