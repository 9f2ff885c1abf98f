import { ApartmentOutlined, EditOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Col, DatePicker, Empty, Flex, Input, Row, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { UserCreatedView } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import type { UnitLabel } from '../../components/unit-picker';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { todayInVietnam } from '../../i18n/format';
import { useCan } from '../auth/session';
import { TemporaryPasswordModal } from '../users/temporary-password-modal';
import { UserFormModal } from '../users/user-form-modal';
import { HierarchyModal, PlaceUnitModal } from './hierarchy-dialogs';
import { UnitDetailPanel } from './unit-detail-panel';
import { UnitSearchResults } from './unit-search-results';
import { UnitTree } from './unit-tree';
import { hierarchyLabel, useHierarchies } from './units.api';
import '../../i18n/dayjs-locale';

const REFORM_EVE = '2025-06-30';
const REFORM_DAY = '2025-07-01';

/** The unit browser: the hierarchy as of a date, a search, and the selected unit's detail. */
export function UnitsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const today = todayInVietnam();
  const asOf = params.get('asOf') ?? today;
  const selectedId = Number(params.get('unit')) || null;
  const [search, setSearch] = useState('');
  const [anyDate, setAnyDate] = useState(false);
  const [page, setPage] = useState(1);
  const q = useDebouncedValue(search.trim(), 300);
  const { message } = App.useApp();
  const canManageUnits = useCan('units.manage');
  const hierarchies = useHierarchies();
  const hierarchyCode = params.get('hierarchy');
  const hierarchy = hierarchies.data?.find((h) => h.code === hierarchyCode) ?? hierarchies.data?.[0];
  const [hierarchyDialog, setHierarchyDialog] = useState<'create' | 'edit' | null>(null);
  const [placing, setPlacing] = useState<{ id: number; name: string; validFrom: string } | null>(null);
  const [createAt, setCreateAt] = useState<UnitLabel | null>(null);
  const [created, setCreated] = useState<UserCreatedView | null>(null);

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: true });
  };
  const select = (id: number) => update({ unit: String(id) });

  return (
    <>
      <PageHeader title={t('units.title')} description={t('units.description')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10} xxl={9}>
          <Card
            title={t('units.browse')}
            styles={{ body: { paddingTop: 12 } }}
            extra={
              <Flex align="center" gap={8}>
                <Typography.Text type="secondary">{t('units.asOf')}</Typography.Text>
                <DatePicker
                  value={dayjs(asOf)}
                  format="DD/MM/YYYY"
                  allowClear={false}
                  data-testid="as-of"
                  onChange={(value) => value && update({ asOf: value.format('YYYY-MM-DD') })}
                  presets={[
                    { label: t('units.today'), value: dayjs(today) },
                    { label: t('units.beforeReform'), value: dayjs(REFORM_EVE) },
                    { label: t('units.afterReform'), value: dayjs(REFORM_DAY) },
                  ]}
                  style={{ width: 140 }}
                />
              </Flex>
            }
          >
            <Flex vertical gap={8} style={{ marginBottom: 12 }}>
              <Input
                allowClear
                prefix={<SearchOutlined />}
                placeholder={t('units.searchPlaceholder')}
                value={search}
                onChange={(e) => {
                  setSearch(e.target.value);
                  setPage(1);
                }}
                data-testid="unit-search"
              />
              <Flex align="center" gap={8} wrap>
                <ApartmentOutlined aria-label={t('hierarchies.picker')} />
                <Select
                  value={hierarchy?.code}
                  onChange={(code: string) => update({ hierarchy: code === 'administrative' ? null : code })}
                  options={(hierarchies.data ?? []).map((h) => ({
                    value: h.code,
                    label: hierarchyLabel(h, i18n.language),
                  }))}
                  loading={hierarchies.isLoading}
                  popupMatchSelectWidth={false}
                  style={{ flex: '1 1 220px', minWidth: 0 }}
                  aria-label={t('hierarchies.picker')}
                  data-testid="hierarchy-picker"
                />
                {canManageUnits ? (
                  <Flex gap={8} wrap>
                    <Button
                      icon={<PlusOutlined />}
                      onClick={() => setHierarchyDialog('create')}
                      data-testid="hierarchy-create"
                    >
                      {t('hierarchies.create')}
                    </Button>
                    <Button
                      icon={<EditOutlined />}
                      disabled={!hierarchy}
                      onClick={() => setHierarchyDialog('edit')}
                      data-testid="hierarchy-edit"
                    >
                      {t('hierarchies.edit')}
                    </Button>
                  </Flex>
                ) : null}
              </Flex>
              {hierarchy?.description ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="hierarchy-description-text">
                  {hierarchy.description}
                </Typography.Text>
              ) : null}
              <Checkbox checked={anyDate} onChange={(e) => setAnyDate(e.target.checked)} disabled={!q}>
                {t('units.searchAnyDate')}
              </Checkbox>
            </Flex>
            {q ? (
              <UnitSearchResults
                q={q}
                hierarchy={hierarchy && hierarchy.code !== 'administrative' ? hierarchy.code : undefined}
                asOf={anyDate ? null : asOf}
                page={page}
                onPage={setPage}
                selectedId={selectedId}
                onSelect={(unit) => select(unit.id)}
              />
            ) : hierarchies.isError ? (
              <ErrorAlert error={hierarchies.error} />
            ) : hierarchy ? (
              <UnitTree
                key={`${hierarchy.code}|${asOf}`}
                asOf={asOf}
                hierarchy={hierarchy.code}
                rootIds={hierarchy.rootIds}
                selectedId={selectedId}
                onSelect={(unit) => select(unit.id)}
              />
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={14} xxl={15}>
          {selectedId ? (
            <UnitDetailPanel
              unitId={selectedId}
              asOf={asOf}
              hierarchy={hierarchy?.code}
              onSelectUnit={select}
              onCreateUser={(unit) => setCreateAt(unit)}
              onPlace={(unit) => setPlacing(unit)}
            />
          ) : (
            <Card>
              <Empty description={t('units.selectHint')} style={{ padding: '48px 0' }} />
            </Card>
          )}
        </Col>
      </Row>
      {hierarchyDialog ? (
        <HierarchyModal
          hierarchy={hierarchyDialog === 'edit' ? hierarchy : undefined}
          onClose={() => setHierarchyDialog(null)}
          onSaved={(saved) => {
            const name = hierarchyLabel(saved, i18n.language);
            void message.success(
              hierarchyDialog === 'edit' ? t('hierarchies.saved', { name }) : t('hierarchies.created', { name }),
            );
            setHierarchyDialog(null);
            update({ hierarchy: saved.code === 'administrative' ? null : saved.code });
          }}
        />
      ) : null}
      {placing ? (
        <PlaceUnitModal
          unit={placing}
          hierarchy={hierarchy?.code === 'administrative' ? undefined : hierarchy?.code}
          onClose={() => setPlacing(null)}
          onPlaced={(text) => {
            setPlacing(null);
            void message.success(text);
          }}
        />
      ) : null}
      {createAt ? (
        <UserFormModal
          open
          mode="create"
          initialUnit={createAt}
          onClose={() => setCreateAt(null)}
          onCreated={(result) => {
            setCreateAt(null);
            setCreated(result);
          }}
        />
      ) : null}
      <TemporaryPasswordModal
        username={created?.user.username ?? null}
        password={created?.temporaryPassword ?? null}
        onClose={() => setCreated(null)}
      />
    </>
  );
}
