import type { CellValue, FormDefinition } from '@baocao/domain';
import { Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCellValue } from '../../components/report-grid/cell-values';
import { languageOf } from '../../reporting/report-labels';

/** Shows a cell's value as the grid does (vi-VN numbers, option labels), or a dash when empty. */
export function useCellFormatter(form: FormDefinition) {
  const { i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const fields = useMemo(() => new Map(form.sections.flatMap((s) => s.fields).map((f) => [f.code, f])), [form]);
  return (key: string, value: unknown) => {
    if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
    const field = fields.get(key.split('.')[0]!);
    return field ? formatCellValue(form, field, value as CellValue, language) : String(value);
  };
}
