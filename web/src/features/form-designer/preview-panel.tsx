import { ClearOutlined, ExperimentOutlined } from '@ant-design/icons';
import {
  type CellValues,
  type FormDefinition,
  fieldCellKeys,
  formFields,
  isNumericType,
  validateValues,
} from '@baocao/domain';
import { Alert, Button, Card, Flex, Space, Tag, Typography } from 'antd';
import { Component, type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CellIssue } from '../../components/report-grid/cell-issues';
import { ReportGrid } from '../../components/report-grid/report-grid';
import { computeSampleValues } from './definition-editing';

/** Keeps a half-built definition that the grid cannot lay out from taking the page down. */
class PreviewBoundary extends Component<
  { fallback: ReactNode; children: ReactNode; resetKey: unknown },
  { failed: boolean }
> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidUpdate(previous: { resetKey: unknown }) {
    if (previous.resetKey !== this.props.resetKey && this.state.failed) this.setState({ failed: false });
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** Plausible figures for every entered number: bounds respected, parts smaller than the first total. */
export function sampleFigures(form: FormDefinition): CellValues {
  const values: CellValues = {};
  let n = 0;
  for (const field of formFields(form)) {
    if (field.expression !== undefined || !isNumericType(field.type)) continue;
    for (const key of fieldCellKeys(form, field)) {
      n++;
      const min = field.min ?? 0;
      const max = field.max ?? 10_000;
      const raw = field.type === 'percent' ? 50 + (n % 5) * 7 : 1_000 - n * 120 + (n % 3) * 35;
      values[key] = Math.max(min, Math.min(max, field.type === 'integer' ? Math.round(raw) : raw));
    }
  }
  return values;
}

/**
 * The form exactly as the entry officer will see it — the same grid, labels, units and number
 * formats — with sample values that can be typed in: computed cells recalculate and the checks
 * of entry (types, bounds, required cells, the rules) run as on the entry page.
 */
export function PreviewPanel({
  form,
  samples,
  onSamplesChange,
  onReplaceSamples,
  hasErrors,
}: {
  form: FormDefinition;
  samples: CellValues;
  onSamplesChange: (changes: CellValues) => void;
  onReplaceSamples: (values: CellValues) => void;
  hasErrors: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const values = useMemo(() => computeSampleValues(form, samples), [form, samples]);
  const issues = useMemo(() => {
    try {
      return validateValues(form, samples);
    } catch {
      return [];
    }
  }, [form, samples]);
  const cellIssues = useMemo(() => {
    const map = new Map<string, CellIssue[]>();
    for (const issue of issues) {
      if (issue.target.startsWith('rule:')) continue;
      map.set(issue.target, [
        ...(map.get(issue.target) ?? []),
        { severity: issue.severity, message: issue.message[language] },
      ]);
    }
    return map;
  }, [issues, language]);
  const ruleIssues = issues.filter((issue) => issue.target.startsWith('rule:'));
  const instructions = form.instructions?.[language] || form.instructions?.vi;

  return (
    <Flex vertical gap={12} data-testid="form-preview">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('regimes.designer.preview.hint')}</Typography.Text>
        <Space>
          <Button
            icon={<ExperimentOutlined />}
            onClick={() => onReplaceSamples(sampleFigures(form))}
            data-testid="fill-samples"
          >
            {t('regimes.designer.preview.fill')}
          </Button>
          <Button icon={<ClearOutlined />} onClick={() => onReplaceSamples({})}>
            {t('regimes.designer.preview.clear')}
          </Button>
        </Space>
      </Flex>
      {hasErrors ? <Alert type="warning" showIcon title={t('regimes.designer.preview.hasErrors')} /> : null}
      <Card size="small">
        <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 4 }}>
          {form.title[language] || form.title.vi}
        </Typography.Title>
        {instructions ? (
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', whiteSpace: 'pre-line' }}>
            {instructions}
          </Typography.Paragraph>
        ) : null}
        <PreviewBoundary
          resetKey={form}
          fallback={<Alert type="error" showIcon title={t('regimes.designer.preview.failed')} />}
        >
          <ReportGrid
            form={form}
            values={values}
            issues={cellIssues}
            onChange={onSamplesChange}
            data-testid="preview-grid"
          />
        </PreviewBoundary>
      </Card>
      {ruleIssues.length > 0 ? (
        <Card size="small" title={t('regimes.designer.preview.ruleIssues')} data-testid="preview-rule-issues">
          <Flex vertical gap={4}>
            {ruleIssues.map((issue) => (
              <Space key={issue.target} size={6}>
                <Tag color={issue.severity === 'error' ? 'red' : 'orange'}>
                  {issue.severity === 'error'
                    ? t('regimes.designer.rules.severityError')
                    : t('regimes.designer.rules.severityWarning')}
                </Tag>
                <Typography.Text code>{issue.target.slice(5)}</Typography.Text>
                <Typography.Text>{issue.message[language] || issue.message.vi}</Typography.Text>
              </Space>
            ))}
          </Flex>
        </Card>
      ) : null}
    </Flex>
  );
}
