import { ArrowDownOutlined, ArrowUpOutlined, EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import type { FormSummary } from '@baocao/domain';
import { Button, Flex, Form, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { unitKindName } from '../../components/unit-kind-select';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { formatDate } from '../../i18n/format';
import { placeApiFieldErrors } from './api-field-errors';
import { type RegimeDetailView, useCreateForm, useReorderForms } from './regimes.api';

/** Part of component 9 of Decree 09: the regime's data forms, their versions, order and designer links. */
export function RegimeFormsTable({ regime, canManage }: { regime: RegimeDetailView; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const notifyError = useErrorNotifier();
  const reorder = useReorderForms(regime.id);
  const [adding, setAdding] = useState(false);
  const editable = canManage && regime.status !== 'retired';
  const forms = regime.forms;

  const move = (index: number, delta: number) => {
    const ids = forms.map((f) => f.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + delta, 0, moved!);
    reorder.mutate(ids, { onError: (error) => notifyError(error) });
  };

  return (
    <Flex vertical gap={12}>
      <Table<FormSummary>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={forms}
        loading={reorder.isPending}
        data-testid="regime-forms"
        locale={{ emptyText: t('regimes.forms.empty') }}
        columns={[
          { title: '#', key: 'order', width: 44, render: (_, __, index) => index + 1 },
          {
            title: t('regimes.forms.form'),
            key: 'form',
            render: (_, form) => (
              <div>
                <Link to={`/regimes/${regime.id}/forms/${form.id}`}>
                  <Typography.Text code>{form.code}</Typography.Text>{' '}
                  {form.title ? (i18n.language === 'en' && form.title.en ? form.title.en : form.title.vi) : null}
                </Link>
                {form.entryUnitKinds.length > 0 ? (
                  <div style={{ fontSize: 12 }}>
                    <Typography.Text type="secondary">
                      {t('regimes.forms.enteredBy', {
                        kinds: form.entryUnitKinds.map((k) => unitKindName(k, i18n.language)).join('; '),
                      })}
                    </Typography.Text>
                  </div>
                ) : null}
              </div>
            ),
          },
          {
            title: t('regimes.forms.versions'),
            key: 'versions',
            width: 250,
            render: (_, form) => (
              <Space size={4} wrap>
                {form.publishedVersion ? (
                  <Tooltip title={formatDate(form.publishedVersion.publishedAt)}>
                    <Tag color="green">{t('regimes.forms.published', { number: form.publishedVersion.number })}</Tag>
                  </Tooltip>
                ) : (
                  <Tag>{t('regimes.forms.notPublished')}</Tag>
                )}
                {form.draftVersion ? (
                  <Tag color="gold">{t('regimes.forms.draft', { number: form.draftVersion.number })}</Tag>
                ) : null}
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 140,
            render: (_, form, index) => (
              <Space size={0}>
                <Tooltip title={canManage ? t('regimes.forms.design') : t('regimes.forms.view')}>
                  <Link to={`/regimes/${regime.id}/forms/${form.id}`}>
                    <Button
                      type="text"
                      icon={canManage ? <EditOutlined /> : <EyeOutlined />}
                      aria-label={canManage ? t('regimes.forms.design') : t('regimes.forms.view')}
                    />
                  </Link>
                </Tooltip>
                {editable ? (
                  <>
                    <Tooltip title={t('regimes.moveUp')}>
                      <Button
                        type="text"
                        icon={<ArrowUpOutlined />}
                        disabled={index === 0}
                        onClick={() => move(index, -1)}
                        aria-label={t('regimes.moveUp')}
                      />
                    </Tooltip>
                    <Tooltip title={t('regimes.moveDown')}>
                      <Button
                        type="text"
                        icon={<ArrowDownOutlined />}
                        disabled={index === forms.length - 1}
                        onClick={() => move(index, 1)}
                        aria-label={t('regimes.moveDown')}
                      />
                    </Tooltip>
                  </>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {editable ? (
        <div>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-form">
            {t('regimes.forms.add')}
          </Button>
        </div>
      ) : null}
      {adding ? <AddFormModal regimeId={regime.id} onClose={() => setAdding(false)} /> : null}
    </Flex>
  );
}

function AddFormModal({ regimeId, onClose }: { regimeId: number; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ code: string; titleVi: string; titleEn: string }>();
  const create = useCreateForm(regimeId);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    const values = await form.validateFields();
    setError(null);
    create.mutate(
      { code: values.code.trim(), title: { vi: values.titleVi.trim(), en: (values.titleEn ?? '').trim() } },
      {
        onSuccess: (version) => void navigate(`/regimes/${regimeId}/forms/${version.formId}`),
        onError: (failure) => {
          if (!placeApiFieldErrors(form, failure, i18n.language, '')) setError(failure);
        },
      },
    );
  };
  return (
    <Modal
      open
      title={t('regimes.forms.addTitle')}
      okText={t('regimes.forms.addOk')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="add-form-modal">
        <Form.Item
          name="code"
          label={t('regimes.forms.code')}
          extra={t('regimes.forms.codeHint')}
          rules={[
            { required: true, message: t('common.required') },
            { pattern: /^[A-Za-z][A-Za-z0-9_]{0,39}$/, message: t('regimes.forms.codeInvalid') },
          ]}
        >
          <Input placeholder="B01" data-testid="new-form-code" />
        </Form.Item>
        <Form.Item
          name="titleVi"
          label={t('regimes.forms.titleVi')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input data-testid="new-form-title" />
        </Form.Item>
        <Form.Item name="titleEn" label={t('regimes.forms.titleEn')}>
          <Input />
        </Form.Item>
      </Form>
      {error ? <ErrorAlert error={error} /> : null}
    </Modal>
  );
}
