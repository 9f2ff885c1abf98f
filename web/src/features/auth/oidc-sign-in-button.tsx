import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { OIDC_START_URL } from './sign-in-methods';

/** "Đăng nhập bằng …": a plain link, since the browser itself goes to the identity provider and back. */
export function OidcSignInButton({ label, primary }: { label: string; primary: boolean }) {
  const { t } = useTranslation();
  return (
    <Button
      href={OIDC_START_URL}
      type={primary ? 'primary' : 'default'}
      size="large"
      block
      icon={<SafetyCertificateOutlined />}
      data-testid="signin-oidc"
      style={{ whiteSpace: 'normal', height: 'auto', minHeight: 40, paddingBlock: 6 }}
    >
      {t('signIn.withProvider', { label })}
    </Button>
  );
}
