import { type PeriodType, previousPeriod, tryParsePeriod } from '@baocao/domain';
import { todayInVietnam } from '../../i18n/format';
import { currentPeriodOf } from '../consolidation/consolidation-picker';
import { useRegimes } from '../regimes/regimes.api';
import { useComplianceDefault } from './compliance.api';

/**
 * The regime and period a reporting overview (compliance, data quality) shows when the address names
 * none. Unchosen, it opens on the caller's main regime at the latest period its view root sent (live
 * figures), else on the first regime in force at its last period whose deadline has most likely passed:
 * the one before today's, or the regime's last (first) period when it has ended (not started).
 * `regimeId` stays null while the opening choice loads, so a page never flashes another regime.
 */
export function useOpeningChoice(chosenRegime: number | null | undefined) {
  const regimes = useRegimes({ q: '', status: 'active' }, 1, 100);
  const list = regimes.data?.items ?? [];
  const opening = useComplianceDefault(chosenRegime == null);
  const opened = chosenRegime == null && !opening.isPending ? opening.data : undefined;
  const openedRegime = list.some((r) => r.id === opened?.regimeId) ? (opened?.regimeId ?? null) : null;
  const regimeId = chosenRegime ?? (opening.isPending ? null : (openedRegime ?? list[0]?.id ?? null));
  const summary = list.find((r) => r.id === regimeId);
  const frequency = summary?.frequency as PeriodType | undefined;
  /** The id when it names a period of the regime's frequency. */
  const ofFrequency = (id: string | null | undefined) => {
    const parsed = id ? tryParsePeriod(id) : null;
    return parsed && parsed.type === frequency ? parsed.id : null;
  };
  const today = todayInVietnam();
  const current = summary ? tryParsePeriod(currentPeriodOf(summary, today)) : null;
  const lastPeriod =
    summary && current
      ? (summary.validTo !== null && today > summary.validTo) || current.start <= summary.validFrom
        ? current
        : previousPeriod(current)
      : null;
  const openedPeriod = openedRegime !== null && regimeId === openedRegime ? ofFrequency(opened?.periodId) : null;
  return {
    regimes,
    list,
    regimeId,
    summary,
    frequency,
    ofFrequency,
    /** The period shown when the address names none. */
    defaultPeriod: openedPeriod ?? lastPeriod?.id ?? null,
    firstOfRegime: summary ? currentPeriodOf(summary, summary.validFrom) : null,
  };
}
