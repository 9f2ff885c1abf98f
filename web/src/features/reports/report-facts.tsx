import { Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { SmallCard } from '../../components/small-card';
import { SmallDescriptions } from '../../components/small-descriptions';
import { Tag } from '../../components/tag';
import { Text } from '../../components/typography';
import {
  DueCountdown,
  formatDueTime,
  LatenessTag,
  ReviewStateTag,
  useChannelLabel,
  useNow,
  WindowTag,
  windowStateAt,
} from '../../reporting/report-labels';
import type { ReportViewData } from '../../reporting/reports.api';

/** Schedule, window, current revision and review of the report. */
export function ReportFacts({ view }: { view: ReportViewData }) {
  const { t } = useTranslation();
  const now = useNow();
  const channelLabel = useChannelLabel();
  const submission = view.submission;
  const revision = submission?.currentRevision ?? null;
  const sent = submission?.state === 'submitted' || submission?.state === 'accepted';
  const window = view.schedule ? windowStateAt(view.schedule, now) : null;
  return (
    <SmallCard className="report-facts" data-testid="report-facts">
      <SmallDescriptions
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          {
            key: 'schedule',
            label: t('reports.facts.schedule'),
            children: view.schedule ? (
              <span>
                {t('reports.facts.opens')} {formatDueTime(view.schedule.opensAt)} · {t('reports.facts.due')}{' '}
                <Text strong>{formatDueTime(view.schedule.dueAt)}</Text> · {t('reports.facts.closes')}{' '}
                {formatDueTime(view.schedule.closesAt)}
              </span>
            ) : (
              t('reports.facts.noSchedule')
            ),
            span: { xs: 1, md: 2 },
          },
          {
            key: 'window',
            label: t('reports.facts.window'),
            children:
              view.schedule && window ? (
                <Flex gap={8} wrap align="center">
                  <WindowTag state={window} />
                  {sent ? null : <DueCountdown schedule={view.schedule} now={now} />}
                  {window === 'closed' && view.allowLateSubmission ? (
                    <Text type="secondary">{t('reports.lateAllowed')}</Text>
                  ) : null}
                </Flex>
              ) : (
                '—'
              ),
          },
          {
            key: 'revision',
            label: t('reports.facts.revision'),
            span: { xs: 1, md: 2 },
            children: revision ? (
              <Flex gap={6} wrap align="center" data-testid="current-revision">
                <span>
                  {[
                    t('reports.facts.revisionNumber', { number: revision.number }),
                    revision.submittedByName,
                    formatDueTime(revision.submittedAt),
                    channelLabel(revision.channel),
                  ].join(' · ')}
                </span>
                <LatenessTag minutesLate={revision.minutesLate} />
                {revision.isNil ? <Tag color="purple">{t('reports.nilTag')}</Tag> : null}
              </Flex>
            ) : (
              <Text type="secondary">{t('reports.facts.notSent')}</Text>
            ),
          },
          {
            key: 'review',
            label: t('reports.facts.review'),
            children: revision ? (
              <Flex gap={6} wrap align="center">
                <ReviewStateTag state={revision.reviewState} />
                {revision.reviewedByName ? (
                  <Text type="secondary">
                    {revision.reviewedByName}, {formatDueTime(revision.reviewedAt)}
                  </Text>
                ) : (
                  <Text type="secondary">{t('reports.facts.awaitingReview')}</Text>
                )}
              </Flex>
            ) : (
              '—'
            ),
          },
        ]}
      />
    </SmallCard>
  );
}
