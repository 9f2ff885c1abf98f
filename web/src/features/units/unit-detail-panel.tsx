import { ApartmentOutlined, UserAddOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Descriptions, Empty, Flex, Skeleton, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UnitDetailView, UnitMappingView, UnitParentLinkView } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { formatDate, todayInVietnam } from '../../i18n/format';
import { AuditTable } from '../audit/audit-table';
import { useCan } from '../auth/session';
import { kindLabel, useHierarchies, useUnitDetail, validOn } from './units.api';

const levelKeys = {
  central: 'units.levels.central',
  province: 'units.levels.province',
  district: 'units.levels.district',
  commune: 'units.levels.commune',
} as const;

interface UnitDetailPanelProps {
  unitId: number;
  asOf: string;
  /** The hierarchy being browsed: the path shown follows it. */
  hierarchy?: string;
  onSelectUnit: (id: number) => void;
  onCreateUser: (unit: UnitDetailView) => void;
  onPlace: (unit: UnitDetailView) => void;
}

/** Everything about one unit: identity, validity, place in the hierarchy, the 2025 reform mapping and its history. */
export function UnitDetailPanel({
  unitId,
  asOf,
  hierarchy,
  onSelectUnit,
  onCreateUser,
  onPlace,
}: UnitDetailPanelProps) {
  const { t, i18n } = useTranslation();
  const canManageUsers = useCan('users.manage');
  const canManageUnits = useCan('units.manage');
  // The audit trail needs audit.read (officers and viewers get a 403 from /audit).
  const canReadAudit = useCan('audit.read');
  const detail = useUnitDetail(unitId, asOf, hierarchy === 'administrative' ? undefined : hierarchy);
  const hierarchies = useHierarchies();
  const hierarchyName = (code: string) => {
    const found = hierarchies.data?.find((h) => h.code === code);
    return found ? (i18n.language === 'en' ? found.nameEn : found.nameVi) : code;
  };

  if (detail.isError) return <ErrorAlert error={detail.error} />;
  if (!detail.data)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  const unit = detail.data;
  const today = todayInVietnam();
  const current = validOn(unit, today);
  const level = levelKeys[unit.level as keyof typeof levelKeys];

  const unitLink = (id: number, name: string) => (
    <Typography.Link onClick={() => onSelectUnit(id)}>{name}</Typography.Link>
  );
  const mappingColumns = [
    { title: t('units.code'), dataIndex: 'code', width: 100 },
    {
      title: t('units.name'),
      dataIndex: 'name',
      render: (name: string, row: UnitMappingView) => unitLink(row.unitId, name),
    },
    {
      title: t('units.relation'),
      dataIndex: 'relation',
      width: 140,
      render: (relation: string) =>
        relation === 'full' ? (
          <Tag color="blue">{t('units.relationFull')}</Tag>
        ) : (
          <Tag color="purple">{t('units.relationPartial')}</Tag>
        ),
    },
    { title: t('units.effectiveDate'), dataIndex: 'effectiveDate', width: 130, render: (d: string) => formatDate(d) },
  ];

  return (
    <Card
      data-testid="unit-detail"
      title={
        <Flex vertical style={{ padding: '12px 0', whiteSpace: 'normal' }}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="unit-detail-name">
            {unit.name}
          </Typography.Title>
          <Flex gap={6} wrap style={{ marginTop: 6 }}>
            <Tag>{kindLabel(unit, i18n.language)}</Tag>
            {current ? (
              <Tag color="success">{t('units.statusCurrent')}</Tag>
            ) : (
              <Tag color="default">
                {unit.validTo && unit.validTo < today
                  ? t('units.statusEnded', { date: formatDate(unit.validTo) })
                  : t('units.statusFuture', { date: formatDate(unit.validFrom) })}
              </Tag>
            )}
            {unit.isDemo ? <Tag color="gold">{t('units.demo')}</Tag> : null}
          </Flex>
          {canManageUnits || canManageUsers ? (
            // Below the name rather than in the card's corner, so a phone keeps the name readable.
            <Flex gap={8} wrap style={{ marginTop: 12 }}>
              {canManageUnits ? (
                <Button icon={<ApartmentOutlined />} onClick={() => onPlace(unit)} data-testid="place-unit">
                  {t('hierarchies.place')}
                </Button>
              ) : null}
              {canManageUsers ? (
                <Button
                  type="primary"
                  icon={<UserAddOutlined />}
                  onClick={() => onCreateUser(unit)}
                  data-testid="create-user-here"
                >
                  {t('units.createUserHere')}
                </Button>
              ) : null}
            </Flex>
          ) : null}
        </Flex>
      }
    >
      {unit.path.length > 1 ? (
        <Breadcrumb
          style={{ marginBottom: 16 }}
          items={unit.path.map((step) =>
            step.id === unit.id
              ? { key: step.id, title: step.name }
              : {
                  key: step.id,
                  title: <Typography.Link onClick={() => onSelectUnit(step.id)}>{step.name}</Typography.Link>,
                },
          )}
        />
      ) : null}
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'code', label: t('units.code'), children: <Typography.Text strong>{unit.code}</Typography.Text> },
          { key: 'kind', label: t('units.kind'), children: kindLabel(unit, i18n.language) },
          { key: 'level', label: t('units.level'), children: level ? t(level) : unit.level },
          { key: 'area', label: t('units.areaCode'), children: unit.areaCode ?? '—' },
          { key: 'nameEn', label: t('units.nameEn'), children: unit.nameEn ?? '—' },
          { key: 'short', label: t('units.shortName'), children: unit.shortName ?? '—' },
          { key: 'from', label: t('units.validFrom'), children: formatDate(unit.validFrom) },
          {
            key: 'to',
            label: t('units.validTo'),
            children: unit.validTo ? (
              formatDate(unit.validTo)
            ) : (
              <Typography.Text type="secondary">{t('units.openEnded')}</Typography.Text>
            ),
          },
        ]}
      />
      <Tabs
        style={{ marginTop: 16 }}
        items={[
          {
            key: 'parents',
            label: t('units.parentsTab'),
            children: (
              <Table<UnitParentLinkView>
                size="small"
                rowKey={(row) => `${row.hierarchy}:${row.parentId}:${row.validFrom}`}
                data-testid="unit-placements"
                scroll={{ x: 560 }}
                pagination={false}
                dataSource={unit.parents}
                locale={{
                  emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('units.noParents')} />,
                }}
                columns={[
                  {
                    title: t('units.hierarchy'),
                    dataIndex: 'hierarchy',
                    render: (code: string) => hierarchyName(code),
                  },
                  {
                    title: t('units.parent'),
                    dataIndex: 'parentName',
                    render: (name: string, row) => (
                      <>
                        {unitLink(row.parentId, name)}{' '}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {row.parentCode}
                        </Typography.Text>
                      </>
                    ),
                  },
                  { title: t('units.from'), dataIndex: 'validFrom', width: 110, render: (d: string) => formatDate(d) },
                  {
                    title: t('units.to'),
                    dataIndex: 'validTo',
                    width: 110,
                    render: (d: string | null) => (d ? formatDate(d) : t('units.openEnded')),
                  },
                ]}
              />
            ),
          },
          {
            key: 'reform',
            label: t('units.reformTab'),
            children: (
              <Flex vertical gap={16}>
                <div>
                  <Typography.Text strong>{t('units.predecessors')}</Typography.Text>
                  <Table<UnitMappingView>
                    size="small"
                    rowKey="unitId"
                    pagination={false}
                    dataSource={unit.predecessors}
                    columns={mappingColumns}
                    locale={{ emptyText: t('units.noPredecessors') }}
                    style={{ marginTop: 8 }}
                  />
                </div>
                <div>
                  <Typography.Text strong>{t('units.successors')}</Typography.Text>
                  <Table<UnitMappingView>
                    size="small"
                    rowKey="unitId"
                    pagination={false}
                    dataSource={unit.successors}
                    columns={mappingColumns}
                    locale={{ emptyText: t('units.noSuccessors') }}
                    style={{ marginTop: 8 }}
                  />
                </div>
              </Flex>
            ),
          },
          ...(canReadAudit
            ? [
                {
                  key: 'audit',
                  label: t('units.auditTab'),
                  children: <AuditTable compact filters={{ objectType: 'unit', objectId: String(unit.id) }} />,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
