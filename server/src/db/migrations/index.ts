import type { Migration } from 'kysely';
import * as m20261123_01 from './20261123-01-foundation';
import * as m20261123_02 from './20261123-02-unit-kinds';
import * as m20261123_03 from './20261123-03-regimes-forms';
import * as m20261123_04 from './20261123-04-submissions';
import * as m20261123_05 from './20261123-05-seed-holidays';
import * as m20261123_06 from './20261123-06-incremental-closure';
import * as m20261123_07 from './20261123-07-audit-pending';
import * as m20261123_08_8 from './20261123-08-period-unlock-requests';
import * as m20261123_09_9 from './20261123-09-unit-ancestors-on';
import * as m20261204_01_1 from './20261204-01-oidc-sign-in';
import * as m20261204_02_2 from './20261204-02-regime-versions';
import * as m20261205_01_1 from './20261205-01-audit-checkpoints';
import * as m20261205_02_2 from './20261205-02-sectoral-hierarchies';
import * as m20261205_03_3 from './20261205-03-compliance-exemptions';
import * as m20261205_04_4 from './20261205-04-notices';
import * as m20261205_05_5 from './20261205-05-demo-history';
import * as m20261205_06_6 from './20261205-06-revision-quality-flags';
import * as m20261205_07_7 from './20261205-07-analytics-values';
import * as m20261205_08_8 from './20261205-08-dashboards';
import * as m20261205_09_9 from './20261205-09-directives-tasks';
import * as m20261205_10_10 from './20261205-10-import-jobs';
import * as m20261205_11_email_sweep from './20261205-11-email-sweep';
import * as m20261205_12_12 from './20261205-12-events-webhooks';
import * as m20261205_13_13 from './20261205-13-generated-reports';

import * as m20261205_14_signatures from './20261205-14-signatures';

import * as m20261205_15_indicators from './20261205-15-indicators';
import * as m20261205_16_connectors from './20261205-16-connectors-federation';
import * as m20261206_01_federation from './20261206-01-federation';
import * as m20261206_03_document_signatures from './20261206-03-document-signatures';
import * as m20261206_05_analytics_key_order from './20261206-05-analytics-key-order';
import * as m20261206_10_report_reference_checks from './20261206-10-report-reference-checks';
import * as m20261207_05_analytics_rollups from './20261207-05-analytics-rollups';
import * as m20261207_06_indicator_values_recorded from './20261207-06-indicator-values-recorded';
import * as m20261208_20_units_kind from './20261208-20-units-kind';

// Every migration in order; `npm run db:new` appends here. A static list (not a
// directory scan) so the same code runs under tsx, Vite and Vitest.
export const migrations: Record<string, Migration> = {
  '20261123-01-foundation': m20261123_01,
  '20261123-02-unit-kinds': m20261123_02,
  '20261123-03-regimes-forms': m20261123_03,
  '20261123-04-submissions': m20261123_04,
  '20261123-05-seed-holidays': m20261123_05,
  '20261123-06-incremental-closure': m20261123_06,
  '20261123-07-audit-pending': m20261123_07,
  '20261123-08-period-unlock-requests': m20261123_08_8,
  '20261123-09-unit-ancestors-on': m20261123_09_9,
  '20261204-01-oidc-sign-in': m20261204_01_1,
  '20261204-02-regime-versions': m20261204_02_2,
  '20261205-01-audit-checkpoints': m20261205_01_1,
  '20261205-02-sectoral-hierarchies': m20261205_02_2,
  '20261205-03-compliance-exemptions': m20261205_03_3,
  '20261205-04-notices': m20261205_04_4,
  '20261205-05-demo-history': m20261205_05_5,
  '20261205-06-revision-quality-flags': m20261205_06_6,
  '20261205-07-analytics-values': m20261205_07_7,
  '20261205-08-dashboards': m20261205_08_8,
  '20261205-09-directives-tasks': m20261205_09_9,
  '20261205-10-import-jobs': m20261205_10_10,
  '20261205-12-events-webhooks': m20261205_12_12,
  '20261205-11-email-sweep': m20261205_11_email_sweep,
  '20261205-13-generated-reports': m20261205_13_13,

  '20261205-14-signatures': m20261205_14_signatures,

  '20261205-15-indicators': m20261205_15_indicators,
  '20261205-16-connectors-federation': m20261205_16_connectors,

  '20261206-01-federation': m20261206_01_federation,
  '20261206-03-document-signatures': m20261206_03_document_signatures,
  '20261206-05-analytics-key-order': m20261206_05_analytics_key_order,
  '20261206-10-report-reference-checks': m20261206_10_report_reference_checks,
  '20261207-05-analytics-rollups': m20261207_05_analytics_rollups,
  '20261207-06-indicator-values-recorded': m20261207_06_indicator_values_recorded,
  '20261208-20-units-kind': m20261208_20_units_kind,
};
