import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { Text } from '../../components/typography';
import { formatDueTime, formatDuration, languageOf } from '../../reporting/report-labels';
import type { Revision, SubmitResult } from '../../reporting/reports.api';

/** The report was returned: the reviewer's reason, who returned it and when. */
export function ReturnedAlert({ revision }: { revision: Revision | null }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('reports.returnedTitle')}
      description={
        <>
          <div data-testid="return-reason-text">{revision?.reviewReason}</div>
          {revision?.reviewedByName ? (
            <Text type="secondary">
              {t('reports.reviewedBy', {
                name: revision.reviewedByName,
                time: formatDueTime(revision.reviewedAt),
              })}
            </Text>
          ) : null}
        </>
      }
    />
  );
}

/** The answer to a submit: when it arrived, on time or how late, and the rules' warnings. */
export function SubmitResultAlert({ result, onClose }: { result: SubmitResult; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  return (
    <Alert
      type={result.onTime ? 'success' : 'warning'}
      showIcon
      closable={{ onClose }}
      style={{ marginBottom: 16 }}
      title={t(result.onTime ? 'reports.sentOnTime' : 'reports.sentLate', {
        time: formatDueTime(result.submittedAt),
        number: result.revisionNumber,
        late: formatDuration(result.minutesLate * 60_000, language, false),
      })}
      description={
        result.warnings.length ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {result.warnings.map((w) => (
              <li key={`${w.target}:${w.code}`}>{w.message[language] || w.message.vi}</li>
            ))}
          </ul>
        ) : undefined
      }
      data-testid="submit-result"
    />
  );
}
