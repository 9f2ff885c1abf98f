import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LazyReasonModal } from '../components/lazy-reason-modal';
import { useErrorNotifier } from '../components/use-error-notifier';
import { consolidationQueryKey, reportsQueryKey } from './query-keys';
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
      void client.invalidateQueries({ queryKey: reportsQueryKey });
      void client.invalidateQueries({ queryKey: consolidationQueryKey });
      onDone?.();
    },
    onError: (error, { action }) => {
      // A return's errors are shown by its dialog.
      if (action === 'accept') notifyError(error);
    },
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
        <LazyReasonModal
          title={t('reports.review.returnTitle', { unitName })}
          hint={t('reports.review.returnHint')}
          label={t('reports.review.reason')}
          okText={t('reports.review.return')}
          danger
          testId="return"
          onSubmit={(reason) => review.mutateAsync({ action: 'return', reason })}
          onClose={() => setReturning(false)}
        />
      ) : null}
    </>
  );
}
