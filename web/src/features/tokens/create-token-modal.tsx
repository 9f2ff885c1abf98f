import { type Permission, permissionsOf } from '@baocao/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { TokenCreatedView } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldError } from '../../components/field-errors';
import { UnitPicker } from '../../components/unit-picker';
import { permissionLabel, tokensQueryKey, useServiceAccounts } from './tokens.api';

interface TokenFormValues {
  userId?: number;
  name: string;
  unitIds: number[];
  permissions: Permission[];
  expiresInDays: number;
}

const EXPIRY_DAYS = [30, 90, 180, 365, 730];

/** Issues a token for a service account, limited to units and permissions, for a number of days. */
export function CreateTokenModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (created: TokenCreatedView) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<TokenFormValues>();
  const [alertError, setAlertError] = useState<unknown>(null);
  const accounts = useServiceAccounts(open);
  const userId = Form.useWatch('userId', form);
  const account = accounts.data?.find((a) => a.id === userId);
  const grantable = account ? [...permissionsOf(account.roles)] : [];

  const create = useMutation({
    mutationFn: (values: TokenFormValues) =>
      api<TokenCreatedView>('/tokens', {
        method: 'POST',
        body: {
          userId: values.userId,
          name: values.name.trim(),
          unitIds: values.unitIds,
          permissions: values.permissions,
          expiresInDays: values.expiresInDays,
        },
      }),
    onSuccess: (created) => {
      void client.invalidateQueries({ queryKey: tokensQueryKey });
      onCreated(created);
    },
    onError: (error) =>
      setAlertError(
        showFieldError(form, error, ['userId', 'name', 'unitIds', 'permissions', 'expiresInDays']) ? null : error,
      ),
  });

  return (
    <Modal
      open={open}
      title={t('tokens.createTitle')}
      width={720}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('tokens.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: create.isPending }}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {accounts.isError ? <ErrorAlert error={accounts.error} /> : null}
      {accounts.data && accounts.data.length === 0 ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('tokens.noServiceAccounts')}
          description={<Link to="/users">{t('tokens.goToUsers')}</Link>}
        />
      ) : null}
      <Form<TokenFormValues>
        form={form}
        layout="vertical"
        initialValues={{ expiresInDays: 365, unitIds: [], permissions: [] }}
        onFinish={(values) => {
          setAlertError(null);
          create.mutate(values);
        }}
        onValuesChange={(changed) => {
          if ('userId' in changed) {
            const chosen = accounts.data?.find((a) => a.id === changed.userId);
            form.setFieldsValue({ unitIds: chosen ? [chosen.unitId] : [], permissions: [] });
          }
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="userId"
              label={t('tokens.account')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Select
                loading={accounts.isPending}
                showSearch={{ optionFilterProp: 'label' }}
                options={(accounts.data ?? []).map((a) => ({
                  value: a.id,
                  label: `${a.username} — ${a.displayName} (${a.unitName})`,
                }))}
                placeholder={t('tokens.accountPlaceholder')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('tokens.name')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 100 }]}
            >
              <Input placeholder={t('tokens.namePlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="unitIds"
          label={t('tokens.units')}
          extra={t('tokens.unitsHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('common.required') }]}
        >
          <UnitPicker multiple />
        </Form.Item>
        <Form.Item
          name="permissions"
          label={t('tokens.permissions')}
          extra={account ? t('tokens.permissionsHint') : t('tokens.pickAccountFirst')}
          rules={[{ required: true, type: 'array', min: 1, message: t('common.required') }]}
        >
          <Checkbox.Group style={{ width: '100%' }}>
            <Row gutter={[8, 8]}>
              {grantable.map((permission) => (
                <Col xs={24} md={12} key={permission}>
                  <Checkbox value={permission}>{permissionLabel(t, permission)}</Checkbox>
                </Col>
              ))}
            </Row>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="expiresInDays" label={t('tokens.expiresIn')}>
          <Select
            options={EXPIRY_DAYS.map((days) => ({ value: days, label: t('tokens.days', { days: String(days) }) }))}
            style={{ width: 200 }}
          />
        </Form.Item>
        {alertError ? <ErrorAlert error={alertError} /> : null}
      </Form>
    </Modal>
  );
}
