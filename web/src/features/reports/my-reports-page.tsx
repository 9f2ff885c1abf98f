import {
  BarChartOutlined,
  CalendarOutlined,
  EditOutlined,
  EyeOutlined,
  LeftOutlined,
  RightOutlined,
} from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { UnitPicker } from '../../components/unit-picker';
import { useNarrowScreen } from '../../components/use-narrow-screen';
import { formatDate, todayInVietnam } from '../../i18n/format';
import { DemoDataTag, DemoHistoryNotice } from '../../reporting/demo-history';
import {
  DueCountdown,
  formatDueTime,
  LatenessTag,
  languageOf,
  StateTag,
  useNow,
  windowStateAt,
} from '../../reporting/report-labels';
import { consolidationPath, entryPath, type MyReportRow, useMyReports } from '../../reporting/reports.api';
import { useSignedInMe } from '../auth/session';
import './reports.css';
import '../../i18n/dayjs-locale';

/** A day of the demonstration regime (COVID-19 support, July 2021 – December 2022) with generated history (server: DEMO_DAY). */
const DEMO_DATE = '2021-07-15';

function reportPath(row: MyReportRow): string {
  const key = { unitId: row.unit.id, formId: row.form.id, period: row.period.id };
  return row.role === 'entry' ? entryPath(key) : consolidationPath(key);
}

/** The row's role as a tag: entry, consolidation, or a receiving agency's national report. */
function RoleTag({ row }: { row: MyReportRow }) {
  const { t } = useTranslation();
  if (row.role === 'recipient') return <Tag color="geekblue">{t('reports.roleRecipient')}</Tag>;
  return row.role === 'consolidation' ? (
    <Tag color="purple">{t('reports.roleConsolidation')}</Tag>
  ) : (
    <Tag color="cyan">{t('reports.roleEntry')}</Tag>
  );
}

/** The row's state: for a receiving agency, how many reports reached it, were accepted, returned. */
function RowState({ row }: { row: MyReportRow }) {
  const { t } = useTranslation();
  if (row.received)
    return (
      <Space size={4} wrap data-testid="received">
        <Tag color={row.received.sent === row.received.expected ? 'green' : 'blue'}>
          {t('reports.received', { sent: row.received.sent, expected: row.received.expected })}
        </Tag>
        {row.received.accepted ? (
          <Tag color="green">{t('reports.receivedAccepted', { count: row.received.accepted })}</Tag>
        ) : null}
        {row.received.returned ? (
          <Tag color="magenta">{t('reports.receivedReturned', { count: row.received.returned })}</Tag>
        ) : null}
      </Space>
    );
  return (
    <StateTag state={row.state} started={row.submissionId !== null} consolidation={row.role === 'consolidation'} />
  );
}

/**
 * "Báo cáo của tôi": what the unit has to enter or consolidate on a day, grouped
 * by regime — the period, the state, when it is due with a live countdown, and
 * what is late. A row opens the entry page or the consolidation page.
 */
