import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { useFeedback } from './use-feedback';

/** Shows a failed action's error (message and request id) as a notification. */
export function useErrorNotifier() {
  const { notification } = useFeedback();
  const { t } = useTranslation();
  return (error: unknown, title?: string) => {
    const api = isApiError(error) ? error : null;
    notification.error({
      title: title ?? t('errors.actionFailed'),
      description: (
        <>
          <div>{api ? (api.status === 0 ? t('errors.network') : api.message) : t('errors.unexpected')}</div>
          {api?.requestId ? (
            <div style={{ fontSize: 12, color: '#888' }}>
              {t('errors.requestId')}: {api.requestId}
            </div>
          ) : null}
        </>
      ),
    });
  };
}
