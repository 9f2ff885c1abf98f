import { type DirectiveItem, type DirectiveKind, directiveKinds } from '@baocao/domain';
import { Card, Col, Empty, Flex, Form, Input, Pagination, Row, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { useNarrowScreen } from '../../components/use-narrow-screen';
import { formatDate } from '../../i18n/format';
import { DemoTag } from './task-status-tag';
import { useDirectives } from './tasks.api';

const PAGE = 50;

/** "3 nhiệm vụ · 1 hoàn thành · 1 quá hạn" */
export function DirectiveCounts({ directive }: { directive: DirectiveItem }) {
  const { t } = useTranslation();
  const c = directive.counts;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`directive-counts-${directive.id}`}>
      {t('tasks.directive.counts', {
        assigned: c.assigned,
        done: c.done_on_time + c.done_late,
        overdue: c.overdue,
      })}
    </Typography.Text>
  );
}

/** The directives in the caller's view, newest first, searchable by number and summary. */
export function DirectivesList() {
  const { t } = useTranslation();
  const narrow = useNarrowScreen();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<DirectiveKind | undefined>();
  const [offset, setOffset] = useState(0);
  const query = useDebouncedValue(q.trim(), 250);
  const directives = useDirectives({ q: query || undefined, kind, offset, limit: PAGE });
  const items = directives.data?.items ?? [];
  const total = directives.data?.total ?? 0;
  const pagination =
    total > PAGE
      ? {
          current: Math.floor(offset / PAGE) + 1,
          pageSize: PAGE,
          total,
          showSizeChanger: false,
          onChange: (page: number) => setOffset((page - 1) * PAGE),
        }
      : false;

  return (
    <>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical">
          <Row gutter={[16, 0]}>
            <Col xs={24} md={12} xl={8}>
              <Form.Item label={t('tasks.search')} htmlFor="directives-q" style={{ marginBottom: 8 }}>
                <Input.Search
                  id="directives-q"
                  allowClear
                  value={q}
                  onChange={(event) => {
                    setQ(event.target.value);
                    setOffset(0);
                  }}
                  data-testid="directives-search"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item label={t('tasks.directive.kind')} htmlFor="directives-kind" style={{ marginBottom: 8 }}>
                <Select<string>
                  id="directives-kind"
                  value={kind ?? ''}
                  onChange={(value) => {
                    setKind((value || undefined) as DirectiveKind | undefined);
                    setOffset(0);
                  }}
                  options={[
                    { value: '', label: t('tasks.allKinds') },
                    ...directiveKinds.map((k) => ({ value: k, label: t(`tasks.kind.${k}`) })),
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {directives.isError ? <ErrorAlert error={directives.error} /> : null}
      <Card size="small">
        {narrow ? (
          <Flex vertical gap={8} data-testid="directives-list">
            {items.length === 0 && !directives.isFetching ? <Empty description={t('tasks.noDirectives')} /> : null}
            {items.map((d) => (
              <Card size="small" key={d.id} data-testid={`directive-row-${d.id}`}>
                <Link to={`/tasks/directives/${d.id}`} style={{ fontWeight: 500 }}>
                  {t(`tasks.kind.${d.kind}`)} {d.number}
                </Link>
                <DemoTag demo={d.demo} />
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {d.issuer.name} · {formatDate(d.issuedOn)}
                </Typography.Text>
                <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ margin: '4px 0' }}>
                  {d.summary}
                </Typography.Paragraph>
                <DirectiveCounts directive={d} />
              </Card>
            ))}
            {pagination ? <Pagination simple {...pagination} style={{ alignSelf: 'center' }} /> : null}
          </Flex>
        ) : (
          <Table<DirectiveItem>
            size="small"
            rowKey="id"
            loading={directives.isFetching}
            dataSource={items}
            pagination={pagination}
            locale={{ emptyText: <Empty description={t('tasks.noDirectives')} /> }}
            scroll={{ x: 900 }}
            data-testid="directives-list"
            onRow={(d) => ({ 'data-testid': `directive-row-${d.id}` }) as object}
            columns={[
              {
                title: t('tasks.columns.number'),
                key: 'number',
                width: 190,
                render: (_, d) => (
                  <div>
                    <Link to={`/tasks/directives/${d.id}`}>{d.number}</Link>
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {t(`tasks.kind.${d.kind}`)}
                    </Typography.Text>
                  </div>
                ),
              },
              {
                title: t('tasks.columns.issuedOn'),
                key: 'issuedOn',
                width: 120,
                render: (_, d) => formatDate(d.issuedOn),
              },
              { title: t('tasks.columns.issuer'), key: 'issuer', width: 200, render: (_, d) => d.issuer.name },
              {
                title: t('tasks.columns.summary'),
                key: 'summary',
                render: (_, d) => (
                  <div>
                    <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                      {d.summary}
                      <DemoTag demo={d.demo} />
                    </Typography.Paragraph>
                    <DirectiveCounts directive={d} />
                  </div>
                ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
