import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import type { DocumentChange } from '@baocao/domain';
import { Button, Card, Col, Descriptions, Flex, List, Row, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { FullPageSpin } from '../../components/full-page-spin';
import { PageHeader } from '../../components/page-header';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useCan } from '../auth/session';
import { DocumentSignatureCard } from '../signatures/signature-cards';
import { fileUrl, useDocument } from './documents.api';

/** One issued version: its figures, its text, its differences and the other versions. */
export function DocumentPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const doc = useDocument(id);
  const canSign = useCan('data.review');
  if (doc.isPending) return <FullPageSpin />;
  if (doc.isError) return <ErrorAlert error={doc.error} />;
  const d = doc.data;
  const number = (v: number | null) => (v === null ? '—' : formatNumber(v));
  return (
    <>
      <PageHeader
        title={d.title}
        description={`${d.number} · ${d.unit.name} · ${d.periodLabel}`}
        extra={
          <Flex gap={8} wrap>
            <Button type="primary" icon={<FilePdfOutlined />} href={fileUrl(d.id, 'pdf')}>
              PDF
            </Button>
            <Button icon={<FileExcelOutlined />} href={fileUrl(d.id, 'xlsx')}>
              XLSX
            </Button>
          </Flex>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card title={t('documents.narrative')}>
            <Typography.Paragraph type="secondary" italic>
              {d.content.placeDate}
            </Typography.Paragraph>
            {d.content.narrative.split(/\n\s*\n/).map((p) => (
              <Typography.Paragraph key={p}>{p}</Typography.Paragraph>
            ))}
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              scroll={{ x: 520 }}
              dataSource={d.content.values}
              columns={[
                { title: t('documents.figures'), dataIndex: 'label' },
                { title: d.periodLabel, key: 'v', align: 'right', render: (_, v) => number(v.value) },
                { title: t('documents.before'), key: 'p', align: 'right', render: (_, v) => number(v.previous) },
                { title: '%', key: 'c', align: 'right', render: (_, v) => number(v.changePct) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <DocumentSignatureCard documentId={d.id} canSign={canSign} />
          <Card title={t('documents.version')} style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('documents.version')}>{d.version}</Descriptions.Item>
              <Descriptions.Item label={t('documents.generatedAt')}>{formatDateTime(d.generatedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('documents.generatedBy')}>
                {d.generatedBy ?? t('documents.system')}
              </Descriptions.Item>
              <Descriptions.Item label={t('documents.revisions')}>{formatNumber(d.revisionCount)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('documents.versions')} style={{ marginBottom: 16 }}>
            <List
              size="small"
              dataSource={d.versions}
              renderItem={(v) => (
                <List.Item>
                  {v.id === d.id ? (
                    <strong>
                      {t('documents.version')} {v.version}
                    </strong>
                  ) : (
                    <Link to={`/documents/${v.id}`}>
                      {t('documents.version')} {v.version}
                    </Link>
                  )}
                  <span>{formatDateTime(v.generatedAt)}</span>
                </List.Item>
              )}
            />
          </Card>
          <Card title={t('documents.changes')}>
            {d.changes === null ? (
              <Typography.Text type="secondary">{t('documents.noChanges')}</Typography.Text>
            ) : (
              <Table<DocumentChange>
                rowKey={(c) => `${c.kind}:${c.label}`}
                size="small"
                pagination={false}
                dataSource={d.changes}
                columns={[
                  {
                    title: t('documents.figures'),
                    key: 'label',
                    render: (_, c) => (c.kind === 'revisions' ? t('documents.changeRevisions') : c.label),
                  },
                  { title: t('documents.before'), key: 'b', align: 'right', render: (_, c) => number(c.before) },
                  { title: t('documents.after'), key: 'a', align: 'right', render: (_, c) => number(c.after) },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
