import { Badge, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** Whether the page receives the server's live events ("Trực tuyến"). */
export function LiveIndicator({ connected }: { connected: boolean }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={connected ? t('consolidation.live.on') : t('consolidation.live.off')}>
      <Tag
        color={connected ? 'success' : 'default'}
        style={{ paddingInline: 10 }}
        data-testid="live-indicator"
        data-connected={connected}
      >
        <Badge status={connected ? 'processing' : 'default'} color={connected ? '#3f9142' : undefined} />{' '}
        {t('consolidation.live.label')}
      </Tag>
    </Tooltip>
  );
}
