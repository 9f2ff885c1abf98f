import { calendarEn, calendarVi } from '../features/calendar/calendar.i18n';
import { complianceEn, complianceVi } from '../features/compliance/compliance.i18n';
import { consolidationEn, consolidationVi } from '../features/consolidation/consolidation.i18n';
import { dashboardsEn, dashboardsVi } from '../features/dashboards/dashboards.i18n';
import { noticesEn, noticesVi } from '../features/notices/notices.i18n';
import { qualityEn, qualityVi } from '../features/quality/quality.i18n';
import { reportsEn, reportsVi } from '../features/reports/reports.i18n';
import { hierarchiesEn, hierarchiesVi } from '../features/units/hierarchies.i18n';
import type { Strings } from '../i18n/strings';

// Each feature's strings, under its section; a feature with a bundle adds it here. This module is
// fetched with the signed-in shell (app/translations.ts), in both languages (~15 KB gzipped).
export const featureStringsVi = {
  reports: reportsVi,
  consolidation: consolidationVi,
  calendar: calendarVi,
  hierarchies: hierarchiesVi,
  compliance: complianceVi,
  notices: noticesVi,
  quality: qualityVi,
  dashboards: dashboardsVi,
};

export const featureStringsEn: Strings<typeof featureStringsVi> = {
  reports: reportsEn,
  consolidation: consolidationEn,
  compliance: complianceEn,
  calendar: calendarEn,
  hierarchies: hierarchiesEn,
  notices: noticesEn,
  quality: qualityEn,
  dashboards: dashboardsEn,
};
