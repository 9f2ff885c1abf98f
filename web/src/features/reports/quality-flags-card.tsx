import { WarningOutlined } from '@ant-design/icons';
import type { FormDefinition, QualityFlag } from '@baocao/domain';
import { useTranslation } from 'react-i18next';
import { cellLabel } from '../../components/report-grid/grid-layout';
import { SmallCard } from '../../components/small-card';
import { Paragraph, Text } from '../../components/typography';
import { formatNumber } from '../../i18n/format';
import { languageOf } from '../../reporting/report-labels';

/**
 * The outliers a submitted revision carries, each with the officer's confirming comment, as
 * the approver reviews them (and the officer sees what was sent).
 */
export function QualityFlagsCard({ form, flags }: { form: FormDefinition; flags: readonly QualityFlag[] }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  if (flags.length === 0) return null;
  return (
    <SmallCard
      style={{ marginBottom: 16, borderColor: '#f59e0b' }}
      title={
        <span>
          <WarningOutlined style={{ color: '#f59e0b', marginInlineEnd: 8 }} />
          {t('quality.entry.flagsTitle')}
        </span>
      }
      data-testid="quality-flags"
    >
      <Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('quality.entry.flagsHint')}
      </Paragraph>
      {flags.map((flag) => (
        <div key={flag.cell} style={{ marginBottom: 8 }} data-testid="quality-flag">
          <Text strong style={{ display: 'block' }}>
            {cellLabel(form, flag.cell, language)}{' '}
            <Text type="warning">({t(flag.direction === 'high' ? 'quality.high' : 'quality.low')})</Text>
          </Text>
          <Text style={{ display: 'block' }}>
            {t('quality.entry.flagValue', {
              value: formatNumber(flag.value),
              history: t('quality.historyOf', {
                median: formatNumber(flag.baseline.median),
                min: formatNumber(flag.baseline.min),
                max: formatNumber(flag.baseline.max),
                count: flag.baseline.count,
              }),
            })}
          </Text>
          <Text italic data-testid="quality-flag-comment">
            {flag.comment ? `“${flag.comment}”` : t('quality.entry.noComment')}
          </Text>
        </div>
      ))}
    </SmallCard>
  );
}
