import { PlusOutlined } from '@ant-design/icons';
import type { CellValues, FormDefinition, FormProblem, ValidationRuleDefinition } from '@baocao/domain';
import { Badge, Button, Card, Col, Empty, Flex, Row, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { computeSampleValues, moveItem, newRule, problemsUnder, removeItem, replaceItem } from './definition-editing';
import { checkRule, type RuleCheck } from './rule-check';
import { RuleEditor } from './rule-editor';

export function RuleStatusTag({ check, severity }: { check: RuleCheck; severity: 'error' | 'warning' }) {
  const { t } = useTranslation();
  if (check.left.length > 0 || check.right.length > 0 || check.runtime)
    return <Tag color="red">{t('regimes.designer.rules.invalid')}</Tag>;
  if (!check.result) return <Tag>{t('regimes.designer.rules.incomplete')}</Tag>;
  if (check.result.status === 'pass') return <Tag color="green">{t('regimes.designer.rules.pass')}</Tag>;
  if (check.result.status === 'skipped') return <Tag>{t('regimes.designer.rules.skipped')}</Tag>;
  return <Tag color={severity === 'error' ? 'red' : 'orange'}>{t('regimes.designer.rules.fail')}</Tag>;
}

/**
 * Validation rules: `left operator right` with a severity, a tolerance and a message. The rule
 * being edited is checked and evaluated against the sample values at every keystroke, with
 * expression errors pointed at their column.
 */
export function RulesEditor({
  form,
  onChange,
  readOnly,
  problems,
  samples,
  onSamplesChange,
  selected,
  onSelect,
}: {
  form: FormDefinition;
  onChange: (form: FormDefinition) => void;
  readOnly: boolean;
  problems: readonly FormProblem[];
  samples: CellValues;
  onSamplesChange: (changes: CellValues) => void;
  selected: number | null;
  onSelect: (index: number | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const values = useMemo(() => computeSampleValues(form, samples), [form, samples]);
  const checks = useMemo(() => form.rules.map((rule) => checkRule(form, rule, values)), [form, values]);
  const current = selected !== null ? form.rules[selected] : undefined;
  const setRule = (index: number, rule: ValidationRuleDefinition) =>
    onChange({ ...form, rules: replaceItem(form.rules, index, rule) });

  return (
    <Row gutter={16} data-testid="rules-editor">
      <Col xs={24} lg={9}>
        <Card
          size="small"
          title={t('regimes.designer.rules.list')}
          extra={
            readOnly ? null : (
              <Button
                size="small"
                type="primary"
                ghost
                icon={<PlusOutlined />}
                onClick={() => {
                  const rule = newRule(form, { vi: t('regimes.designer.rules.newMessage'), en: '' });
                  onChange({ ...form, rules: [...form.rules, rule] });
                  onSelect(form.rules.length);
                }}
                data-testid="add-rule"
              >
                {t('regimes.designer.rules.add')}
              </Button>
            )
          }
        >
          {form.rules.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('regimes.designer.rules.empty')} />
          ) : (
            <Flex vertical gap={4}>
              {form.rules.map((rule, index) => {
                const count = problemsUnder(problems, `rules.${index}`).length;
                return (
                  <button
                    // biome-ignore lint/suspicious/noArrayIndexKey: rules are edited in place (codes change as typed)
                    key={index}
                    type="button"
                    onClick={() => onSelect(index)}
                    style={{
                      all: 'unset',
                      boxSizing: 'border-box',
                      width: '100%',
                      cursor: 'pointer',
                      background: index === selected ? '#e6f0ff' : undefined,
                      border: `1px solid ${index === selected ? '#adc8f5' : '#f0f0f0'}`,
                      borderRadius: 6,
                      padding: '6px 8px',
                    }}
                    aria-pressed={index === selected}
                    data-testid={`rule-item-${index}`}
                  >
                    <Flex vertical style={{ minWidth: 0 }} gap={2}>
                      <Flex gap={6} align="center" justify="space-between">
                        <Space size={4}>
                          <Typography.Text code>{rule.code}</Typography.Text>
                          {count > 0 ? <Badge count={count} size="small" /> : null}
                        </Space>
                        <RuleStatusTag check={checks[index]!} severity={rule.severity} />
                      </Flex>
                      <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }} ellipsis>
                        {rule.left} {rule.operator} {rule.right}
                      </Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                        {rule.message[language] || rule.message.vi}
                      </Typography.Text>
                    </Flex>
                  </button>
                );
              })}
            </Flex>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        {current && selected !== null ? (
          <RuleEditor
            // A new editor per rule, so the sample inputs start from that rule's cells.
            key={selected}
            form={form}
            rule={current}
            index={selected}
            count={form.rules.length}
            check={checks[selected]!}
            values={values}
            samples={samples}
            onSamplesChange={onSamplesChange}
            problems={problemsUnder(problems, `rules.${selected}`)}
            readOnly={readOnly}
            onChange={(rule) => setRule(selected, rule)}
            onMove={(delta) => {
              onChange({ ...form, rules: moveItem(form.rules, selected, delta) });
              onSelect(Math.max(0, Math.min(form.rules.length - 1, selected + delta)));
            }}
            onRemove={() => {
              onChange({ ...form, rules: removeItem(form.rules, selected) });
              onSelect(null);
            }}
          />
        ) : (
          <Card size="small">
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('regimes.designer.rules.choose')} />
          </Card>
        )}
      </Col>
    </Row>
  );
}
