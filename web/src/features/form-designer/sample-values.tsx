import {
  type CellValue,
  type CellValues,
  type FieldDefinition,
  type FormDefinition,
  formFields,
  isNumericType,
} from '@baocao/domain';
import { Flex, Input, InputNumber, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';

/** A sample or computed value as the officer would read it (vi-VN numbers). */
export function SampleValueText({ value }: { value: CellValue | undefined }) {
  const { t } = useTranslation();
  if (value === null || value === undefined)
    return <Typography.Text type="secondary">{t('regimes.designer.sample.blank')}</Typography.Text>;
  if (typeof value === 'number') return <Typography.Text strong>{formatNumber(value)}</Typography.Text>;
  if (typeof value === 'boolean')
    return (
      <Typography.Text strong>
        {value ? t('regimes.designer.sample.yes') : t('regimes.designer.sample.no')}
      </Typography.Text>
    );
  return <Typography.Text strong>“{value}”</Typography.Text>;
}

/** The field and option a cell key (`code` or `code.option`) stands for. */
export function cellOf(form: FormDefinition, key: string): { field: FieldDefinition; option: string | null } | null {
  const [code, option] = key.split('.');
  const field = formFields(form).find((f) => f.code === code);
  return field ? { field, option: option ?? null } : null;
}

export function cellTitle(form: FormDefinition, key: string, language: 'vi' | 'en'): string {
  const cell = cellOf(form, key);
  if (!cell) return key;
  const label = cell.field.label[language] || cell.field.label.vi;
  if (!cell.option) return label;
  const set = form.optionSets.find((s) => s.code === cell.field.disaggregation);
  const option = set?.options.find((o) => o.code === cell.option);
  return `${label} — ${option ? option.label[language] || option.label.vi : cell.option}`;
}

/** One input per sample cell, typed like the field, so a rule or formula can be tried out. */
export function SampleInputs({
  form,
  keys,
  values,
  onChange,
}: {
  form: FormDefinition;
  keys: readonly string[];
  values: CellValues;
  onChange: (changes: CellValues) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <Flex vertical gap={8}>
      {keys.map((key) => {
        const cell = cellOf(form, key);
        const value = values[key] ?? null;
        const label = (
          <Typography.Text style={{ minWidth: 240, flex: '1 1 240px' }}>
            <Typography.Text code>{`#{${key}}`}</Typography.Text> {cellTitle(form, key, language)}
          </Typography.Text>
        );
        let input: ReactNode;
        const field = cell?.field;
        if (!field || isNumericType(field.type)) {
          input = (
            <InputNumber
              value={typeof value === 'number' ? value : null}
              onChange={(next) => onChange({ [key]: typeof next === 'number' ? next : null })}
              style={{ width: 180 }}
              decimalSeparator=","
              aria-label={key}
              data-testid={`sample-${key}`}
            />
          );
        } else if (field.type === 'boolean') {
          input = (
            <Select
              allowClear
              value={typeof value === 'boolean' ? String(value) : undefined}
              onChange={(next?: string) => onChange({ [key]: next === undefined ? null : next === 'true' })}
              options={[
                { value: 'true', label: t('regimes.designer.sample.yes') },
                { value: 'false', label: t('regimes.designer.sample.no') },
              ]}
              style={{ width: 180 }}
              aria-label={key}
            />
          );
        } else if (field.type === 'choice') {
          const set = form.optionSets.find((s) => s.code === field.optionSet);
          input = (
            <Select
              allowClear
              value={typeof value === 'string' ? value : undefined}
              onChange={(next?: string) => onChange({ [key]: next ?? null })}
              options={(set?.options ?? []).map((o) => ({ value: o.code, label: o.label[language] || o.label.vi }))}
              style={{ width: 180 }}
              aria-label={key}
            />
          );
        } else {
          input = (
            <Input
              value={typeof value === 'string' ? value : ''}
              onChange={(e) => onChange({ [key]: e.target.value === '' ? null : e.target.value })}
              style={{ width: 180 }}
              aria-label={key}
            />
          );
        }
        return (
          <Flex key={key} gap={8} align="center" wrap>
            {label}
            {input}
          </Flex>
        );
      })}
    </Flex>
  );
}
