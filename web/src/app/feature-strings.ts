import type { auditVi } from '../features/audit/audit.i18n';
import type { calendarVi } from '../features/calendar/calendar.i18n';
import type { complianceVi } from '../features/compliance/compliance.i18n';
import type { connectorsVi } from '../features/connectors/connectors.i18n';
import type { consolidationVi } from '../features/consolidation/consolidation.i18n';
import type { dashboardsVi } from '../features/dashboards/dashboards.i18n';
import type { documentsVi } from '../features/documents/documents.i18n';
import type { federationVi } from '../features/federation/federation.i18n';
import type { importsVi } from '../features/imports/imports.i18n';
import type { indicatorsVi } from '../features/indicators/indicators.i18n';
import type { noticesVi } from '../features/notices/notices.i18n';
import type { qualityVi } from '../features/quality/quality.i18n';
import type { regimesVi } from '../features/regimes/regimes.i18n';
import type { reportsVi } from '../features/reports/reports.i18n';
import type { signaturesVi } from '../features/signatures/signatures.i18n';
import type { tasksVi } from '../features/tasks/tasks.i18n';
import type { tokensVi } from '../features/tokens/tokens.i18n';
import type { hierarchiesVi } from '../features/units/hierarchies.i18n';
import type { usersVi } from '../features/users/users.i18n';
import type { webhooksVi } from '../features/webhooks/webhooks.i18n';
import type { FeatureStringsLoader } from '../i18n';
import type { Strings } from '../i18n/strings';

/** Every feature's Vietnamese strings, by section: the type `t()` checks keys against. */
export interface FeatureStringsVi {
  reports: typeof reportsVi;
  consolidation: typeof consolidationVi;
  calendar: typeof calendarVi;
  hierarchies: typeof hierarchiesVi;
  compliance: typeof complianceVi;
  notices: typeof noticesVi;
  quality: typeof qualityVi;
  dashboards: typeof dashboardsVi;
  tasks: typeof tasksVi;
  imports: typeof importsVi;
  documents: typeof documentsVi;
  signatures: typeof signaturesVi;
  indicators: typeof indicatorsVi;
  connectors: typeof connectorsVi;
  webhooks: typeof webhooksVi;
  federation: typeof federationVi;
  regimes: typeof regimesVi;
  users: typeof usersVi;
  tokens: typeof tokensVi;
  audit: typeof auditVi;
}

/** A feature's bundle: each language a chunk fetched when a page that needs it is in that language. */
function bundle<V extends object>(vi: () => Promise<V>, en: () => Promise<Strings<NoInfer<V>>>): FeatureStringsLoader {
  return { vi, en };
}

// Each feature's strings, under its section: the registry of the lazily loaded per-feature bundles.
// A feature with a bundle adds its section here (its type above, its loader below) and names the
// section on the routes that show it (`withFeatureStrings` in app/app.tsx; app/feature-strings.test.ts
// fails when a route misses a section its modules use).
// Nothing here is fetched with the shell: a page brings only its sections, in the current language.
export const featureStrings = {
  reports: bundle(
    () => import('../features/reports/reports.i18n').then((m) => m.reportsVi),
    () => import('../features/reports/reports.i18n-en').then((m) => m.reportsEn),
  ),
  consolidation: bundle(
    () => import('../features/consolidation/consolidation.i18n').then((m) => m.consolidationVi),
    () => import('../features/consolidation/consolidation.i18n-en').then((m) => m.consolidationEn),
  ),
  calendar: bundle(
    () => import('../features/calendar/calendar.i18n').then((m) => m.calendarVi),
    () => import('../features/calendar/calendar.i18n').then((m) => m.calendarEn),
  ),
  hierarchies: bundle(
    () => import('../features/units/hierarchies.i18n').then((m) => m.hierarchiesVi),
    () => import('../features/units/hierarchies.i18n').then((m) => m.hierarchiesEn),
  ),
  compliance: bundle(
    () => import('../features/compliance/compliance.i18n').then((m) => m.complianceVi),
    () => import('../features/compliance/compliance.i18n').then((m) => m.complianceEn),
  ),
  notices: bundle(
    () => import('../features/notices/notices.i18n').then((m) => m.noticesVi),
    () => import('../features/notices/notices.i18n-en').then((m) => m.noticesEn),
  ),
  quality: bundle(
    () => import('../features/quality/quality.i18n').then((m) => m.qualityVi),
    () => import('../features/quality/quality.i18n-en').then((m) => m.qualityEn),
  ),
  dashboards: bundle(
    () => import('../features/dashboards/dashboards.i18n').then((m) => m.dashboardsVi),
    () => import('../features/dashboards/dashboards.i18n').then((m) => m.dashboardsEn),
  ),
  tasks: bundle(
    () => import('../features/tasks/tasks.i18n').then((m) => m.tasksVi),
    () => import('../features/tasks/tasks.i18n').then((m) => m.tasksEn),
  ),
  imports: bundle(
    () => import('../features/imports/imports.i18n').then((m) => m.importsVi),
    () => import('../features/imports/imports.i18n').then((m) => m.importsEn),
  ),
  documents: bundle(
    () => import('../features/documents/documents.i18n').then((m) => m.documentsVi),
    () => import('../features/documents/documents.i18n').then((m) => m.documentsEn),
  ),
  signatures: bundle(
    () => import('../features/signatures/signatures.i18n').then((m) => m.signaturesVi),
    () => import('../features/signatures/signatures.i18n').then((m) => m.signaturesEn),
  ),
  indicators: bundle(
    () => import('../features/indicators/indicators.i18n').then((m) => m.indicatorsVi),
    () => import('../features/indicators/indicators.i18n-en').then((m) => m.indicatorsEn),
  ),
  connectors: bundle(
    () => import('../features/connectors/connectors.i18n').then((m) => m.connectorsVi),
    () => import('../features/connectors/connectors.i18n').then((m) => m.connectorsEn),
  ),
  webhooks: bundle(
    () => import('../features/webhooks/webhooks.i18n').then((m) => m.webhooksVi),
    () => import('../features/webhooks/webhooks.i18n').then((m) => m.webhooksEn),
  ),
  federation: bundle(
    () => import('../features/federation/federation.i18n').then((m) => m.federationVi),
    () => import('../features/federation/federation.i18n').then((m) => m.federationEn),
  ),
  regimes: bundle(
    () => import('../features/regimes/regimes.i18n').then((m) => m.regimesVi),
    () => import('../features/regimes/regimes.i18n-en').then((m) => m.regimesEn),
  ),
  users: bundle(
    () => import('../features/users/users.i18n').then((m) => m.usersVi),
    () => import('../features/users/users.i18n-en').then((m) => m.usersEn),
  ),
  tokens: bundle(
    () => import('../features/tokens/tokens.i18n').then((m) => m.tokensVi),
    () => import('../features/tokens/tokens.i18n-en').then((m) => m.tokensEn),
  ),
  audit: bundle(
    () => import('../features/audit/audit.i18n').then((m) => m.auditVi),
    () => import('../features/audit/audit.i18n-en').then((m) => m.auditEn),
  ),
} satisfies Record<keyof FeatureStringsVi, FeatureStringsLoader>;
