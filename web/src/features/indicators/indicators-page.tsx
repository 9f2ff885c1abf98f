import { indicatorAreas } from '@baocao/domain';
import { Card, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { languageOf } from '../../reporting/report-labels';
import { useIndicators } from './indicators.api';

/** The indicator catalogue: search without diacritics, filter by area. */
export function IndicatorsPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const [q, setQ] = useState('');
  const [area, setArea] = useState<string | null>(null);
  const list = useIndicators({ q, area });
  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('indicators.title')} description={t('indicators.description')} />
      {list.isError && <ErrorAlert error={list.error} />}
      <Card>
        <Space wrap style={{ marginBottom: 16, width: '100%' }}>
          <Input.Search
            allowClear
            placeholder={t('indicators.search')}
            aria-label={t('indicators.search')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            style={{ width: 340, maxWidth: '100%' }}
          />
          <Select
            allowClear
            aria-label={t('indicators.area')}
            placeholder={t('indicators.allAreas')}
            value={area}
            onChange={(value) => setArea(value ?? null)}
            style={{ width: 280, maxWidth: '100%' }}
            options={indicatorAreas.map((a) => ({ value: a, label: t(`indicators.areas.${a}`) }))}
          />
          <Typography.Text type="secondary">{t('indicators.count', { count: list.data?.total ?? 0 })}</Typography.Text>
        </Space>
        <Table
          rowKey="id"
          size="middle"
          loading={list.isPending}
          dataSource={items}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: true }}
          locale={{ emptyText: <Empty description={t('indicators.empty')} /> }}
          columns={[
            { title: t('indicators.code'), dataIndex: 'code', render: (code: string) => <code>{code}</code> },
            {
              title: t('indicators.name'),
              key: 'name',
              render: (_, row) => (
                <Space direction="vertical" size={0}>
                  <Link to={`/indicators/${row.id}`}>{row.name[language] || row.name.vi}</Link>
                  {row.isDemo && <Tag color="gold">{t('indicators.demo')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('indicators.area'),
              dataIndex: 'area',
              responsive: ['md'],
              render: (a: string) => t(`indicators.areas.${a}` as 'indicators.areas.growth'),
            },
            {
              title: t('indicators.frequency'),
              dataIndex: 'frequency',
              render: (f: string) => t(`indicators.frequencies.${f}` as 'indicators.frequencies.year'),
            },
            { title: t('indicators.unitOfMeasure'), dataIndex: 'unitOfMeasure', responsive: ['sm'] },
            { title: t('indicators.agency'), dataIndex: 'agency', responsive: ['lg'] },
          ]}
        />
      </Card>
    </>
  );
}
