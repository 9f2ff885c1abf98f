import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { TaskDetail, TaskProgressItem } from '@baocao/domain';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Progress,
  Select,
  Skeleton,
  Tag,
  Timeline,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { useNarrowScreen } from '../../components/use-narrow-screen';
import { formatDate, formatDateTime } from '../../i18n/format';
import { DemoTag, TaskDeadline, TaskStatusTag } from './task-status-tag';
import { attachmentUrl, attachToProgress, reportProgress, tasksQueryKey, useTask } from './tasks.api';

interface ProgressValues {
  unitId: number;
  note?: string;
  percent?: number | null;
  done?: boolean;
}

const ACCEPT = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg';

function ProgressEntry({ entry }: { entry: TaskProgressItem }) {
  const { t } = useTranslation();
  return (
    <div data-testid={`progress-${entry.id}`}>
      <Flex gap={6} wrap align="center">
        <Typography.Text strong>{entry.unit.name}</Typography.Text>
        <Tag>{t(`tasks.task.role.${entry.role}`)}</Tag>
        {entry.percent !== null ? <Tag color="blue">{entry.percent}%</Tag> : null}
        {entry.done ? <Tag color="green">{t('tasks.task.done')}</Tag> : null}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('tasks.task.by', { person: entry.reportedBy, time: formatDateTime(entry.reportedAt) })}
      </Typography.Text>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{entry.note}</Typography.Paragraph>
      {entry.attachments.map((file) => (
        <div key={file.id}>
          <a href={attachmentUrl(file.id)} download={file.fileName} data-testid={`attachment-${file.id}`}>
            <PaperClipOutlined /> {file.fileName}
          </a>{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            ({new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(file.size / 1024)} KB)
          </Typography.Text>
        </div>
      ))}
    </div>
  );
}

