import { CheckCircleOutlined, DisconnectOutlined, LoadingOutlined, LockOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock } from '../../reporting/report-labels';
import type { SaveStatus } from './use-report-draft';

/** Where the draft's saving stands, in the entry page's action bar (`null`: the report is read-only). */
export function SaveState({
  status,
  savedAt,
  onRetry,
}: {
  status: SaveStatus | null;
  savedAt: number | null;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  let content: ReactNode;
  switch (status) {
    case null:
      content = (
        <Typography.Text type="secondary">
          <LockOutlined /> {t('reports.save.readOnly')}
        </Typography.Text>
      );
      break;
    case 'saving':
      content = (
        <Typography.Text type="secondary">
          <LoadingOutlined /> {t('reports.save.saving')}
        </Typography.Text>
      );
      break;
    case 'dirty':
      content = <Typography.Text type="secondary">{t('reports.save.dirty')}</Typography.Text>;
      break;
    case 'offline':
      content = (
        <Typography.Text type="danger">
          <DisconnectOutlined /> {t('reports.save.offline')}{' '}
          <Button type="link" size="small" onClick={onRetry} style={{ padding: 0 }}>
            {t('common.retry')}
          </Button>
        </Typography.Text>
      );
      break;
    case 'conflict':
      content = <Typography.Text type="warning">{t('reports.save.conflict')}</Typography.Text>;
      break;
    case 'error':
      content = <Typography.Text type="danger">{t('reports.save.error')}</Typography.Text>;
      break;
    default:
      content = savedAt ? (
        <Typography.Text style={{ color: '#3f9142' }}>
          <CheckCircleOutlined /> {t('reports.save.savedAt', { time: formatClock(savedAt) })}
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary">{t('reports.save.nothingYet')}</Typography.Text>
      );
  }
  return <span data-testid="save-status">{content}</span>;
}
