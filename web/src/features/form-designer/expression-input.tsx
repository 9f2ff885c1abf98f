import { expressionFunctions, type FormDefinition, formFields } from '@baocao/domain';
import { Button, Flex, type GetRef, Input, Select, Tooltip, Typography } from 'antd';
import { type ReactNode, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** An error at a place in an expression (from the domain checks or the API). */
export interface PositionedError {
  span: { start: { offset: number; line: number; column: number }; end: { offset: number } };
  vi: string;
  en: string;
}

interface ExpressionInputProps {
  value: string;
  onChange: (value: string) => void;
  form: FormDefinition;
  errors: readonly PositionedError[];
  readOnly?: boolean;
  placeholder?: string;
  /** What the expression gives for the sample values, shown under it. */
  result?: ReactNode;
  'aria-label'?: string;
  'data-testid'?: string;
}

type TextAreaRef = GetRef<typeof Input.TextArea>;

const MONO = "ui-monospace, 'Cascadia Mono', 'DejaVu Sans Mono', Consolas, monospace";

/**
 * A formula box: the expression in monospace, a field picker and the function palette that insert
 * at the cursor, and each error shown under the line it is on with the faulty part underlined and
 * a caret at its column.
 */
export function ExpressionInput({
  value,
  onChange,
  form,
  errors,
  readOnly,
  placeholder,
  result,
  ...rest
}: ExpressionInputProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const area = useRef<TextAreaRef>(null);
  const testId = rest['data-testid'];

  const insert = (text: string) => {
    const element = area.current?.resizableTextArea?.textArea;
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    const next = value.slice(0, start) + text + value.slice(end);
    onChange(next);
    window.requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + text.length, start + text.length);
    });
  };

  const references = formFields(form).flatMap((field) => {
    const label = field.label[language] || field.label.vi;
    const own = { value: `#{${field.code}}`, label: `${field.code} — ${label}` };
    const set = field.disaggregation ? form.optionSets.find((s) => s.code === field.disaggregation) : undefined;
    return [
      own,
      ...(set?.options ?? []).map((option) => ({
        value: `#{${field.code}.${option.code}}`,
        label: `${field.code}.${option.code} — ${label}: ${option.label[language] || option.label.vi}`,
      })),
    ];
  });

  return (
    <Flex vertical gap={6} data-testid={testId}>
      <Input.TextArea
        ref={area}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        readOnly={readOnly}
        placeholder={placeholder}
        autoSize={{ minRows: 1, maxRows: 6 }}
        status={errors.length > 0 ? 'error' : undefined}
        spellCheck={false}
        style={{ fontFamily: MONO }}
        aria-label={rest['aria-label']}
        aria-invalid={errors.length > 0}
        data-testid={testId ? `${testId}-input` : undefined}
      />
      {readOnly ? null : (
        <Flex gap={4} wrap align="center">
          <Select
            size="small"
            value={null}
            placeholder={t('regimes.designer.expression.insertField')}
            options={references}
            onSelect={(reference: string | null) => reference && insert(reference)}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 220 }}
            popupMatchSelectWidth={false}
          />
          {expressionFunctions.map((fn) => (
            <Tooltip
              key={fn.name}
              title={
                <>
                  <div style={{ fontFamily: MONO }}>{fn.usage}</div>
                  <div>{fn.description[language]}</div>
                </>
              }
            >
              <Button size="small" onClick={() => insert(`${fn.name}(`)} style={{ fontFamily: MONO }}>
                {fn.name}
              </Button>
            </Tooltip>
          ))}
        </Flex>
      )}
      {errors.length > 0 ? <ExpressionErrors source={value} errors={errors} testId={testId} /> : null}
      {errors.length === 0 && result !== undefined ? <div>{result}</div> : null}
    </Flex>
  );
}

/** Each error under its line: the faulty part underlined in red, a caret at the column, the message. */
export function ExpressionErrors({
  source,
  errors,
  testId,
}: {
  source: string;
  errors: readonly PositionedError[];
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const lines = source.split('\n');
  let lineStart = 0;
  const starts = lines.map((line) => {
    const start = lineStart;
    lineStart += line.length + 1;
    return start;
  });
  return (
    <Flex vertical gap={4} data-testid={testId ? `${testId}-errors` : undefined}>
      {errors.slice(0, 3).map((error) => {
        const { line, column, offset } = error.span.start;
        const text = lines[line - 1] ?? '';
        const from = offset - (starts[line - 1] ?? 0);
        const to = Math.max(from, Math.min(text.length, error.span.end.offset - (starts[line - 1] ?? 0)));
        return (
          <div
            key={`${offset}-${error.vi}`}
            role="alert"
            style={{ background: '#fff2f0', border: '1px solid #ffccc7', borderRadius: 6, padding: '6px 10px' }}
          >
            <pre style={{ margin: 0, fontFamily: MONO, fontSize: 13, whiteSpace: 'pre', overflowX: 'auto' }}>
              {text.slice(0, from)}
              <span
                style={{
                  textDecoration: 'underline wavy #cf1322',
                  textUnderlineOffset: 3,
                  background: '#ffd8d2',
                  borderRadius: 2,
                }}
              >
                {text.slice(from, to) || ' '}
              </span>
              {text.slice(to)}
              {'\n'}
              <span style={{ color: '#cf1322', fontWeight: 700 }}>{`${' '.repeat(Math.max(0, column - 1))}^`}</span>
            </pre>
            <Typography.Text type="danger" style={{ fontSize: 13 }} data-testid="expression-error-message">
              {t('regimes.designer.expression.at', { line, column })} {language === 'en' ? error.en : error.vi}
            </Typography.Text>
          </div>
        );
      })}
    </Flex>
  );
}
