import { useMutation } from '@tanstack/react-query';
import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldError } from '../../components/field-errors';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const FIELDS = ['currentPassword', 'newPassword'] as const;

/** Changes the caller's own password (also the forced change after a temporary password). */
export function ChangePasswordForm({ onDone, submitLabel }: { onDone: () => void; submitLabel?: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PasswordValues>();
  const [alertError, setAlertError] = useState<unknown>(null);
  const change = useMutation({
    mutationFn: (values: PasswordValues) =>
      api('/auth/password', {
        method: 'POST',
        body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
      }),
    onSuccess: () => {
      form.resetFields();
      onDone();
    },
    onError: (error) => {
      setAlertError(showFieldError(form, error, FIELDS, { password: 'newPassword' }) ? null : error);
    },
  });
  return (
    <Form<PasswordValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={(values) => {
        setAlertError(null);
        change.mutate(values);
      }}
      disabled={change.isPending}
      style={{ maxWidth: 420 }}
    >
      <Form.Item
        name="currentPassword"
        label={t('account.currentPassword')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input.Password autoComplete="current-password" data-testid="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('account.newPassword')}
        extra={t('account.passwordHint')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input.Password autoComplete="new-password" data-testid="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('account.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('common.required') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || getFieldValue('newPassword') === value
                ? Promise.resolve()
                : Promise.reject(new Error(t('account.passwordsDiffer'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="confirm-password" />
      </Form.Item>
      {alertError ? (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={alertError} />
        </div>
      ) : null}
      <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="change-password-submit">
        {submitLabel ?? t('account.changePassword')}
      </Button>
    </Form>
  );
}