/** The progress report form: the unit, a note, a percentage or "done" (lead unit only), and attachments. */
function ProgressForm({ detail }: { detail: TaskDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const client = useQueryClient();
  const [form] = Form.useForm<ProgressValues>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [saving, setSaving] = useState(false);
  const { task } = detail;
  const units = [task.lead, ...task.supporting].filter((u) => detail.reportableUnitIds.includes(u.id));
  const unitId = Form.useWatch('unitId', form);
  const isLead = unitId === task.lead.id;

  const submit = async (values: ProgressValues) => {
    setSaving(true);
    try {
      const { id } = await reportProgress(task.id, {
        unitId: values.unitId,
        note: (values.note ?? '').trim(),
        ...(values.percent !== null && values.percent !== undefined ? { percent: values.percent } : {}),
        ...(values.done && values.unitId === task.lead.id ? { done: true } : {}),
      });
      for (const file of files) {
        try {
          await attachToProgress(id, file.originFileObj as File);
        } catch (error) {
          notifyError(error, t('tasks.task.attachFailed', { file: file.name }));
        }
      }
      form.resetFields(['note', 'percent', 'done']);
      setFiles([]);
      void message.success(t('tasks.task.reported'));
      await client.invalidateQueries({ queryKey: tasksQueryKey });
    } catch (error) {
      if (isApiError(error) && error.field && ['note', 'percent', 'done', 'unitId'].includes(error.field))
        form.setFields([{ name: error.field as keyof ProgressValues, errors: [error.message] }]);
      else notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<ProgressValues>
      form={form}
      layout="vertical"
      initialValues={{ unitId: units[0]?.id, percent: task.percent || null }}
      onFinish={(values) => void submit(values)}
      data-testid="progress-form"
    >
      {units.length > 1 ? (
        <Form.Item name="unitId" label={t('tasks.task.unit')}>
          <Select options={units.map((u) => ({ value: u.id, label: u.name }))} data-testid="progress-unit" />
        </Form.Item>
      ) : (
        <Form.Item name="unitId" label={t('tasks.task.unit')}>
          <Select disabled options={units.map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
      )}
      <Form.Item
        name="note"
        label={t('tasks.task.note')}
        rules={[{ required: true, whitespace: true, min: 3, message: t('tasks.directive.required') }]}
      >
        <Input.TextArea
          maxLength={4000}
          autoSize={{ minRows: 3, maxRows: 8 }}
          placeholder={t('tasks.task.notePlaceholder')}
          data-testid="progress-note"
        />
      </Form.Item>
      <Flex gap={16} wrap align="flex-end">
        <Form.Item name="percent" label={t('tasks.task.percent')}>
          <InputNumber min={0} max={100} precision={0} style={{ width: 140 }} data-testid="progress-percent" />
        </Form.Item>
        {isLead ? (
          <Form.Item name="done" valuePropName="checked" extra={t('tasks.task.doneHint')}>
            <Checkbox data-testid="progress-done">{t('tasks.task.done')}</Checkbox>
          </Form.Item>
        ) : null}
      </Flex>
      <Form.Item label={t('tasks.task.attachments')} extra={t('tasks.task.attachHint')}>
        <div data-testid="progress-files">
          <Upload
            multiple
            accept={ACCEPT}
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList.slice(0, 10))}
          >
            <Button icon={<UploadOutlined />}>{t('tasks.task.attach')}</Button>
          </Upload>
        </div>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="progress-submit">
        {t('tasks.task.submit')}
      </Button>
    </Form>
  );
}

/** /tasks/:id — a task, its progress history and (for its units) the progress report form. */
export function TaskPage() {
  const { t } = useTranslation();
  const narrow = useNarrowScreen();
  const id = Number(useParams().id);
  const detail = useTask(Number.isInteger(id) && id > 0 ? id : null);
  if (detail.isError) return <ErrorAlert error={detail.error} />;
  if (!detail.data) return <Skeleton active />;
  const { task, progress } = detail.data;
  const done = task.completedAt !== null;
  const reportable = detail.data.reportableUnitIds.length > 0;

  return (
    <>
      <Typography.Text type="secondary">
        <Link to="/tasks">{t('tasks.task.back')}</Link> /{' '}
        <Link to={`/tasks/directives/${task.directive.id}`}>
          {t(`tasks.kind.${task.directive.kind}`)} {task.directive.number}
        </Link>
      </Typography.Text>
      <PageHeader
        title={
          <span data-testid="task-title">
            {task.title}
            <DemoTag demo={task.demo} />
          </span>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
          <TaskStatusTag status={task.status} testId="task-status" />
          <Progress percent={task.percent} size="small" style={{ width: 220, margin: 0 }} />
          {done ? (
            <Typography.Text type="secondary">
              {t('tasks.task.completedAt', { time: formatDateTime(task.completedAt) })}
            </Typography.Text>
          ) : null}
        </Flex>
        <Descriptions
          size="small"
          column={narrow ? 1 : 2}
          layout={narrow ? 'vertical' : 'horizontal'}
          items={[
            { key: 'deadline', label: t('tasks.columns.deadline'), children: <TaskDeadline task={task} /> },
            {
              key: 'directive',
              label: t('tasks.columns.directive'),
              children: `${task.directive.number} · ${formatDate(task.directive.issuedOn)}`,
            },
            { key: 'lead', label: t('tasks.columns.lead'), children: task.lead.name },
            {
              key: 'supporting',
              label: t('tasks.columns.supporting'),
              children: task.supporting.map((u) => u.name).join(', ') || '—',
            },
            {
              key: 'expected',
              label: t('tasks.columns.expectedResult'),
              span: narrow ? 1 : 2,
              children: task.expectedResult || '—',
            },
          ]}
        />
      </Card>
      <Flex gap={16} vertical={narrow} align="flex-start">
        <Card size="small" title={t('tasks.task.history')} style={{ flex: '1 1 0', width: '100%', minWidth: 0 }}>
          {progress.length === 0 ? (
            <Empty description={t('tasks.task.noHistory')} />
          ) : (
            <Timeline
              data-testid="progress-history"
              items={progress.map((entry) => ({
                key: entry.id,
                color: entry.done ? 'green' : 'blue',
                content: <ProgressEntry entry={entry} />,
              }))}
            />
          )}
        </Card>
        {reportable ? (
          <Card size="small" title={t('tasks.task.reportTitle')} style={{ flex: '1 1 0', width: '100%', minWidth: 0 }}>
            {done ? (
              <Alert type="success" showIcon title={t('tasks.task.closed')} />
            ) : (
              <ProgressForm detail={detail.data} />
            )}
          </Card>
        ) : null}
      </Flex>
    </>
  );
}
