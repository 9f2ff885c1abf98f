import { regimeFrequencies, regimeStatuses } from '@baocao/domain';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n/format';
import type { RegimeFrequency, RegimeStatus } from './regimes.api';

export const frequencies: readonly RegimeFrequency[] = regimeFrequencies;
export const statuses: readonly RegimeStatus[] = regimeStatuses;

const statusColors: Record<RegimeStatus, string> = { draft: 'gold', active: 'green', retired: 'default' };

export function useFrequencyLabel() {
  const { t } = useTranslation();
  return (frequency: string) =>
    (frequencies as readonly string[]).includes(frequency)
      ? t(`regimes.frequency.${frequency as RegimeFrequency}`)
      : frequency;
}

export function RegimeStatusTag({ status }: { status: RegimeStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColors[status]} style={{ marginInlineEnd: 0 }} data-testid="regime-status">
      {t(`regimes.status.${status}`)}
    </Tag>
  );
}

export function DemoTag() {
  const { t } = useTranslation();
  return (
    <Tag color="purple" variant="outlined" style={{ marginInlineEnd: 0 }}>
      {t('regimes.demo')}
    </Tag>
  );
}

/** "01/07/2021 – 31/12/2025", or "Từ 01/07/2021" while open-ended. */
export function useValidityText() {
  const { t } = useTranslation();
  return (validFrom: string, validTo: string | null) =>
    validTo
      ? `${formatDate(validFrom)} – ${formatDate(validTo)}`
      : t('regimes.validFromOnly', { date: formatDate(validFrom) });
}
