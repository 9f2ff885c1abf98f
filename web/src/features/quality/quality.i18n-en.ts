import type { Strings } from '../../i18n/strings';
import type { qualityVi } from './quality.i18n';

export const qualityEn: Strings<typeof qualityVi> = {
  title: 'Data quality',
  description:
    'Figures far from the unit’s own history, broken validation rules, discrepancies between sources, and how timely and complete the period’s reports are.',
  picker: {
    regime: 'Report regime',
    unit: 'Scope (unit)',
    period: 'Period',
    noRegimes: 'No report regime is in force yet.',
  },
  figures: {
    completeness: 'Completeness',
    completenessHint: '{{reported}}/{{expected}} units sent',
    onTime: 'On time',
    onTimeHint: '{{onTime}} on time, {{late}} late',
    missing: 'Not sent',
    checked: 'Reports checked',
  },
  tabs: {
    outliers: 'Outliers ({{count}})',
    rules: 'Rule violations ({{count}})',
    discrepancies: 'Discrepancies between sources ({{count}})',
  },
  columns: {
    unit: 'Unit',
    form: 'Form',
    cell: 'Item',
    value: 'Value',
    history: 'History (median; range)',
    comment: 'Confirming comment',
    rule: 'Rule',
    message: 'Message',
    left: 'Figure',
    right: 'Compared with',
    difference: 'Difference',
    open: 'Open the report',
  },
  high: 'Unusually high',
  low: 'Unusually low',
  historyOf: 'median {{median}}; {{min}}–{{max}} ({{count}} periods)',
  truncated: 'Showing {{shown}} of {{total}}.',
  none: {
    outliers: 'No outliers in this period.',
    rules: 'No report breaks a validation rule.',
    discrepancies: 'The sources agree (or not enough of them have reported to compare).',
  },
  entry: {
    unconfirmed: 'Not confirmed: click this cell’s comment icon and give the reason.',
    confirmed: 'Confirmed: “{{comment}}”',
    flagsTitle: 'Confirmed outliers',
    flagsHint: 'The entry officer confirmed these figures, far from the unit’s history, when submitting.',
    flagValue: 'Value {{value}} — {{history}}',
    noComment: '(no comment)',
  },
};
