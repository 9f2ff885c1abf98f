import { Button, Card, Descriptions, Modal, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert';
import { unitKindName } from '../../components/unit-kind-select';
import { formatDate } from '../../i18n/format';
import { RegimeVersionChanges, scheduleLine } from './regime-version-changes';
import { type RegimeVersionView, useRegimeVersion, useRegimeVersions } from './regimes.api';

const STATE_COLOR = { current: 'green', scheduled: 'blue', past: 'default' } as const;

/** The day before an exclusive end, as the last day the version is in force. */
function lastDay(effectiveTo: string): string {
  const day = new Date(`${effectiveTo}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/** The regime's versions as a timeline: which is in force today, which are scheduled or superseded. */
export function RegimeVersionsCard({ regimeId, revision }: { regimeId: number; revision: number }) {
  const { t } = useTranslation();
  const versions = useRegimeVersions(regimeId, revision);
  const [viewing, setViewing] = useState<number | null>(null);
  const stateLabel = (version: RegimeVersionView) =>
    t(
      version.state === 'current'
        ? 'regimes.editor.versionCurrent'
        : version.state === 'scheduled'
          ? 'regimes.editor.versionScheduled'
          : 'regimes.editor.versionPast',
    );
  return (
    <Card size="small" title={t('regimes.editor.versions')} style={{ marginBottom: 16 }} data-testid="regime-versions">
      {versions.isError ? <ErrorAlert error={versions.error} /> : null}
      <Timeline
        items={[...(versions.data ?? [])].reverse().map((version) => ({
          color: STATE_COLOR[version.state],
          children: (
            <div data-testid={`regime-version-${version.number}`}>
              <Typography.Text strong>{t('regimes.editor.versionNumber', { number: version.number })}</Typography.Text>{' '}
              <Tag color={STATE_COLOR[version.state]}>{stateLabel(version)}</Tag>
              <Button size="small" type="link" onClick={() => setViewing(version.number)}>
                {t('regimes.editor.versionView')}
              </Button>
              <div>
                {t('regimes.editor.versionFrom', { date: formatDate(version.effectiveFrom) })}
                {version.effectiveTo
                  ? ` ${t('regimes.editor.versionUntil', { date: formatDate(lastDay(version.effectiveTo)) })}`
                  : ''}
              </div>
              <Typography.Text type="secondary">
                {version.legalBasis ?? t('regimes.editor.versionOriginal')}
              </Typography.Text>
            </div>
          ),
        }))}
      />
      <Typography.Text type="secondary">{t('regimes.editor.versionsHint')}</Typography.Text>
      <VersionModal regimeId={regimeId} number={viewing} onClose={() => setViewing(null)} />
    </Card>
  );
}

/** One version, read only: what a period in its range is judged by. */
function VersionModal({ regimeId, number, onClose }: { regimeId: number; number: number | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const version = useRegimeVersion(regimeId, number);
  const definition = version.data?.definition;
  return (
    <Modal
      open={number !== null}
      onCancel={onClose}
      footer={null}
      title={t('regimes.editor.versionReadOnly', { number })}
      width={720}
      data-testid="regime-version-modal"
    >
      {version.isError ? <ErrorAlert error={version.error} /> : null}
      {definition && version.data ? (
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            {
              key: 'name',
              label: t('regimes.catalogue.name'),
              children: definition.name[language] || definition.name.vi,
            },
            {
              key: 'from',
              label: t('regimes.editor.amendEffectiveFrom'),
              children: formatDate(version.data.effectiveFrom),
            },
            {
              key: 'basis',
              label: t('regimes.editor.amendLegalBasis'),
              children: version.data.legalBasis ?? t('regimes.editor.versionOriginal'),
            },
            { key: 'deadline', label: t('regimes.editor.deadline'), children: definition.deadline },
            {
              key: 'schedules',
              label: t('regimes.editor.sectionSchedules'),
              children: definition.schedules.map((schedule) => (
                <div key={`${schedule.role}-${schedule.unitKinds.join(',')}`}>
                  {scheduleLine(schedule, t, language)}
                </div>
              )),
            },
            {
              key: 'recipients',
              label: t('regimes.editor.recipients'),
              children: definition.recipientUnitCodes.join(', '),
            },
            {
              key: 'consolidating',
              label: t('regimes.editor.consolidatingLevels'),
              children: definition.consolidatingUnitKinds.map((kind) => unitKindName(kind, language)).join(', ') || '—',
            },
          ]}
        />
      ) : null}
      {number !== null ? <RegimeVersionChanges regimeId={regimeId} number={number} /> : null}
    </Modal>
  );
}
