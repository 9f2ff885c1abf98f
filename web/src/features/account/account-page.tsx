import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Row, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldError } from '../../components/field-errors';
import { PageHeader } from '../../components/page-header';
import { ChangePasswordForm } from '../auth/change-password-form';
import { NoRoleNotice } from '../auth/no-role-notice';
import { meQueryKey, useSignedInMe } from '../auth/session';
import { useSignInMethods } from '../auth/sign-in-methods';
import { TotpEnrolment } from '../auth/totp-enrolment';
import { NoticePreferencesCard } from '../notices/notice-preferences-card';
import { roleLabel } from '../users/users.api';

function DisableTotpForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string; code: string }>();
  const [alertError, setAlertError] = useState<unknown>(null);
  const disable = useMutation({
    mutationFn: (body: { password: string; code: string }) => api('/auth/totp/disable', { method: 'POST', body }),
    onSuccess: onDone,
    onError: (error) => setAlertError(showFieldError(form, error, ['password', 'code']) ? null : error),
  });
  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      style={{ maxWidth: 420 }}
      onFinish={(values) => {
        setAlertError(null);
        disable.mutate(values);
      }}
    >
      <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('common.required') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('totp.code')}
        rules={[{ required: true, pattern: /^\d{6}$/, message: t('totp.codeInvalid') }]}
      >
        <Input.OTP length={6} formatter={(v) => v.replace(/\D/g, '')} />
      </Form.Item>
      {alertError ? (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={alertError} />
        </div>
      ) : null}
      <Button danger htmlType="submit" loading={disable.isPending}>
        {t('account.disableTotp')}
      </Button>
    </Form>
  );
}

/** The signed-in user's profile, password and two-factor sign-in. */
export function AccountPage() {
  const { t, i18n } = useTranslation();
  const me = useSignedInMe();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [totpStep, setTotpStep] = useState<'idle' | 'enrol' | 'disable'>('idle');
  const refreshMe = () => void client.invalidateQueries({ queryKey: meQueryKey });
  // Where passwords are off, a password would open nothing: no form to change it (shown once known).
  const methods = useSignInMethods();
  const passwordSignIn = methods.isError || methods.data?.password === true;

  return (
    <>
      <PageHeader title={t('account.title')} description={t('account.description')} />
      <NoRoleNotice me={me} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('account.profile')}>
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                { key: 'username', label: t('users.username'), children: me.username },
                { key: 'name', label: t('users.displayName'), children: me.displayName },
                { key: 'email', label: t('users.email'), children: me.email ?? '—' },
                { key: 'unit', label: t('users.unit'), children: `${me.unit.name} (${me.unit.code})` },
                { key: 'capture', label: t('users.captureRoot'), children: me.captureRoot.name },
                { key: 'view', label: t('users.viewRoot'), children: me.viewRoot.name },
                {
                  key: 'roles',
                  label: t('users.roles'),
                  children: me.roles.length ? (
                    <Space size={4} wrap>
                      {me.roles.map((role) => (
                        <Tag key={role} color="blue">
                          {roleLabel(role, i18n.language)}
                        </Tag>
                      ))}
                    </Space>
                  ) : (
                    '—'
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        {passwordSignIn ? (
          <Col xs={24} xl={12}>
            <Card title={t('account.changePassword')}>
              <ChangePasswordForm onDone={() => void message.success(t('account.passwordChanged'))} />
            </Card>
          </Col>
        ) : null}
        <Col xs={24}>
          <Card
            title={
              <Space>
                <SafetyCertificateOutlined />
                {t('account.twoFactor')}
                {me.totpEnabled ? <Tag color="green">{t('common.on')}</Tag> : <Tag>{t('common.off')}</Tag>}
              </Space>
            }
          >
            {me.totpEnabled ? (
              totpStep === 'disable' ? (
                <DisableTotpForm
                  onDone={() => {
                    setTotpStep('idle');
                    void message.success(t('account.totpDisabled'));
                    refreshMe();
                  }}
                />
              ) : (
                <Space orientation="vertical">
                  <Alert type="success" showIcon title={t('account.totpOn')} />
                  <Button onClick={() => setTotpStep('disable')}>{t('account.disableTotp')}</Button>
                </Space>
              )
            ) : totpStep === 'enrol' ? (
              <div style={{ maxWidth: 640 }}>
                <TotpEnrolment
                  onEnabled={() => {
                    setTotpStep('idle');
                    void message.success(t('account.totpEnabled'));
                    refreshMe();
                  }}
                />
                <Button type="link" onClick={() => setTotpStep('idle')} style={{ paddingInline: 0 }}>
                  {t('common.cancel')}
                </Button>
              </div>
            ) : (
              <Space orientation="vertical">
                <Alert type="info" showIcon title={t('account.totpOff')} />
                <Button type="primary" onClick={() => setTotpStep('enrol')}>
                  {t('account.enableTotp')}
                </Button>
              </Space>
            )}
          </Card>
        </Col>
        <Col xs={24}>
          <NoticePreferencesCard />
        </Col>
      </Row>
    </>
  );
}
