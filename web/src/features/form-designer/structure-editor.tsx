import { CalculatorOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { FieldDefinition, FormDefinition, FormProblem, SectionDefinition } from '@baocao/domain';
import {
  Badge,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  moveItem,
  newField,
  newLabelledItem,
  newSection,
  problemsUnder,
  removeItem,
  replaceItem,
} from './definition-editing';
import { AddItemButton, OrderButtons } from './order-buttons';

type Language = 'vi' | 'en';
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

interface StructureEditorProps {
  form: FormDefinition;
  onChange: (form: FormDefinition) => void;
  readOnly: boolean;
  problems: readonly FormProblem[];
  onEditField: (section: number, field: number) => void;
}

/** Problems of an item as a red (errors) or orange (warnings only) count. */
function ProblemBadge({ problems }: { problems: readonly FormProblem[] }) {
  const { i18n } = useTranslation();
  if (problems.length === 0) return null;
  const error = problems.some((p) => p.severity === 'error');
  return (
    <Tooltip title={problems.map((p) => p.message[i18n.language === 'en' ? 'en' : 'vi']).join('\n')}>
      <Badge count={problems.length} color={error ? '#cf1322' : '#d48806'} size="small" />
    </Tooltip>
  );
}

/**
 * Sections, their rows and columns (table layout) and their fields: add, edit in place, reorder
 * with the arrow buttons, remove. A field's details open in the field editor.
 */
export function StructureEditor({ form, onChange, readOnly, problems, onEditField }: StructureEditorProps) {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'vi';
  const setSection = (index: number, section: SectionDefinition) =>
    onChange({ ...form, sections: replaceItem(form.sections, index, section) });

  return (
    <Flex vertical gap={16} data-testid="structure-editor">
      {form.sections.map((section, index) => (
        <SectionCard
          // biome-ignore lint/suspicious/noArrayIndexKey: sections are edited in place (codes change as typed) and reordered only by the buttons, so the position is the identity
          key={index}
          section={section}
          index={index}
          count={form.sections.length}
          language={language}
          readOnly={readOnly}
          problems={problemsUnder(problems, `sections.${index}`)}
          onChange={(next) => setSection(index, next)}
          onMove={(delta) => onChange({ ...form, sections: moveItem(form.sections, index, delta) })}
          onRemove={() => onChange({ ...form, sections: removeItem(form.sections, index) })}
          onEditField={(field) => onEditField(index, field)}
          onAddField={(computed) => {
            const field = newField(form, index, {
              computed,
              label: {
                vi: computed ? t('regimes.designer.newComputedField') : t('regimes.designer.newField'),
                en: '',
              },
            });
            setSection(index, { ...section, fields: [...section.fields, field] });
            onEditField(index, section.fields.length);
          }}
        />
      ))}
      {readOnly ? null : (
        <div>
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              onChange({
                ...form,
                sections: [...form.sections, newSection(form, { vi: t('regimes.designer.newSection'), en: '' })],
              })
            }
            data-testid="add-section"
          >
            {t('regimes.designer.addSection')}
          </Button>
        </div>
      )}
    </Flex>
  );
}

