import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  FormOutlined,
  FundProjectionScreenOutlined,
  GlobalOutlined,
  KeyOutlined,
  LineChartOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Permission } from '@baocao/domain';
import type { ReactNode } from 'react';

export type NavLabel =
  | 'nav.units'
  | 'nav.users'
  | 'nav.tokens'
  | 'nav.audit'
  | 'nav.account'
  | 'nav.regimes'
  | 'nav.myReports'
  | 'nav.consolidation'
  | 'nav.compliance'
  | 'nav.quality'
  | 'nav.dashboards'
  | 'nav.holidays'
  | 'nav.tasks'
  | 'nav.imports'
  | 'nav.documents'
  | 'nav.indicators'
  | 'nav.connectors'
  | 'nav.webhooks'
  | 'nav.federation'
  | 'nav.signingCertificates';

export interface NavEntry {
  path: string;
  label: NavLabel;
  icon: ReactNode;
  /** Shown only to holders of this permission. */
  permission?: Permission;
  /** Listed for the roadmap; hidden until its pages exist. */
  planned?: boolean;
}

export interface NavGroup {
  key: string;
  label: 'nav.groupReporting' | 'nav.groupAdministration' | 'nav.groupPersonal';
  entries: NavEntry[];
}

/** The side navigation; a feature adds its entry here. */
export const navigation: NavGroup[] = [
  {
    key: 'reporting',
    label: 'nav.groupReporting',
    entries: [
      { path: '/reports', label: 'nav.myReports', icon: <FormOutlined />, permission: 'data.read' },
      { path: '/consolidation', label: 'nav.consolidation', icon: <BarChartOutlined />, permission: 'data.read' },
      { path: '/compliance', label: 'nav.compliance', icon: <DashboardOutlined />, permission: 'data.read' },
      { path: '/quality', label: 'nav.quality', icon: <SafetyCertificateOutlined />, permission: 'data.read' },
      {
        path: '/dashboards',
        label: 'nav.dashboards',
        icon: <FundProjectionScreenOutlined />,
        permission: 'data.read',
      },
      { path: '/tasks', label: 'nav.tasks', icon: <CarryOutOutlined />, permission: 'data.read' },
      { path: '/documents', label: 'nav.documents', icon: <FileDoneOutlined />, permission: 'data.read' },
      { path: '/indicators', label: 'nav.indicators', icon: <LineChartOutlined />, permission: 'data.read' },
      { path: '/regimes', label: 'nav.regimes', icon: <FileTextOutlined />, permission: 'regimes.read' },
      { path: '/holidays', label: 'nav.holidays', icon: <CalendarOutlined />, permission: 'regimes.read' },
      { path: '/imports', label: 'nav.imports', icon: <CloudUploadOutlined />, permission: 'data.submit' },
    ],
  },
  {
    key: 'administration',
    label: 'nav.groupAdministration',
    entries: [
      { path: '/units', label: 'nav.units', icon: <ApartmentOutlined />, permission: 'units.read' },
      { path: '/users', label: 'nav.users', icon: <TeamOutlined />, permission: 'users.read' },
      { path: '/tokens', label: 'nav.tokens', icon: <KeyOutlined />, permission: 'tokens.manage' },
      { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read' },
      { path: '/connectors', label: 'nav.connectors', icon: <ApiOutlined />, permission: 'settings.manage' },
      { path: '/webhooks', label: 'nav.webhooks', icon: <GlobalOutlined />, permission: 'data.read' },
      { path: '/federation', label: 'nav.federation', icon: <ClusterOutlined />, permission: 'settings.manage' },
      {
        path: '/signing-certificates',
        label: 'nav.signingCertificates',
        icon: <SafetyOutlined />,
        permission: 'units.manage',
      },
    ],
  },
  {
    key: 'personal',
    label: 'nav.groupPersonal',
    entries: [{ path: '/account', label: 'nav.account', icon: <UserOutlined /> }],
  },
];

/** The groups and entries a holder of `permissions` sees. */
export function visibleNavigation(permissions: readonly string[]): NavGroup[] {
  return navigation
    .map((group) => ({
      ...group,
      entries: group.entries.filter(
        (entry) => !entry.planned && (!entry.permission || permissions.includes(entry.permission)),
      ),
    }))
    .filter((group) => group.entries.length > 0);
}

/**
 * Where a user lands after signing in: the first page they may see (My reports for
 * officers), except system administrators, who start on the administration pages.
 */
export function homePath(permissions: readonly string[], roles: readonly string[]): string {
  const groups = visibleNavigation(permissions);
  const preferred = roles.includes('system_admin') ? groups.find((g) => g.key === 'administration') : undefined;
  return (preferred ?? groups[0])?.entries[0]?.path ?? '/account';
}
