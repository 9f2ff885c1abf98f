import { signInEn, signInVi } from '../features/auth/sign-in.i18n';
import { calendarEn, calendarVi } from '../features/calendar/calendar.i18n';
import { complianceEn, complianceVi } from '../features/compliance/compliance.i18n';
import { consolidationEn, consolidationVi } from '../features/consolidation/consolidation.i18n';
import { dashboardsEn, dashboardsVi } from '../features/dashboards/dashboards.i18n';
import { importsEn, importsVi } from '../features/imports/imports.i18n';
import { noticesEn, noticesVi } from '../features/notices/notices.i18n';
import { qualityEn, qualityVi } from '../features/quality/quality.i18n';
import { reportsEn, reportsVi } from '../features/reports/reports.i18n';
import { hierarchiesEn, hierarchiesVi } from '../features/units/hierarchies.i18n';
import type { TranslationBundles } from '../i18n';
import type { Strings } from '../i18n/strings';
import { vi } from '../i18n/vi';

// The app composes the interface strings: the app-wide ones from i18n/, and each feature's own
// bundle under its section. i18n/ thus never imports a feature.
const viAll = {
  ...vi,
  reports: reportsVi,
  consolidation: consolidationVi,
  calendar: calendarVi,
  signIn: signInVi,
  hierarchies: hierarchiesVi,
  compliance: complianceVi,
  notices: noticesVi,
  quality: qualityVi,
  dashboards: dashboardsVi,
  imports: importsVi,
};
/** English is fetched only when chosen: its app-wide strings are a chunk of their own. */
async function loadEnglish(): Promise<Strings<typeof viAll>> {
  const { en } = await import('../i18n/en');
  return {
    ...en,
    reports: reportsEn,
    consolidation: consolidationEn,
    compliance: complianceEn,
    calendar: calendarEn,
    signIn: signInEn,
    hierarchies: hierarchiesEn,
    notices: noticesEn,
    quality: qualityEn,
    dashboards: dashboardsEn,
    imports: importsEn,
  };
}

export const translations: TranslationBundles = { vi: viAll, loadEnglish };

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof viAll };
  }
}
