import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

// Result draws large illustrations: this module is loaded only when a 404 or 403 is shown.

export function NotFoundResult() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('errors.pageNotFoundTitle')}
      subTitle={t('errors.pageNotFound')}
      extra={<Button onClick={() => void navigate('/')}>{t('common.home')}</Button>}
    />
  );
}

export function ForbiddenResult() {
  const { t } = useTranslation();
  return <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('errors.forbiddenPage')} />;
}
