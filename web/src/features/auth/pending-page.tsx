import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Divider, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { MeView } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldError } from '../../components/field-errors';
import { AuthLayout } from './auth-layout';
import { ChangePasswordForm } from './change-password-form';
import { meQueryKey, useSignOut } from './session';
import { TotpEnrolment } from './totp-enrolment';

function SecondFactorStep({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const [alertError, setAlertError] = useState<unknown>(null);
  const verify = useMutation({
    mutationFn: (code: string) => api('/auth/second-factor', { method: 'POST', body: { code } }),
    onSuccess: onDone,
    onError: (error) => {
      form.setFieldValue('code', '');
      setAlertError(showFieldError(form, error, ['code']) ? null : error);
    },
  });
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(values) => {
        setAlertError(null);
        verify.mutate(values.code);
      }}
    >
      <Typography.Paragraph type="secondary">{t('auth.secondFactorHint')}</Typography.Paragraph>
      <Form.Item name="code" rules={[{ required: true, pattern: /^\d{6}$/, message: t('totp.codeInvalid') }]}>
        <Input.OTP
          size="large"
          length={6}
          formatter={(v) => v.replace(/\D/g, '')}
          autoFocus
          data-testid="second-factor-code"
        />
      </Form.Item>
      {alertError ? (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={alertError} />
        </div>
      ) : null}
      <Button type="primary" htmlType="submit" block size="large" loading={verify.isPending}>
        {t('auth.verify')}
      </Button>
    </Form>
  );
}

/** What the server asks before the application opens: a 2FA code, 2FA enrolment, or a new password. */
export function PendingPage({ me }: { me: MeView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const signOut = useSignOut();
  const refresh = () => void client.invalidateQueries({ queryKey: meQueryKey });
  const titles = {
    second_factor: t('auth.secondFactorTitle'),
    totp_enrolment: t('auth.enrolTitle'),
    password_change: t('auth.passwordChangeTitle'),
  } as const;
  const pending = me.pending ?? 'second_factor';
  return (
    <AuthLayout width={pending === 'totp_enrolment' ? 560 : 440}>
      <Flex align="center" gap={10} style={{ marginBottom: 8 }}>
        <SafetyCertificateOutlined style={{ fontSize: 22, color: '#1456b8' }} />
        <Typography.Title level={4} style={{ margin: 0 }}>
          {titles[pending]}
        </Typography.Title>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
        {t('auth.signedInAs', { name: me.displayName, username: me.username })}
      </Typography.Paragraph>
      {pending === 'second_factor' ? <SecondFactorStep onDone={refresh} /> : null}
      {pending === 'totp_enrolment' ? (
        <>
          <Alert type="info" showIcon title={t('auth.enrolRequired')} style={{ marginBottom: 16 }} />
          <TotpEnrolment onEnabled={refresh} />
        </>
      ) : null}
      {pending === 'password_change' ? (
        <>
          <Alert type="warning" showIcon title={t('auth.passwordChangeRequired')} style={{ marginBottom: 16 }} />
          <ChangePasswordForm onDone={refresh} submitLabel={t('auth.saveAndContinue')} />
        </>
      ) : null}
      <Divider style={{ margin: '20px 0 12px' }} />
      <Button type="link" onClick={() => signOut.mutate()} style={{ padding: 0 }}>
        {t('auth.useAnotherAccount')}
      </Button>
      {signOut.error ? <ErrorAlert error={signOut.error} /> : null}
    </AuthLayout>
  );
}
