import { Alert, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormVersionDiffView, FormVersionView } from './form-designer.api';
import { VersionDiffView } from './version-diff';

/** Confirms publishing a draft, showing what changed since the published version and how many warnings remain. */
export function PublishModal({
  version,
  diff,
  warningCount,
  loading,
  onOk,
  onCancel,
}: {
  version: FormVersionView;
  diff: FormVersionDiffView;
  warningCount: number;
  loading: boolean;
  onOk: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      width={860}
      title={t('regimes.designer.publishTitle', { code: version.formCode, number: version.number })}
      okText={t('regimes.designer.publishOk')}
      cancelText={t('common.cancel')}
      onOk={onOk}
      onCancel={onCancel}
      confirmLoading={loading}
      okButtonProps={{ 'data-testid': 'publish-confirm' }}
      data-testid="publish-modal"
    >
      <Typography.Paragraph>{t('regimes.designer.publishWarning')}</Typography.Paragraph>
      {warningCount > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('regimes.designer.publishWarnings', { count: warningCount })}
        />
      ) : null}
      <VersionDiffView diff={diff} />
    </Modal>
  );
}
