import { CheckCircleOutlined, DisconnectOutlined, LoadingOutlined, LockOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Text } from '../../components/typography';
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
        <Text type="secondary">
          <LockOutlined /> {t('reports.save.readOnly')}
        </Text>
      );
      break;
    case 'saving':
      content = (
        <Text type="secondary">
          <LoadingOutlined /> {t('reports.save.saving')}
        </Text>
      );
      break;
    case 'dirty':
      content = <Text type="secondary">{t('reports.save.dirty')}</Text>;
      break;
    case 'offline':
      content = (
        <Text type="danger">
          <DisconnectOutlined /> {t('reports.save.offline')}{' '}
          <Button type="link" size="small" onClick={onRetry} style={{ padding: 0 }}>
            {t('common.retry')}
          </Button>
        </Text>
      );
      break;
    case 'conflict':
      content = <Text type="warning">{t('reports.save.conflict')}</Text>;
      break;
    case 'error':
      content = <Text type="danger">{t('reports.save.error')}</Text>;
      break;
    default:
      content = savedAt ? (
        <Text style={{ color: '#3f9142' }}>
          <CheckCircleOutlined /> {t('reports.save.savedAt', { time: formatClock(savedAt) })}
        </Text>
      ) : (
        <Text type="secondary">{t('reports.save.nothingYet')}</Text>
      );
  }
  return <span data-testid="save-status">{content}</span>;
}
