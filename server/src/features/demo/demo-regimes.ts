/**
 * The demonstration regimes, reconstructed from public descriptions (see docs in
 * ../shared/demo-regimes.md): the shape, agencies and flow are real, the exact field lists are
 * ours. Everything here is labelled "Dữ liệu minh họa" (demonstration data) and flagged is_demo.
 *
 * A. The daily report on COVID-19 support (Resolution 68/NQ-CP, Decision 23/2021/QĐ-TTg):
 *    11 forms, 99 cells, entered by five district-level agencies on the pre-2025 tree.
 * B. A monthly socio-economic report on today's two-level tree (commune → province → VPCP).
 * C. The quarterly Government Office report on administrative procedures (Biểu 06/VPCP/KSTT shape).
 *
 * They are data: one JSON file per regime in data/regimes/, the regime as RegimeDefinition
 * spells it and its forms in a compact tabular shape (data/README.md). This file reads them,
 * expands the forms into FormDefinitions, checks both with the domain's checks and loads them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type AggregationMethod,
  aggregationMethods,
  checkFormDefinition,
  type FieldDefinition,
  type FormDefinition,
  fieldTypes,
  formFields,
  holidayCalendar,
  type LocalizedText,
  type OptionSet,
  type PeriodType,
  periodForDate,
  RegimeDefinition,
  ruleOperators,
  type SectionDefinition,
  type ValidationRuleDefinition,
  validateSchedule,
} from '@baocao/domain';
import { type Static, Type } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { Db } from '../../db/database';
import { recordAudit } from '../audit/audit.service';
import { searchTextOf } from '../regimes/regimes.service';

export const DEMO_LABEL = 'Dữ liệu minh họa';

export interface DemoRegime {
  code: string;
  definition: RegimeDefinition;
  forms: FormDefinition[];
}

/** The regime files, in the order they are loaded. */
const REGIME_FILES = ['nq68-hang-ngay.json', 'ktxh-hang-thang.json', 'vpcp-kstt-hang-quy.json'];
const REGIMES_DIR = path.join(import.meta.dirname, 'data', 'regimes');

// ---------------------------------------------------------------------------
// The compact shape of a regime file (data/README.md)
// ---------------------------------------------------------------------------

const Strict = { additionalProperties: false } as const;
const Text = Type.Object({ vi: Type.String(), en: Type.String() }, Strict);
/** `hierarchy/time`, e.g. `sum/last`. */
const Aggregation = Type.String({ pattern: `^(${aggregationMethods.join('|')})/(${aggregationMethods.join('|')})$` });
/** Anything with a code and a label: a field, row, column or option. */
const Item = { code: Type.String(), vi: Type.String(), en: Type.String() };
const Field = Type.Object(
  {
    ...Item,
    unit: Type.Optional(Type.String()),
    type: Type.Optional(Type.Union(fieldTypes.map((type) => Type.Literal(type)))),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    aggregation: Type.Optional(Aggregation),
    expression: Type.Optional(Type.String()),
  },
  Strict,
);
const Column = Type.Object(
  { ...Item, unit: Type.Optional(Type.String()), aggregation: Type.Optional(Aggregation) },
  Strict,
);
const ColumnGroup = Type.Object({ group: Text, columns: Type.Array(Column) }, Strict);
const Row = Type.Object(
  { ...Item, indent: Type.Optional(Type.Integer({ minimum: 0 })), heading: Type.Optional(Text) },
  Strict,
);
const Rule = Type.Union([
  Type.Object({ code: Type.String(), notMore: Type.Tuple([Type.String(), Type.String()]) }, Strict),
  Type.Object(
    {
      code: Type.String(),
      left: Type.String(),
      operator: Type.Union(ruleOperators.map((operator) => Type.Literal(operator))),
      right: Type.String(),
      severity: Type.Optional(Type.Union([Type.Literal('error'), Type.Literal('warning')])),
      tolerance: Type.Optional(Type.Number()),
      message: Text,
    },
    Strict,
  ),
]);
const ListSection = Type.Object(
  { code: Type.String(), title: Text, layout: Type.Literal('list'), fields: Type.Array(Field) },
  Strict,
);
const TableSection = Type.Object(
  {
    code: Type.String(),
    title: Text,
    layout: Type.Literal('table'),
    disaggregation: Type.Optional(Type.Object(Item, Strict)),
    rows: Type.Array(Row),
    total: Type.Optional(Type.Object({ ...Item, labels: Type.Optional(Type.Record(Type.String(), Text)) }, Strict)),
    columns: Type.Array(Type.Union([Column, ColumnGroup])),
    rowRules: Type.Optional(Type.Array(Rule)),
  },
  Strict,
);
const FormDefaults = Type.Object({ note: Type.Optional(Text), aggregation: Type.Optional(Aggregation) }, Strict);
const Form = Type.Object(
  {
    code: Type.String(),
    title: Text,
    entryUnitKinds: Type.Array(Type.String()),
    note: Type.Optional(Text),
    subject: Type.Optional(Text),
    sections: Type.Array(Type.Union([ListSection, TableSection])),
    rules: Type.Optional(Type.Array(Rule)),
  },
  Strict,
);
const RegimeFile = Type.Object(
  {
    code: Type.String(),
    definition: Type.Omit(RegimeDefinition, ['isDemo']),
    formDefaults: Type.Optional(FormDefaults),
    forms: Type.Array(Form),
  },
  Strict,
);
type Text = Static<typeof Text>;
type Field = Static<typeof Field>;
type Column = Static<typeof Column>;
type Row = Static<typeof Row>;
type Rule = Static<typeof Rule>;
type TableSection = Static<typeof TableSection>;
type FormDefaults = Static<typeof FormDefaults>;
type Form = Static<typeof Form>;
type RegimeFile = Static<typeof RegimeFile>;

