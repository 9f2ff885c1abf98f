import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Drawer, Empty, List, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReasonModal } from '../components/reason-modal';
import {
  decideUnlock,
  setPeriodLock,
  type UnlockRequest,
  unlockRequestsQueryKey,
  useUnlockRequests,
} from './period-locks.api';
import { consolidationQueryKey, reportsQueryKey } from './query-keys';
import { UnlockRequestDetails, UnlockStatusTag } from './unlock-request-details';

/** After a lock change or a decision, every report and consolidation view and request list is stale. */
function useRefreshAfterLockChange() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: reportsQueryKey });
    void client.invalidateQueries({ queryKey: consolidationQueryKey });
    void client.invalidateQueries({ queryKey: unlockRequestsQueryKey });
  };
}

/**
 * Locks (or unlocks) a regime's period, with a reason: no unit can then save or
 * submit its reports. Beside it, the units' requests to unlock, to grant or refuse.
 */
export function PeriodLockControl({ regimeId, period, locked }: { regimeId: number; period: string; locked: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshAfterLockChange();
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
      <UnlockRequestsButton regimeId={regimeId} period={period} />
      {open ? (
        <ReasonModal
          title={locked ? t('consolidation.lock.unlock') : t('consolidation.lock.lock')}
          hint={locked ? t('consolidation.lock.unlockHint') : t('consolidation.lock.lockHint')}
          okText={locked ? t('consolidation.lock.unlockOk') : t('consolidation.lock.lockOk')}
          danger={!locked}
          testId="period-lock"
          onSubmit={async (reason) => {
            await setPeriodLock({ regimeId, period, locked: !locked, reason });
            void message.success(locked ? t('consolidation.lock.unlocked') : t('consolidation.lock.locked'));
            refresh();
          }}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}

/** The period's unlock requests, with their count of pending ones; opens a drawer to decide them. */
function UnlockRequestsButton({ regimeId, period }: { regimeId: number; period: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const requests = useUnlockRequests(regimeId, period);
  const items = requests.data?.items ?? [];
  if (items.length === 0) return null;
  const pending = items.filter((r) => r.status === 'pending').length;
  return (
    <>
      <Badge count={pending} size="small">
        <Button size="small" onClick={() => setOpen(true)} data-testid="unlock-requests-button">
          {t('reports.unlockRequests.title')}
        </Button>
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('reports.unlockRequests.title')}
        size={560}
        data-testid="unlock-requests-drawer"
      >
        <UnlockRequestList items={items} mayDecide={requests.data?.mayDecide ?? false} />
      </Drawer>
    </>
  );
}

function UnlockRequestList({ items, mayDecide }: { items: UnlockRequest[]; mayDecide: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshAfterLockChange();
  const [deciding, setDeciding] = useState<{ request: UnlockRequest; grant: boolean } | null>(null);
  if (items.length === 0) return <Empty description={t('consolidation.unlock.none')} />;
  return (
    <>
      <List
        dataSource={items}
        renderItem={(request) => (
          <List.Item
            data-testid={`unlock-request-${request.unit.code}`}
            actions={
              mayDecide && request.status === 'pending'
                ? [
                    <Button
                      key="grant"
                      type="primary"
                      size="small"
                      onClick={() => setDeciding({ request, grant: true })}
                      data-testid="unlock-grant"
                    >
                      {t('consolidation.unlock.grant')}
                    </Button>,
                    <Button
                      key="refuse"
                      size="small"
                      onClick={() => setDeciding({ request, grant: false })}
                      data-testid="unlock-refuse"
                    >
                      {t('consolidation.unlock.refuse')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  {request.unit.name}
                  <UnlockStatusTag status={request.status} />
                </Space>
              }
              description={<UnlockRequestDetails request={request} />}
            />
          </List.Item>
        )}
      />
      {deciding ? (
        <ReasonModal
          title={t(deciding.grant ? 'consolidation.unlock.grantTitle' : 'consolidation.unlock.refuseTitle', {
            unit: deciding.request.unit.name,
          })}
          hint={deciding.grant ? t('consolidation.unlock.grantHint') : undefined}
          okText={deciding.grant ? t('consolidation.unlock.grant') : t('consolidation.unlock.refuse')}
          testId="unlock-decision"
          onSubmit={async (reason) => {
            await decideUnlock(deciding.request.id, { grant: deciding.grant, reason });
            void message.success(t(deciding.grant ? 'consolidation.unlock.granted' : 'consolidation.unlock.refused'));
            refresh();
          }}
          onClose={() => setDeciding(null)}
        />
      ) : null}
    </>
  );
}
