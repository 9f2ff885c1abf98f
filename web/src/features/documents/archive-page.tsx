import { FileExcelOutlined, FilePdfOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { formatDateTime } from '../../i18n/format';
import { type DocumentView, fileUrl, useDocuments } from './documents.api';

/** The archive: every issued version (or the latest of each), with its files. */
export function ArchivePage() {
  const { t } = useTranslation();
  const [latest, setLatest] = useState(true);
  const [page, setPage] = useState(1);
  const documents = useDocuments({ latest }, page, 20);
  return (
    <>
      <PageHeader
        title={t('documents.archiveTitle')}
        description={t('documents.archiveDescription')}
        extra={
          <Link to="/documents/templates">
            <Button icon={<SettingOutlined />}>{t('documents.templates')}</Button>
          </Link>
        }
      />
      {documents.isError && <ErrorAlert error={documents.error} />}
      <Card>
        <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
          <Switch checked={latest} onChange={setLatest} aria-label={t('documents.latestOnly')} />
          <span>{t('documents.latestOnly')}</span>
        </Flex>
        <Table<DocumentView>
          rowKey="id"
          size="middle"
          loading={documents.isFetching}
          dataSource={documents.data?.items ?? []}
          locale={{ emptyText: t('documents.empty') }}
          scroll={{ x: 900 }}
          pagination={{ current: page, pageSize: 20, total: documents.data?.total ?? 0, onChange: setPage }}
          columns={[
            {
              title: t('documents.report'),
              key: 'title',
              render: (_, d) => (
                <Link to={`/documents/${d.id}`}>
                  {d.title}
                  {d.isDemo && <Tag style={{ marginLeft: 8 }}>demo</Tag>}
                </Link>
              ),
            },
            { title: t('documents.number'), dataIndex: 'number', width: 150 },
            { title: t('documents.unit'), key: 'unit', width: 200, render: (_, d) => d.unit.name },
            { title: t('documents.period'), dataIndex: 'periodLabel', width: 120 },
            { title: t('documents.version'), dataIndex: 'version', width: 90, align: 'right' },
            {
              title: t('documents.generatedAt'),
              key: 'at',
              width: 150,
              render: (_, d) => formatDateTime(d.generatedAt),
            },
            {
              title: '',
              key: 'files',
              width: 110,
              render: (_, d) => (
                <Flex gap={4}>
                  <Button size="small" icon={<FilePdfOutlined />} href={fileUrl(d.id, 'pdf')} aria-label="PDF" />
                  <Button size="small" icon={<FileExcelOutlined />} href={fileUrl(d.id, 'xlsx')} aria-label="XLSX" />
                </Flex>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
