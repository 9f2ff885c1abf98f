/**
 * How a form version is laid out on screen, as officers know it from paper:
 * a `table` section is rows (items) × columns (measures) with each field at its
 * row × column (a disaggregated field takes a column, its options going down the
 * rows of the same codes); a `list` section is one line per field (one per option
 * when disaggregated); a `narrative` section is a text box per field.
 *
 * Every cell also gets a position (global row, column) so the grid can move with
 * the arrow keys across sections and paste an Excel block cell for cell.
 */
import {
  type FieldDefinition,
  type FormDefinition,
  fieldCellKeys,
  type LocalizedText,
  referencedFields,
  type SectionDefinition,
  tryParse,
  type ValidationRuleDefinition,
} from '@baocao/domain';

export interface GridColumn {
  code: string;
  label: LocalizedText | null;
  unit?: string | undefined;
  group?: LocalizedText | undefined;
}

export interface GridCell {
  key: string;
  field: FieldDefinition;
  option: { code: string; label: LocalizedText } | null;
  computed: boolean;
  narrative: boolean;
  /** Global row and column (within its section) of the cell, for keyboard moves and paste. */
  row: number;
  col: number;
}

export interface GridRow {
  code: string;
  label: LocalizedText;
  indent: number;
  /** Order number printed in the STT column (top-level lines of list sections). */
  number: string | null;
  unit: string | null;
  /** A heading line without cells (a disaggregated field above its options). */
  heading: boolean;
  cells: (GridCell | null)[];
  /** Global row index. */
  index: number;
  help: LocalizedText | null;
}

export interface GridSection {
  code: string;
  title: LocalizedText;
  layout: SectionDefinition['layout'];
  columns: GridColumn[];
  rows: GridRow[];
}

export interface GridLayout {
  sections: GridSection[];
  /** All rows of all sections, by global index. */
  rows: GridRow[];
  cells: Map<string, GridCell>;
  /** Cells an officer types into, in reading order. */
  inputKeys: string[];
}

function optionsOf(form: FormDefinition, field: FieldDefinition) {
  if (!field.disaggregation) return null;
  return form.optionSets.find((s) => s.code === field.disaggregation)?.options ?? null;
}

function makeCell(
  field: FieldDefinition,
  option: GridCell['option'],
  narrative: boolean,
): Omit<GridCell, 'row' | 'col'> {
  return {
    key: option ? `${field.code}.${option.code}` : field.code,
    field,
    option,
    computed: !!field.expression,
    narrative,
  };
}

type DraftRow = Omit<GridRow, 'index' | 'cells'> & { cells: (Omit<GridCell, 'row' | 'col'> | null)[] };

function listRows(form: FormDefinition, section: SectionDefinition, narrative: boolean): DraftRow[] {
  const rows: DraftRow[] = [];
  let number = 0;
  for (const field of section.fields) {
    number += 1;
    const options = optionsOf(form, field);
    const base = { unit: field.unit ?? null, help: field.help ?? null };
    if (!options) {
      rows.push({
        ...base,
        code: field.code,
        label: field.label,
        indent: 0,
        number: narrative ? null : String(number),
        heading: false,
        cells: [makeCell(field, null, narrative)],
      });
      continue;
    }
    rows.push({
      ...base,
      code: field.code,
      label: field.label,
      indent: 0,
      number: String(number),
      heading: true,
      cells: [null],
    });
    for (const option of options)
      rows.push({
        ...base,
        help: null,
        code: `${field.code}.${option.code}`,
        label: option.label,
        indent: 1,
        number: null,
        heading: false,
        cells: [makeCell(field, option, narrative)],
      });
  }
  return rows;
}

function tableRows(form: FormDefinition, section: SectionDefinition): { columns: GridColumn[]; rows: DraftRow[] } {
  const columns: GridColumn[] = (section.columns ?? []).map((c) => ({
    code: c.code,
    label: c.label,
    unit: c.unit,
    group: c.group,
  }));
  const colIndex = new Map(columns.map((c, i) => [c.code, i]));
  const rows: DraftRow[] = (section.rows ?? []).map((r) => ({
    code: r.code,
    label: r.label,
    indent: r.indent ?? 0,
    number: null,
    unit: null,
    heading: false,
    help: null,
    cells: columns.map(() => null),
  }));
  const rowIndex = new Map(rows.map((r, i) => [r.code, i]));
  const extra: DraftRow[] = [];
  // A field the definition does not place gets a line of its own, so no value is ever hidden.
  const place = (cell: Omit<GridCell, 'row' | 'col'>, rowCode: string | undefined, column: string | undefined) => {
    const r = rowCode === undefined ? undefined : rowIndex.get(rowCode);
    let c = column === undefined ? undefined : colIndex.get(column);
    if (r !== undefined && c !== undefined && rows[r]!.cells[c] === null) {
      rows[r]!.cells[c] = cell;
      return;
    }
    c ??= 0;
    if (columns.length === 0) columns.push({ code: '__value', label: null });
    const line: DraftRow = {
      code: cell.key,
      label: cell.option
        ? {
            vi: `${cell.field.label.vi} — ${cell.option.label.vi}`,
            en: `${cell.field.label.en} — ${cell.option.label.en}`,
          }
        : cell.field.label,
      indent: 0,
      number: null,
      unit: cell.field.unit ?? null,
      heading: false,
      help: cell.field.help ?? null,
      cells: columns.map(() => null),
    };
    line.cells[c] = cell;
    extra.push(line);
  };
  for (const field of section.fields) {
    const options = optionsOf(form, field);
    if (options) for (const option of options) place(makeCell(field, option, false), option.code, field.column);
    else place(makeCell(field, null, false), field.row, field.column);
  }
  for (const line of extra) while (line.cells.length < columns.length) line.cells.push(null);
  return { columns, rows: [...rows, ...extra] };
}

