import type { DemoHistoryStatusView } from '@baocao/domain';
import type { Static } from '@sinclair/typebox';
import { useQuery } from '@tanstack/react-query';
import { Alert, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';

type DemoHistoryStatus = Static<typeof DemoHistoryStatusView>;

/** The generated demonstration history's progress, asked again every few seconds while it loads. */
export function useDemoHistory() {
  return useQuery({
    queryKey: ['demo', 'history'],
    queryFn: ({ signal }) => api<DemoHistoryStatus>('/demo/history', { signal }),
    refetchInterval: (query) => (query.state.data?.loading ? 5_000 : false),
  });
}

/** "Đang nạp dữ liệu minh họa …" while the history is generated in the background; nothing once done. */
export function DemoHistoryNotice() {
  const { t } = useTranslation();
  const status = useDemoHistory().data;
  if (!status?.loading) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="demo-history-loading"
      title={t('common.demoLoading', { loaded: status.loaded, planned: status.planned })}
    />
  );
}

/** Marks generated reports: they are demonstration data, not anybody's report. */
export function DemoDataTag() {
  const { t } = useTranslation();
  return (
    <Tag color="gold" style={{ marginInlineEnd: 0 }} data-testid="demo-data-tag">
      {t('common.demoData')}
    </Tag>
  );
}
