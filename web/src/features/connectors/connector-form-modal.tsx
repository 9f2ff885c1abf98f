import type { ConnectorView, FeedMapping } from '@baocao/domain';
import { App, Col, Divider, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { MappingRows } from '../../components/mapping-rows';
import { UnitPicker } from '../../components/unit-picker';
import { type ConnectorInput, connectorFieldOf, useRegimeFormPicker, useSaveConnector } from './connectors.api';

interface FormValues {
  code?: string;
  name: string;
  url: string;
  format: 'json' | 'csv';
  regimeId?: number;
  formId?: number;
  unitId?: number;
  intervalMinutes: number;
  active: boolean;
  atomic: boolean;
  shape: 'wide' | 'long';
  mapping: {
    records?: string;
    unit: string;
    period: string;
    periodFormat: 'id' | 'date';
    values?: { cell: string; path: string }[];
    cell?: string;
    value?: string;
  };
}

const MAPPING_FIELDS = ['records', 'unit', 'period', 'periodFormat', 'cell', 'value'];

function initialValues(connector: ConnectorView | null): Partial<FormValues> {
  if (!connector)
    return {
      format: 'json',
      intervalMinutes: 60,
      active: true,
      atomic: true,
      shape: 'wide',
      mapping: { records: '$', unit: '', period: '', periodFormat: 'date', values: [{ cell: '', path: '' }] },
    };
  const m = connector.mapping;
  const wide = (m.values?.length ?? 0) > 0;
  return {
    name: connector.name,
    url: connector.url,
    format: connector.format,
    formId: connector.formId,
    unitId: connector.unitId,
    intervalMinutes: connector.intervalMinutes,
    active: connector.active,
    atomic: connector.atomic,
    shape: wide ? 'wide' : 'long',
    mapping: {
      records: m.records,
      unit: m.unit,
      period: m.period,
      periodFormat: m.periodFormat,
      values: wide ? m.values : [{ cell: '', path: '' }],
      cell: m.cell,
      value: m.value,
    },
  };
}

/** What the form's values send: the mapping of the chosen shape only, blank optional paths left out. */
function inputOf(values: FormValues, creating: boolean): ConnectorInput {
  const m = values.mapping;
  const mapping: FeedMapping = { unit: m.unit.trim(), period: m.period.trim(), periodFormat: m.periodFormat };
  if (values.format === 'json' && m.records?.trim()) mapping.records = m.records.trim();
  if (values.shape === 'wide')
    mapping.values = (m.values ?? []).map((v) => ({ cell: v.cell.trim(), path: v.path.trim() }));
  else {
    mapping.cell = (m.cell ?? '').trim();
    mapping.value = (m.value ?? '').trim();
  }
  return {
    ...(creating ? { code: values.code?.trim() } : {}),
    name: values.name.trim(),
    url: values.url.trim(),
    format: values.format,
    formId: values.formId!,
    unitId: values.unitId!,
    mapping,
    atomic: values.atomic,
    intervalMinutes: values.intervalMinutes,
    active: values.active,
  };
}

/** Creates or edits a pull connector; the server's errors show beside the field they name. */
export function ConnectorFormModal({
  connector,
  onClose,
  onSaved,
}: {
  /** Null to create one. */
  connector: ConnectorView | null;
  onClose: () => void;
  onSaved: (saved: ConnectorView) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const creating = connector === null;
  const save = useSaveConnector(connector?.id ?? null);
  const [alertError, setAlertError] = useState<unknown>(null);
  const regimeId = Form.useWatch('regimeId', form) ?? null;
  const format = Form.useWatch('format', form) ?? 'json';
  const shape = Form.useWatch('shape', form) ?? 'wide';
  const { search, setSearch, regimes, regime, regimeOptions, formOptions } = useRegimeFormPicker({
    known: connector,
    regimeId,
    chooseRegime: (id) => {
      if (!form.getFieldValue('regimeId')) form.setFieldValue('regimeId', id);
    },
    language: i18n.language === 'en' ? 'en' : 'vi',
  });

  const placeError = (error: unknown): boolean => {
    if (!isApiError(error)) return false;
    const name = connectorFieldOf(error.field ?? undefined);
    if (!name) return false;
    const head = name[0];
    const registered =
      name.length === 1
        ? head !== 'mapping'
        : head === 'mapping' &&
          ((name.length === 2 && MAPPING_FIELDS.includes(String(name[1]))) ||
            (name.length === 4 && name[1] === 'values' && (name[3] === 'cell' || name[3] === 'path')));
    if (!registered) return false;
    form.setFields([{ name: name as never, errors: [error.message] }]);
    form.scrollToField(name);
    return true;
  };

  return (
    <Modal
      open
      title={creating ? t('connectors.editor.createTitle') : t('connectors.editor.editTitle', { name: connector.name })}
      width={820}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={creating ? t('connectors.editor.create') : t('connectors.editor.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'connector-save' }}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues(connector)}
        data-testid="connector-form"
        onFinish={(values) => {
          setAlertError(null);
          save.mutate(inputOf(values, creating), {
            onSuccess: (saved) => {
              void message.success(t('connectors.editor.saved', { name: saved.name }));
              onSaved(saved);
            },
            onError: (error) => setAlertError(placeError(error) ? null : error),
          });
        }}
        onValuesChange={(changed) => {
          if ('regimeId' in changed) form.setFieldValue('formId', undefined);
        }}
      >
        <Row gutter={16}>
          {creating ? (
            <Col xs={24} md={8}>
              <Form.Item
                name="code"
                label={t('connectors.editor.code')}
                extra={t('connectors.editor.codeHint')}
                rules={[
                  { required: true, whitespace: true, message: t('common.required') },
                  { pattern: /^[A-Za-z0-9_.-]{1,40}$/, message: t('connectors.editor.codeHint') },
                ]}
              >
                <Input maxLength={40} data-testid="connector-code" />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={creating ? 16 : 24}>
            <Form.Item
              name="name"
              label={t('connectors.editor.name')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            >
              <Input maxLength={200} data-testid="connector-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="url"
              label={t('connectors.editor.url')}
              extra={t('connectors.editor.urlHint')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            >
              <Input maxLength={2000} placeholder="https://" data-testid="connector-url" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="format" label={t('connectors.editor.format')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'json', label: 'JSON' },
                  { value: 'csv', label: 'CSV' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="regimeId" label={t('connectors.editor.regime')}>
              <Select
                showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
                loading={regimes.isFetching}
                options={regimeOptions}
                placeholder={t('connectors.editor.regimePlaceholder')}
                data-testid="connector-regime"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="formId"
              label={t('connectors.editor.form')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Select
                options={formOptions}
                loading={regime.isFetching}
                placeholder={t('connectors.editor.formPlaceholder')}
                data-testid="connector-form-select"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="unitId"
              label={t('connectors.editor.unit')}
              extra={t('connectors.editor.unitHint')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <UnitPicker
                data-testid="connector-unit"
                knownUnits={connector ? [{ id: connector.unitId, name: connector.unitName, code: '' }] : undefined}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="intervalMinutes"
              label={t('connectors.editor.intervalMinutes')}
              extra={t('connectors.editor.intervalHint')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <InputNumber min={1} max={10080} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="active" label={t('connectors.editor.active')} valuePropName="checked">
              <Switch data-testid="connector-active" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="atomic" label={t('connectors.editor.atomic')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          {t('connectors.editor.mappingTitle')}
        </Divider>
        <Typography.Paragraph type="secondary">
          {format === 'json' ? t('connectors.editor.mappingHintJson') : t('connectors.editor.mappingHintCsv')}
        </Typography.Paragraph>
        <Row gutter={16}>
          {format === 'json' ? (
            <Col xs={24} md={8}>
              <Form.Item name={['mapping', 'records']} label={t('connectors.editor.records')}>
                <Input maxLength={200} placeholder="$.data" data-testid="connector-records" />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={8}>
            <Form.Item
              name={['mapping', 'unit']}
              label={t('connectors.editor.unitPath')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            >
              <Input maxLength={200} data-testid="connector-unit-path" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name={['mapping', 'period']}
              label={t('connectors.editor.periodPath')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            >
              <Input maxLength={200} data-testid="connector-period-path" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['mapping', 'periodFormat']} label={t('connectors.editor.periodFormat')}>
              <Select
                options={(['date', 'id'] as const).map((f) => ({
                  value: f,
                  label: t(`connectors.editor.periodFormats.${f}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="shape" label={t('connectors.editor.shape')}>
              <Select
                options={(['wide', 'long'] as const).map((s) => ({
                  value: s,
                  label: t(`connectors.editor.shapes.${s}`),
                }))}
              />
            </Form.Item>
          </Col>
        </Row>
        {shape === 'wide' ? (
          <MappingRows
            name={['mapping', 'values']}
            columns={[
              {
                field: 'cell',
                label: t('connectors.editor.cell'),
                required: 'text',
                input: (row) => <Input maxLength={100} data-testid={`connector-cell-${row.name}`} />,
              },
              {
                field: 'path',
                label: t('connectors.editor.path'),
                required: 'text',
                input: (row) => <Input maxLength={200} data-testid={`connector-path-${row.name}`} />,
              },
            ]}
            newRow={{ cell: '', path: '' }}
            addLabel={t('connectors.editor.addValue')}
            removeLabel={t('connectors.editor.removeValue')}
            min={1}
            max={200}
            addTestId="connector-add-value"
          />
        ) : (
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name={['mapping', 'cell']}
                label={t('connectors.editor.cellPath')}
                rules={[{ required: true, whitespace: true, message: t('common.required') }]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['mapping', 'value']}
                label={t('connectors.editor.valuePath')}
                rules={[{ required: true, whitespace: true, message: t('common.required') }]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
        )}
        {alertError ? (
          <div style={{ marginTop: 16 }}>
            <ErrorAlert error={alertError} />
          </div>
        ) : null}
      </Form>
    </Modal>
  );
}
