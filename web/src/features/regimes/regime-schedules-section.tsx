import { ConfigProvider, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { RegimeSectionCard } from './regime-section-card';
import type { RegimeDetailView } from './regimes.api';
import { SchedulePreview } from './schedule-preview';
import { SchedulesEditor } from './schedules-editor';

/** The schedules (when each level opens, is due, closes) and, once saved, their preview for a period. */
export function RegimeSchedulesSection({
  regime,
  readOnly,
  dirty,
  onChanged,
}: {
  regime: RegimeDetailView | null;
  readOnly: boolean;
  dirty: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  return (
    <RegimeSectionCard id="regime-schedules" title={t('regimes.editor.sectionSchedules')}>
      <Typography.Paragraph type="secondary">{t('regimes.schedules.hint')}</Typography.Paragraph>
      <SchedulesEditor disabled={readOnly} onChanged={onChanged} />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('regimes.schedules.preview')}
      </Typography.Title>
      {regime ? (
        <ConfigProvider componentDisabled={false}>
          <SchedulePreview
            regimeId={regime.id}
            frequency={regime.definition.frequency}
            savedVersion={regime.version}
            dirty={dirty}
          />
        </ConfigProvider>
      ) : (
        <Typography.Text type="secondary">{t('regimes.schedules.previewAfterSave')}</Typography.Text>
      )}
    </RegimeSectionCard>
  );
}
