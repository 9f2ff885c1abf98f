import type { JsonValue, LevelSchedule } from '@baocao/domain';
import { Table, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert';
import { unitKindName } from '../../components/unit-kind-select';
import { formatDate } from '../../i18n/format';
import { useFrequencyLabel } from './regime-labels';
import { useRegimeVersionDiff } from './regimes.api';

/** The editor's label of each part of a regime's definition, so a change reads as the editor does. */
const PART_LABELS = {
  name: 'regimes.editor.name',
  content: 'regimes.editor.content',
  reportingUnits: 'regimes.editor.reportingUnits',
  receivingAgency: 'regimes.editor.receivingAgency',
  sendingMethod: 'regimes.editor.sendingMethod',
  deadline: 'regimes.editor.deadline',
  frequency: 'regimes.editor.frequency',
  dataWindow: 'regimes.editor.dataWindow',
  outlineTemplate: 'regimes.editor.outlineTemplate',
  procedure: 'regimes.editor.procedure',
  legalBasis: 'regimes.editor.legalBasis',
  ownerUnitCode: 'regimes.editor.owner',
  hierarchy: 'regimes.editor.hierarchy',
  consolidatingUnitKinds: 'regimes.editor.consolidatingLevels',
  consolidationCounts: 'regimes.editor.consolidationCounts',
  recipientUnitCodes: 'regimes.editor.recipients',
  schedules: 'regimes.editor.sectionSchedules',
  allowLateSubmission: 'regimes.editor.allowLate',
  validFrom: 'regimes.editor.validFrom',
  validTo: 'regimes.editor.validTo',
} as const;

function isLabelled(part: string): part is keyof typeof PART_LABELS {
  return Object.hasOwn(PART_LABELS, part);
}

/** One schedule as a line: "UBND tỉnh: 1 ngày sau mốc, 17:00". */
export function scheduleLine(schedule: LevelSchedule, t: TFunction, language: string): string {
  const kinds = schedule.unitKinds.map((kind) => unitKindName(kind, language)).join(', ');
  const { days, time, workingDays, anchor } = schedule.due;
  const where = t(`regimes.editor.versionAnchor.${anchor}`);
  const due =
    days === 0
      ? t('regimes.editor.versionDueSameDay', { time, anchor: where })
      : days < 0
        ? t('regimes.editor.versionDueBefore', { time, days: -days, anchor: where })
        : t(workingDays ? 'regimes.editor.versionDueWorking' : 'regimes.editor.versionDueDays', {
            time,
            days,
            anchor: where,
          });
  return `${kinds}: ${due}`;
}

/** A part's value in words; long texts are cut, lists joined. */
function describe(part: string, value: JsonValue, t: TFunction, language: string, frequency: (f: string) => string) {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (part === 'schedules' && Array.isArray(value))
    return (value as unknown as LevelSchedule[]).map((s) => scheduleLine(s, t, language)).join('; ');
  if (part === 'consolidatingUnitKinds' && Array.isArray(value))
    return value.map((kind) => unitKindName(String(kind), language)).join(', ') || '—';
  if (part === 'frequency') return frequency(String(value));
  if (part === 'dataWindow') return t(`regimes.dataWindow.${value === 'decree09' ? 'decree09' : 'calendar'}`);
  if (part === 'consolidationCounts')
    return t(value === 'accepted' ? 'regimes.editor.countsAccepted' : 'regimes.editor.countsSubmitted');
  if (part === 'validFrom' || part === 'validTo') return formatDate(String(value));
  if (Array.isArray(value)) return value.join(', ') || '—';
  if (typeof value === 'object') {
    const text = value as Record<string, JsonValue>;
    return String(text[language] || text.vi || JSON.stringify(value));
  }
  const text = String(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** What version `number` changed from the version before it, part by part. */
export function RegimeVersionChanges({ regimeId, number }: { regimeId: number; number: number }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const frequency = useFrequencyLabel();
  const diff = useRegimeVersionDiff(regimeId, number > 1 ? number - 1 : null, number > 1 ? number : null);
  if (number <= 1) return null;
  return (
    <div data-testid="regime-version-changes" style={{ marginTop: 16 }}>
      <Typography.Title level={5}>{t('regimes.editor.versionChanges', { number: number - 1 })}</Typography.Title>
      {diff.isError ? <ErrorAlert error={diff.error} /> : null}
      <Table
        size="small"
        pagination={false}
        loading={diff.isLoading}
        rowKey="part"
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('regimes.editor.versionNoChanges') }}
        dataSource={diff.data?.changes ?? []}
        columns={[
          {
            key: 'part',
            title: t('regimes.editor.versionChangePart'),
            render: (_, change) => (isLabelled(change.part) ? t(PART_LABELS[change.part]) : change.part),
          },
          {
            key: 'before',
            title: t('regimes.editor.versionChangeBefore'),
            render: (_, change) => describe(change.part, change.before, t, language, frequency),
          },
          {
            key: 'after',
            title: t('regimes.editor.versionChangeAfter'),
            render: (_, change) => describe(change.part, change.after, t, language, frequency),
          },
        ]}
      />
    </div>
  );
}
