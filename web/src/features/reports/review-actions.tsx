import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { whenValid } from '../../components/field-errors';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { reviewSubmission } from './reports.api';

/**
 * Accept or return a child's report (the approver of the consolidating unit above);
 * a return needs a reason, which the unit's officers then see on their entry page.
 */
export function ReviewActions({
  submissionId,
  unitName,
  canAccept,
  canReturn,
  size,
  onDone,
}: {
  submissionId: number;
  unitName: string;
  canAccept: boolean;
  canReturn: boolean;
  size?: 'small' | 'middle';
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const client = useQueryClient();
  const [returning, setReturning] = useState(false);
  const review = useMutation({
    mutationFn: ({ action, reason }: { action: 'accept' | 'return'; reason?: string }) =>
      reviewSubmission(submissionId, action, reason),
    onSuccess: (_, { action }) => {
      void message.success(
        t(action === 'accept' ? 'reports.review.accepted' : 'reports.review.returned', { unitName }),
      );
      setReturning(false);
      void client.invalidateQueries({ queryKey: ['reports'] });
      void client.invalidateQueries({ queryKey: ['consolidation'] });
      onDone?.();
    },
    onError: (error) => notifyError(error),
  });
  if (!canAccept && !canReturn) return null;
  return (
    <>
      {canAccept ? (
        <Popconfirm
          title={t('reports.review.acceptConfirm', { unitName })}
          okText={t('reports.review.accept')}
          cancelText={t('common.cancel')}
          onConfirm={() => review.mutate({ action: 'accept' })}
        >
          <Button size={size} icon={<CheckOutlined />} loading={review.isPending} data-testid="review-accept">
            {t('reports.review.accept')}
          </Button>
        </Popconfirm>
      ) : null}
      {canReturn ? (
        <Button
          size={size}
          danger
          icon={<RollbackOutlined />}
          onClick={() => setReturning(true)}
          data-testid="review-return"
        >
          {t('reports.review.return')}
        </Button>
      ) : null}
      {returning ? (
        <ReturnReasonModal
          unitName={unitName}
          saving={review.isPending}
          onCancel={() => setReturning(false)}
          onReturn={(reason) => review.mutate({ action: 'return', reason })}
        />
      ) : null}
    </>
  );
}

function ReturnReasonModal({
  unitName,
  saving,
  onCancel,
  onReturn,
}: {
  unitName: string;
  saving: boolean;
  onCancel: () => void;
  onReturn: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open
      title={t('reports.review.returnTitle', { unitName })}
      okText={t('reports.review.return')}
      okButtonProps={{ danger: true, loading: saving, id: 'return-confirm' }}
      cancelText={t('common.cancel')}
      onCancel={onCancel}
      onOk={() => whenValid(form, ({ reason }) => onReturn(reason.trim()))}
    >
      <Typography.Paragraph type="secondary">{t('reports.review.returnHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('reports.review.reason')}
          rules={[
            { required: true, whitespace: true, message: t('reports.review.reasonRequired') },
            { min: 3, message: t('reports.review.reasonRequired') },
          ]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount autoFocus data-testid="return-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
