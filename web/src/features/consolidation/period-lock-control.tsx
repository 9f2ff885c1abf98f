import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { showFieldError, whenValid } from '../../components/field-errors';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { reportsQueryKey } from '../reports/reports.api';
import { consolidationQueryKey } from './consolidation.api';

function setPeriodLock(body: { regimeId: number; period: string; locked: boolean; reason: string }) {
  return api<{ regimeId: number; periodId: string; locked: boolean }>('/period-locks', { method: 'POST', body });
}

/** Locks (or unlocks) a regime's period, with a reason: no unit can then save or submit its reports. */
export function PeriodLockControl({ regimeId, period, locked }: { regimeId: number; period: string; locked: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="small"
        icon={locked ? <UnlockOutlined /> : <LockOutlined />}
        onClick={() => setOpen(true)}
        data-testid="period-lock-button"
      >
        {locked ? t('consolidation.lock.unlock') : t('consolidation.lock.lock')}
      </Button>
      {open ? (
        <PeriodLockDialog regimeId={regimeId} period={period} lock={!locked} onClose={() => setOpen(false)} />
      ) : null}
    </>
  );
}

function PeriodLockDialog({
  regimeId,
  period,
  lock,
  onClose,
}: {
  regimeId: number;
  period: string;
  lock: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const client = useQueryClient();
  const [fields] = Form.useForm<{ reason: string }>();
  const save = useMutation({
    mutationFn: (reason: string) => setPeriodLock({ regimeId, period, locked: lock, reason }),
    onSuccess: () => {
      void message.success(lock ? t('consolidation.lock.locked') : t('consolidation.lock.unlocked'));
      void client.invalidateQueries({ queryKey: reportsQueryKey });
      void client.invalidateQueries({ queryKey: consolidationQueryKey });
      onClose();
    },
    onError: (error) => {
      if (!showFieldError(fields, error, ['reason'])) notifyError(error);
    },
  });
  return (
    <Modal
      open
      title={lock ? t('consolidation.lock.lock') : t('consolidation.lock.unlock')}
      okText={lock ? t('consolidation.lock.lockOk') : t('consolidation.lock.unlockOk')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: save.isPending, danger: lock }}
      onCancel={onClose}
      onOk={() => whenValid(fields, ({ reason }) => save.mutate(reason.trim()))}
      destroyOnHidden
      data-testid="period-lock-modal"
    >
      <Typography.Paragraph type="secondary">
        {lock ? t('consolidation.lock.lockHint') : t('consolidation.lock.unlockHint')}
      </Typography.Paragraph>
      <Form form={fields} layout="vertical" preserve={false} initialValues={{ reason: '' }}>
        <Form.Item
          name="reason"
          label={t('consolidation.lock.reason')}
          rules={[
            { required: true, whitespace: true, message: t('consolidation.adjustments.reasonRequired') },
            { min: 3, message: t('consolidation.adjustments.reasonRequired') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="period-lock-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