function SectionCard({
  section,
  index,
  count,
  language,
  readOnly,
  problems,
  onChange,
  onMove,
  onRemove,
  onEditField,
  onAddField,
}: {
  section: SectionDefinition;
  index: number;
  count: number;
  language: Language;
  readOnly: boolean;
  problems: readonly FormProblem[];
  onChange: (section: SectionDefinition) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
  onEditField: (field: number) => void;
  onAddField: (computed: boolean) => void;
}) {
  const { t } = useTranslation();
  const base = `sections.${index}`;
  const own = problems.filter((p) => !p.path.startsWith(`${base}.fields.`));
  const table = section.layout === 'table';
  const fieldProblems = (fieldIndex: number) => problemsUnder(problems, `${base}.fields.${fieldIndex}`);

  return (
    <Card
      id={`designer-section-${index}`}
      size="small"
      data-testid={`section-${index}`}
      title={
        <Flex gap={8} align="center">
          <Typography.Text strong>
            {t('regimes.designer.sectionNumber', { number: ROMAN[index] ?? index + 1 })}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontWeight: 400 }} ellipsis>
            {section.title[language] || section.title.vi}
          </Typography.Text>
          <ProblemBadge problems={own} />
        </Flex>
      }
      extra={
        <OrderButtons
          index={index}
          count={count}
          onMove={onMove}
          onRemove={onRemove}
          removeConfirm={t('regimes.designer.removeSectionConfirm', { count: section.fields.length })}
          disabled={readOnly || count === 1}
          label={section.code}
        />
      }
      style={{ scrollMarginTop: 80 }}
    >
      <Row gutter={[12, 8]}>
        <Col xs={24} md={5}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('regimes.designer.code')}
          </Typography.Text>
          <Input
            value={section.code}
            onChange={(e) => onChange({ ...section, code: e.target.value.trim() })}
            readOnly={readOnly}
            status={problemsUnder(own, `${base}.code`).length ? 'error' : undefined}
            style={{ fontFamily: 'monospace' }}
            aria-label={`${t('regimes.designer.sectionCode')} ${index + 1}`}
            data-testid={`section-${index}-code`}
          />
        </Col>
        <Col xs={24} md={8}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('regimes.designer.titleVi')}
          </Typography.Text>
          <Input
            value={section.title.vi}
            onChange={(e) => onChange({ ...section, title: { ...section.title, vi: e.target.value } })}
            readOnly={readOnly}
            status={problemsUnder(own, `${base}.title`).length ? 'error' : undefined}
            aria-label={`${t('regimes.designer.sectionTitle')} ${index + 1}`}
            data-testid={`section-${index}-title`}
          />
        </Col>
        <Col xs={24} md={6}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('regimes.designer.titleEn')}
          </Typography.Text>
          <Input
            value={section.title.en}
            onChange={(e) => onChange({ ...section, title: { ...section.title, en: e.target.value } })}
            readOnly={readOnly}
          />
        </Col>
        <Col xs={24} md={5}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('regimes.designer.layout')}
          </Typography.Text>
          <Select
            value={section.layout}
            onChange={(layout) =>
              onChange({
                ...section,
                layout,
                ...(layout === 'table' ? { rows: section.rows ?? [], columns: section.columns ?? [] } : {}),
              })
            }
            disabled={readOnly}
            style={{ width: '100%' }}
            options={(['table', 'list', 'narrative'] as const).map((layout) => ({
              value: layout,
              label: t(`regimes.designer.layouts.${layout}`),
            }))}
            aria-label={`${t('regimes.designer.layout')} ${index + 1}`}
            data-testid={`section-${index}-layout`}
          />
        </Col>
      </Row>
      {own.length > 0 ? (
        <Flex vertical style={{ marginTop: 8 }}>
          {own.map((problem) => (
            <Typography.Text
              key={`${problem.path}-${problem.code}`}
              type={problem.severity === 'error' ? 'danger' : 'warning'}
              style={{ fontSize: 13 }}
            >
              {problem.message[language]}
            </Typography.Text>
          ))}
        </Flex>
      ) : null}
      {table ? (
        <Row gutter={16} style={{ marginTop: 12 }}>
          <Col xs={24} lg={12}>
            <LinesEditor
              kind="rows"
              section={section}
              sectionIndex={index}
              readOnly={readOnly}
              onChange={(rows) => onChange({ ...section, rows })}
            />
          </Col>
          <Col xs={24} lg={12}>
            <LinesEditor
              kind="columns"
              section={section}
              sectionIndex={index}
              readOnly={readOnly}
              onChange={(columns) => onChange({ ...section, columns })}
            />
          </Col>
        </Row>
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 16, fontSize: 14 }}>
        {t('regimes.designer.fields')}
      </Typography.Title>
      <FieldsTable
        section={section}
        sectionIndex={index}
        language={language}
        readOnly={readOnly}
        fieldProblems={fieldProblems}
        onEdit={onEditField}
        onMove={(fieldIndex, delta) => onChange({ ...section, fields: moveItem(section.fields, fieldIndex, delta) })}
        onRemove={(fieldIndex) => onChange({ ...section, fields: removeItem(section.fields, fieldIndex) })}
      />
      {readOnly ? null : (
        <Space style={{ marginTop: 8 }}>
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => onAddField(false)}
            data-testid={`add-field-${index}`}
          >
            {t('regimes.designer.addField')}
          </Button>
          <Button
            size="small"
            icon={<CalculatorOutlined />}
            onClick={() => onAddField(true)}
            data-testid={`add-computed-field-${index}`}
          >
            {t('regimes.designer.addComputedField')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

type Line = NonNullable<SectionDefinition['rows']>[number] & { unit?: string; group?: { vi: string; en: string } };

/** The rows (items) or columns (measures) of a table section, edited in place. */
function LinesEditor({
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

function FieldsTable({
  section,
  sectionIndex,
  language,
  readOnly,
  fieldProblems,
  onEdit,
  onMove,
  onRemove,
}: {
  section: SectionDefinition;
  sectionIndex: number;
  language: Language;
  readOnly: boolean;
  fieldProblems: (index: number) => FormProblem[];
  onEdit: (index: number) => void;
  onMove: (index: number, delta: number) => void;
  onRemove: (index: number) => void;
}) {
  const { t } = useTranslation();
  if (section.fields.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('regimes.designer.noFields')} />;
  const placement = (field: FieldDefinition): ReactNode => {
    if (section.layout !== 'table') return null;
    if (field.disaggregation) return `${field.column ?? '?'} × ${field.disaggregation}`;
    return `${field.row ?? '?'} × ${field.column ?? '?'}`;
  };
  return (
    <Table<FieldDefinition & { index: number }>
      size="small"
      pagination={false}
      rowKey="index"
      dataSource={section.fields.map((field, index) => ({ ...field, index }))}
      data-testid={`section-${sectionIndex}-fields`}
      onRow={(field) => ({ onDoubleClick: () => onEdit(field.index) })}
      columns={[
        { title: '#', dataIndex: 'index', width: 40, render: (index: number) => index + 1 },
        {
          title: t('regimes.designer.code'),
          dataIndex: 'code',
          width: 170,
          render: (code: string, field) => (
            <Space size={4}>
              <Typography.Text code>{code}</Typography.Text>
              <ProblemBadge problems={fieldProblems(field.index)} />
            </Space>
          ),
        },
        {
          title: t('regimes.designer.label'),
          key: 'label',
          render: (_, field) => (
            <div>
              {field.label[language] || field.label.vi}
              {field.expression !== undefined ? (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }} ellipsis>
                    = {field.expression || '…'}
                  </Typography.Text>
                </div>
              ) : null}
            </div>
          ),
        },
        {
          title: t('regimes.designer.field.type'),
          key: 'type',
          width: 150,
          render: (_, field) => (
            <span>
              {t(`regimes.designer.fieldType.${field.type}`)}
              {field.unit ? <Typography.Text type="secondary"> ({field.unit})</Typography.Text> : null}
            </span>
          ),
        },
        ...(section.layout === 'table'
          ? [
              {
                title: t('regimes.designer.placement'),
                key: 'placement',
                width: 120,
                render: (_: unknown, field: FieldDefinition) => (
                  <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }}>
                    {placement(field)}
                  </Typography.Text>
                ),
              },
            ]
          : []),
        {
          title: t('regimes.designer.properties'),
          key: 'flags',
          width: 170,
          render: (_, field) => (
            <Flex gap={2} wrap>
              {field.expression !== undefined ? <Tag color="cyan">{t('regimes.designer.tags.computed')}</Tag> : null}
              {field.required ? <Tag color="red">{t('regimes.designer.tags.required')}</Tag> : null}
              {field.disaggregation ? <Tag color="purple">{field.disaggregation}</Tag> : null}
              {field.commentWhenMissing ? <Tag>{t('regimes.designer.tags.comment')}</Tag> : null}
            </Flex>
          ),
        },
        {
          title: '',
          key: 'actions',
          width: readOnly ? 50 : 130,
          render: (_, field) => (
            <Space size={0}>
              <Tooltip title={readOnly ? t('regimes.designer.view') : t('common.edit')}>
                <Button
                  type="text"
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => onEdit(field.index)}
                  aria-label={`${t('common.edit')} ${field.code}`}
                  data-testid={`edit-field-${field.code}`}
                />
              </Tooltip>
              <OrderButtons
                index={field.index}
                count={section.fields.length}
                onMove={(delta) => onMove(field.index, delta)}
                onRemove={() => onRemove(field.index)}
                removeConfirm={t('regimes.designer.removeFieldConfirm', { code: field.code })}
                disabled={readOnly}
                label={field.code}
              />
            </Space>
          ),
        },
      ]}
    />
  );
}
