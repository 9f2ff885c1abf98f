import { type ComplianceStatus, formatDelay } from '@baocao/domain';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { languageOf } from '../../reporting/report-labels';

export const statusColors: Record<ComplianceStatus, string> = {
  missing: 'red',
  overdue: 'volcano',
  returned: 'magenta',
  late: 'orange',
  draft: 'blue',
  not_due: 'default',
  nothing_to_report: 'purple',
  on_time: 'green',
  exempt: 'cyan',
};

/** A unit's status for the period: "Gửi muộn 2 giờ", "Được miễn" (with the reason on hover)… */
export function ComplianceStatusTag({
  status,
  minutesLate,
  reason,
  code,
}: {
  status: ComplianceStatus;
  minutesLate?: number;
  reason?: string | null;
  code?: string;
}) {
  const { t, i18n } = useTranslation();
  const delay = status === 'late' && minutesLate ? formatDelay(minutesLate, languageOf(i18n.language)) : '';
  const tag = (
    <Tag color={statusColors[status]} data-testid={code ? `compliance-status-${code}` : undefined} data-status={status}>
      {t(`compliance.status.${status}`)}
      {delay ? ` · ${delay}` : ''}
    </Tag>
  );
  return reason ? <Tooltip title={reason}>{tag}</Tooltip> : tag;
}
