import {
  aggregationMethods,
  type CellValue,
  checkExpression,
  type FieldDefinition,
  type FieldType,
  type FormDefinition,
  type FormProblem,
  fieldTypes,
  isNumericType,
} from '@baocao/domain';
import {
  AutoComplete,
  Button,
  Col,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  aggregationMethodsFor,
  expressionTypeOf,
  fieldTypeLookup,
  knownFieldsOf,
  problemsUnder,
  withFieldType,
} from './definition-editing';
import { ExpressionInput } from './expression-input';
import { SampleValueText } from './sample-values';

const COMMON_UNITS = ['người', 'hồ sơ', 'lượt', 'hộ', 'doanh nghiệp', 'đơn vị', 'triệu đồng', 'đồng', '%', 'ngày'];

interface FieldEditorDrawerProps {
  form: FormDefinition;
  sectionIndex: number;
  fieldIndex: number;
  problems: readonly FormProblem[];
  values: Readonly<Record<string, CellValue>>;
  readOnly: boolean;
  onChange: (field: FieldDefinition) => void;
  onClose: () => void;
}

/** Every property of one field, edited in place: the form, preview and checks follow as you type. */
export function FieldEditorDrawer({
  form,
  sectionIndex,
  fieldIndex,
  problems,
  values,
  readOnly,
  onChange,
  onClose,
}: FieldEditorDrawerProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const section = form.sections[sectionIndex];
  const field = section?.fields[fieldIndex];
  const path = `sections.${sectionIndex}.fields.${fieldIndex}`;
  const own = problemsUnder(problems, path);
  const computed = field?.expression !== undefined;

  const expressionErrors = useMemo(() => {
    if (!field || field.expression === undefined || field.expression.trim() === '') return [];
    return checkExpression(field.expression, {
      knownFields: knownFieldsOf(form),
      fieldType: fieldTypeLookup(form),
      expected: expressionTypeOf(field.type),
    });
  }, [form, field]);

  if (!section || !field) return null;
  const set = (changes: Partial<FieldDefinition>) => onChange({ ...field, ...changes });
  const status = (property: string): { validateStatus?: 'error' | 'warning'; help?: ReactNode } => {
    const found = problemsUnder(own, `${path}.${property}`);
    if (found.length === 0) return {};
    return {
      validateStatus: found.some((p) => p.severity === 'error') ? 'error' : 'warning',
      help: found.map((p) => <div key={p.message.vi}>{p.message[language]}</div>),
    };
  };
  const optionSetOptions = form.optionSets.map((s) => ({
    value: s.code,
    label: `${s.code} — ${s.label[language] || s.label.vi}`,
  }));
  const table = section.layout === 'table';
  const numeric = isNumericType(field.type);
  const methods = aggregationMethodsFor(field.type, aggregationMethods);

  return (
    <Drawer
      open
      size={560}
      onClose={onClose}
      title={
        <span>
          {t('regimes.designer.field.title')} <Typography.Text code>{field.code}</Typography.Text>
        </span>
      }
      extra={
        <Button type="primary" onClick={onClose} data-testid="field-editor-done">
          {t('regimes.designer.done')}
        </Button>
      }
      data-testid="field-editor"
    >
      <Form layout="vertical" disabled={readOnly} component="div">
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item label={t('regimes.designer.field.code')} required {...status('code')}>
              <Input
                value={field.code}
                onChange={(e) => set({ code: e.target.value.trim() })}
                maxLength={40}
                style={{ fontFamily: 'monospace' }}
                data-testid="field-code"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t('regimes.designer.field.type')} {...status('type')}>
              <Select<FieldType>
                value={field.type}
                onChange={(type) => onChange(withFieldType(field, type))}
                options={fieldTypes.map((type) => ({ value: type, label: t(`regimes.designer.fieldType.${type}`) }))}
                data-testid="field-type"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('regimes.designer.labelVi')} required {...status('label')}>
          <Input
            value={field.label.vi}
            onChange={(e) => set({ label: { ...field.label, vi: e.target.value } })}
            maxLength={500}
            data-testid="field-label-vi"
          />
        </Form.Item>
        <Form.Item label={t('regimes.designer.labelEn')}>
          <Input
            value={field.label.en}
            onChange={(e) => set({ label: { ...field.label, en: e.target.value } })}
            maxLength={500}
            data-testid="field-label-en"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item label={t('regimes.designer.field.unit')} {...status('unit')}>
              <AutoComplete
                value={field.unit ?? ''}
                onChange={(unit: string) => set({ unit })}
                options={COMMON_UNITS.map((unit) => ({ value: unit }))}
                showSearch={{ filterOption: true }}
                maxLength={40}
                data-testid="field-unit"
              />
            </Form.Item>
          </Col>
          {field.type === 'choice' ? (
            <Col span={12}>
              <Form.Item label={t('regimes.designer.field.optionSet')} required {...status('optionSet')}>
                <Select
                  allowClear
                  value={field.optionSet}
                  onChange={(optionSet?: string) => set({ optionSet })}
                  options={optionSetOptions}
                  notFoundContent={t('regimes.designer.field.noOptionSets')}
                />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        {numeric && !computed ? (
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item label={t('regimes.designer.field.min')} {...status('min')}>
                <InputNumber
                  value={field.min ?? null}
                  onChange={(min) => set({ min: min ?? undefined })}
                  style={{ width: '100%' }}
                  data-testid="field-min"
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label={t('regimes.designer.field.max')} {...status('max')}>
                <InputNumber
                  value={field.max ?? null}
                  onChange={(max) => set({ max: max ?? undefined })}
                  style={{ width: '100%' }}
                  data-testid="field-max"
                />
              </Form.Item>
            </Col>
          </Row>
        ) : null}
        {computed ? null : (
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item label={t('regimes.designer.field.required')} {...status('required')}>
                <Switch
                  checked={!!field.required}
                  onChange={(required) => set({ required })}
                  data-testid="field-required"
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                label={t('regimes.designer.field.commentWhenMissing')}
                tooltip={t('regimes.designer.field.commentWhenMissingHint')}
                {...status('commentWhenMissing')}
              >
                <Switch
                  checked={!!field.commentWhenMissing}
                  onChange={(commentWhenMissing) => set({ commentWhenMissing })}
                  data-testid="field-comment-when-missing"
                />
              </Form.Item>
            </Col>
          </Row>
        )}

        <Divider titlePlacement="start" plain>
          {t('regimes.designer.field.computedSection')}
        </Divider>
        <Form.Item label={t('regimes.designer.field.computed')} tooltip={t('regimes.designer.field.computedHint')}>
          <Switch
            checked={computed}
            onChange={(on) => {
              const next = { ...field };
              if (on) {
                // Computed cells are not entered: entry checks and bounds do not apply to them.
                next.expression = field.expression ?? '';
                delete next.required;
                delete next.commentWhenMissing;
                delete next.min;
                delete next.max;
              } else delete next.expression;
              onChange(next);
            }}
            data-testid="field-computed"
          />
        </Form.Item>
        {computed ? (
          <Form.Item
            label={t('regimes.designer.field.expression')}
            // Positioned errors show under the formula itself; only the others (a cycle, a blank formula) here.
            help={problemsUnder(own, `${path}.expression`)
              .filter((p) => !p.expression || p.expression.code === 'EXPR_CYCLE' || !field.expression?.trim())
              .map((p) => (
                <Typography.Text key={p.message.vi} type="danger">
                  {p.message[language]}
                </Typography.Text>
              ))}
          >
            <ExpressionInput
              value={field.expression ?? ''}
              onChange={(expression) => set({ expression })}
              form={form}
              errors={expressionErrors}
              readOnly={readOnly}
              placeholder="round(#{da_giai_quyet} / #{tiep_nhan} * 100, 1)"
              aria-label={t('regimes.designer.field.expression')}
              result={
                <Typography.Text type="secondary">
                  {t('regimes.designer.field.sampleResult')} <SampleValueText value={values[field.code] ?? null} />
                </Typography.Text>
              }
              data-testid="field-expression"
            />
          </Form.Item>
        ) : null}

        <Divider titlePlacement="start" plain>
          {t('regimes.designer.field.layoutSection')}
        </Divider>
        <Form.Item
          label={t('regimes.designer.field.disaggregation')}
          tooltip={t('regimes.designer.field.disaggregationHint')}
          {...status('disaggregation')}
        >
          <Select
            allowClear
            value={field.disaggregation}
            onChange={(disaggregation?: string) => {
              const next = { ...field, disaggregation };
              if (disaggregation) delete next.row;
              onChange(next);
            }}
            options={optionSetOptions}
            placeholder={t('regimes.designer.field.noDisaggregation')}
            notFoundContent={t('regimes.designer.field.noOptionSets')}
            data-testid="field-disaggregation"
          />
        </Form.Item>
        {table ? (
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item label={t('regimes.designer.field.row')} {...status('row')}>
                <Select
                  allowClear
                  value={field.row}
                  disabled={readOnly || !!field.disaggregation}
                  onChange={(row?: string) => set({ row })}
                  options={(section.rows ?? []).map((row) => ({
                    value: row.code,
                    label: `${row.code} — ${row.label[language] || row.label.vi}`,
                  }))}
                  placeholder={field.disaggregation ? t('regimes.designer.field.rowsFromOptions') : undefined}
                  data-testid="field-row"
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label={t('regimes.designer.field.column')} {...status('column')}>
                <Select
                  allowClear
                  value={field.column}
                  onChange={(column?: string) => set({ column })}
                  options={(section.columns ?? []).map((column) => ({
                    value: column.code,
                    label: `${column.code} — ${column.label[language] || column.label.vi}`,
                  }))}
                  data-testid="field-column"
                />
              </Form.Item>
            </Col>
          </Row>
        ) : null}

        <Divider titlePlacement="start" plain>
          {t('regimes.designer.field.aggregationSection')}
        </Divider>
        <Row gutter={12}>
          {(['hierarchy', 'time'] as const).map((dimension) => (
            <Col span={12} key={dimension}>
              <Form.Item
                label={t(`regimes.designer.field.aggregation.${dimension}`)}
                {...status(`aggregation.${dimension}`)}
              >
                <Select
                  value={field.aggregation[dimension]}
                  onChange={(method) => set({ aggregation: { ...field.aggregation, [dimension]: method } })}
                  options={methods.map((method) => ({
                    value: method,
                    label: t(`regimes.designer.aggregation.${method}`),
                  }))}
                  data-testid={`field-aggregation-${dimension}`}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Row gutter={12}>
          {(['vi', 'en'] as const).map((lang) => (
            <Col span={12} key={lang}>
              <Form.Item
                label={`${t('regimes.designer.field.help')} (${lang === 'vi' ? t('regimes.editor.vietnamese') : t('regimes.editor.english')})`}
                {...(lang === 'vi' ? status('help') : {})}
              >
                <Input.TextArea
                  value={field.help?.[lang] ?? ''}
                  onChange={(e) =>
                    set({ help: { vi: field.help?.vi ?? '', en: field.help?.en ?? '', [lang]: e.target.value } })
                  }
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  maxLength={500}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        {own.length > 0 ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('regimes.designer.field.problemCount', { count: own.length })}
          </Typography.Text>
        ) : null}
      </Form>
    </Drawer>
  );
}
