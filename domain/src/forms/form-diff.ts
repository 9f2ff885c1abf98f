/**
 * What changed between two versions of a form, shown when a version is published: fields, rules,
 * sections and option sets added, removed or changed (with each changed property's before and
 * after), and changes to the form's own title, instructions and entry units.
 */
import type { JsonValue } from '../api/common';
import type {
  FieldDefinition,
  FormDefinition,
  LocalizedText,
  OptionSet,
  SectionDefinition,
  ValidationRuleDefinition,
} from './form-definition';

/** One property that differs: its name and both values (`null` when absent). */
export interface PropertyChange {
  property: string;
  before: JsonValue;
  after: JsonValue;
}

/** An item (field, rule, section, option set) that was added, removed or changed. */
export interface ItemChange {
  code: string;
  /** Its label (or title, or rule message) in the newer version, or the older one when removed. */
  label: LocalizedText | null;
  /** Empty for added and removed items. */
  changes: PropertyChange[];
}

export interface ItemDiff {
  added: ItemChange[];
  removed: ItemChange[];
  changed: ItemChange[];
}

export interface FormDiff {
  /** Changes to the form's own properties (code, title, instructions, entry unit kinds). */
  form: PropertyChange[];
  sections: ItemDiff;
  fields: ItemDiff;
  rules: ItemDiff;
  optionSets: ItemDiff;
  /** Whether anything differs at all. */
  changed: boolean;
}

/** JSON text with sorted keys, so that two equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function changesOf<T extends object>(
  before: T,
  after: T,
  properties: readonly (keyof T & string)[],
  extra: PropertyChange[] = [],
): PropertyChange[] {
  const changes: PropertyChange[] = [];
  for (const property of properties) {
    // Properties of a definition, which is JSON.
    const b = (before[property] ?? null) as JsonValue;
    const a = (after[property] ?? null) as JsonValue;
    if (canonical(b) !== canonical(a)) changes.push({ property, before: b, after: a });
  }
  return [...changes, ...extra];
}

function diffItems<T extends { code: string }>(
  before: readonly T[],
  after: readonly T[],
  label: (item: T) => LocalizedText | null,
  compare: (b: T, a: T) => PropertyChange[],
): ItemDiff {
  const beforeByCode = new Map(before.map((item) => [item.code, item]));
  const afterByCode = new Map(after.map((item) => [item.code, item]));
  const diff: ItemDiff = { added: [], removed: [], changed: [] };
  for (const item of after) {
    const old = beforeByCode.get(item.code);
    if (!old) diff.added.push({ code: item.code, label: label(item), changes: [] });
    else {
      const changes = compare(old, item);
      if (changes.length > 0) diff.changed.push({ code: item.code, label: label(item), changes });
    }
  }
  for (const item of before)
    if (!afterByCode.has(item.code)) diff.removed.push({ code: item.code, label: label(item), changes: [] });
  return diff;
}

const FIELD_PROPERTIES = [
  'label',
  'type',
  'unit',
  'required',
  'min',
  'max',
  'optionSet',
  'disaggregation',
  'aggregation',
  'expression',
  'commentWhenMissing',
  'row',
  'column',
  'help',
] as const satisfies readonly (keyof FieldDefinition)[];

const RULE_PROPERTIES = [
  'left',
  'operator',
  'right',
  'severity',
  'tolerance',
  'message',
] as const satisfies readonly (keyof ValidationRuleDefinition)[];

const SECTION_PROPERTIES = [
  'title',
  'layout',
  'rows',
  'columns',
] as const satisfies readonly (keyof SectionDefinition)[];

const OPTION_SET_PROPERTIES = ['label', 'options'] as const satisfies readonly (keyof OptionSet)[];

const FORM_PROPERTIES = [
  'code',
  'title',
  'instructions',
  'entryUnitKinds',
] as const satisfies readonly (keyof FormDefinition)[];

/** Fields with the code of the section that holds them. */
function fieldsWithSection(form: FormDefinition): (FieldDefinition & { section: string })[] {
  return form.sections.flatMap((section) => section.fields.map((field) => ({ ...field, section: section.code })));
}

/**
 * The differences from `before` to `after`. With no `before` (a form's first version) everything
 * in `after` counts as added.
 */
export function diffFormDefinitions(before: FormDefinition | null, after: FormDefinition): FormDiff {
  const old: FormDefinition = before ?? {
    code: after.code,
    title: after.title,
    entryUnitKinds: after.entryUnitKinds,
    sections: [],
    optionSets: [],
    rules: [],
  };
  // Section order compares the sections both versions have, so adding one does not "move" the rest.
  const afterCodes = new Set(after.sections.map((s) => s.code));
  const beforeCodes = new Set(old.sections.map((s) => s.code));
  const beforeSections = old.sections.map((s) => s.code).filter((code) => afterCodes.has(code));
  const afterSections = after.sections.map((s) => s.code).filter((code) => beforeCodes.has(code));
  const diff: FormDiff = {
    form: before ? changesOf(old, after, FORM_PROPERTIES) : [],
    sections: diffItems(
      old.sections,
      after.sections,
      (s) => s.title,
      (b, a) => {
        const moved = beforeSections.indexOf(b.code) !== afterSections.indexOf(a.code);
        const position = moved
          ? [{ property: 'position', before: beforeSections.indexOf(b.code), after: afterSections.indexOf(a.code) }]
          : [];
        return changesOf(b, a, SECTION_PROPERTIES, position);
      },
    ),
    fields: diffItems(
      fieldsWithSection(old),
      fieldsWithSection(after),
      (f) => f.label,
      (b, a) => changesOf(b, a, [...FIELD_PROPERTIES, 'section']),
    ),
    rules: diffItems(
      old.rules,
      after.rules,
      (r) => r.message,
      (b, a) => changesOf(b, a, RULE_PROPERTIES),
    ),
    optionSets: diffItems(
      old.optionSets,
      after.optionSets,
      (o) => o.label,
      (b, a) => changesOf(b, a, OPTION_SET_PROPERTIES),
    ),
    changed: false,
  };
  const lists = [diff.sections, diff.fields, diff.rules, diff.optionSets];
  diff.changed =
    diff.form.length > 0 || lists.some((l) => l.added.length > 0 || l.removed.length > 0 || l.changed.length > 0);
  return diff;
}
