import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, Button, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { ErrorAlert } from '../components/error-alert';
import { FullPageSpin } from '../components/full-page-spin';
import { useNarrowScreen } from '../components/use-narrow-screen';
import { AccountPage } from '../features/account/account-page';
import { AuditPage } from '../features/audit/audit-page';
import { AuthLayout } from '../features/auth/auth-layout';
import { PendingPage } from '../features/auth/pending-page';
import { useMe } from '../features/auth/session';
import { SignInPage } from '../features/auth/sign-in-page';
import { HolidaysPage } from '../features/calendar/holidays-page';
import { CompliancePage } from '../features/compliance/compliance-page';
import { ConsolidationPage } from '../features/consolidation/consolidation-page';
import { FormDesignerPage } from '../features/form-designer/form-designer-page';
import { DeliveriesPage } from '../features/notices/deliveries-page';
import { InboxPage } from '../features/notices/inbox-page';
import { NotSubmittedPage } from '../features/notices/not-submitted-page';
import { RegimeEditorPage } from '../features/regimes/regime-editor-page';
import { RegimesPage } from '../features/regimes/regimes-page';
import { EntryPage } from '../features/reports/entry-page';
import { MyReportsPage } from '../features/reports/my-reports-page';
import { TokensPage } from '../features/tokens/tokens-page';
import { UnitsPage } from '../features/units/units-page';
import { UsersPage } from '../features/users/users-page';
import { AppShell } from './app-shell';
import { homePath } from './navigation';
import { createQueryClient } from './query-client';

// Dashboards bring ECharts and the map: they load only with their pages.
const DashboardsPage = lazy(() =>
  import('../features/dashboards/dashboards-page').then((m) => ({ default: m.DashboardsPage })),
);
const BoardPage = lazy(() => import('../features/dashboards/board-page').then((m) => ({ default: m.BoardPage })));
const WallPage = lazy(() => import('../features/dashboards/board-page').then((m) => ({ default: m.WallPage })));

import { NotFoundPage, RequirePermission } from './status-pages';

const baseTheme: ThemeConfig = {
  token: {
    colorPrimary: '#1456b8',
    colorLink: '#1456b8',
    borderRadius: 6,
    colorBgLayout: '#f2f4f8',
    fontFamily:
      "'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif",
  },
  components: {
    Layout: { headerHeight: 60, siderBg: '#ffffff' },
    Table: { headerBg: '#f5f7fa' },
  },
};

/** On a phone, cards keep their room for the content. */
const narrowTheme: ThemeConfig = {
  ...baseTheme,
  components: {
    ...baseTheme.components,
    Card: { bodyPadding: 12, headerPadding: 12, bodyPaddingSM: 10, headerPaddingSM: 10 },
  },
};

/** Decides what the visitor sees: sign-in, a pending step, or the application. */
function SessionGate() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError)
    return (
      <AuthLayout>
        <ErrorAlert
          error={me.error}
          action={
            <Button size="small" onClick={() => void me.refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      </AuthLayout>
    );
  if (!me.data) return <SignInPage />;
  if (me.data.pending) return <PendingPage me={me.data} />;
  const home = homePath(me.data.permissions, me.data.roles);
  return (
    <Routes>
      <Route
        path="dashboards/:id/wall"
        element={
          <RequirePermission permission="data.read">
            <Suspense fallback={<FullPageSpin />}>
              <WallPage />
            </Suspense>
          </RequirePermission>
        }
      />
      <Route element={<AppShell />}>
        <Route index element={<Navigate to={home} replace />} />
        <Route
          path="regimes"
          element={
            <RequirePermission permission="regimes.read">
              <RegimesPage />
            </RequirePermission>
          }
        />
        <Route
          path="holidays"
          element={
            <RequirePermission permission="regimes.read">
              <HolidaysPage />
            </RequirePermission>
          }
        />
        <Route
          path="regimes/:regimeId"
          element={
            <RequirePermission permission="regimes.read">
              <RegimeEditorPage />
            </RequirePermission>
          }
        />
        <Route
          path="regimes/:regimeId/forms/:formId"
          element={
            <RequirePermission permission="regimes.read">
              <FormDesignerPage />
            </RequirePermission>
          }
        />
        <Route
          path="units"
          element={
            <RequirePermission permission="units.read">
              <UnitsPage />
            </RequirePermission>
          }
        />
        <Route
          path="users"
          element={
            <RequirePermission permission="users.read">
              <UsersPage />
            </RequirePermission>
          }
        />
        <Route
          path="tokens"
          element={
            <RequirePermission permission="tokens.manage">
              <TokensPage />
            </RequirePermission>
          }
        />
        <Route
          path="reports"
          element={
            <RequirePermission permission="data.read">
              <MyReportsPage />
            </RequirePermission>
          }
        />
        <Route
          path="reports/entry"
          element={
            <RequirePermission permission="data.read">
              <EntryPage />
            </RequirePermission>
          }
        />
        <Route
          path="consolidation"
          element={
            <RequirePermission permission="data.read">
              <ConsolidationPage />
            </RequirePermission>
          }
        />
        <Route
          path="compliance"
          element={
            <RequirePermission permission="data.read">
              <CompliancePage />
            </RequirePermission>
          }
        />
        <Route
          path="not-submitted"
          element={
            <RequirePermission permission="data.read">
              <NotSubmittedPage />
            </RequirePermission>
          }
        />
        <Route
          path="dashboards"
          element={
            <RequirePermission permission="data.read">
              <Suspense fallback={<FullPageSpin />}>
                <DashboardsPage />
              </Suspense>
            </RequirePermission>
          }
        />
        <Route
          path="dashboards/:id"
          element={
            <RequirePermission permission="data.read">
              <Suspense fallback={<FullPageSpin />}>
                <BoardPage />
              </Suspense>
            </RequirePermission>
          }
        />
        <Route path="notices" element={<InboxPage />} />
        <Route
          path="notices/deliveries"
          element={
            <RequirePermission permission="audit.read">
              <DeliveriesPage />
            </RequirePermission>
          }
        />
        <Route path="audit" element={<AuditPage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App() {
  const { i18n } = useTranslation();
  const [queryClient] = useState(createQueryClient);
  const narrow = useNarrowScreen();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : viVN} theme={narrow ? narrowTheme : baseTheme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <SessionGate />
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
