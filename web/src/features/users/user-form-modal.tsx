import { canGrantRoles, type Role, roles } from '@baocao/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Col, Collapse, Form, Input, Modal, Radio, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client';
import type { UserCreatedView, UserCreateInput, UserRow, UserUpdateInput } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldError } from '../../components/field-errors';
import { type UnitLabel, UnitPicker } from '../../components/unit-picker';
import { useSignedInMe } from '../auth/session';
import { roleLabel, usersQueryKey } from './users.api';

interface UserFormValues {
  kind: 'person' | 'service';
  username: string;
  displayName: string;
  email?: string;
  phone?: string;
  unitId?: number;
  roles: Role[];
  captureRootId?: number;
  viewRootId?: number;
}

const FIELDS = ['username', 'displayName', 'email', 'phone', 'unitId', 'roles', 'captureRootId', 'viewRootId'] as const;

type UserFormModalProps = {
  open: boolean;
  onClose: () => void;
} & (
  | { mode: 'create'; initialUnit?: UnitLabel; onCreated: (result: UserCreatedView) => void }
  | { mode: 'edit'; user: UserRow; onSaved: (user: UserRow) => void }
);

function valuesOf(user: UserRow): UserFormValues {
  return {
    kind: user.kind === 'service' ? 'service' : 'person',
    username: user.username,
    displayName: user.displayName,
    email: user.email ?? undefined,
    phone: user.phone ?? undefined,
    unitId: user.unitId,
    roles: user.roles,
    captureRootId: user.captureRootId,
    viewRootId: user.viewRootId,
  };
}

