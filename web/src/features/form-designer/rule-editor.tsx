import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import {
  type CellValues,
  type FormDefinition,
  type FormProblem,
  formFields,
  ruleOperators,
  type ValidationRuleDefinition,
} from '@baocao/domain';
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { ExpressionInput } from './expression-input';
import { inputKeysOf, type RuleCheck } from './rule-check';
import { SampleInputs, SampleValueText } from './sample-values';

/**
 * One rule, edited: code, severity, both sides (checked as typed), operator, tolerance and
 * message; below, the sample inputs it reads and what it evaluates to.
 */
export function RuleEditor({
  form,
  rule,
  index,
  count,
  check,
  values,
  samples,
  onSamplesChange,
  problems,
  readOnly,
  onChange,
  onMove,
  onRemove,
}: {
  form: FormDefinition;
  rule: ValidationRuleDefinition;
  index: number;
  count: number;
  check: RuleCheck;
  values: CellValues;
  samples: CellValues;
  onSamplesChange: (changes: CellValues) => void;
  problems: readonly FormProblem[];
  readOnly: boolean;
  onChange: (rule: ValidationRuleDefinition) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const set = (changes: Partial<ValidationRuleDefinition>) => onChange({ ...rule, ...changes });
  const keys = inputKeysOf(form, rule);
  const other = problems.filter((p) => !/\.(left|right)$/.test(p.path));
  const status = (property: string) => {
    const found = problems.filter((p) => p.path === `rules.${index}.${property}`);
    return found.length
      ? {
          validateStatus: (found.some((p) => p.severity === 'error') ? 'error' : 'warning') as 'error' | 'warning',
          help: found.map((p) => p.message[language]).join(' '),
        }
      : {};
  };
  const result = check.result;

  return (
    <Card
      size="small"
      title={
        <span>
          {t('regimes.designer.rules.rule')} <Typography.Text code>{rule.code}</Typography.Text>
        </span>
      }
      extra={
        readOnly ? null : (
          <Space size={0}>
            <Button
              type="text"
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={index === 0}
              onClick={() => onMove(-1)}
              aria-label={t('regimes.moveUp')}
            />
            <Button
              type="text"
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={index === count - 1}
              onClick={() => onMove(1)}
              aria-label={t('regimes.moveDown')}
            />
            <Popconfirm
              title={t('regimes.designer.rules.removeConfirm', { code: rule.code })}
              okText={t('regimes.remove')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={onRemove}
            >
              <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('regimes.remove')} />
            </Popconfirm>
          </Space>
        )
      }
      data-testid="rule-editor"
    >
      <Form layout="vertical" component="div" disabled={readOnly}>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item label={t('regimes.designer.code')} required {...status('code')}>
              <Input
                value={rule.code}
                onChange={(e) => set({ code: e.target.value.trim() })}
                style={{ fontFamily: 'monospace' }}
                maxLength={40}
                data-testid="rule-code"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item label={t('regimes.designer.rules.severity')}>
              <Radio.Group
                value={rule.severity}
                onChange={(e) => set({ severity: e.target.value })}
                optionType="button"
                options={[
                  { value: 'error', label: t('regimes.designer.rules.severityError') },
                  { value: 'warning', label: t('regimes.designer.rules.severityWarning') },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('regimes.designer.rules.left')} required>
          <ExpressionInput
            value={rule.left}
            onChange={(left) => set({ left })}
            form={form}
            errors={check.left}
            readOnly={readOnly}
            aria-label={t('regimes.designer.rules.left')}
            result={
              result ? (
                <Typography.Text type="secondary">
                  = <SampleValueText value={result.leftValue} />
                </Typography.Text>
              ) : undefined
            }
            data-testid="rule-left"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <Form.Item label={t('regimes.designer.rules.operator')} {...status('operator')}>
              <Select
                value={rule.operator}
                onChange={(operator) => set({ operator })}
                options={ruleOperators.map((operator) => ({
                  value: operator,
                  label: `${operator}  ${t(`regimes.designer.rules.operators.${operatorKey(operator)}`)}`,
                }))}
                data-testid="rule-operator"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item
              label={t('regimes.designer.rules.tolerance')}
              tooltip={t('regimes.designer.rules.toleranceHint')}
            >
              <InputNumber
                min={0}
                value={rule.tolerance ?? null}
                onChange={(tolerance) => {
                  const next = { ...rule, tolerance: tolerance ?? undefined };
                  if (tolerance === null || tolerance === undefined) delete next.tolerance;
                  onChange(next);
                }}
                style={{ width: 200 }}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('regimes.designer.rules.right')} required>
          <ExpressionInput
            value={rule.right}
            onChange={(right) => set({ right })}
            form={form}
            errors={check.right}
            readOnly={readOnly}
            aria-label={t('regimes.designer.rules.right')}
            result={
              result ? (
                <Typography.Text type="secondary">
                  = <SampleValueText value={result.rightValue} />
                </Typography.Text>
              ) : undefined
            }
            data-testid="rule-right"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item label={t('regimes.designer.rules.messageVi')} required {...status('message')}>
              <Input.TextArea
                value={rule.message.vi}
                onChange={(e) => set({ message: { ...rule.message, vi: e.target.value } })}
                autoSize={{ minRows: 2, maxRows: 4 }}
                maxLength={500}
                data-testid="rule-message-vi"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('regimes.designer.rules.messageEn')}>
              <Input.TextArea
                value={rule.message.en}
                onChange={(e) => set({ message: { ...rule.message, en: e.target.value } })}
                autoSize={{ minRows: 2, maxRows: 4 }}
                maxLength={500}
                data-testid="rule-message-en"
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {other.map((problem) => (
        <Typography.Text
          key={`${problem.path}-${problem.code}`}
          type={problem.severity === 'error' ? 'danger' : 'warning'}
          style={{ display: 'block', fontSize: 13 }}
        >
          {problem.message[language]}
        </Typography.Text>
      ))}
      <Card
        size="small"
        type="inner"
        title={t('regimes.designer.rules.tryTitle')}
        style={{ marginTop: 8, background: '#fafbfd' }}
        data-testid="rule-tester"
      >
        {keys.length > 0 ? (
          <SampleInputs form={form} keys={keys} values={samples} onChange={onSamplesChange} />
        ) : (
          <Typography.Text type="secondary">{t('regimes.designer.rules.noInputs')}</Typography.Text>
        )}
        <div style={{ marginTop: 12 }} data-testid="rule-result">
          <RuleResult check={check} rule={rule} />
        </div>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 8 }}>
          {t('regimes.designer.rules.sampleShared')}
        </Typography.Text>
        {/* Keeps the computed values visible when the rule reads computed fields. */}
        <ComputedReads form={form} rule={rule} values={values} />
      </Card>
    </Card>
  );
}