export function MyReportsPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const me = useSignedInMe();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const date = search.get('date') ?? undefined;
  const unitParam = Number(search.get('unitId'));
  const unitId = Number.isInteger(unitParam) && unitParam > 0 ? unitParam : undefined;
  const reports = useMyReports({ date, unitId });
  const now = useNow();
  const narrow = useNarrowScreen();
  const shownDate = reports.data?.date ?? date ?? todayInVietnam();

  const setParam = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
  };
  const shiftDay = (days: number) => setParam('date', dayjs(shownDate).add(days, 'day').format('YYYY-MM-DD'));

  // Today's period first, then the unfinished earlier ones.
  const items = [...(reports.data?.items ?? [])].sort((a, b) => b.period.id.localeCompare(a.period.id));
  const regimes = [...new Map(items.map((item) => [item.regime.id, item.regime])).values()];

  return (
    <>
      <PageHeader
        title={t('reports.myTitle')}
        description={t('reports.myDescription', { unit: reports.data?.unit.name ?? me.unit.name })}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <Space.Compact>
            <Button icon={<LeftOutlined />} onClick={() => shiftDay(-1)} aria-label={t('reports.previousDay')} />
            <DatePicker
              allowClear={false}
              format="DD/MM/YYYY"
              value={dayjs(shownDate)}
              onChange={(value) => setParam('date', value ? value.format('YYYY-MM-DD') : undefined)}
              presets={[
                { label: t('reports.today'), value: dayjs(todayInVietnam()) },
                { label: t('reports.demoDay', { date: formatDate(DEMO_DATE) }), value: dayjs(DEMO_DATE) },
              ]}
              data-testid="my-reports-date"
            />
            <Button icon={<RightOutlined />} onClick={() => shiftDay(1)} aria-label={t('reports.nextDay')} />
          </Space.Compact>
          <Button onClick={() => setParam('date', undefined)}>{t('reports.today')}</Button>
          <Button icon={<CalendarOutlined />} onClick={() => setParam('date', DEMO_DATE)} data-testid="demo-day">
            {t('reports.demoDay', { date: formatDate(DEMO_DATE) })}
          </Button>
          <div style={{ width: 320, maxWidth: '100%' }}>
            <UnitPicker
              value={unitId ?? me.unit.id}
              knownUnits={[{ id: me.unit.id, name: me.unit.name, code: me.unit.code }]}
              onChange={(value) =>
                setParam('unitId', typeof value === 'number' && value !== me.unit.id ? String(value) : undefined)
              }
              placeholder={t('reports.unitPlaceholder')}
            />
          </div>
        </Flex>
      </Card>

      <DemoHistoryNotice />
      {reports.isError ? <ErrorAlert error={reports.error} /> : null}
      {!reports.isError && !reports.isPending && items.length === 0 ? (
        <Card>
          <Empty
            description={
              <>
                <div>{t('reports.noneOnDay', { date: formatDate(shownDate) })}</div>
                <Typography.Text type="secondary">{t('reports.demoHint')}</Typography.Text>
              </>
            }
          >
            <Button type="primary" onClick={() => setParam('date', DEMO_DATE)}>
              {t('reports.demoDay', { date: formatDate(DEMO_DATE) })}
            </Button>
          </Empty>
        </Card>
      ) : null}
      {(reports.isPending ? [null] : regimes).map((regime) => (
        <Card
          key={regime?.id ?? 'loading'}
          size="small"
          style={{ marginBottom: 16 }}
          title={
            regime ? (
              <Flex gap={8} align="center" wrap style={{ paddingBlock: narrow ? 6 : 0 }}>
                <Tag color="geekblue">{regime.code}</Tag>
                <span style={{ whiteSpace: 'normal' }}>{regime.name[language] || regime.name.vi}</span>
              </Flex>
            ) : (
              t('common.loading')
            )
          }
          data-testid="regime-group"
        >
          {narrow ? (
            <ReportCards
              rows={regime ? items.filter((item) => item.regime.id === regime.id) : []}
              now={now}
              onOpen={(row) => void navigate(reportPath(row))}
            />
          ) : (
            <Table<MyReportRow>
              size="middle"
              rowKey={(row) => `${row.form.id}.${row.period.id}.${row.unit.id}`}
              loading={reports.isFetching}
              pagination={false}
              dataSource={regime ? items.filter((item) => item.regime.id === regime.id) : []}
              onRow={(row) => ({
                onClick: () => void navigate(reportPath(row)),
                style: { cursor: 'pointer' },
                'data-testid': `my-report-${row.form.code}-${row.period.id}`,
              })}
              scroll={{ x: 1040 }}
              columns={[
                {
                  title: t('reports.columns.form'),
                  key: 'form',
                  width: 320,
                  render: (_, row) => (
                    <div>
                      <Flex gap={6} align="center">
                        <Typography.Text strong>{row.form.code}</Typography.Text>
                        <RoleTag row={row} />
                        {row.isDemo ? <DemoDataTag /> : null}
                      </Flex>
                      <div>{row.form.title[language] || row.form.title.vi}</div>
                    </div>
                  ),
                },
                {
                  title: t('reports.columns.period'),
                  key: 'period',
                  width: 140,
                  render: (_, row) => row.period.label[language],
                },
                {
                  title: t('reports.columns.state'),
                  key: 'state',
                  width: 130,
                  render: (_, row) => <RowState row={row} />,
                },
                {
                  title: t('reports.columns.due'),
                  key: 'due',
                  width: 140,
                  render: (_, row) => (row.schedule ? formatDueTime(row.schedule.dueAt) : '—'),
                },
                {
                  title: t('reports.columns.timeLeft'),
                  key: 'countdown',
                  render: (_, row) => <RowTiming row={row} now={now} />,
                },
                {
                  title: '',
                  key: 'open',
                  width: 160,
                  align: 'right',
                  render: (_, row) => <OpenReportButton row={row} onOpen={() => void navigate(reportPath(row))} />,
                },
              ]}
            />
          )}
        </Card>
      ))}
    </>
  );
}

