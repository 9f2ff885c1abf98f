import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { UnitCodePicker } from '../../components/unit-code-picker';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { formatNumber } from '../../i18n/format';
import { useCan } from '../auth/session';
import { DemoTag, frequencies, RegimeStatusTag, statuses, useFrequencyLabel, useValidityText } from './regime-labels';
import { type RegimeFrequency, type RegimeStatus, type RegimeSummaryView, useRegimes } from './regimes.api';

const PAGE_SIZES = [20, 50, 100];

/**
 * The regime catalogue: search by name or code (the server ignores diacritics, so "bao cao
 * ngay" finds "Báo cáo hằng ngày"), filter by owning agency, frequency and status. Filters live
 * in the address so a filtered list can be shared and survives going back.
 */
export function RegimesPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const navigate = useNavigate();
  const canManage = useCan('regimes.manage');
  const frequencyLabel = useFrequencyLabel();
  const validityText = useValidityText();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDebouncedValue(search.trim(), 300);
  const agency = params.get('agency') ?? undefined;
  const frequency = (params.get('frequency') as RegimeFrequency | null) ?? undefined;
  const status = (params.get('status') as RegimeStatus | null) ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const regimes = useRegimes({ q, agency, frequency, status }, page, pageSize);

  const setParam = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '' || (key === 'page' && value === 1)) next.delete(key);
      else next.set(key, String(value));
    }
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t('regimes.catalogue.title')}
        description={t('regimes.catalogue.description')}
        extra={
          canManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => void navigate('/regimes/new')}
              data-testid="create-regime"
            >
              {t('regimes.catalogue.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} align="center">
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('regimes.catalogue.searchPlaceholder')}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setParam({ q: e.target.value.trim(), page: 1 });
            }}
            style={{ width: 340, maxWidth: '100%' }}
            data-testid="regime-search"
          />
          <div style={{ width: 300, maxWidth: '100%' }}>
            <UnitCodePicker
              value={agency}
              onChange={(value) => setParam({ agency: typeof value === 'string' ? value : undefined, page: 1 })}
              placeholder={t('regimes.catalogue.filterAgency')}
              aria-label={t('regimes.catalogue.filterAgency')}
            />
          </div>
          <Select<RegimeFrequency>
            allowClear
            placeholder={t('regimes.catalogue.filterFrequency')}
            aria-label={t('regimes.catalogue.filterFrequency')}
            value={frequency}
            onChange={(value) => setParam({ frequency: value, page: 1 })}
            options={frequencies.map((f) => ({ value: f, label: frequencyLabel(f) }))}
            style={{ width: 180 }}
            data-testid="regime-filter-frequency"
          />
          <Select<RegimeStatus>
            allowClear
            placeholder={t('regimes.catalogue.filterStatus')}
            aria-label={t('regimes.catalogue.filterStatus')}
            value={status}
            onChange={(value) => setParam({ status: value, page: 1 })}
            options={statuses.map((s) => ({ value: s, label: t(`regimes.status.${s}`) }))}
            style={{ width: 180 }}
            data-testid="regime-filter-status"
          />
        </Flex>
        {regimes.isError ? (
          <ErrorAlert error={regimes.error} />
        ) : (
          <Table<RegimeSummaryView>
            rowKey="id"
            data-testid="regimes-table"
            loading={regimes.isFetching}
            dataSource={regimes.data?.items ?? []}
            scroll={{ x: 1080 }}
            locale={{ emptyText: t('regimes.catalogue.empty') }}
            onRow={(regime) => ({
              onClick: () => void navigate(`/regimes/${regime.id}`),
              style: { cursor: 'pointer' },
            })}
            pagination={{
              current: page,
              pageSize,
              total: regimes.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES,
              onChange: (nextPage, nextSize) =>
                setParam({ page: nextSize !== pageSize ? 1 : nextPage, size: nextSize === 20 ? undefined : nextSize }),
              showTotal: (total) => t('regimes.catalogue.total', { total: formatNumber(total) }),
            }}
            columns={[
              {
                title: t('regimes.catalogue.name'),
                key: 'name',
                render: (_, regime) => (
                  <div>
                    <Link to={`/regimes/${regime.id}`} onClick={(e) => e.stopPropagation()}>
                      <Typography.Text strong>{regime.name[language] || regime.name.vi}</Typography.Text>
                    </Link>
                    {regime.isDemo ? (
                      <div style={{ marginTop: 4 }}>
                        <DemoTag />
                      </div>
                    ) : null}
                  </div>
                ),
              },
              {
                title: t('regimes.catalogue.code'),
                dataIndex: 'code',
                width: 150,
                render: (code: string) => (
                  <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                    {code}
                  </Typography.Text>
                ),
              },
              {
                title: t('regimes.catalogue.frequency'),
                dataIndex: 'frequency',
                width: 110,
                render: (value: string) => frequencyLabel(value),
              },
              {
                title: t('regimes.catalogue.agency'),
                key: 'agency',
                width: 190,
                render: (_, regime) => regime.ownerUnitName ?? regime.ownerUnitCode,
              },
              {
                title: t('regimes.catalogue.status'),
                dataIndex: 'status',
                width: 130,
                render: (value: RegimeStatus) => <RegimeStatusTag status={value} />,
              },
              {
                title: t('regimes.catalogue.validity'),
                key: 'validity',
                width: 170,
                render: (_, regime) => validityText(regime.validFrom, regime.validTo),
              },
              {
                title: t('regimes.catalogue.forms'),
                dataIndex: 'formCount',
                width: 110,
                align: 'right',
                render: (count: number) => formatNumber(count),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