const ajv = new Ajv({ strict: false });
addFormats.default(ajv);
const checkRegimeFile = ajv.compile<RegimeFile>(RegimeFile);

// ---------------------------------------------------------------------------
// Expansion into the domain's definitions
// ---------------------------------------------------------------------------

const label = (item: { vi: string; en: string }): LocalizedText => ({ vi: item.vi, en: item.en });
const MONEY_UNITS = ['triệu đồng', 'tỷ đồng'];

function aggregation(value: string | undefined, fallback: string | undefined, where: string) {
  const [hierarchy, time] = (value ?? fallback ?? '').split('/') as [AggregationMethod, AggregationMethod];
  if (time === undefined) throw new Error(`${where}: no aggregation, and no default in formDefaults`);
  return { hierarchy, time };
}

/**
 * A field without a type is a count, or an amount when its unit is money, and is never negative;
 * a field with a type has the bounds it states.
 */
function field(data: Field, defaultAggregation: string | undefined, extra: Partial<FieldDefinition> = {}) {
  const count = data.type === undefined;
  const result: FieldDefinition = {
    code: data.code,
    label: label(data),
    type: data.type ?? (MONEY_UNITS.includes(data.unit ?? '') ? 'money' : 'integer'),
    ...(data.unit === undefined ? {} : { unit: data.unit }),
    ...(data.min === undefined ? (count ? { min: 0 } : {}) : { min: data.min }),
    ...(data.max === undefined ? {} : { max: data.max }),
    aggregation: aggregation(data.aggregation, defaultAggregation, `field ${data.code}`),
    ...extra,
  };
  if (data.expression !== undefined) result.expression = data.expression;
  return result;
}

/** Replaces `{name}` by its value, for the placeholders of row rules. */
const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(row|label|heading)\}/g, (whole, name: string) => values[name] ?? whole);

/**
 * A rule, in full or as `notMore: [a, b]` (a ≤ b, an error whose message starts with the subject).
 * In row rules, `{row}` is the row's code, `{label}` its label and `{heading}` its heading's.
 */
function rule(data: Rule, subject: Text | undefined, values: Record<'vi' | 'en', Record<string, string>>) {
  const code = fill(data.code, values.vi);
  if ('notMore' in data) {
    if (!subject) throw new Error(`rule ${code}: notMore needs the form's subject`);
    const [smaller, larger] = data.notMore.map((side) => fill(side, values.vi)) as [string, string];
    return {
      code,
      left: `#{${smaller}}`,
      operator: '<=',
      right: `#{${larger}}`,
      severity: 'error',
      message: {
        vi: `${subject.vi}: ${smaller} không được lớn hơn ${larger}.`,
        en: `${subject.en}: ${smaller} must not exceed ${larger}.`,
      },
    } satisfies ValidationRuleDefinition;
  }
  return {
    code,
    left: fill(data.left, values.vi),
    operator: data.operator,
    right: fill(data.right, values.vi),
    severity: data.severity ?? 'error',
    message: { vi: fill(data.message.vi, values.vi), en: fill(data.message.en, values.en) },
    ...(data.tolerance === undefined ? {} : { tolerance: data.tolerance }),
  } satisfies ValidationRuleDefinition;
}

