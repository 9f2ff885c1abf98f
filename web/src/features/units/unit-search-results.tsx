import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UnitSummaryView } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { formatDate, formatNumber } from '../../i18n/format';
import { kindLabel, useUnitSearch } from './units.api';

interface UnitSearchResultsProps {
  q: string;
  /** Only units placed in this hierarchy (absent: every unit). */
  hierarchy?: string;
  asOf: string | null;
  page: number;
  onPage: (page: number) => void;
  selectedId: number | null;
  onSelect: (unit: UnitSummaryView) => void;
}

const PAGE_SIZE = 20;

/** Units whose name or code contains every word typed, diacritics ignored. */
export function UnitSearchResults({ q, hierarchy, asOf, page, onPage, selectedId, onSelect }: UnitSearchResultsProps) {
  const { t, i18n } = useTranslation();
  const search = useUnitSearch(q, asOf, page, PAGE_SIZE, hierarchy);
  if (search.isError) return <ErrorAlert error={search.error} />;
  return (
    <Table<UnitSummaryView>
      size="small"
      rowKey="id"
      data-testid="unit-search-results"
      loading={search.isFetching}
      dataSource={search.data?.items ?? []}
      locale={{ emptyText: t('units.noSearchResults') }}
      scroll={{ y: 560 }}
      onRow={(unit) => ({
        onClick: () => onSelect(unit),
        style: { cursor: 'pointer', background: unit.id === selectedId ? '#e6f0ff' : undefined },
      })}
      pagination={{
        current: page,
        pageSize: PAGE_SIZE,
        total: search.data?.total ?? 0,
        onChange: onPage,
        showSizeChanger: false,
        size: 'small',
        showTotal: (total) => t('units.searchTotal', { total: formatNumber(total) }),
      }}
      columns={[
        { title: t('units.code'), dataIndex: 'code', width: 90 },
        {
          title: t('units.name'),
          dataIndex: 'name',
          render: (name: string, unit) => (
            <div>
              <Typography.Text strong={unit.id === selectedId}>{name}</Typography.Text>
              <div style={{ fontSize: 12 }}>
                <Typography.Text type="secondary">{kindLabel(unit, i18n.language)}</Typography.Text>
                {unit.validTo ? (
                  <Tag style={{ marginInlineStart: 6, fontSize: 11 }}>
                    {t('units.validUntil', { date: formatDate(unit.validTo) })}
                  </Tag>
                ) : null}
              </div>
            </div>
          ),
        },
      ]}
    />
  );
}
