import { CheckOutlined, ExperimentOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportHistoryItem, ImportSummaryView } from '@baocao/domain';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Input,
  Progress,
  Row,
  Select,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { useNarrowScreen } from '../../components/use-narrow-screen';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { ExportSection } from './export-section';
import {
  detectFormat,
  type ImportFormat,
  importFormats,
  importHistoryKey,
  startImport,
  useImportHistory,
  useImportJob,
} from './imports.api';

type Conflict = ImportSummaryView['conflicts'][number];
/** What the page shows: the outcome of the last dry run or import, or the job that computes it. */
type Outcome = { dryRun: boolean; summary: ImportSummaryView } | { dryRun: boolean; jobId: number };

const UPLOAD_LIMIT_MB = 256;

/**
 * The import page: choose a file and its format, dry-run it, read the outcome row by row, confirm;
 * then the export of the same formats, and the history below.
 */
export function ImportPage() {
  const { t, i18n } = useTranslation();
  const narrow = useNarrowScreen();
  const notifyError = useErrorNotifier();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [detected, setDetected] = useState<ImportFormat | null>(null);
  const [format, setFormat] = useState<ImportFormat>('csv');
  const [dataSet, setDataSet] = useState('');
  const [atomic, setAtomic] = useState(true);
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const job = useImportJob(outcome && 'jobId' in outcome ? outcome.jobId : null);
  const history = useImportHistory();

  // A finished job becomes an outcome like an import answered at once.
  useEffect(() => {
    if (!outcome || !('jobId' in outcome) || !job.data) return;
    if (job.data.status === 'done' || job.data.status === 'failed')
      void client.invalidateQueries({ queryKey: importHistoryKey });
    if (job.data.status === 'done' && job.data.summary)
      setOutcome({ dryRun: outcome.dryRun, summary: job.data.summary });
  }, [job.data, outcome, client]);

  const choose = async (chosen: File) => {
    const head = await chosen.slice(0, 4096).text();
    const found = detectFormat(chosen.name, head);
    setFile(chosen);
    setDetected(found);
    setFormat(found);
    setOutcome(null);
    setKey(`import-${crypto.randomUUID()}`);
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    try {
      const answer = await startImport(file, { format, dryRun, atomic, dataSet, idempotencyKey: key });
      setOutcome(answer.kind === 'queued' ? { dryRun, jobId: answer.jobId } : { dryRun, summary: answer.summary });
      if (!dryRun) void client.invalidateQueries({ queryKey: importHistoryKey });
    } catch (error) {
      // A rejected import answers 422 with its summary: show it like a dry run's.
      const details = isApiError(error) ? (error.details as ImportSummaryView | undefined) : undefined;
      if (isApiError(error) && error.code === 'IMPORT_REJECTED' && details?.counts)
        setOutcome({ dryRun, summary: details });
      else notifyError(error);
    } finally {
      setBusy(false);
    }
  };

  const summary = outcome && 'summary' in outcome ? outcome.summary : null;
  const running = outcome && 'jobId' in outcome ? job.data : null;
  const canConfirm =
    !!summary &&
    outcome?.dryRun === true &&
    summary.status !== 'rejected' &&
    summary.counts.created + summary.counts.updated > 0;

  return (
    <>
      <PageHeader title={t('imports.title')} description={t('imports.description')} />
      <Card title={t('imports.file.title')} style={{ marginBottom: 16 }}>
        <Flex vertical gap={12}>
          <Upload.Dragger
            accept=".json,.csv,.xlsx,.xml"
            maxCount={1}
            multiple={false}
            fileList={[]}
            beforeUpload={(chosen) => {
              void choose(chosen);
              return false;
            }}
            data-testid="import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text" data-testid="import-file-name">
              {file
                ? t('imports.file.chosen', { name: file.name, size: formatNumber(Math.ceil(file.size / 1024)) })
                : t('imports.file.drop')}
            </p>
            <p className="ant-upload-hint">{t('imports.file.hint', { limit: UPLOAD_LIMIT_MB })}</p>
          </Upload.Dragger>
          <Flex gap={12} wrap align="flex-end">
            <div style={{ flex: '1 1 240px' }}>
              <label htmlFor="import-format">{t('imports.file.format')}</label>
              <Select<ImportFormat>
                id="import-format"
                value={format}
                onChange={(value) => {
                  setFormat(value);
                  setOutcome(null);
                }}
                style={{ width: '100%' }}
                options={importFormats.map((f) => ({ value: f, label: t(`imports.formats.${f}`) }))}
                data-testid="import-format"
              />
              {detected ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="import-detected">
                  {t('imports.file.detected', { format: t(`imports.formats.${detected}`) })}
                </Typography.Text>
              ) : null}
            </div>
            {format === 'dhis2-csv' ? (
              <div style={{ flex: '1 1 240px' }}>
                <label htmlFor="import-data-set">{t('imports.file.dataSet')}</label>
                <Input
                  id="import-data-set"
                  value={dataSet}
                  maxLength={81}
                  onChange={(e) => setDataSet(e.target.value)}
                  placeholder="DAILY/B03"
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('imports.file.dataSetHint')}
                </Typography.Text>
              </div>
            ) : null}
          </Flex>
          <Checkbox
            checked={atomic}
            onChange={(e) => {
              setAtomic(e.target.checked);
              setOutcome(null);
            }}
          >
            {t('imports.file.atomic')}
          </Checkbox>
          <Flex gap={8} wrap>
            <Button
              icon={<ExperimentOutlined />}
              disabled={!file || (format === 'dhis2-csv' && !dataSet.trim())}
              loading={busy && !canConfirm}
              onClick={() => void run(true)}
              data-testid="import-check"
            >
              {t('imports.file.check')}
            </Button>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              disabled={!canConfirm}
              loading={busy && canConfirm}
              onClick={() => void run(false)}
              data-testid="import-confirm"
            >
              {t('imports.file.confirm')}
            </Button>
          </Flex>
        </Flex>
      </Card>

      {running && running.status !== 'done' ? (
        <Card title={t('imports.progress.title')} style={{ marginBottom: 16 }} data-testid="import-progress">
          {running.status === 'failed' ? (
            <Alert
              type="error"
              showIcon
              title={t('imports.progress.failed', { message: running.error?.message ?? '' })}
            />
          ) : (
            <>
              <Progress percent={running.percent} status="active" />
              <Typography.Text type="secondary" data-testid="import-progress-text">
                {running.status === 'queued'
                  ? t('imports.progress.queued')
                  : t('imports.progress.running', {
                      processed: formatNumber(running.processedRows),
                      total: formatNumber(running.totalRows),
                    })}
              </Typography.Text>
            </>
          )}
        </Card>
      ) : null}
      {outcome && 'jobId' in outcome && job.isError ? <ErrorAlert error={job.error} /> : null}

      {summary ? (
        <ImportResult summary={summary} dryRun={outcome?.dryRun ?? true} language={i18n.language} narrow={narrow} />
      ) : null}

      <ExportSection />

      <Card title={t('imports.history.title')}>
        {history.isError ? (
          <ErrorAlert error={history.error} />
        ) : (
          <Table<ImportHistoryItem>
            rowKey="id"
            size="small"
            loading={history.isPending}
            dataSource={history.data ?? []}
            scroll={{ x: 820 }}
            pagination={(history.data?.length ?? 0) > 10 ? { pageSize: 10 } : false}
            locale={{ emptyText: t('imports.history.empty') }}
            data-testid="import-history"
            columns={[
              {
                title: t('imports.history.at'),
                dataIndex: 'createdAt',
                width: 170,
                render: (at: string) => formatDateTime(at),
              },
              {
                title: t('imports.history.by'),
                dataIndex: 'userName',
                render: (name: string, item) => (
                  <div>
                    <div>{name}</div>
                    {item.unitName ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {item.unitName}
                      </Typography.Text>
                    ) : null}
                  </div>
                ),
              },
              {
                title: t('imports.history.format'),
                dataIndex: 'format',
                width: 150,
                render: (f: ImportFormat, item) => (
                  <div>
                    <div>{t(`imports.formats.${f}`)}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('imports.history.values', { n: formatNumber(item.totalRows) })}
                    </Typography.Text>
                  </div>
                ),
              },
              {
                title: t('imports.history.status'),
                dataIndex: 'status',
                width: 120,
                render: (status: 'queued' | 'running' | 'done' | 'failed') => (
                  <Tag color={status === 'done' ? 'green' : status === 'failed' ? 'red' : 'blue'}>
                    {t(`imports.history.statuses.${status}`)}
                  </Tag>
                ),
              },
              {
                title: t('imports.history.counts'),
                key: 'counts',
                render: (_, item) =>
                  item.counts
                    ? t('imports.history.countsText', {
                        created: formatNumber(item.counts.created),
                        updated: formatNumber(item.counts.updated),
                        unchanged: formatNumber(item.counts.unchanged),
                        rejected: formatNumber(item.counts.rejected),
                      })
                    : (item.error ?? ''),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}

function ImportResult({
  summary,
  dryRun,
  language,
  narrow,
}: {
  summary: ImportSummaryView;
  dryRun: boolean;
  language: string;
  narrow: boolean;
}) {
  const { t } = useTranslation();
  const nothing = summary.counts.created + summary.counts.updated === 0;
  const [type, text] =
    summary.status === 'rejected'
      ? (['error', dryRun ? t('imports.result.rejectedDry') : t('imports.result.rejectedDone')] as const)
      : summary.status === 'partial'
        ? (['warning', dryRun ? t('imports.result.partialDry') : t('imports.result.partialDone')] as const)
        : nothing
          ? (['info', t('imports.result.nothingToWrite')] as const)
          : (['success', dryRun ? t('imports.result.okDry') : t('imports.result.okDone')] as const);
  const figures = [
    ['created', summary.counts.created],
    ['updated', summary.counts.updated],
    ['unchanged', summary.counts.unchanged],
    ['rejected', summary.counts.rejected],
    ['ignored', summary.counts.ignored],
  ] as const;
  return (
    <Card
      title={dryRun ? t('imports.result.dryTitle') : t('imports.result.doneTitle')}
      style={{ marginBottom: 16 }}
      data-testid="import-result"
    >
      <Flex vertical gap={16}>
        <Alert type={type} showIcon title={text} data-testid="import-status" />
        <Row gutter={[16, 16]}>
          {figures.map(([name, value]) => (
            <Col key={name} xs={12} sm={8} md={4}>
              <Statistic
                title={t(`imports.result.${name}`)}
                value={value}
                formatter={(v) => formatNumber(Number(v))}
                valueStyle={name === 'rejected' && value > 0 ? { color: '#cf1322' } : undefined}
                data-testid={`import-count-${name}`}
              />
            </Col>
          ))}
        </Row>
        <Typography.Text type="secondary">
          {t('imports.result.reports', {
            written: formatNumber(summary.reports.written),
            unchanged: formatNumber(summary.reports.unchanged),
            rejected: formatNumber(summary.reports.rejected),
          })}
        </Typography.Text>
        {summary.conflicts.length > 0 ? (
          <>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('imports.result.conflicts', { count: summary.conflictCount })}
            </Typography.Title>
            <Table<Conflict & { key: number }>
              size="small"
              rowKey="key"
              dataSource={summary.conflicts.map((c, i) => ({ ...c, key: i }))}
              pagination={summary.conflicts.length > 20 ? { pageSize: 20 } : false}
              scroll={narrow ? { x: 640 } : undefined}
              data-testid="import-conflicts"
              columns={[
                {
                  title: t('imports.result.row'),
                  dataIndex: 'rows',
                  width: 90,
                  render: (rows: number[]) => rows.map((r) => formatNumber(r)).join(', '),
                },
                { title: t('imports.result.object'), dataIndex: 'object', width: 150 },
                {
                  title: t('imports.result.value'),
                  dataIndex: 'value',
                  width: 120,
                  render: (value: string | null) => value ?? '',
                },
                {
                  title: t('imports.result.message'),
                  key: 'message',
                  render: (_, c) => (
                    <Flex gap={6} align="baseline">
                      <Tag color={c.blocking ? 'red' : 'default'}>
                        {c.blocking ? t('imports.result.blocking') : t('imports.result.note')}
                      </Tag>
                      <span>{language.startsWith('en') ? c.message.en : c.message.vi}</span>
                    </Flex>
                  ),
                },
              ]}
            />
            {summary.conflictCount > summary.conflicts.length ? (
              <Typography.Text type="secondary">
                {t('imports.result.moreConflicts', {
                  shown: formatNumber(summary.conflicts.length),
                  total: formatNumber(summary.conflictCount),
                })}
              </Typography.Text>
            ) : null}
          </>
        ) : null}
      </Flex>
    </Card>
  );
}
