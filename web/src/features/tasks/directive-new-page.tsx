import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { type DirectiveInput, type DirectiveKind, directiveKinds } from '@baocao/domain';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Col, DatePicker, Flex, Form, Input, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { PageHeader } from '../../components/page-header';
import { UnitPicker } from '../../components/unit-picker';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { useSignedInMe } from '../auth/session';
import { createDirective, tasksQueryKey } from './tasks.api';
import '../../i18n/dayjs-locale';

interface TaskValues {
  title?: string;
  regular?: boolean;
  deadline?: Dayjs | null;
  leadUnitId?: number;
  supportingUnitIds?: number[];
  expectedResult?: string;
}

interface DirectiveValues {
  kind: DirectiveKind;
  number?: string;
  issuedOn?: Dayjs | null;
  issuerUnitId?: number;
  summary?: string;
  tasks: TaskValues[];
}

const day = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : '');

/**
 * /tasks/directives/new — records a directive (number, date, issuer, summary) with the tasks it
 * assigns: each with a deadline or "Thường xuyên", a lead unit, supporting units and the expected
 * result. All or nothing; the server's error is put next to the field it names.
 */
export function DirectiveNewPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<DirectiveValues>();
  const [saving, setSaving] = useState(false);
  const required = [{ required: true, whitespace: true, message: t('tasks.directive.required') }];

  const save = async (values: DirectiveValues) => {
    const body: DirectiveInput = {
      kind: values.kind,
      number: (values.number ?? '').trim(),
      issuedOn: day(values.issuedOn),
      issuerUnitId: values.issuerUnitId!,
      summary: (values.summary ?? '').trim(),
      tasks: values.tasks.map((task) => ({
        title: (task.title ?? '').trim(),
        deadline: task.regular ? null : day(task.deadline),
        leadUnitId: task.leadUnitId!,
        supportingUnitIds: task.supportingUnitIds ?? [],
        expectedResult: (task.expectedResult ?? '').trim(),
      })),
    };
    setSaving(true);
    try {
      const created = await createDirective(body);
      await client.invalidateQueries({ queryKey: tasksQueryKey });
      void message.success(t('tasks.directive.saved', { number: body.number }));
      void navigate(`/tasks/directives/${created.id}`);
    } catch (error) {
      const path = isApiError(error) && error.field ? error.field.split(/[./]/).filter(Boolean) : [];
      // The server names a task's field as `tasks/0/deadline`; the form as ['tasks', 0, 'deadline'].
      const name = (
        path[0] === 'tasks' && path.length >= 3 ? ['tasks', Number(path[1]), path[2]!] : path.slice(0, 1)
      ) as Parameters<typeof form.scrollToField>[0] & (string | number)[];
      if (isApiError(error) && name.length > 0) {
        form.setFields([{ name, errors: [error.message] }]);
        form.scrollToField(name);
      } else notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Typography.Text type="secondary">
        <Link to="/tasks?tab=directives">{t('tasks.directive.back')}</Link> /
      </Typography.Text>
      <PageHeader title={t('tasks.directive.newTitle')} />
      <Form<DirectiveValues>
        form={form}
        layout="vertical"
        initialValues={{
          kind: 'resolution',
          issuedOn: dayjs(),
          issuerUnitId: me.unit.id,
          tasks: [{ regular: false }],
        }}
        onFinish={(values) => void save(values)}
        data-testid="directive-form"
      >
        <Card size="small" style={{ marginBottom: 16 }}>
          <Row gutter={[16, 0]}>
            <Col xs={24} md={8}>
              <Form.Item name="kind" label={t('tasks.directive.kind')}>
                <Select
                  options={directiveKinds.map((k) => ({ value: k, label: t(`tasks.kind.${k}`) }))}
                  data-testid="directive-kind"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="number" label={t('tasks.directive.number')} rules={required}>
                <Input maxLength={60} placeholder={t('tasks.directive.numberHint')} data-testid="directive-number" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="issuedOn"
                label={t('tasks.directive.issuedOn')}
                rules={[{ required: true, message: t('tasks.directive.required') }]}
              >
                <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} data-testid="directive-issued-on" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="issuerUnitId"
                label={t('tasks.directive.issuer')}
                rules={[{ required: true, message: t('tasks.directive.required') }]}
              >
                <UnitPicker
                  knownUnits={[{ id: me.unit.id, name: me.unit.name, code: me.unit.code }]}
                  data-testid="directive-issuer"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="summary" label={t('tasks.directive.summary')} rules={required}>
                <Input.TextArea
                  maxLength={2000}
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  data-testid="directive-summary"
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Typography.Title level={5}>{t('tasks.directive.tasks')}</Typography.Title>
        <Form.List name="tasks">
          {(fields, { add, remove }) => (
            <Flex vertical gap={12}>
              {fields.map((field, index) => (
                <Card
                  size="small"
                  key={field.key}
                  title={t('tasks.directive.taskNumber', { n: index + 1 })}
                  data-testid={`directive-task-${index}`}
                  extra={
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('tasks.directive.removeTask')}
                      onClick={() => remove(field.name)}
                    />
                  }
                >
                  <Form.Item name={[field.name, 'title']} label={t('tasks.directive.taskTitle')} rules={required}>
                    <Input.TextArea
                      maxLength={1000}
                      autoSize={{ minRows: 1, maxRows: 4 }}
                      data-testid={`task-title-${index}`}
                    />
                  </Form.Item>
                  <Row gutter={[16, 0]}>
                    <Col xs={24} md={8}>
                      <Form.Item name={[field.name, 'regular']} valuePropName="checked" style={{ marginBottom: 4 }}>
                        <Checkbox data-testid={`task-regular-${index}`}>{t('tasks.directive.regularTask')}</Checkbox>
                      </Form.Item>
                      <Form.Item noStyle dependencies={[['tasks', field.name, 'regular']]}>
                        {() =>
                          form.getFieldValue(['tasks', field.name, 'regular']) ? null : (
                            <Form.Item
                              name={[field.name, 'deadline']}
                              label={t('tasks.directive.deadline')}
                              rules={[{ required: true, message: t('tasks.directive.deadlineRequired') }]}
                            >
                              <DatePicker
                                format="DD/MM/YYYY"
                                style={{ width: '100%' }}
                                data-testid={`task-deadline-${index}`}
                              />
                            </Form.Item>
                          )
                        }
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item
                        name={[field.name, 'leadUnitId']}
                        label={t('tasks.directive.lead')}
                        rules={[{ required: true, message: t('tasks.directive.required') }]}
                      >
                        <UnitPicker data-testid={`task-lead-${index}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name={[field.name, 'supportingUnitIds']} label={t('tasks.directive.supporting')}>
                        <UnitPicker multiple data-testid={`task-supporting-${index}`} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item
                    name={[field.name, 'expectedResult']}
                    label={t('tasks.directive.expectedResult')}
                    style={{ marginBottom: 0 }}
                  >
                    <Input maxLength={1000} data-testid={`task-expected-${index}`} />
                  </Form.Item>
                </Card>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ regular: false })}
                data-testid="directive-add-task"
              >
                {t('tasks.directive.addTask')}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Flex justify="flex-end" style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="directive-save">
            {t('tasks.directive.save')}
          </Button>
        </Flex>
      </Form>
    </>
  );
}
