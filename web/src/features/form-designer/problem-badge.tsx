import type { FormProblem } from '@baocao/domain';
import { Badge, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** Problems of an item as a red (errors) or orange (warnings only) count. */
export function ProblemBadge({ problems }: { problems: readonly FormProblem[] }) {
  const { i18n } = useTranslation();
  if (problems.length === 0) return null;
  const error = problems.some((p) => p.severity === 'error');
  return (
    <Tooltip title={problems.map((p) => p.message[i18n.language === 'en' ? 'en' : 'vi']).join('\n')}>
      <Badge count={problems.length} color={error ? '#cf1322' : '#d48806'} size="small" />
    </Tooltip>
  );
}
