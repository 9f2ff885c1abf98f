import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Divider, Form, Input, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, setCsrfToken } from '../../api/client';
import type { LoginResultView } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { Paragraph, Text, Title } from '../../components/typography';
import { AuthLayout } from './auth-layout';
import { OidcSignInButton } from './oidc-sign-in-button';
import { meQueryKey } from './session';
import { useSignInError, useSignInMethods } from './sign-in-methods';

interface Credentials {
  username: string;
  password: string;
}

/**
 * Sign-in: with a password, with the identity provider, or both, as the installation offers; a
 * second factor, 2FA enrolment or a password change follow as the server's `pending` asks.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const methods = useSignInMethods();
  const providerError = useSignInError();
  const oidc = methods.data?.oidc ?? null;
  // Should the answer not come, the password form shows as it always did.
  const password = methods.data?.password ?? true;
  if (methods.isPending)
    return (
      <AuthLayout>
        <Skeleton active title paragraph={{ rows: 4 }} />
      </AuthLayout>
    );
  return (
    <AuthLayout>
      <Title level={4} style={{ marginTop: 0 }}>
        {t('auth.signInTitle')}
      </Title>
      <Paragraph type="secondary">{password ? t('auth.signInHint') : t('signIn.providerOnlyHint')}</Paragraph>
      {providerError ? (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={providerError} title={t('signIn.failedTitle')} />
        </div>
      ) : null}
      {oidc ? <OidcSignInButton label={oidc.label} primary={!password} /> : null}
      {oidc && password ? (
        <Divider plain style={{ margin: '20px 0 12px' }}>
          <Text type="secondary" style={{ fontSize: 13 }}>
            {t('signIn.or')}
          </Text>
        </Divider>
      ) : null}
      {password ? <PasswordForm /> : null}
    </AuthLayout>
  );
}

function PasswordForm() {
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
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" data-testid="signin-username" />
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
  );
}
