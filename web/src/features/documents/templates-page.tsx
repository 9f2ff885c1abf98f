import { allowedPlaceholders, type DocumentDefinition, type DocumentTemplateBody } from '@baocao/domain';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Table, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldError, whenValid } from '../../components/field-errors';
import { FullPageSpin } from '../../components/full-page-spin';
import { PageHeader } from '../../components/page-header';
import { UnitPicker } from '../../components/unit-picker';
import { type TemplateView, useGenerate, useSaveTemplate, useTemplate, useTemplates } from './documents.api';

/** The templates in view, each with its last issued version. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const templates = useTemplates();
  return (
    <>
      <PageHeader
        title={t('documents.templates')}
        description={t('documents.templateDescription')}
        extra={
          <Link to="/documents/templates/new">
            <Button type="primary">{t('documents.newTemplate')}</Button>
          </Link>
        }
      />
      {templates.isError && <ErrorAlert error={templates.error} />}
      <Card>
        <Table<TemplateView>
          rowKey="id"
          loading={templates.isFetching}
          dataSource={templates.data?.items ?? []}
          scroll={{ x: 700 }}
          pagination={false}
          columns={[
            {
              title: t('documents.fields.name'),
              key: 'name',
              render: (_, r) => <Link to={`/documents/templates/${r.id}`}>{r.name}</Link>,
            },
            { title: t('documents.fields.code'), dataIndex: 'code', width: 200 },
            { title: t('documents.unit'), key: 'unit', width: 200, render: (_, r) => r.unit.name },
            {
              title: t('documents.version'),
              key: 'last',
              width: 160,
              render: (_, r) =>
                r.lastFailure ? (
                  <Tag color="red">{r.lastFailure.periodId}</Tag>
                ) : r.lastDocument ? (
                  <Link to={`/documents/${r.lastDocument.id}`}>
                    {r.lastDocument.periodId} · v{r.lastDocument.version}
                  </Link>
                ) : null,
            },
          ]}
        />
      </Card>
    </>
  );
}

interface EditorValues {
  code: string;
  name: string;
  regimeId: number;
  unitId: number;
  scheduleDay: number | null;
  active: boolean;
  periodType: DocumentDefinition['periodType'];
  governingBody: string;
  agency: string;
  symbol: string;
  place: string;
  title: string;
  narrative: string;
  compliance: boolean;
  parts: string;
  authority: string;
  position: string;
  signerName: string;
}

const EMPTY_PARTS = JSON.stringify(
  { values: [], tables: [], charts: [], recipients: [{ name: 'Văn phòng Chính phủ' }] },
  null,
  2,
);

function valuesOf(template: TemplateView): EditorValues {
  const d = template.definition;
  return {
    code: template.code,
    name: template.name,
    regimeId: template.regime.id,
    unitId: template.unit.id,
    scheduleDay: template.scheduleDay,
    active: template.active,
    periodType: d.periodType,
    governingBody: d.issuer.governingBody,
    agency: d.issuer.agency,
    symbol: d.symbol,
    place: d.place,
    title: d.title,
    narrative: d.narrative,
    compliance: d.compliance,
    parts: JSON.stringify({ values: d.values, tables: d.tables, charts: d.charts, recipients: d.recipients }, null, 2),
    authority: d.signer.authority,
    position: d.signer.position,
    signerName: d.signer.name,
  };
}

/** Parses the JSON part of the form (figures, tables, charts, recipients), or null. */
function partsOf(text: string): Pick<DocumentDefinition, 'values' | 'tables' | 'charts' | 'recipients'> | null {
  try {
    const parsed = JSON.parse(text) as Partial<DocumentDefinition>;
    return {
      values: parsed.values ?? [],
      tables: parsed.tables ?? [],
      charts: parsed.charts ?? [],
      recipients: parsed.recipients ?? [],
    };
  } catch {
    return null;
  }
}

// The form's own field names; the server's `definition.narrative` and `definition.title` map onto them.
const FIELDS = ['code', 'name', 'regimeId', 'unitId', 'scheduleDay', 'narrative', 'title'];
const ALIASES: Record<string, string> = { 'definition.narrative': 'narrative', 'definition.title': 'title' };

