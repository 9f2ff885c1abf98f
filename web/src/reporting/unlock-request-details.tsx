import { useTranslation } from 'react-i18next';
import { Tag } from '../components/tag';
import { Text } from '../components/typography';
import type { UnlockRequest } from './period-locks.api';
import { formatDueTime } from './report-labels';

// An unlock request as its unit sees it on the entry page and as the consolidating unit sees it in
// the lock control's drawer. Kept apart from period-lock-control.tsx so the entry page does not
// download that drawer and its list (antd's Drawer, List with its pagination and select).

export function UnlockStatusTag({ status }: { status: UnlockRequest['status'] }) {
  const { t } = useTranslation();
  const color = status === 'pending' ? 'gold' : status === 'granted' ? 'green' : 'red';
  return <Tag color={color}>{t(`reports.unlockRequests.status.${status}`)}</Tag>;
}

/** Who asked, when and why; and, once decided, who decided, when and why. */
export function UnlockRequestDetails({ request }: { request: UnlockRequest }) {
  const { t } = useTranslation();
  return (
    <>
      <div data-testid="unlock-request-reason">{request.reason}</div>
      <Text type="secondary">
        {t('reports.unlockRequests.askedBy', {
          name: request.requestedByName,
          time: formatDueTime(request.requestedAt),
        })}
      </Text>
      {request.decidedAt ? (
        <div>
          <Text type="secondary">
            {t('reports.unlockRequests.decidedBy', {
              name: request.decidedByName,
              time: formatDueTime(request.decidedAt),
              reason: request.decisionReason,
            })}
          </Text>
        </div>
      ) : null}
    </>
  );
}
