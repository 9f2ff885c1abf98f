import { signInEn, signInVi } from '../features/auth/sign-in.i18n';
import { calendarEn, calendarVi } from '../features/calendar/calendar.i18n';
import { complianceEn, complianceVi } from '../features/compliance/compliance.i18n';
import { consolidationEn, consolidationVi } from '../features/consolidation/consolidation.i18n';
import { dashboardsEn, dashboardsVi } from '../features/dashboards/dashboards.i18n';
import { noticesEn, noticesVi } from '../features/notices/notices.i18n';
import { reportsEn, reportsVi } from '../features/reports/reports.i18n';
import { hierarchiesEn, hierarchiesVi } from '../features/units/hierarchies.i18n';
import { en } from '../i18n/en';
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
  dashboards: dashboardsVi,
};
const enAll: Strings<typeof viAll> = {
  ...en,
  reports: reportsEn,
  consolidation: consolidationEn,
  compliance: complianceEn,
  calendar: calendarEn,
  signIn: signInEn,
  hierarchies: hierarchiesEn,
  notices: noticesEn,
  dashboards: dashboardsEn,
};

export const translations = { vi: viAll, en: enAll };

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof viAll };
  }
}
