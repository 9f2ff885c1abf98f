import { useMutation } from '@tanstack/react-query';
import { Form, Input, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { showFieldError, whenValid } from './field-errors';
import { useErrorNotifier } from './use-error-notifier';

/**
 * A dialog that asks for a reason (at least 3 characters, at most 1,000) before
 * an action that must be justified — locking a period, asking for it to be
 * unlocked, deciding such a request. A server error about the reason is shown
 * beside it; any other in a notification. Closes when `onSubmit` succeeds.
 */
export function ReasonModal({
  title,
  hint,
  label,
  okText,
  danger = false,
  onSubmit,
  onClose,
  testId,
}: {
  title: ReactNode;
  hint?: ReactNode;
  /** The field's label; "Lý do" unless given. */
  label?: string;
  okText: string;
  danger?: boolean;
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const notifyError = useErrorNotifier();
  const [fields] = Form.useForm<{ reason: string }>();
  const save = useMutation({
    mutationFn: onSubmit,
    onSuccess: onClose,
    onError: (error) => {
      if (!showFieldError(fields, error, ['reason'])) notifyError(error);
    },
  });
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: save.isPending, danger }}
      onCancel={onClose}
      onOk={() => whenValid(fields, ({ reason }) => save.mutate(reason.trim()))}
      destroyOnHidden
    >
      {hint ? <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph> : null}
      <Form form={fields} layout="vertical" preserve={false} initialValues={{ reason: '' }}>
        <Form.Item
          name="reason"
          label={label ?? t('common.reason')}
          rules={[
            { required: true, whitespace: true, message: t('common.reasonRequired') },
            { min: 3, message: t('common.reasonRequired') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid={`${testId}-reason`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
