import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, setCsrfToken } from '../../api/client';
import type { LoginResultView } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { AuthLayout } from './auth-layout';
import { meQueryKey } from './session';

interface Credentials {
  username: string;
  password: string;
}

/** Sign-in; a second factor, 2FA enrolment or a password change follow as the server's `pending` asks. */
export function SignInPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const signIn = useMutation({
    mutationFn: (body: Credentials) => api<LoginResultView>('/auth/login', { method: 'POST', body }),
    onSuccess: async (result) => {
      setCsrfToken(result.csrfToken);
      await client.invalidateQueries({ queryKey: meQueryKey });
    },
  });
  return (
    <AuthLayout>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('auth.signInTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('auth.signInHint')}</Typography.Paragraph>
      <Form<Credentials>
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => signIn.mutate({ username: values.username.trim(), password: values.password })}
        disabled={signIn.isPending}
      >
        <Form.Item
          name="username"
          label={t('auth.username')}
          rules={[{ required: true, message: t('auth.usernameRequired') }]}
        >
          <Input
            prefix={<UserOutlined />}
            autoComplete="username"
            autoFocus
            size="large"
            data-testid="signin-username"
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={[{ required: true, message: t('auth.passwordRequired') }]}
        >
          <Input.Password
            prefix={<LockOutlined />}
            autoComplete="current-password"
            size="large"
            data-testid="signin-password"
          />
        </Form.Item>
        {signIn.error ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={signIn.error} />
          </div>
        ) : null}
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={signIn.isPending}
          data-testid="signin-submit"
        >
          {t('auth.signIn')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
