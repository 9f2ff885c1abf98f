import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useUnreadCount } from './notices.api';

/** The bell in the shell's top bar: the unread count, and the way to the inbox. */
export function NoticeBell({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const unread = useUnreadCount().data?.unread ?? 0;
  return (
    <Badge count={unread} size="small" offset={[-6, 6]} overflowCount={99} data-testid="notice-badge">
      <Button
        type="text"
        icon={<BellOutlined style={{ fontSize: compact ? 18 : 20 }} />}
        onClick={() => void navigate('/notices')}
        style={{ color: '#fff', flex: 'none' }}
        aria-label={t('shell.notices', { count: unread })}
        title={t('shell.notices', { count: unread })}
        data-testid="notice-bell"
      />
    </Badge>
  );
}
