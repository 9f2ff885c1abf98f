import { CalculatorOutlined, PlusOutlined } from '@ant-design/icons';
import type { FormDefinition, FormProblem, SectionDefinition } from '@baocao/domain';
import { Button, Card, Col, Flex, Input, Row, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  type Language,
  moveItem,
  newField,
  newSection,
  problemsUnder,
  removeItem,
  replaceItem,
} from './definition-editing';
import { FieldsTable } from './fields-table';
import { LinesEditor } from './lines-editor';
import { OrderButtons } from './order-buttons';
import { ProblemBadge } from './problem-badge';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

interface StructureEditorProps {
  form: FormDefinition;
  onChange: (form: FormDefinition) => void;
  readOnly: boolean;
  problems: readonly FormProblem[];
  onEditField: (section: number, field: number) => void;
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