/** A table section and what it adds to its form: its option set, its row rules. */
interface Table {
  section: SectionDefinition;
  optionSets: OptionSet[];
  rules: ValidationRuleDefinition[];
}

/**
 * A table: one field per cell, coded `<row>_<column>`; or, with a disaggregation, one field per
 * column whose options are the rows, and the total row's computed sums. Heading rows have no
 * cells, and row rules are repeated for each other row.
 */
function table(data: TableSection, defaults: FormDefaults): Table {
  const columns = data.columns.flatMap((entry): { column: Column; group?: Text }[] =>
    'group' in entry ? entry.columns.map((column) => ({ column, group: entry.group })) : [{ column: entry }],
  );
  const heading = (column: Column, group: Text | undefined, lang: 'vi' | 'en') =>
    `${group ? `${group[lang]}: ` : ''}${column[lang]}`;
  const cellLabel = (row: Text, column: Column, group: Text | undefined) => ({
    vi: `${row.vi} — ${heading(column, group, 'vi')}`,
    en: `${row.en} — ${heading(column, group, 'en')}`,
  });
  const cell = (code: string, text: Text, column: Column, placement: Partial<FieldDefinition>) =>
    field({ code, ...text, unit: column.unit, aggregation: column.aggregation }, defaults.aggregation, placement);

  const rules: ValidationRuleDefinition[] = [];
  const cellRows: Row[] = [];
  let under: Text | undefined;
  for (const row of data.rows) {
    if (row.heading) {
      under = row.heading;
      continue;
    }
    cellRows.push(row);
    const values = (lang: 'vi' | 'en') => ({ row: row.code, label: row[lang], heading: under?.[lang] ?? '' });
    for (const template of data.rowRules ?? [])
      rules.push(rule(template, label(row), { vi: values('vi'), en: values('en') }));
  }
  const rows: NonNullable<SectionDefinition['rows']> = data.rows.map((row) => ({
    code: row.code,
    label: label(row),
    ...(row.indent === undefined ? {} : { indent: row.indent }),
  }));
  const section = (fields: FieldDefinition[]): SectionDefinition => ({
    code: data.code,
    title: data.title,
    layout: 'table',
    rows,
    columns: columns.map(({ column, group }) => ({
      code: column.code,
      label: label(column),
      ...(column.unit === undefined ? {} : { unit: column.unit }),
      ...(group ? { group } : {}),
    })),
    fields,
  });

  const { disaggregation, total } = data;
  if (!disaggregation) {
    if (total) throw new Error(`table ${data.code}: a total row needs a disaggregation`);
    const fields = cellRows.flatMap((row) =>
      columns.map(({ column, group }) =>
        cell(`${row.code}_${column.code}`, cellLabel(row, column, group), column, {
          row: row.code,
          column: column.code,
        }),
      ),
    );
    return { section: section(fields), optionSets: [], rules };
  }
  const optionSet: OptionSet = {
    code: disaggregation.code,
    label: label(disaggregation),
    options: cellRows.map((row) => ({ code: row.code, label: label(row) })),
  };
  const fields = columns.map(({ column, group }) =>
    cell(column.code, { vi: heading(column, group, 'vi'), en: heading(column, group, 'en') }, column, {
      disaggregation: disaggregation.code,
      column: column.code,
    }),
  );
  if (total) {
    rows.push({ code: total.code, label: label(total) });
    for (const { column, group } of columns)
      fields.push(
        cell(`${total.code}_${column.code}`, total.labels?.[column.code] ?? cellLabel(total, column, group), column, {
          row: total.code,
          column: column.code,
          expression: `sum(${cellRows.map((row) => `#{${column.code}.${row.code}}`).join(', ')})`,
        }),
      );
  }
  return { section: section(fields), optionSets: [optionSet], rules };
}

function form(data: Form, defaults: FormDefaults): FormDefinition {
  const note = data.note ?? defaults.note;
  const sections: SectionDefinition[] = [];
  const optionSets: OptionSet[] = [];
  const rules = (data.rules ?? []).map((r) => rule(r, data.subject, { vi: {}, en: {} }));
  for (const section of data.sections) {
    if (section.layout === 'list') {
      const fields = section.fields.map((f) => field(f, defaults.aggregation));
      sections.push({ code: section.code, title: section.title, layout: 'list', fields });
      continue;
    }
    const expanded = table(section, defaults);
    sections.push(expanded.section);
    optionSets.push(...expanded.optionSets);
    rules.push(...expanded.rules);
  }
  return {
    code: data.code,
    title: data.title,
    instructions: {
      vi: `${DEMO_LABEL}: biểu mẫu tái dựng theo mô tả công khai, không phải biểu mẫu chính thức.${note ? ` ${note.vi}` : ''}`,
      en: `Demonstration data: a form reconstructed from public descriptions, not the official one.${note ? ` ${note.en}` : ''}`,
    },
    entryUnitKinds: data.entryUnitKinds,
    sections,
    optionSets,
    rules,
  };
}