const blankToUndefined = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/** Creates an account (optionally at a preselected unit) or edits one, with the server's field errors in place. */
export function UserFormModal(props: UserFormModalProps) {
  const { t, i18n } = useTranslation();
  const me = useSignedInMe();
  const client = useQueryClient();
  const [form] = Form.useForm<UserFormValues>();
  const [alertError, setAlertError] = useState<unknown>(null);
  const editing = props.mode === 'edit' ? props.user : null;
  const [version, setVersion] = useState(editing?.version ?? 0);
  const kind = Form.useWatch('kind', form);

  const knownUnits: UnitLabel[] =
    props.mode === 'create'
      ? props.initialUnit
        ? [props.initialUnit]
        : []
      : [{ id: props.user.unitId, name: props.user.unitName, code: '' }];

  const initialValues: Partial<UserFormValues> = editing
    ? valuesOf(editing)
    : { kind: 'person', roles: [], unitId: props.mode === 'create' ? props.initialUnit?.id : undefined };

  const save = useMutation({
    mutationFn: async (values: UserFormValues) => {
      if (props.mode === 'create') {
        const body: UserCreateInput = {
          username: values.username.trim().toLowerCase(),
          displayName: values.displayName.trim(),
          email: blankToUndefined(values.email),
          phone: blankToUndefined(values.phone),
          unitId: values.unitId!,
          roles: values.roles,
          captureRootId: values.captureRootId,
          viewRootId: values.viewRootId,
          kind: values.kind,
        };
        return {
          created: await api<UserCreatedView>('/users', { method: 'POST', body: JSON.parse(JSON.stringify(body)) }),
        };
      }
      const body: UserUpdateInput = {
        version,
        displayName: values.displayName.trim(),
        email: blankToUndefined(values.email) ?? null,
        phone: blankToUndefined(values.phone) ?? null,
        unitId: values.unitId,
        roles: values.roles,
        captureRootId: values.captureRootId,
        viewRootId: values.viewRootId,
      };
      return {
        saved: await api<UserRow>(`/users/${props.user.id}`, {
          method: 'PATCH',
          body: JSON.parse(JSON.stringify(body)),
        }),
      };
    },
    onSuccess: (result) => {
      void client.invalidateQueries({ queryKey: usersQueryKey });
      if (result.created && props.mode === 'create') props.onCreated(result.created);
      if (result.saved && props.mode === 'edit') props.onSaved(result.saved);
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'CONFLICT') setAlertError(error);
      else setAlertError(showFieldError(form, error, FIELDS) ? null : error);
    },
  });

  const reload = useMutation({
    mutationFn: () => api<UserRow>(`/users/${editing!.id}`),
    onSuccess: (fresh) => {
      form.setFieldsValue(valuesOf(fresh));
      setVersion(fresh.version);
      setAlertError(null);
    },
    onError: setAlertError,
  });

  const conflict = isApiError(alertError) && alertError.code === 'CONFLICT';

  return (
    <Modal
      open={props.open}
      title={editing ? t('users.editTitle', { username: editing.username }) : t('users.createTitle')}
      width={760}
      onCancel={props.onClose}
      okText={editing ? t('common.save') : t('users.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'user-form-submit' }}
      onOk={() => form.submit()}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<UserFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => {
          setAlertError(null);
          save.mutate(values);
        }}
        disabled={save.isPending}
        data-testid="user-form"
      >
        {!editing ? (
          <Form.Item name="kind" label={t('users.kind')}>
            <Radio.Group
              options={[
                { value: 'person', label: t('users.kindPerson') },
                { value: 'service', label: t('users.kindService') },
              ]}
            />
          </Form.Item>
        ) : null}
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="username"
              label={t('users.username')}
              extra={editing ? undefined : t('users.usernameHint')}
              rules={[
                { required: true, message: t('common.required') },
                { pattern: /^[a-zA-Z0-9][a-zA-Z0-9._@-]{2,63}$/, message: t('users.usernameInvalid') },
              ]}
            >
              <Input disabled={!!editing} autoComplete="off" data-testid="user-username" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="displayName"
              label={t('users.displayName')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 200 }]}
            >
              <Input data-testid="user-display-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="email"
              label={t('users.email')}
              rules={[{ type: 'email', message: t('users.emailInvalid') }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="phone"
              label={t('users.phone')}
              rules={[{ pattern: /^[0-9 +().-]{6,30}$/, message: t('users.phoneInvalid') }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="unitId" label={t('users.unit')} rules={[{ required: true, message: t('users.unitRequired') }]}>
          <UnitPicker knownUnits={knownUnits} data-testid="user-unit" />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('users.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}
          extra={kind === 'service' ? t('users.serviceRolesHint') : undefined}
        >
          <Checkbox.Group style={{ width: '100%' }}>
            <Row gutter={[8, 8]}>
              {roles.map((role) => (
                <Col xs={24} md={12} key={role}>
                  <Checkbox value={role} disabled={!canGrantRoles(me.roles, [role])} data-testid={`role-${role}`}>
                    {roleLabel(role, i18n.language)}
                  </Checkbox>
                </Col>
              ))}
            </Row>
          </Checkbox.Group>
        </Form.Item>
        <Collapse
          size="small"
          defaultActiveKey={editing ? ['scope'] : []}
          items={[
            {
              key: 'scope',
              label: t('users.scope'),
              forceRender: true,
              children: (
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item name="captureRootId" label={t('users.captureRoot')} extra={t('users.scopeDefault')}>
                      <UnitPicker knownUnits={knownUnits} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="viewRootId" label={t('users.viewRoot')} extra={t('users.scopeDefault')}>
                      <UnitPicker knownUnits={knownUnits} />
                    </Form.Item>
                  </Col>
                </Row>
              ),
            },
          ]}
        />
        {alertError ? (
          <div style={{ marginTop: 16 }}>
            {conflict ? (
              <Alert
                type="warning"
                showIcon
                title={(alertError as Error).message}
                description={t('users.conflictHint')}
                action={
                  <Button size="small" onClick={() => reload.mutate()} loading={reload.isPending}>
                    {t('common.reload')}
                  </Button>
                }
              />
            ) : (
              <ErrorAlert error={alertError} />
            )}
          </div>
        ) : null}
      </Form>
    </Modal>
  );
}
