import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormVersionView } from './form-designer.api';

/** Someone else saved the draft meanwhile; or the version shown is published or superseded (read-only). */
export function DesignerAlerts({
  version,
  editable,
  canManage,
  conflict,
  justPublished,
}: {
  version: FormVersionView;
  editable: boolean;
  canManage: boolean;
  conflict: boolean;
  justPublished: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('regimes.designer.conflict')}
          action={
            <Button size="small" onClick={() => window.location.reload()}>
              {t('common.reload')}
            </Button>
          }
        />
      ) : null}
      {!editable && version.status === 'published' ? (
        <Alert
          type={justPublished ? 'success' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          title={
            justPublished
              ? t('regimes.designer.publishedTitle', { number: version.number })
              : t('regimes.designer.readOnlyPublished')
          }
          description={canManage ? t('regimes.designer.readOnlyHint') : undefined}
          data-testid="designer-published"
        />
      ) : null}
      {version.status === 'superseded' ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('regimes.designer.readOnlySuperseded')} />
      ) : null}
    </>
  );
}