/** Every problem the domain finds in a regime: its schedules for the first period, its forms with their siblings. */
function problemsOf(regime: DemoRegime): string[] {
  const { definition } = regime;
  const firstPeriod = periodForDate(definition.frequency as PeriodType, definition.validFrom);
  const problems = definition.schedules.flatMap((schedule, index) =>
    validateSchedule(schedule, firstPeriod, definition.dataWindow, holidayCalendar([])).map(
      (issue) => `schedules.${index}.${issue.field}: ${issue.message.en}`,
    ),
  );
  const fieldsOf = (form: FormDefinition) => {
    const sets = new Map(form.optionSets.map((set) => [set.code, new Set(set.options.map((o) => o.code))]));
    return new Map(formFields(form).map((f) => [f.code, sets.get(f.disaggregation ?? '') ?? new Set<string>()]));
  };
  for (const form of regime.forms) {
    const otherForms = new Map(regime.forms.filter((f) => f !== form).map((f) => [f.code, fieldsOf(f)]));
    for (const problem of checkFormDefinition(form, { otherForms, formCode: form.code }))
      problems.push(`${form.code} ${problem.severity} at ${problem.path}: ${problem.message.en}`);
  }
  return problems;
}

/**
 * A regime from the parsed JSON of its file (`source` names it in errors): the file's shape
 * checked, its forms expanded, then everything checked by the domain — problems of either
 * severity are refused, since the demo data is ours to keep clean.
 */
export function expandRegime(data: unknown, source: string): DemoRegime {
  if (!checkRegimeFile(data)) throw new Error(`demo regime ${source}: ${ajv.errorsText(checkRegimeFile.errors)}`);
  const defaults = data.formDefaults ?? {};
  const regime: DemoRegime = {
    code: data.code,
    definition: { ...data.definition, content: `[${DEMO_LABEL}] ${data.definition.content}`, isDemo: true },
    forms: data.forms.map((f) => form(f, defaults)),
  };
  const problems = problemsOf(regime);
  if (problems.length > 0) throw new Error(`demo regime ${source}:\n${problems.join('\n')}`);
  return regime;
}

/** Every demo regime with its forms, as they are loaded: read from data/regimes/, expanded and checked. */
export function demoRegimes(): DemoRegime[] {
  return REGIME_FILES.map((file) => expandRegime(JSON.parse(readFileSync(path.join(REGIMES_DIR, file), 'utf8')), file));
}

/**
 * Loads the demo regimes that are not there yet (by code): each active, with every form
 * published as version 1. Safe to call on every start. Returns the codes it created.
 */
export async function loadDemoRegimes(db: Db): Promise<string[]> {
  const created: string[] = [];
  for (const regime of demoRegimes()) {
    const exists = await db.selectFrom('regimes').select('id').where('code', '=', regime.code).executeTakeFirst();
    if (exists) continue;
    const { definition } = regime;
    const owner = await db
      .selectFrom('units')
      .select('id')
      .where('code', '=', definition.ownerUnitCode)
      .orderBy('validFrom')
      .executeTakeFirst();
    await db.transaction().execute(async (tx) => {
      const now = new Date();
      const row = await tx
        .insertInto('regimes')
        .values({
          code: regime.code,
          definition: JSON.stringify(definition),
          status: 'active',
          ownerUnitId: owner?.id ?? null,
          searchText: searchTextOf(regime.code, definition),
          isDemo: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [index, form] of regime.forms.entries()) {
        const formRow = await tx
          .insertInto('forms')
          .values({ regimeId: row.id, code: form.code, sortOrder: index + 1 })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('formVersions')
          .values({
            formId: formRow.id,
            number: 1,
            status: 'published',
            definition: JSON.stringify(form),
            publishedAt: now,
          })
          .execute();
      }
      await recordAudit(tx, null, [
        {
          action: 'regime.create',
          objectType: 'regime',
          objectId: row.id,
          unitId: null,
          after: { code: regime.code, demo: true, forms: regime.forms.map((f) => f.code) },
        },
      ]);
    });
    created.push(regime.code);
  }
  return created;
}