/** A row's timing: the countdown while it is still to send, the lateness once sent. */
function RowTiming({ row, now }: { row: MyReportRow; now: number }) {
  const { t } = useTranslation();
  const sent = row.state === 'submitted' || row.state === 'accepted';
  // A receiving agency waits for the provinces' reports until they have all come.
  if (row.received && row.received.sent === row.received.expected)
    return <Typography.Text type="secondary">—</Typography.Text>;
  if (sent)
    return (
      <Space size={4} wrap>
        <LatenessTag minutesLate={row.minutesLate ?? 0} />
      </Space>
    );
  if (!row.schedule) return <Typography.Text type="secondary">—</Typography.Text>;
  const window = windowStateAt(row.schedule, now);
  return (
    <Space size={6} wrap>
      <DueCountdown schedule={row.schedule} now={now} />
      {window === 'overdue' || window === 'closed' || row.late ? (
        <Tag color="red" data-testid="late-badge">
          {t('reports.lateBadge')}
        </Tag>
      ) : null}
    </Space>
  );
}

/** The button that opens a report: enter it, view it, or see its consolidation. */
function OpenReportButton({ row, onOpen, block }: { row: MyReportRow; onOpen: () => void; block?: boolean }) {
  const { t } = useTranslation();
  const toEnter = row.role === 'entry' && (row.state === 'draft' || row.state === 'returned');
  return (
    <Button
      size={block ? 'middle' : 'small'}
      block={block}
      type={toEnter ? 'primary' : 'default'}
      icon={row.role !== 'entry' ? <BarChartOutlined /> : toEnter ? <EditOutlined /> : <EyeOutlined />}
      onClick={(e) => {
        e.stopPropagation();
        onOpen();
      }}
    >
      {row.role === 'recipient'
        ? t('reports.openNational')
        : row.role === 'consolidation'
          ? t('reports.openConsolidation')
          : toEnter
            ? t('reports.openEntry')
            : t('reports.openView')}
    </Button>
  );
}

/** On a phone, the reports of a regime as stacked cards instead of a wide table. */
function ReportCards({ rows, now, onOpen }: { rows: MyReportRow[]; now: number; onOpen: (row: MyReportRow) => void }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  return (
    <Flex vertical gap={8}>
      {rows.map((row) => (
        // biome-ignore lint/a11y/useSemanticElements: a card holding a button of its own cannot be a <button>
        <div
          key={`${row.form.id}.${row.period.id}.${row.unit.id}`}
          className="my-report-card"
          role="button"
          tabIndex={0}
          onClick={() => onOpen(row)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onOpen(row);
          }}
          data-testid={`my-report-${row.form.code}-${row.period.id}`}
        >
          <Flex justify="space-between" align="flex-start" gap={8}>
            <div style={{ minWidth: 0 }}>
              <Flex gap={6} align="center" wrap>
                <Typography.Text strong>{row.form.code}</Typography.Text>
                <RoleTag row={row} />
                {row.isDemo ? <DemoDataTag /> : null}
              </Flex>
              <div>{row.form.title[language] || row.form.title.vi}</div>
            </div>
            <RowState row={row} />
          </Flex>
          <Flex gap={4} wrap style={{ marginTop: 6 }}>
            <Typography.Text type="secondary">{t('reports.columns.period')}:</Typography.Text>
            <span>{row.period.label[language]}</span>
          </Flex>
          <Flex gap={4} wrap>
            <Typography.Text type="secondary">{t('reports.columns.due')}:</Typography.Text>
            <span>{row.schedule ? formatDueTime(row.schedule.dueAt) : '—'}</span>
          </Flex>
          <div style={{ marginBlock: 6 }}>
            <RowTiming row={row} now={now} />
          </div>
          <OpenReportButton row={row} onOpen={() => onOpen(row)} block />
        </div>
      ))}
    </Flex>
  );
}
