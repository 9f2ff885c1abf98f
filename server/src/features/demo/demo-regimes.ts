/**
 * The demonstration regimes, reconstructed from public descriptions (see docs in
 * ../shared/demo-regimes.md): the shape, agencies and flow are real, the exact field lists are
 * ours. Everything here is labelled "Dữ liệu minh họa" (demonstration data) and flagged is_demo.
 *
 * A. The daily report on COVID-19 support (Resolution 68/NQ-CP, Decision 23/2021/QĐ-TTg):
 *    11 forms, 99 cells, entered by five district-level agencies on the pre-2025 tree.
 * B. A monthly socio-economic report on today's two-level tree (commune → province → VPCP).
 * C. The quarterly Government Office report on administrative procedures (Biểu 06/VPCP/KSTT shape).
 * D. A monthly public investment disbursement report along the State Treasury's own hierarchy
 *    (kbnn, demo-treasury.ts): district treasuries enter, provincial treasuries consolidate.
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
import { type Static, type TOptional, type TProperties, Type } from '@sinclair/typebox';
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

/**
 * Later versions of demo regimes, so the effect of an amendment shows: the quarterly report on
 * administrative procedures is amended (illustratively) by Circular 5/2025/TT-VPCP, which gives
 * provinces six working days after the cut-off instead of four from the third quarter of 2025.
 * Periods before it keep the old deadline.
 */
const DEMO_AMENDMENTS: Record<
  string,
  { effectiveFrom: string; legalBasis: string; amend: (d: RegimeDefinition) => RegimeDefinition }[]
> = {
  'VPCP-KSTT-HANG-QUY': [
    {
      effectiveFrom: '2025-07-01',
      legalBasis: 'Thông tư 5/2025/TT-VPCP',
      amend: (definition) => ({
        ...definition,
        deadline: 'Trong 6 ngày làm việc sau ngày chốt số liệu của quý.',
        legalBasis: `${definition.legalBasis} Thông tư 5/2025/TT-VPCP (thay thế Thông tư 01/2020/TT-VPCP).`,
        schedules: definition.schedules.map((schedule) => ({
          ...schedule,
          due: { ...schedule.due, days: 6 },
          closes: { ...schedule.closes, days: 10 },
        })),
      }),
    },
  ],
};

/** The regime files, in the order they are loaded. */
const REGIME_FILES = [
  'nq68-hang-ngay.json',
  'ktxh-hang-thang.json',
  'vpcp-kstt-hang-quy.json',
  'kbnn-giai-ngan-hang-thang.json',
];
const REGIMES_DIR = path.join(import.meta.dirname, 'data', 'regimes');

// The compact shape of a regime file (data/README.md).

