import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LazyReasonModal } from '../../components/lazy-reason-modal';
import { Text } from '../../components/typography';
import { useFeedback } from '../../components/use-feedback';
import { requestUnlock } from '../../reporting/period-locks.api';
import { reportsQueryKey } from '../../reporting/query-keys';
import { formatDueTime } from '../../reporting/report-labels';
import type { ReportViewData } from '../../reporting/reports.api';
import { UnlockRequestDetails, UnlockStatusTag } from '../../reporting/unlock-request-details';

/** The period is locked: who locked it and why, and the unit's request to unlock it. */
export function PeriodLockedAlert({ view }: { view: ReportViewData }) {
  const { t } = useTranslation();
  if (!view.lock) return null;
  return (
    <Alert
      type="warning"
      showIcon
      icon={<LockOutlined />}
      style={{ marginBottom: 16 }}
      title={t('reports.lockedTitle')}
      data-testid="period-locked-alert"
      description={
        <>
          {view.lock.reason ? <div data-testid="period-lock-reason-text">{view.lock.reason}</div> : null}
          <Text type="secondary">
            {t('reports.lockedBy', { name: view.lock.lockedByName, time: formatDueTime(view.lock.lockedAt) })}
          </Text>
          <UnlockRequestSection view={view} />
        </>
      }
    />
  );
}

/** The unit's request to unlock the period: its state, or the button to ask (again, after a refusal). */
function UnlockRequestSection({ view }: { view: ReportViewData }) {
  const { t } = useTranslation();
  const { message } = useFeedback();
  const client = useQueryClient();
  const [asking, setAsking] = useState(false);
  const request = view.unlockRequest;
  const pending = request?.status === 'pending';
  return (
    <div style={{ marginTop: 8 }} data-testid="unlock-request-section">
      {request ? (
        <div style={{ marginBottom: 8 }}>
          <Flex gap={8} wrap align="center">
            <Text strong>{t('reports.unlockRequests.title')}</Text>
            <UnlockStatusTag status={request.status} />
          </Flex>
          <UnlockRequestDetails request={request} />
        </div>
      ) : null}
      {view.canRequestUnlock && !pending ? (
        <Button size="small" icon={<UnlockOutlined />} onClick={() => setAsking(true)} data-testid="request-unlock">
          {t('reports.requestUnlock')}
        </Button>
      ) : null}
      {asking ? (
        <LazyReasonModal
          title={t('reports.requestUnlock')}
          hint={t('reports.requestUnlockHint')}
          okText={t('reports.requestUnlockOk')}
          testId="request-unlock"
          onSubmit={async (reason) => {
            await requestUnlock({ regimeId: view.regime.id, period: view.period.id, unitId: view.unit.id, reason });
            void message.success(t('reports.requestUnlockSent'));
            void client.invalidateQueries({ queryKey: reportsQueryKey });
          }}
          onClose={() => setAsking(false)}
        />
      ) : null}
    </div>
  );
}
