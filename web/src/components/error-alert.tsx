import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { Text } from './typography';

/** An error from the API (or anything else) as an alert with the server's message and request id. */
export function ErrorAlert({ error, title, action }: { error: unknown; title?: ReactNode; action?: ReactNode }) {
  const { t } = useTranslation();
  if (!error) return null;
  let message: string = t('errors.unexpected');
  let requestId: string | null = null;
  if (isApiError(error)) {
    message = error.status === 0 ? t('errors.network') : error.message;
    requestId = error.requestId || null;
  } else if (error instanceof Error && error.message) {
    message = error.message;
  }
  return (
    <Alert
      type="error"
      showIcon
      title={title ?? message}
      description={
        title || requestId ? (
          <>
            {title ? <div>{message}</div> : null}
            {requestId ? (
              <Text type="secondary" style={{ fontSize: 12 }}>
                {t('errors.requestId')}:{' '}
                <Text code copyable style={{ fontSize: 12 }}>
                  {requestId}
                </Text>
              </Text>
            ) : null}
          </>
        ) : undefined
      }
      action={action}
      data-testid="error-alert"
    />
  );
}
