import { QueryClientProvider } from '@tanstack/react-query';
import { Button, ConfigProvider, type ThemeConfig } from 'antd';
// antd's ES modules (antd/locale/* are CommonJS copies of the same, beside the ES en_US antd loads anyway).
import enUS from 'antd/es/locale/en_US';
import viVN from 'antd/es/locale/vi_VN';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { ErrorAlert } from '../components/error-alert';
import { FullPageSpin } from '../components/full-page-spin';
import { useNarrowScreen } from '../components/use-narrow-screen';
import { useMe } from '../features/auth/session';
import { withFeatureStrings } from '../i18n';
import { AppFrame } from './app-frame';
import { PageBoundary } from './page-error-boundary';
import { createQueryClient } from './query-client';
import { useReducedMotion, withReducedMotion } from './reduced-motion';

// Dashboards bring ECharts and the map: they load only with their pages.
const DashboardsPage = lazy(() =>
  withFeatureStrings(import('../features/dashboards/dashboards-page'), 'dashboards', 'reports').then((m) => ({
    default: m.DashboardsPage,
  })),
);
const BoardPage = lazy(() =>
  withFeatureStrings(import('../features/dashboards/board-page'), 'dashboards', 'reports', 'tasks').then((m) => ({
    default: m.BoardPage,
  })),
);
const WallPage = lazy(() =>
  withFeatureStrings(import('../features/dashboards/board-page'), 'dashboards', 'reports', 'tasks').then((m) => ({
    default: m.WallPage,
  })),
);

import { NotFoundPage, RequirePermission } from './status-pages';