function operatorKey(operator: string): 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' {
  return ({ '=': 'eq', '!=': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' } as const)[
    operator as '=' | '!=' | '<' | '<=' | '>' | '>='
  ];
}

function RuleResult({ check, rule }: { check: RuleCheck; rule: ValidationRuleDefinition }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  if (check.left.length > 0 || check.right.length > 0)
    return <Alert type="error" showIcon title={t('regimes.designer.rules.fixExpressions')} />;
  if (check.runtime)
    return <Alert type="error" showIcon title={language === 'en' ? check.runtime.en : check.runtime.vi} />;
  const result = check.result;
  if (!result) return <Alert type="info" showIcon title={t('regimes.designer.rules.writeBoth')} />;
  const detail = (
    <span>
      {t('regimes.designer.rules.leftIs')} <SampleValueText value={result.leftValue} /> ·{' '}
      {t('regimes.designer.rules.rightIs')} <SampleValueText value={result.rightValue} />
      {result.difference !== null ? (
        <>
          {' '}
          · {t('regimes.designer.rules.difference')} <SampleValueText value={result.difference} />
        </>
      ) : null}
    </span>
  );
  if (result.status === 'pass')
    return <Alert type="success" showIcon title={t('regimes.designer.rules.passTitle')} description={detail} />;
  if (result.status === 'skipped')
    return <Alert type="info" showIcon title={t('regimes.designer.rules.skippedTitle')} description={detail} />;
  return (
    <Alert
      type={rule.severity === 'error' ? 'error' : 'warning'}
      showIcon
      title={`${t('regimes.designer.rules.failTitle')}: ${rule.message[language] || rule.message.vi}`}
      description={detail}
    />
  );
}

function ComputedReads({
  form,
  rule,
  values,
}: {
  form: FormDefinition;
  rule: ValidationRuleDefinition;
  values: CellValues;
}) {
  const { t } = useTranslation();
  const computed = formFields(form).filter(
    (f) => f.expression !== undefined && (rule.left.includes(`#{${f.code}}`) || rule.right.includes(`#{${f.code}}`)),
  );
  if (computed.length === 0) return null;
  return (
    <Flex vertical gap={2} style={{ marginTop: 8 }}>
      {computed.map((field) => (
        <Typography.Text key={field.code} style={{ fontSize: 13 }}>
          <Typography.Text code>{`#{${field.code}}`}</Typography.Text> ({t('regimes.designer.tags.computed')}) ={' '}
          <SampleValueText value={values[field.code]} />
        </Typography.Text>
      ))}
    </Flex>
  );
}
