/**
 * The shape of a form version (biểu mẫu): sections laid out as tables (rows =
 * items, columns = measures) whose cells are fields, plus option sets for
 * choices and disaggregations, computed fields and validation rules. Stored as
 * JSON in a form version; a published version never changes, and data always
 * names the version it was entered on.
 *
 * A cell of data is keyed by the field code, or `field.option` when the field is
 * disaggregated by an option set (e.g. `nguoi_duoc_ho_tro.nu`).
 */
import { type Static, Type } from '@sinclair/typebox';

const Code = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$', maxLength: 40 });
const Label = Type.Object(
  { vi: Type.String({ minLength: 1, maxLength: 500 }), en: Type.String({ maxLength: 500 }) },
  { additionalProperties: false },
);
export const LocalizedText = Label;
export type LocalizedText = Static<typeof Label>;

export const fieldTypes = ['integer', 'decimal', 'money', 'percent', 'text', 'date', 'boolean', 'choice'] as const;
export type FieldType = (typeof fieldTypes)[number];
export const aggregationMethods = ['sum', 'average', 'min', 'max', 'first', 'last', 'none'] as const;
export type AggregationMethod = (typeof aggregationMethods)[number];

export const OptionSet = Type.Object(
  {
    code: Code,
    label: Label,
    options: Type.Array(Type.Object({ code: Code, label: Label }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 100,
    }),
  },
  { additionalProperties: false },
);
export type OptionSet = Static<typeof OptionSet>;

export const FieldDefinition = Type.Object(
  {
    code: Code,
    label: Label,
    type: Type.Union(fieldTypes.map((t) => Type.Literal(t))),
    /** Unit of measure shown beside the value: "người", "triệu đồng", "%", "hồ sơ". */
    unit: Type.Optional(Type.String({ maxLength: 40 })),
    required: Type.Optional(Type.Boolean()),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    /** Option set for `choice` fields. */
    optionSet: Type.Optional(Code),
    /** Option set that disaggregates this field: one cell per option. */
    disaggregation: Type.Optional(Code),
    /** How the field aggregates up the hierarchy and over time. */
    aggregation: Type.Object(
      {
        hierarchy: Type.Union(aggregationMethods.map((m) => Type.Literal(m))),
        time: Type.Union(aggregationMethods.map((m) => Type.Literal(m))),
      },
      { additionalProperties: false },
    ),
    /** Computed fields are not entered: the expression is evaluated at every level (ratios from summed parts). */
    expression: Type.Optional(Type.String({ maxLength: 2000 })),
    /** A missing value must come with a comment explaining why. */
    commentWhenMissing: Type.Optional(Type.Boolean()),
    /**
     * Placement in a table section: the cell at `row` × `column`. A disaggregated field takes a
     * column only; its options' cells go down the rows whose codes are the option codes.
     */
    row: Type.Optional(Code),
    column: Type.Optional(Code),
    help: Type.Optional(Label),
  },
  { additionalProperties: false },
);
export type FieldDefinition = Static<typeof FieldDefinition>;

export const SectionDefinition = Type.Object(
  {
    code: Code,
    title: Label,
    /** `table`: rows × columns; `list`: one field per line; `narrative`: free text of the outline (đề cương). */
    layout: Type.Union([Type.Literal('table'), Type.Literal('list'), Type.Literal('narrative')]),
    rows: Type.Optional(
      Type.Array(
        Type.Object(
          { code: Code, label: Label, indent: Type.Optional(Type.Integer({ minimum: 0, maximum: 4 })) },
          { additionalProperties: false },
        ),
        { maxItems: 200 },
      ),
    ),
    columns: Type.Optional(
      Type.Array(
        Type.Object(
          {
            code: Code,
            label: Label,
            unit: Type.Optional(Type.String({ maxLength: 40 })),
            /** A heading shared by consecutive columns, printed merged above them (e.g. a stage over its measures). */
            group: Type.Optional(Label),
          },
          { additionalProperties: false },
        ),
        { maxItems: 60 },
      ),
    ),
    fields: Type.Array(FieldDefinition, { maxItems: 2000 }),
  },
  { additionalProperties: false },
);
export type SectionDefinition = Static<typeof SectionDefinition>;

export const ruleOperators = ['=', '!=', '<', '<=', '>', '>='] as const;
export type RuleOperator = (typeof ruleOperators)[number];

export const ValidationRuleDefinition = Type.Object(
  {
    code: Code,
    left: Type.String({ minLength: 1, maxLength: 2000 }),
    operator: Type.Union(ruleOperators.map((o) => Type.Literal(o))),
    right: Type.String({ minLength: 1, maxLength: 2000 }),
    severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
    /** Absolute tolerance for comparisons (e.g. cross-source money checks). */
    tolerance: Type.Optional(Type.Number({ minimum: 0 })),
    message: Label,
  },
  { additionalProperties: false },
);
export type ValidationRuleDefinition = Static<typeof ValidationRuleDefinition>;

export const FormDefinition = Type.Object(
  {
    code: Code,
    title: Label,
    instructions: Type.Optional(Label),
    /** Unit kinds that enter this form (e.g. social_insurance_district for Biểu 01). */
    entryUnitKinds: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 }),
    sections: Type.Array(SectionDefinition, { minItems: 1, maxItems: 50 }),
    optionSets: Type.Array(OptionSet, { maxItems: 50 }),
    rules: Type.Array(ValidationRuleDefinition, { maxItems: 500 }),
  },
  { additionalProperties: false },
);
export type FormDefinition = Static<typeof FormDefinition>;

/** A value of one cell. */
export type CellValue = number | string | boolean | null;
/** The values of a report: cell key (`field` or `field.option`) → value. */
export type CellValues = Record<string, CellValue>;