/** The template editor: its layout, outline and parts; the placeholders the outline may use; generate now. */
export function TemplateEditorPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const param = useParams().id;
  const id = param === 'new' || param === undefined ? null : Number(param);
  const template = useTemplate(id);
  const save = useSaveTemplate();
  const generate = useGenerate();
  const [form] = Form.useForm<EditorValues>();
  const [period, setPeriod] = useState('');
  const parts = Form.useWatch('parts', form);
  const compliance = Form.useWatch('compliance', form);

  useEffect(() => {
    if (template.data) form.setFieldsValue(valuesOf(template.data));
  }, [template.data, form]);

  const placeholders = useMemo(() => {
    const parsed = partsOf(parts ?? EMPTY_PARTS);
    return [...allowedPlaceholders({ values: parsed?.values ?? [], compliance: compliance ?? false })];
  }, [parts, compliance]);

  if (id !== null && template.isPending) return <FullPageSpin />;
  if (template.isError) return <ErrorAlert error={template.error} />;

  const onSave = (values: EditorValues) => {
    const parsed = partsOf(values.parts);
    if (!parsed) {
      form.setFields([{ name: 'parts', errors: [t('documents.badJson')] }]);
      return;
    }
    const body: DocumentTemplateBody = {
      code: values.code,
      name: values.name,
      regimeId: values.regimeId,
      unitId: values.unitId,
      scheduleDay: values.scheduleDay ?? null,
      active: values.active,
      definition: {
        periodType: values.periodType,
        issuer: { governingBody: values.governingBody ?? '', agency: values.agency },
        symbol: values.symbol,
        place: values.place,
        title: values.title,
        narrative: values.narrative,
        compliance: values.compliance,
        ...parsed,
        signer: { authority: values.authority ?? '', position: values.position, name: values.signerName },
      },
    };
    save.mutate(
      { id, body },
      {
        onSuccess: (result) => {
          void message.success(t('documents.saved'));
          if (id === null) void navigate(`/documents/templates/${result.id}`, { replace: true });
        },
        onError: (error) => {
          if (!showFieldError(form, error, FIELDS, ALIASES) && error instanceof Error)
            form.setFields([{ name: 'parts', errors: [error.message] }]);
        },
      },
    );
  };

  const required = [{ required: true }];
  return (
    <>
      <PageHeader
        title={template.data?.name ?? t('documents.newTemplate')}
        description={t('documents.templateDescription')}
      />
      {template.data?.lastFailure && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('documents.lastFailure', {
            attempts: template.data.lastFailure.attempts,
            error: template.data.lastFailure.error,
          })}
        />
      )}
      <Form<EditorValues>
        form={form}
        layout="vertical"
        initialValues={{ periodType: 'month', compliance: false, active: true, parts: EMPTY_PARTS, scheduleDay: null }}
      >
        <Row gutter={16}>
          <Col xs={24} lg={14}>
            <Card style={{ marginBottom: 16 }}>
              <Row gutter={12}>
                <Col xs={24} md={8}>
                  <Form.Item name="code" label={t('documents.fields.code')} rules={required}>
                    <Input maxLength={40} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={16}>
                  <Form.Item name="name" label={t('documents.fields.name')} rules={required}>
                    <Input maxLength={300} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="regimeId" label={t('documents.fields.regimeId')} rules={required}>
                    <InputNumber min={1} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={16}>
                  <Form.Item name="unitId" label={t('documents.fields.unitId')} rules={required}>
                    <UnitPicker
                      knownUnits={
                        template.data
                          ? [
                              {
                                id: template.data.unit.id,
                                code: template.data.unit.code,
                                name: template.data.unit.name,
                              },
                            ]
                          : []
                      }
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="periodType" label={t('documents.fields.periodType')}>
                    <Select
                      options={(['month', 'quarter', 'year'] as const).map((p) => ({
                        value: p,
                        label: t(`documents.periodTypes.${p}`),
                      }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="scheduleDay" label={t('documents.fields.scheduleDay')}>
                    <InputNumber min={1} max={28} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="compliance" label={t('documents.fields.compliance')} valuePropName="checked">
                    <Switch />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card style={{ marginBottom: 16 }}>
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item name="governingBody" label={t('documents.fields.governingBody')}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="agency" label={t('documents.fields.agency')} rules={required}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="symbol" label={t('documents.fields.symbol')} rules={required}>
                    <Input maxLength={40} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="place" label={t('documents.fields.place')} rules={required}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="title" label={t('documents.fields.title')} rules={required}>
                <Input maxLength={300} />
              </Form.Item>
              <Form.Item name="narrative" label={t('documents.fields.narrative')} rules={required}>
                <Input.TextArea rows={8} maxLength={8000} />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} md={8}>
                  <Form.Item name="authority" label={t('documents.fields.authority')}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="position" label={t('documents.fields.position')} rules={required}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="signerName" label={t('documents.fields.signerName')} rules={required}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card title={t('documents.placeholders')} style={{ marginBottom: 16 }}>
              <Space size={[4, 4]} wrap>
                {placeholders.map((p) => (
                  <Tag key={p}>{`{${p}}`}</Tag>
                ))}
              </Space>
            </Card>
            <Card style={{ marginBottom: 16 }}>
              <Form.Item name="parts" label={t('documents.fields.parts')} rules={required}>
                <Input.TextArea rows={14} style={{ fontFamily: 'monospace', fontSize: 12 }} />
              </Form.Item>
            </Card>
          </Col>
        </Row>
        <Space wrap style={{ marginBottom: 16 }}>
          <Button type="primary" loading={save.isPending} onClick={() => whenValid(form, onSave)}>
            {t('documents.save')}
          </Button>
          {id !== null && (
            <Space.Compact>
              <Input
                aria-label={t('documents.period')}
                placeholder="202607"
                value={period}
                onChange={(e) => setPeriod(e.target.value.trim())}
                style={{ width: 120 }}
              />
              <Button
                loading={generate.isPending}
                disabled={period === ''}
                onClick={() =>
                  generate.mutate(
                    { id, periodId: period },
                    {
                      onSuccess: (r) => {
                        void message.success(
                          t(r.created ? 'documents.generated' : 'documents.unchanged', { version: r.version }),
                        );
                        void navigate(`/documents/${r.id}`);
                      },
                      onError: (error) => void message.error(error.message),
                    },
                  )
                }
              >
                {t('documents.generate')}
              </Button>
            </Space.Compact>
          )}
        </Space>
      </Form>
    </>
  );
}
