import { UploadOutlined } from '@ant-design/icons';
import type { TaskImportResult } from '@baocao/domain';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Skeleton, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { formatDate } from '../../i18n/format';
import { importTasks, tasksQueryKey, useDirective } from './tasks.api';

interface RowError {
  row: number;
  field: string | null;
  message: string;
}

function rowErrorsOf(error: unknown): RowError[] | null {
  if (!isApiError(error) || error.code !== 'IMPORT_FAILED') return null;
  return (error.details as { errors?: RowError[] } | undefined)?.errors ?? [];
}

/**
 * /tasks/directives/:id/import — imports a directive's tasks from an XLSX list: a dry run first (every
 * row checked, every problem listed with its row number, nothing written), then the confirmed import.
 */
export function TaskImportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const directive = useDirective(Number.isInteger(id) && id > 0 ? id : null);
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<TaskImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (directive.isError) return <ErrorAlert error={directive.error} />;
  if (!directive.data) return <Skeleton active />;
  const d = directive.data.directive;

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const result = await importTasks(d.id, file, dryRun);
      if (dryRun) setChecked(result);
      else {
        await client.invalidateQueries({ queryKey: tasksQueryKey });
        void message.success(t('tasks.import.created', { count: result.created }));
        void navigate(`/tasks/directives/${d.id}`);
      }
    } catch (caught) {
      setChecked(null);
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const rowErrors = rowErrorsOf(error);

  return (
    <>
      <Typography.Text type="secondary">
        <Link to={`/tasks/directives/${d.id}`}>
          {t(`tasks.kind.${d.kind}`)} {d.number}
        </Link>{' '}
        /
      </Typography.Text>
      <PageHeader title={t('tasks.import.title')} description={t('tasks.import.hint')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <div data-testid="task-import-file">
            <Upload
              accept=".xlsx"
              maxCount={1}
              beforeUpload={(chosen) => {
                setFile(chosen);
                setChecked(null);
                setError(null);
                return false;
              }}
              onRemove={() => {
                setFile(null);
                setChecked(null);
              }}
            >
              <Button icon={<UploadOutlined />}>{t('tasks.import.choose')}</Button>
            </Upload>
          </div>
          <Button
            onClick={() => void run(true)}
            disabled={!file}
            loading={busy && !checked}
            data-testid="task-import-check"
          >
            {t('tasks.import.check')}
          </Button>
          {checked ? (
            <Button type="primary" onClick={() => void run(false)} loading={busy} data-testid="task-import-confirm">
              {t('tasks.import.confirm', { count: checked.rows })}
            </Button>
          ) : null}
        </Flex>
      </Card>
      {error && !rowErrors ? <ErrorAlert error={error} /> : null}
      {rowErrors ? (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Alert type="error" showIcon title={t('tasks.import.failed')} style={{ marginBottom: 12 }} />
          <Table<RowError>
            size="small"
            rowKey={(row, i) => `${row.row}-${i}`}
            dataSource={rowErrors}
            pagination={false}
            data-testid="task-import-errors"
            columns={[
              { title: t('tasks.import.row'), dataIndex: 'row', width: 80 },
              { title: '', dataIndex: 'message' },
            ]}
          />
        </Card>
      ) : null}
      {checked ? (
        <Card size="small">
          <Alert
            type="success"
            showIcon
            title={t('tasks.import.checked', { count: checked.rows })}
            style={{ marginBottom: 12 }}
            data-testid="task-import-checked"
          />
          <Table
            size="small"
            rowKey="row"
            dataSource={checked.tasks}
            pagination={false}
            scroll={{ x: 700 }}
            columns={[
              { title: t('tasks.import.row'), dataIndex: 'row', width: 70 },
              { title: t('tasks.columns.task'), dataIndex: 'title' },
              {
                title: t('tasks.columns.deadline'),
                dataIndex: 'deadline',
                width: 120,
                render: (value: string | null) => (value ? formatDate(value) : t('tasks.regular')),
              },
              { title: t('tasks.columns.lead'), dataIndex: 'leadUnitCode', width: 120 },
              {
                title: t('tasks.columns.supporting'),
                dataIndex: 'supportingUnitCodes',
                width: 160,
                render: (codes: string[]) => codes.join('; '),
              },
            ]}
          />
        </Card>
      ) : null}
    </>
  );
}
