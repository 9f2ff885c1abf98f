import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatViNumber } from '../../components/report-grid/cell-values';
import { languageOf } from '../../reporting/report-labels';
import type { ConsolidationViewData } from './consolidation.api';

type CrossCheckRow = ConsolidationViewData['crossChecks'][number];

const statusColors: Record<CrossCheckRow['status'], string> = { pass: 'green', fail: 'orange', skipped: 'default' };

const shown = (value: unknown) =>
  typeof value === 'number' ? formatViNumber(value) : value === null ? '—' : String(value);

/**
 * Where this form's figures are compared with another source's (e.g. the
 * treasury's disbursements against the amounts the labour office reports paid):
 * each comparison with both figures, the difference, and whether it is within
 * the tolerance. A discrepancy is a warning to look into, not a block.
 */
export function CrossChecksCard({ checks }: { checks: CrossCheckRow[] }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  if (checks.length === 0) return null;
  const count = (status: CrossCheckRow['status']) => checks.filter((c) => c.status === status).length;
  const [failing, passing, skipped] = [count('fail'), count('pass'), count('skipped')];
  // The header sums the rows up: discrepancies first, then whether everything could be compared.
  const summary =
    failing > 0
      ? skipped > 0
        ? t('consolidation.cross.failingSomeSkipped', { count: failing, skipped })
        : t('consolidation.cross.failing', { count: failing })
      : skipped === checks.length
        ? t('consolidation.cross.noneComparable')
        : skipped > 0
          ? t('consolidation.cross.someSkipped', { passing, skipped })
          : t('consolidation.cross.allClear');
  return (
    <Card
      size="small"
      title={t('consolidation.cross.title')}
      extra={
        <Typography.Text
          type={failing > 0 ? 'warning' : skipped > 0 ? 'secondary' : 'success'}
          style={{ fontSize: 12, whiteSpace: 'normal' }}
          data-testid="cross-checks-summary"
        >
          {summary}
        </Typography.Text>
      }
      data-testid="cross-checks"
    >
      <Table<CrossCheckRow>
        size="small"
        rowKey="code"
        pagination={false}
        scroll={{ x: 720 }}
        dataSource={checks}
        onRow={(check) => ({ 'data-testid': `cross-check-${check.code}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('consolidation.cross.check'),
            dataIndex: 'message',
            render: (message: CrossCheckRow['message'], check) => (
              <>
                {message[language] || message.vi}
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('consolidation.cross.sources', { forms: check.forms.join(', ') })}
                  </Typography.Text>
                </div>
              </>
            ),
          },
          { title: t('consolidation.cross.left'), dataIndex: 'left', align: 'right', width: 130, render: shown },
          { title: t('consolidation.cross.right'), dataIndex: 'right', align: 'right', width: 130, render: shown },
          {
            title: t('consolidation.cross.difference'),
            dataIndex: 'difference',
            align: 'right',
            width: 130,
            render: (difference: number | null, check) =>
              difference === null ? (
                '—'
              ) : (
                <>
                  {formatViNumber(difference)}
                  {check.tolerance > 0 ? (
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('consolidation.cross.tolerance', { tolerance: formatViNumber(check.tolerance) })}
                      </Typography.Text>
                    </div>
                  ) : null}
                </>
              ),
          },
          {
            title: t('consolidation.cross.status'),
            dataIndex: 'status',
            width: 150,
            render: (status: CrossCheckRow['status']) => (
              <Tag color={statusColors[status]}>{t(`consolidation.cross.statuses.${status}`)}</Tag>
            ),
          },
        ]}
      />
    </Card>
  );
}
