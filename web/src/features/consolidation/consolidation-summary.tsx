import { SendOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Flex, Popconfirm, Progress, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { formatNumber } from '../../i18n/format';
import { consolidationQueryKey, reportsQueryKey } from '../../reporting/query-keys';
import {
  DueCountdown,
  formatDueTime,
  formatDuration,
  LatenessTag,
  languageOf,
  StateTag,
  useNow,
  WindowTag,
  windowStateAt,
} from '../../reporting/report-labels';
import { type ReportKey, submitReport } from '../../reporting/reports.api';
import { childStatuses } from './children-table';
import type { ConsolidationViewData } from './consolidation.api';

const countColors: Record<(typeof childStatuses)[number], string> = {
  on_time: 'green',
  late: 'orange',
  missing: 'red',
  returned: 'magenta',
  nil: 'purple',
  draft: 'blue',
};

/**
 * How far the children are (submitted of expected, counts by status), the deadline to the level
 * above with its countdown, whether the consolidation was sent, and the button to send it up.
 */
export function ConsolidationSummary({ reportKey, view }: { reportKey: ReportKey; view: ConsolidationViewData }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const { message, modal } = App.useApp();
  const notifyError = useErrorNotifier();
  const client = useQueryClient();

  const send = useMutation({
    mutationFn: () => submitReport(reportKey, {}),
    onSuccess: (result) => {
      void message.success(
        t(result.onTime ? 'consolidation.send.doneOnTime' : 'consolidation.send.doneLate', {
          time: formatDueTime(result.submittedAt),
          late: formatDuration(result.minutesLate * 60_000, language, false),
        }),
      );
      if (result.warnings.length)
        modal.warning({
          title: t('consolidation.send.warnings'),
          content: (
            <ul style={{ paddingInlineStart: 18 }}>
              {result.warnings.map((w) => (
                <li key={`${w.target}:${w.code}`}>{w.message[language] || w.message.vi}</li>
              ))}
            </ul>
          ),
        });
      void client.invalidateQueries({ queryKey: consolidationQueryKey });
      void client.invalidateQueries({ queryKey: reportsQueryKey });
    },
    onError: (error) => notifyError(error, t('consolidation.send.failed')),
  });

  const counts = view.counts;
  const expected = counts.expected ?? view.children.length;
  const submitted = counts.submitted ?? 0;
  const percent = expected ? Math.round((submitted / expected) * 1000) / 10 : 0;
  const pending = (counts.missing ?? 0) + (counts.draft ?? 0) + (counts.returned ?? 0);

  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="consolidation-summary">
      <Row gutter={[24, 12]} align="middle">
        <Col xs={24} lg={9}>
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="submitted-count">
            {t('consolidation.submittedOf', { submitted: formatNumber(submitted), expected: formatNumber(expected) })}
          </Typography.Text>
          <Progress
            percent={percent}
            format={() => `${formatNumber(percent)}%`}
            status={submitted === expected && expected > 0 ? 'success' : 'active'}
            strokeColor={submitted === expected && expected > 0 ? undefined : '#1456b8'}
          />
          <Flex gap={6} wrap>
            {childStatuses.map((status) => (
              <Tag key={status} color={countColors[status]} data-testid={`count-${status}`}>
                {t(`consolidation.status.${status}`)}: {formatNumber(counts[status] ?? 0)}
              </Tag>
            ))}
            {counts.accepted ? (
              <Tag color="green" data-testid="count-accepted">
                {t('consolidation.review.accepted', { count: formatNumber(counts.accepted) })}
              </Tag>
            ) : null}
          </Flex>
        </Col>
        {/* A receiving agency reads what came to it; sending up is the units' business, not its. */}
        {view.asRecipient ? null : (
          <Col xs={24} lg={7}>
            <Flex vertical gap={4}>
              <Typography.Text type="secondary">{t('consolidation.deadline')}</Typography.Text>
              <Deadline schedule={view.schedule} sent={!!view.sent} />
              {view.sent ? (
                <Space wrap data-testid="sent-info">
                  <Typography.Text>
                    {t('consolidation.sentAt', { time: formatDueTime(view.sent.sentAt) })}
                  </Typography.Text>
                  <LatenessTag minutesLate={view.sent.minutesLate} />
                  {view.own.state === 'submitted' ? null : <StateTag state={view.own.state} />}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('consolidation.notSent')}</Typography.Text>
              )}
              {view.sent && view.own.state === 'returned' && view.sent.reviewReason ? (
                <Typography.Text type="danger" data-testid="returned-reason">
                  {t('consolidation.returnedBecause', {
                    name: view.sent.reviewedByName ?? '—',
                    reason: view.sent.reviewReason,
                  })}
                </Typography.Text>
              ) : null}
            </Flex>
          </Col>
        )}
        <Col xs={24} lg={8} style={{ textAlign: 'right' }}>
          {view.canSend ? (
            <Popconfirm
              title={t('consolidation.send.confirmTitle')}
              description={
                pending > 0
                  ? t('consolidation.send.confirmPending', { count: pending })
                  : t('consolidation.send.confirm')
              }
              okText={t('consolidation.send.ok')}
              cancelText={t('common.cancel')}
              onConfirm={() => send.mutate()}
            >
              <Button
                type="primary"
                size="large"
                icon={<SendOutlined />}
                loading={send.isPending}
                // The label may take two lines where the column is narrow; never wider than the card.
                style={{ maxWidth: '100%', height: 'auto', minHeight: 40, whiteSpace: 'normal' }}
                data-testid="send-up"
              >
                {view.sent ? t('consolidation.send.again') : t('consolidation.send.button')}
              </Button>
            </Popconfirm>
          ) : null}
        </Col>
      </Row>
    </Card>
  );
}

/** The due time to the level above, its window and (until sent) a live countdown. */
function Deadline({ schedule, sent }: { schedule: ConsolidationViewData['schedule']; sent: boolean }) {
  const now = useNow();
  if (!schedule) return <Typography.Text>—</Typography.Text>;
  return (
    <Space wrap>
      <Typography.Text strong>{formatDueTime(schedule.dueAt)}</Typography.Text>
      <WindowTag state={windowStateAt(schedule, now)} />
      {sent ? null : <DueCountdown schedule={schedule} now={now} />}
    </Space>
  );
}
