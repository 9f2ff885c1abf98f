import type { SectionDefinition } from '@baocao/domain';
import { Flex, Input, InputNumber, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { moveItem, newLabelledItem, removeItem, replaceItem } from './definition-editing';
import { AddItemButton, OrderButtons } from './order-buttons';

type Line = NonNullable<SectionDefinition['rows']>[number] & { unit?: string; group?: { vi: string; en: string } };

/** The rows (items) or columns (measures) of a table section, edited in place. */
export function LinesEditor({
  kind,
  section,
  sectionIndex,
  readOnly,
  onChange,
}: {
  kind: 'rows' | 'columns';
  section: SectionDefinition;
  sectionIndex: number;
  readOnly: boolean;
  onChange: (lines: Line[]) => void;
}) {
  const { t } = useTranslation();
  const lines: Line[] = (kind === 'rows' ? section.rows : section.columns) ?? [];
  const set = (index: number, line: Line) => onChange(replaceItem(lines, index, line));
  const testId = `section-${sectionIndex}-${kind}`;
  return (
    <div data-testid={testId}>
      <Typography.Text strong>
        {kind === 'rows' ? t('regimes.designer.rows') : t('regimes.designer.columns')}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
        {kind === 'rows' ? t('regimes.designer.rowsHint') : t('regimes.designer.columnsHint')}
      </Typography.Text>
      <Flex vertical gap={4} style={{ marginTop: 6 }}>
        {lines.length === 0 ? (
          <Typography.Text type="secondary">{t('regimes.designer.noLines')}</Typography.Text>
        ) : null}
        {lines.map((line, index) => (
          <Flex
            // biome-ignore lint/suspicious/noArrayIndexKey: lines are edited in place and reordered only by the buttons
            key={index}
            gap={4}
            align="center"
          >
            <Input
              size="small"
              value={line.code}
              onChange={(e) => set(index, { ...line, code: e.target.value.trim() })}
              readOnly={readOnly}
              style={{ width: 110, fontFamily: 'monospace' }}
              aria-label={`${t('regimes.designer.code')} ${kind} ${index + 1}`}
              data-testid={`${testId}-${index}-code`}
            />
            <Input
              size="small"
              value={line.label.vi}
              onChange={(e) => set(index, { ...line, label: { ...line.label, vi: e.target.value } })}
              readOnly={readOnly}
              placeholder={t('regimes.designer.labelVi')}
              style={{ flex: 1, minWidth: 120, paddingInlineStart: kind === 'rows' ? 7 + (line.indent ?? 0) * 12 : 7 }}
              aria-label={`${t('regimes.designer.labelVi')} ${kind} ${index + 1}`}
              data-testid={`${testId}-${index}-label`}
            />
            {kind === 'rows' ? (
              <Tooltip title={t('regimes.designer.indent')}>
                <InputNumber
                  size="small"
                  min={0}
                  max={4}
                  precision={0}
                  value={line.indent ?? 0}
                  onChange={(indent) => {
                    const next = { ...line };
                    if (indent) next.indent = indent;
                    else delete next.indent;
                    set(index, next);
                  }}
                  readOnly={readOnly}
                  style={{ width: 56 }}
                  aria-label={t('regimes.designer.indent')}
                />
              </Tooltip>
            ) : (
              <Input
                size="small"
                value={line.unit ?? ''}
                onChange={(e) => {
                  const { unit: _unit, ...rest } = line;
                  set(index, e.target.value ? { ...rest, unit: e.target.value } : rest);
                }}
                readOnly={readOnly}
                placeholder={t('regimes.designer.field.unit')}
                style={{ width: 90 }}
                data-testid={`${testId}-${index}-unit`}
              />
            )}
            <OrderButtons
              index={index}
              count={lines.length}
              onMove={(delta) => onChange(moveItem(lines, index, delta))}
              onRemove={() => onChange(removeItem(lines, index))}
              disabled={readOnly}
              label={line.code}
            />
          </Flex>
        ))}
        <AddItemButton
          readOnly={readOnly}
          onClick={() =>
            onChange([
              ...lines,
              kind === 'rows'
                ? newLabelledItem('d', lines, t('regimes.designer.newRow'))
                : newLabelledItem('c', lines, t('regimes.designer.newColumn')),
            ])
          }
          testId={`${testId}-add`}
        >
          {kind === 'rows' ? t('regimes.designer.addRow') : t('regimes.designer.addColumn')}
        </AddItemButton>
      </Flex>
    </div>
  );
}
