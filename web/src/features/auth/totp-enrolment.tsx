import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Flex, Form, Input, QRCode, Skeleton, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { TotpSetupView } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldError } from '../../components/field-errors';

/** The secret in groups of four, easier to type into an authenticator app. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * Turns on two-factor sign-in: a fresh secret as a QR code (and as text),
 * then one code from the authenticator app to prove it was saved.
 */
export function TotpEnrolment({ onEnabled }: { onEnabled: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const [alertError, setAlertError] = useState<unknown>(null);
  const setup = useQuery({
    queryKey: ['auth', 'totp-setup'],
    queryFn: () => api<TotpSetupView>('/auth/totp/setup', { method: 'POST' }),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });
  const enable = useMutation({
    mutationFn: (code: string) => api('/auth/totp/enable', { method: 'POST', body: { code } }),
    onSuccess: onEnabled,
    onError: (error) => setAlertError(showFieldError(form, error, ['code']) ? null : error),
  });

  if (setup.isError) return <ErrorAlert error={setup.error} />;
  return (
    <Steps
      orientation="vertical"
      size="small"
      current={2}
      items={[
        { title: t('totp.step1Title'), content: t('totp.step1') },
        {
          title: t('totp.step2Title'),
          content: setup.data ? (
            <Flex gap={20} wrap align="center" style={{ margin: '8px 0' }}>
              <QRCode value={setup.data.otpauthUri} size={168} bordered data-testid="totp-qr" />
              <div style={{ minWidth: 200, flex: 1 }}>
                <Typography.Text type="secondary">{t('totp.secretLabel')}</Typography.Text>
                <div>
                  <Typography.Text
                    code
                    copyable={{ text: setup.data.secret }}
                    style={{ fontSize: 15 }}
                    data-testid="totp-secret"
                  >
                    {grouped(setup.data.secret)}
                  </Typography.Text>
                </div>
              </div>
            </Flex>
          ) : (
            <Skeleton.Node active style={{ width: 168, height: 168 }} />
          ),
        },
        {
          title: t('totp.step3Title'),
          content: (
            <Form
              form={form}
              layout="vertical"
              onFinish={(values) => {
                setAlertError(null);
                enable.mutate(values.code);
              }}
              style={{ marginTop: 8 }}
            >
              <Form.Item
                name="code"
                rules={[{ required: true, pattern: /^\d{6}$/, message: t('totp.codeInvalid') }]}
                style={{ marginBottom: 12 }}
              >
                <Input.OTP size="large" length={6} formatter={(v) => v.replace(/\D/g, '')} data-testid="totp-code" />
              </Form.Item>
              {alertError ? (
                <div style={{ marginBottom: 12 }}>
                  <ErrorAlert error={alertError} />
                </div>
              ) : null}
              <Button type="primary" htmlType="submit" loading={enable.isPending} disabled={!setup.data}>
                {t('totp.confirm')}
              </Button>
            </Form>
          ),
        },
      ]}
    />
  );
}