/** The on-screen layout of a form version. */
export function buildGridLayout(form: FormDefinition): GridLayout {
  const sections: GridSection[] = [];
  const allRows: GridRow[] = [];
  const cells = new Map<string, GridCell>();
  for (const section of form.sections) {
    let columns: GridColumn[];
    let drafts: DraftRow[];
    if (section.layout === 'table') ({ columns, rows: drafts } = tableRows(form, section));
    else {
      columns = [{ code: '__value', label: null }];
      drafts = listRows(form, section, section.layout === 'narrative');
    }
    const rows = drafts.map((draft) => {
      const index = allRows.length;
      const row: GridRow = {
        ...draft,
        index,
        cells: draft.cells.map((cell, col) => (cell ? { ...cell, row: index, col } : null)),
      };
      for (const cell of row.cells) if (cell) cells.set(cell.key, cell);
      allRows.push(row);
      return row;
    });
    sections.push({ code: section.code, title: section.title, layout: section.layout, columns, rows });
  }
  const inputKeys = allRows.flatMap((row) => row.cells.filter((c) => c && !c.computed).map((c) => c!.key));
  return { sections, rows: allRows, cells, inputKeys };
}

export type Move = 'up' | 'down' | 'left' | 'right' | 'next' | 'previous';

/** The input cell reached from `from` by a key press, or null at the edge. */
export function moveFrom(layout: GridLayout, from: string, move: Move): string | null {
  const cell = layout.cells.get(from);
  if (!cell) return layout.inputKeys[0] ?? null;
  if (move === 'next' || move === 'previous') {
    const at = layout.inputKeys.indexOf(from);
    return layout.inputKeys[at + (move === 'next' ? 1 : -1)] ?? null;
  }
  if (move === 'left' || move === 'right') {
    const row = layout.rows[cell.row]!;
    const step = move === 'right' ? 1 : -1;
    for (let c = cell.col + step; c >= 0 && c < row.cells.length; c += step) {
      const target = row.cells[c];
      if (target && !target.computed) return target.key;
    }
    return null;
  }
  const step = move === 'down' ? 1 : -1;
  for (let r = cell.row + step; r >= 0 && r < layout.rows.length; r += step) {
    const inputs = layout.rows[r]!.cells.filter((c): c is GridCell => !!c && !c.computed);
    if (inputs.length === 0) continue;
    // The same column when the row has it, else the nearest one.
    const best = inputs.reduce((a, b) => (Math.abs(b.col - cell.col) < Math.abs(a.col - cell.col) ? b : a));
    return best.key;
  }
  return null;
}

/** A block copied from Excel or another sheet: lines of tab-separated values (the last line break dropped). */
export function parseClipboardBlock(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines.map((line) =>
    line.split('\t').map((value) => {
      // Excel quotes a value that holds a line break or a quote.
      const quoted = /^"([\s\S]*)"$/.exec(value);
      return quoted ? quoted[1]!.replace(/""/g, '"') : value;
    }),
  );
}

/**
 * Where each value of a pasted block goes: line i to the i-th row below the
 * focused cell, value j to the j-th column to its right; values that land on a
 * computed cell or outside the form are skipped.
 */
export function pasteTargets(layout: GridLayout, from: string, block: string[][]): { key: string; text: string }[] {
  const start = layout.cells.get(from);
  if (!start) return [];
  const targets: { key: string; text: string }[] = [];
  block.forEach((line, i) => {
    const row = layout.rows[start.row + i];
    if (!row) return;
    line.forEach((text, j) => {
      const cell = row.cells[start.col + j];
      if (cell && !cell.computed) targets.push({ key: cell.key, text });
    });
  });
  return targets;
}

/** A cell's name for people: the field's label, with the option's for a disaggregated cell. */
export function cellLabel(form: FormDefinition, key: string, language: 'vi' | 'en'): string {
  const [code, optionCode] = key.split('.');
  const field = form.sections.flatMap((s) => s.fields).find((f) => f.code === code);
  if (!field) return key;
  const label = field.label[language] || field.label.vi;
  if (!optionCode) return label;
  const option = optionsOf(form, field)?.find((o) => o.code === optionCode);
  return `${label} — ${option ? option.label[language] || option.label.vi : optionCode}`;
}

/** The cells a validation rule reads, so its message can be shown beside them. */
export function ruleCellKeys(form: FormDefinition, rule: ValidationRuleDefinition): string[] {
  const fields = new Map(form.sections.flatMap((s) => s.fields).map((f) => [f.code, f]));
  const keys: string[] = [];
  for (const side of [rule.left, rule.right]) {
    const parsed = tryParse(side);
    if (!parsed.ok) continue;
    for (const ref of referencedFields(parsed.ast)) {
      if (ref.form !== undefined) continue;
      const field = fields.get(ref.field);
      if (!field) continue;
      for (const key of ref.option ? [`${ref.field}.${ref.option}`] : fieldCellKeys(form, field))
        if (!keys.includes(key)) keys.push(key);
    }
  }
  return keys;
}