// Every page is its own chunk, fetched when first visited: a commune officer on a slow link downloads
// the sign-in page or the report entry page, not the whole application (docs/architecture.md, "Web app").
const AccountPage = lazy(() =>
  withFeatureStrings(import('../features/account/account-page'), 'notices', 'users').then((m) => ({
    default: m.AccountPage,
  })),
);
const AuditPage = lazy(() =>
  withFeatureStrings(import('../features/audit/audit-page'), 'audit').then((m) => ({ default: m.AuditPage })),
);
const AuthLayout = lazy(() => import('../features/auth/auth-layout').then((m) => ({ default: m.AuthLayout })));
const PendingPage = lazy(() => import('../features/auth/pending-page').then((m) => ({ default: m.PendingPage })));
const SignInPage = lazy(() => import('../features/auth/sign-in-page').then((m) => ({ default: m.SignInPage })));
const HolidaysPage = lazy(() =>
  withFeatureStrings(import('../features/calendar/holidays-page'), 'calendar').then((m) => ({
    default: m.HolidaysPage,
  })),
);
const CompliancePage = lazy(() =>
  withFeatureStrings(import('../features/compliance/compliance-page'), 'compliance', 'reports', 'consolidation').then(
    (m) => ({ default: m.CompliancePage }),
  ),
);
const ConsolidationPage = lazy(() =>
  withFeatureStrings(
    import('../features/consolidation/consolidation-page'),
    'consolidation',
    'notices',
    'reports',
  ).then((m) => ({ default: m.ConsolidationPage })),
);
const FormDesignerPage = lazy(() =>
  withFeatureStrings(import('../features/form-designer/form-designer-page'), 'reports', 'regimes').then((m) => ({
    default: m.FormDesignerPage,
  })),
);
const DeliveriesPage = lazy(() =>
  withFeatureStrings(import('../features/notices/deliveries-page'), 'notices').then((m) => ({
    default: m.DeliveriesPage,
  })),
);
const InboxPage = lazy(() =>
  withFeatureStrings(import('../features/notices/inbox-page'), 'notices').then((m) => ({ default: m.InboxPage })),
);
const NotSubmittedPage = lazy(() =>
  withFeatureStrings(import('../features/notices/not-submitted-page'), 'notices', 'reports').then((m) => ({
    default: m.NotSubmittedPage,
  })),
);
const QualityPage = lazy(() =>
  withFeatureStrings(import('../features/quality/quality-page'), 'quality', 'consolidation', 'reports').then((m) => ({
    default: m.QualityPage,
  })),
);
const RegimeEditorPage = lazy(() =>
  withFeatureStrings(import('../features/regimes/regime-editor-page'), 'notices', 'regimes').then((m) => ({
    default: m.RegimeEditorPage,
  })),
);
const RegimesPage = lazy(() =>
  withFeatureStrings(import('../features/regimes/regimes-page'), 'regimes').then((m) => ({ default: m.RegimesPage })),
);
const EntryPage = lazy(() =>
  withFeatureStrings(import('../features/reports/entry-page'), 'reports', 'quality').then((m) => ({
    default: m.EntryPage,
  })),
);
const MyReportsPage = lazy(() =>
  withFeatureStrings(import('../features/reports/my-reports-page'), 'reports').then((m) => ({
    default: m.MyReportsPage,
  })),
);
const TokensPage = lazy(() =>
  withFeatureStrings(import('../features/tokens/tokens-page'), 'tokens').then((m) => ({ default: m.TokensPage })),
);
const UnitsPage = lazy(() =>
  withFeatureStrings(import('../features/units/units-page'), 'hierarchies', 'users', 'audit').then((m) => ({
    default: m.UnitsPage,
  })),
);
const UsersPage = lazy(() =>
  withFeatureStrings(import('../features/users/users-page'), 'users').then((m) => ({ default: m.UsersPage })),
);
const TasksPage = lazy(() =>
  withFeatureStrings(import('../features/tasks/tasks-page'), 'tasks').then((m) => ({ default: m.TasksPage })),
);
const TaskPage = lazy(() =>
  withFeatureStrings(import('../features/tasks/task-page'), 'tasks').then((m) => ({ default: m.TaskPage })),
);
const DirectivePage = lazy(() =>
  withFeatureStrings(import('../features/tasks/directive-page'), 'tasks').then((m) => ({ default: m.DirectivePage })),
);
const DirectiveNewPage = lazy(() =>
  withFeatureStrings(import('../features/tasks/directive-new-page'), 'tasks').then((m) => ({
    default: m.DirectiveNewPage,
  })),
);
const TaskImportPage = lazy(() =>
  withFeatureStrings(import('../features/tasks/task-import-page'), 'tasks').then((m) => ({
    default: m.TaskImportPage,
  })),
);
// A page brings the strings of the features it shows (app/feature-strings.ts): sign-in and the shell
// need none (the inbox bell's label is app-wide).
const AppShell = lazy(() => import('./app-shell').then((m) => ({ default: m.AppShell })));
// The home redirect reads the navigation (and its icons): it comes with the shell, not with sign-in.
const HomeRedirect = lazy(() => import('./app-shell').then((m) => ({ default: m.HomeRedirect })));
const ArchivePage = lazy(() =>
  withFeatureStrings(import('../features/documents/archive-page'), 'documents').then((m) => ({
    default: m.ArchivePage,
  })),
);
const DocumentPage = lazy(() =>
  withFeatureStrings(import('../features/documents/document-page'), 'documents', 'signatures').then((m) => ({
    default: m.DocumentPage,
  })),
);
const TemplatesPage = lazy(() =>
  withFeatureStrings(import('../features/documents/templates-page'), 'documents').then((m) => ({
    default: m.TemplatesPage,
  })),
);
const TemplateEditorPage = lazy(() =>
  withFeatureStrings(import('../features/documents/templates-page'), 'documents').then((m) => ({
    default: m.TemplateEditorPage,
  })),
);
// Indicator pages bring ECharts too.
const IndicatorsPage = lazy(() =>
  withFeatureStrings(import('../features/indicators/indicators-page'), 'indicators', 'reports').then((m) => ({
    default: m.IndicatorsPage,
  })),
);
const IndicatorPage = lazy(() =>
  withFeatureStrings(import('../features/indicators/indicator-page'), 'indicators', 'reports').then((m) => ({
    default: m.IndicatorPage,
  })),
);
const CertificatesPage = lazy(() =>
  withFeatureStrings(import('../features/signatures/certificates-page'), 'signatures').then((m) => ({
    default: m.CertificatesPage,
  })),
);
const ConnectorsPage = lazy(() =>
  withFeatureStrings(import('../features/connectors/connectors-page'), 'connectors', 'reports').then((m) => ({
    default: m.ConnectorsPage,
  })),
);
const WebhooksPage = lazy(() =>
  withFeatureStrings(import('../features/webhooks/webhooks-page'), 'webhooks').then((m) => ({
    default: m.WebhooksPage,
  })),
);
const FederationPage = lazy(() =>
  withFeatureStrings(import('../features/federation/federation-page'), 'federation').then((m) => ({
    default: m.FederationPage,
  })),
);
const ImportPage = lazy(() =>
  withFeatureStrings(import('../features/imports/import-page'), 'imports', 'reports').then((m) => ({
    default: m.ImportPage,
  })),
);
// The public verification page needs no sign-in; its strings are the signatures feature's.
const VerifySignaturePage = lazy(() =>
  withFeatureStrings(import('../features/signatures/verify-page'), 'signatures').then((m) => ({
    default: m.VerifySignaturePage,
  })),
);

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
        <Route index element={<HomeRedirect />} />
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
          path="documents"
          element={
            <RequirePermission permission="data.read">
              <ArchivePage />
            </RequirePermission>
          }
        />
        <Route
          path="documents/templates"
          element={
            <RequirePermission permission="data.read">
              <TemplatesPage />
            </RequirePermission>
          }
        />
        <Route
          path="documents/templates/:id"
          element={
            <RequirePermission permission="data.read">
              <TemplateEditorPage />
            </RequirePermission>
          }
        />
        <Route
          path="documents/:id"
          element={
            <RequirePermission permission="data.read">
              <DocumentPage />
            </RequirePermission>
          }
        />
        <Route
          path="indicators"
          element={
            <RequirePermission permission="data.read">
              <IndicatorsPage />
            </RequirePermission>
          }
        />
        <Route
          path="indicators/:id"
          element={
            <RequirePermission permission="data.read">
              <IndicatorPage />
            </RequirePermission>
          }
        />
        <Route
          path="imports"
          element={
            <RequirePermission permission="data.submit">
              <ImportPage />
            </RequirePermission>
          }
        />
        <Route
          path="connectors"
          element={
            <RequirePermission permission="settings.manage">
              <ConnectorsPage />
            </RequirePermission>
          }
        />
        <Route
          path="webhooks"
          element={
            <RequirePermission permission="data.read">
              <WebhooksPage />
            </RequirePermission>
          }
        />
        <Route
          path="federation"
          element={
            <RequirePermission permission="settings.manage">
              <FederationPage />
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
          path="quality"
          element={
            <RequirePermission permission="data.read">
              <QualityPage />
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
        <Route
          path="tasks"
          element={
            <RequirePermission permission="data.read">
              <TasksPage />
            </RequirePermission>
          }
        />
        <Route
          path="tasks/:id"
          element={
            <RequirePermission permission="data.read">
              <TaskPage />
            </RequirePermission>
          }
        />
        <Route
          path="tasks/directives/new"
          element={
            <RequirePermission permission="data.review">
              <DirectiveNewPage />
            </RequirePermission>
          }
        />
        <Route
          path="tasks/directives/:id"
          element={
            <RequirePermission permission="data.read">
              <DirectivePage />
            </RequirePermission>
          }
        />
        <Route
          path="tasks/directives/:id/import"
          element={
            <RequirePermission permission="data.review">
              <TaskImportPage />
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
        <Route
          path="signing-certificates"
          element={
            <RequirePermission permission="units.manage">
              <CertificatesPage />
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
  const reducedMotion = useReducedMotion();
  const theme = useMemo(
    () => withReducedMotion(narrow ? narrowTheme : baseTheme, reducedMotion),
    [narrow, reducedMotion],
  );
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : viVN} theme={theme}>
      <QueryClientProvider client={queryClient}>
        <AppFrame>
          <BrowserRouter>
            <PageBoundary>
              <Suspense fallback={<FullPageSpin />}>
                <Routes>
                  {/* Verifying a signed report needs no sign-in. */}
                  <Route path="verify" element={<VerifySignaturePage />} />
                  <Route path="*" element={<SessionGate />} />
                </Routes>
              </Suspense>
            </PageBoundary>
          </BrowserRouter>
        </AppFrame>
      </QueryClientProvider>
    </ConfigProvider>
  );
}