const Strict = { additionalProperties: false } as const;
const Str = Type.String();
/** An object whose `required` properties must be there and whose `optional` ones may be, and no other. */
function Shape<R extends TProperties, O extends TProperties = Record<never, never>>(required: R, optional = {} as O) {
  const maybe = Object.fromEntries(Object.entries(optional).map(([key, value]) => [key, Type.Optional(value)]));
  return Type.Object({ ...required, ...(maybe as { [K in keyof O]: TOptional<O[K]> }) }, Strict);
}
const Text = Shape({ vi: Str, en: Str });
/** `hierarchy/time`, e.g. `sum/last`. */
const Aggregation = Type.String({ pattern: `^(${aggregationMethods.join('|')})/(${aggregationMethods.join('|')})$` });
/** Anything with a code and a label: a field, row, column or option. */
const Item = { code: Str, vi: Str, en: Str };
const FieldType = Type.Union(fieldTypes.map((type) => Type.Literal(type)));
const Field = Shape(Item, {
  ...{ unit: Str, type: FieldType, min: Type.Number(), max: Type.Number() },
  ...{ aggregation: Aggregation, expression: Str },
});
const Column = Shape(Item, { unit: Str, aggregation: Aggregation });
const ColumnGroup = Shape({ group: Text, columns: Type.Array(Column) });
const Row = Shape(Item, { indent: Type.Integer({ minimum: 0 }), heading: Text });
const Operator = Type.Union(ruleOperators.map((operator) => Type.Literal(operator)));
const Severity = Type.Union([Type.Literal('error'), Type.Literal('warning')]);
const Rule = Type.Union([
  Shape({ code: Str, notMore: Type.Tuple([Str, Str]) }),
  Shape(
    { code: Str, left: Str, operator: Operator, right: Str, message: Text },
    { severity: Severity, tolerance: Type.Number() },
  ),
]);
const Section = { code: Str, title: Text };
const ListSection = Shape({ ...Section, layout: Type.Literal('list'), fields: Type.Array(Field) });
const TableSection = Shape(
  {
    ...Section,
    layout: Type.Literal('table'),
    rows: Type.Array(Row),
    columns: Type.Array(Type.Union([Column, ColumnGroup])),
  },
  {
    disaggregation: Shape(Item),
    total: Shape(Item, { labels: Type.Record(Str, Text) }),
    rowRules: Type.Array(Rule),
  },
);
const FormDefaults = Shape({}, { note: Text, aggregation: Aggregation });
const Form = Shape(
  {
    code: Str,
    title: Text,
    entryUnitKinds: Type.Array(Str),
    sections: Type.Array(Type.Union([ListSection, TableSection])),
  },
  { note: Text, subject: Text, rules: Type.Array(Rule) },
);
const RegimeFile = Shape(
  { code: Str, definition: Type.Omit(RegimeDefinition, ['isDemo']), forms: Type.Array(Form) },
  { formDefaults: FormDefaults },
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

// Its expansion into the domain's definitions.

type Lang = 'vi' | 'en';
const both = (text: (lang: Lang) => string): LocalizedText => ({ vi: text('vi'), en: text('en') });
const label = (item: Text): LocalizedText => ({ vi: item.vi, en: item.en });
const MONEY_UNITS = ['triệu đồng', 'tỷ đồng'];

/**
 * A field without a type is a count, or an amount when its unit is money, and is never negative;
 * a field with a type has the bounds it states.
 */
function field(data: Field, defaults: FormDefaults, placement: Partial<FieldDefinition> = {}): FieldDefinition {
  const [hierarchy, time] = (data.aggregation ?? defaults.aggregation ?? '').split('/') as AggregationMethod[];
  if (!hierarchy || !time) throw new Error(`field ${data.code}: no aggregation, and no default in formDefaults`);
  const { code, unit, type, min = type ? undefined : 0, max, expression } = data;
  return {
    code,
    label: label(data),
    type: type ?? (MONEY_UNITS.includes(unit ?? '') ? 'money' : 'integer'),
    ...(unit === undefined ? {} : { unit }),
    ...(min === undefined ? {} : { min }),
    ...(max === undefined ? {} : { max }),
    aggregation: { hierarchy, time },
    ...placement,
    ...(expression === undefined ? {} : { expression }),
  };
}

/**
 * A rule, in full or as `notMore: [a, b]` (a ≤ b, an error whose message starts with the subject).
 * The values of placeholders (`{row}`, `{label}`, `{heading}`) are those of a row rule's row.
 */
function rule(data: Rule, subject: Text | undefined, values: Record<string, Text> = {}): ValidationRuleDefinition {
  const fill = (text: string, lang: Lang = 'vi') =>
    text.replace(/\{(row|label|heading)\}/g, (whole, name: string) => values[name]?.[lang] ?? whole);
  if ('notMore' in data) {
    if (!subject) throw new Error(`rule ${fill(data.code)}: notMore needs the form's subject`);
    const [smaller, larger] = data.notMore.map((side) => fill(side));
    return {
      code: fill(data.code),
      left: `#{${smaller}}`,
      operator: '<=',
      right: `#{${larger}}`,
      severity: 'error',
      message: {
        vi: `${subject.vi}: ${smaller} không được lớn hơn ${larger}.`,
        en: `${subject.en}: ${smaller} must not exceed ${larger}.`,
      },
    };
  }
  const { code, left, right, severity = 'error', message, tolerance } = data;
  return {
    ...{ code: fill(code), left: fill(left), operator: data.operator, right: fill(right), severity },
    message: both((lang) => fill(message[lang], lang)),
    ...(tolerance === undefined ? {} : { tolerance }),
  };
}

/**
 * A table: one field per cell, coded `<row>_<column>`; or, with a disaggregation, one field per
 * column whose options are the rows, and the total row's computed sums. Heading rows have no
 * cells; row rules are repeated for each other row. Returns the section, and the option sets
 * and rules it adds to its form.
 */
function table(data: TableSection, defaults: FormDefaults) {
  const columns = data.columns
    .flatMap((entry): [Column, Text?][] => ('group' in entry ? entry.columns.map((c) => [c, entry.group]) : [[entry]]))
    .map(([column, group]) => ({
      column,
      heading: both((lang) => `${group ? `${group[lang]}: ` : ''}${column[lang]}`),
      definition: {
        ...{ code: column.code, label: label(column) },
        ...(column.unit === undefined ? {} : { unit: column.unit }),
        ...(group ? { group } : {}),
      },
    }));
  const cell = (code: string, text: Text, column: Column, placement: Partial<FieldDefinition>) =>
    field({ code, ...text, unit: column.unit, aggregation: column.aggregation }, defaults, placement);
  const cellLabel = (row: Text, heading: Text) => both((lang) => `${row[lang]} — ${heading[lang]}`);

  const rules: ValidationRuleDefinition[] = [];
  const cellRows: Row[] = [];
  let under: Text | undefined;
  for (const row of data.rows) {
    if (row.heading) under = row.heading;
    else {
      cellRows.push(row);
      const values = { row: { vi: row.code, en: row.code }, label: row, heading: under ?? { vi: '', en: '' } };
      for (const template of data.rowRules ?? []) rules.push(rule(template, row, values));
    }
  }
  const rows = data.rows.map(({ code, vi, en, indent }) => ({
    code,
    label: { vi, en },
    ...(indent === undefined ? {} : { indent }),
  }));
  const section = (fields: FieldDefinition[]): SectionDefinition => ({
    ...{ code: data.code, title: data.title, layout: 'table', rows },
    columns: columns.map((c) => c.definition),
    fields,
  });

  const { disaggregation, total } = data;
  if (!disaggregation) {
    if (total) throw new Error(`table ${data.code}: a total row needs a disaggregation`);
    const fields = cellRows.flatMap((row) =>
      columns.map(({ column, heading }) =>
        cell(`${row.code}_${column.code}`, cellLabel(row, heading), column, { row: row.code, column: column.code }),
      ),
    );
    return { section: section(fields), optionSets: [], rules };
  }
  const options = cellRows.map((row) => ({ code: row.code, label: label(row) }));
  const fields = columns.map(({ column, heading }) =>
    cell(column.code, heading, column, { disaggregation: disaggregation.code, column: column.code }),
  );
  if (total) {
    rows.push({ code: total.code, label: label(total) });
    for (const { column, heading } of columns)
      fields.push(
        cell(`${total.code}_${column.code}`, total.labels?.[column.code] ?? cellLabel(total, heading), column, {
          row: total.code,
          column: column.code,
          expression: `sum(${options.map((option) => `#{${column.code}.${option.code}}`).join(', ')})`,
        }),
      );
  }
  const optionSet: OptionSet = { code: disaggregation.code, label: label(disaggregation), options };
  return { section: section(fields), optionSets: [optionSet], rules };
}

function form(data: Form, defaults: FormDefaults): FormDefinition {
  const note = data.note ?? defaults.note;
  const sections: SectionDefinition[] = [];
  const optionSets: OptionSet[] = [];
  const rules = (data.rules ?? []).map((r) => rule(r, data.subject));
  for (const section of data.sections) {
    if (section.layout === 'list') {
      sections.push({ ...section, fields: section.fields.map((f) => field(f, defaults)) });
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
  const regimes = demoRegimes();
  const hierarchies = new Set((await db.selectFrom('hierarchies').select('code').execute()).map((h) => h.code));
  for (const { code, definition } of regimes)
    if (!hierarchies.has(definition.hierarchy))
      throw new Error(`demo regime ${code}: there is no hierarchy '${definition.hierarchy}' (load it first)`);
  for (const regime of regimes) {
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
      let versionDefinition = definition;
      const versions = [{ effectiveFrom: definition.validFrom, legalBasis: null as string | null, definition }];
      for (const { effectiveFrom, legalBasis, amend } of DEMO_AMENDMENTS[regime.code] ?? []) {
        versionDefinition = amend(versionDefinition);
        versions.push({ effectiveFrom, legalBasis, definition: versionDefinition });
      }
      for (const [index, version] of versions.entries()) {
        await tx
          .insertInto('regimeVersions')
          .values({ regimeId: row.id, number: index + 1, ...version, definition: JSON.stringify(version.definition) })
          .execute();
      }
      if (versionDefinition !== definition) {
        await tx
          .updateTable('regimes')
          .set({ definition: JSON.stringify(versionDefinition) })
          .where('id', '=', row.id)
          .execute();
      }
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
