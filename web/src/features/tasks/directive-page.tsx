import { FileExcelOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { useNarrowScreen } from '../../components/use-narrow-screen';
import { formatDate } from '../../i18n/format';
import { DirectiveCounts } from './directives-list';
import { TaskList } from './task-list';
import { DemoTag } from './task-status-tag';
import { useDirective } from './tasks.api';

/** /tasks/directives/:id — a directive (number, date, issuer, summary) and the tasks it assigns, by status. */
export function DirectivePage() {
  const { t } = useTranslation();
  const narrow = useNarrowScreen();
  const id = Number(useParams().id);
  const detail = useDirective(Number.isInteger(id) && id > 0 ? id : null);
  if (detail.isError) return <ErrorAlert error={detail.error} />;
  if (!detail.data) return <Skeleton active />;
  const { directive, tasks, canEdit } = detail.data;

  return (
    <>
      <Typography.Text type="secondary">
        <Link to="/tasks?tab=directives">{t('tasks.directive.back')}</Link> /
      </Typography.Text>
      <PageHeader
        title={
          <span data-testid="directive-title">
            {t(`tasks.kind.${directive.kind}`)} {directive.number}
            <DemoTag demo={directive.demo} />
          </span>
        }
        extra={
          canEdit ? (
            <Link to={`/tasks/directives/${directive.id}/import`}>
              <Button icon={<FileExcelOutlined />} data-testid="directive-import">
                {t('tasks.directive.import')}
              </Button>
            </Link>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={narrow ? 1 : 3}
          layout={narrow ? 'vertical' : 'horizontal'}
          items={[
            { key: 'number', label: t('tasks.columns.number'), children: directive.number },
            { key: 'issuedOn', label: t('tasks.columns.issuedOn'), children: formatDate(directive.issuedOn) },
            { key: 'issuer', label: t('tasks.columns.issuer'), children: directive.issuer.name },
            {
              key: 'summary',
              label: t('tasks.columns.summary'),
              span: narrow ? 1 : 3,
              children: <span data-testid="directive-summary-text">{directive.summary}</span>,
            },
          ]}
        />
        <DirectiveCounts directive={directive} />
      </Card>
      <Card size="small" title={t('tasks.columns.tasks')}>
        <TaskList tasks={tasks} showDirective={false} />
      </Card>
    </>
  );
}
