import { type EventType, eventTypes } from '@baocao/domain';
import { Checkbox, Col, Form, Input, Modal, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldError } from '../../components/field-errors';
import { UnitPicker } from '../../components/unit-picker';
import { useCreateWebhook } from './webhooks.api';

interface FormValues {
  url: string;
  description?: string;
  eventTypes: EventType[];
  unitIds: number[];
}

/** Subscribes a URL to events of units in the caller's view; the secret comes back once. */
export function CreateWebhookModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (secret: string, url: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateWebhook();
  const [alertError, setAlertError] = useState<unknown>(null);
  return (
    <Modal
      open
      title={t('webhooks.create.title')}
      width={720}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('webhooks.create.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'webhook-save' }}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ eventTypes: ['report.submitted'], unitIds: [] }}
        onFinish={(values) => {
          setAlertError(null);
          create.mutate(
            {
              url: values.url.trim(),
              description: values.description?.trim() || undefined,
              eventTypes: values.eventTypes,
              unitIds: values.unitIds,
            },
            {
              onSuccess: (created) => onCreated(created.secret, created.webhook.url),
              onError: (error) =>
                setAlertError(
                  showFieldError(form, error, ['url', 'description', 'eventTypes', 'unitIds']) ? null : error,
                ),
            },
          );
        }}
      >
        <Form.Item
          name="url"
          label={t('webhooks.url')}
          extra={t('webhooks.create.urlHint')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={2000} placeholder="https://" data-testid="webhook-url" />
        </Form.Item>
        <Form.Item name="description" label={t('webhooks.create.description')}>
          <Input maxLength={200} data-testid="webhook-description" />
        </Form.Item>
        <Form.Item
          name="eventTypes"
          label={t('webhooks.events')}
          extra={t('webhooks.create.eventsHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('common.required') }]}
        >
          <Checkbox.Group style={{ width: '100%' }} data-testid="webhook-events">
            <Row gutter={[8, 8]}>
              {eventTypes.map((type) => (
                <Col xs={24} md={12} key={type}>
                  <Checkbox value={type}>{t(`webhooks.eventTypes.${type}`)}</Checkbox>
                </Col>
              ))}
            </Row>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item
          name="unitIds"
          label={t('webhooks.units')}
          extra={t('webhooks.create.unitsHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('common.required') }]}
        >
          <UnitPicker multiple data-testid="webhook-units" />
        </Form.Item>
        {alertError ? <ErrorAlert error={alertError} /> : null}
      </Form>
    </Modal>
  );
}
