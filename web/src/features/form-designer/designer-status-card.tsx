import { CheckCircleOutlined, DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Popconfirm, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { formatDateTime } from '../../i18n/format';
import { type FormDetailView, type FormVersionView, useDeleteDraft } from './form-designer.api';
import { VersionStatusTag } from './version-history';

/**
 * The version shown: its number and status, when it was published or saved, the live check's
 * count (which opens the problems), and the button that discards a draft.
 */
export function DesignerStatusCard({
  form,
  version,
  editable,
  dirty,
  updatedAt,
  errorCount,
  warningCount,
  onToggleCheck,
  onOpenVersion,
}: {
  form: FormDetailView;
  version: FormVersionView;
  editable: boolean;
  dirty: boolean;
  updatedAt: string;
  errorCount: number;
  warningCount: number;
  onToggleCheck: () => void;
  onOpenVersion: (id: number | null) => void;
}) {
  const { t } = useTranslation();
  const notifyError = useErrorNotifier();
  const deleteDraft = useDeleteDraft(version.formId);
  const draftOfForm = form.versions.find((v) => v.status === 'draft');
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="designer-status">
      <Flex gap={16} align="center" wrap justify="space-between">
        <Space size={12} wrap>
          <Typography.Text strong>{t('regimes.designer.versionNumber', { number: version.number })}</Typography.Text>
          <VersionStatusTag status={version.status} />
          {version.publishedAt ? (
            <Typography.Text type="secondary" data-testid="designer-published-by">
              {version.publishedBy
                ? t('regimes.designer.publishedAt', {
                    at: formatDateTime(version.publishedAt),
                    by: version.publishedBy.name,
                  })
                : t('regimes.designer.publishedBySystem', { at: formatDateTime(version.publishedAt) })}
            </Typography.Text>
          ) : (
            <Typography.Text type={dirty ? 'warning' : 'secondary'} data-testid="designer-save-state">
              {dirty ? t('regimes.designer.unsaved') : t('regimes.designer.savedAt', { at: formatDateTime(updatedAt) })}
            </Typography.Text>
          )}
        </Space>
        <Space size={12} wrap>
          {editable ? (
            <Button type="link" size="small" onClick={onToggleCheck} data-testid="designer-live-check">
              {errorCount === 0 && warningCount === 0 ? (
                <Typography.Text type="success">
                  <CheckCircleOutlined /> {t('regimes.designer.check.liveOk')}
                </Typography.Text>
              ) : (
                <Typography.Text type={errorCount > 0 ? 'danger' : 'warning'}>
                  {t('regimes.designer.check.liveCount', { errors: errorCount, warnings: warningCount })}
                </Typography.Text>
              )}
            </Button>
          ) : null}
          {editable && draftOfForm && form.versions.length > 1 ? (
            <Popconfirm
              title={t('regimes.designer.discardConfirm')}
              okText={t('regimes.designer.discard')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                deleteDraft.mutate(version.id, {
                  onSuccess: () => onOpenVersion(null),
                  onError: (error) => notifyError(error),
                })
              }
            >
              <Button size="small" danger type="text" icon={<DeleteOutlined />}>
                {t('regimes.designer.discard')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      </Flex>
    </Card>
  );
}
