import { Affix, Anchor, Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format';
import { RegimeStatusTag } from './regime-labels';
import type { RegimeDetailView } from './regimes.api';

/** Beside the editor: the regime's status, revision and forms, whether it has unsaved changes, and its outline. */
export function RegimeSidePanel({ regime, dirty }: { regime: RegimeDetailView | null; dirty: boolean }) {
  const { t } = useTranslation();
  const sections: { key: string; title: string }[] = [
    { key: 'regime-general', title: t('regimes.editor.sectionGeneral') },
    { key: 'regime-components', title: t('regimes.editor.sectionComponents') },
    { key: 'regime-organisation', title: t('regimes.editor.sectionOrganisation') },
    { key: 'regime-schedules', title: t('regimes.editor.sectionSchedules') },
  ];
  return (
    <Affix offsetTop={16}>
      <div>
        {regime ? (
          <Card size="small" style={{ marginBottom: 16 }}>
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'status',
                  label: t('regimes.catalogue.status'),
                  children: <RegimeStatusTag status={regime.status} />,
                },
                { key: 'version', label: t('regimes.editor.revision'), children: regime.version },
                {
                  key: 'updated',
                  label: t('regimes.editor.updatedAt'),
                  children: formatDateTime(regime.updatedAt),
                },
                { key: 'forms', label: t('regimes.catalogue.forms'), children: regime.forms.length },
              ]}
            />
            {dirty ? (
              <Typography.Text type="warning" data-testid="regime-dirty">
                {t('regimes.editor.unsaved')}
              </Typography.Text>
            ) : null}
          </Card>
        ) : null}
        <Card size="small">
          <Anchor
            offsetTop={16}
            items={sections.map((section) => ({
              key: section.key,
              href: `#${section.key}`,
              title: section.title,
            }))}
            replace
          />
        </Card>
      </div>
    </Affix>
  );
}
