import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MeView } from '../../api/types';

/**
 * An account the identity provider's first sign-in created has no role, so it may do nothing:
 * say why, and what to ask the unit administrator.
 */
export function NoRoleNotice({ me }: { me: MeView }) {
  const { t } = useTranslation();
  if (me.roles.length > 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('signIn.noRoleTitle')}
      description={t('signIn.noRole', { username: me.username, unit: me.unit.name })}
      style={{ marginBottom: 16 }}
      data-testid="no-role-notice"
    />
  );
}
