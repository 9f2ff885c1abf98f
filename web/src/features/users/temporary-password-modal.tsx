import { Button, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { SecretReveal } from '../../components/secret-reveal';

/** A temporary password, shown once; closed only deliberately. */
export function TemporaryPasswordModal({
  username,
  password,
  onClose,
}: {
  username: string | null;
  password: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={!!password}
      title={t('users.temporaryPasswordTitle', { username: username ?? '' })}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="temporary-password-done">
          {t('users.passwordSaved')}
        </Button>
      }
      destroyOnHidden
    >
      {password ? (
        <SecretReveal
          label={t('users.temporaryPassword')}
          secret={password}
          warning={t('users.temporaryPasswordWarning')}
          testId="temporary-password"
        />
      ) : null}
    </Modal>
  );
}
