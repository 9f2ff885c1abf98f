/**
 * The Excel template of a form version for one unit and period, laid out like the printed form,
 * and the reader that takes a filled template back.
 *
 * Most officers fill forms offline in Excel, so the template does what the web form does as far
 * as Excel can: label cells are locked (the sheet is protected without a password, so it is a
 * guide, not a lock), input cells are unlocked and carry data validation by type and bounds,
 * computed cells are formulas when the expression translates to Excel (shaded and locked either
 * way: the server recomputes them). A hidden sheet `_baocao` names the form, version, unit and
 * period and maps every cell key to its address, so an upload is matched back without guessing
 * from the layout.
 */
import {
  type Ast,
  type CellValue,
  DomainError,
  type FieldDefinition,
  type FormDefinition,
  fieldCellKeys,
  isNumericType,
  type LocalizedText,
  type Period,
  periodLabel,
  type SectionDefinition,
  tryParse,
} from '@baocao/domain';
import ExcelJS from 'exceljs';

export const TEMPLATE_MAGIC = 'baocao-template';
export const TEMPLATE_FORMAT = 1;
export const METADATA_SHEET = '_baocao';

export interface TemplateInput {
  definition: FormDefinition;
  form: { id: number; code: string };
  version: { id: number; number: number; status: string };
  regime: { id: number; code: string; name: LocalizedText; receivingAgency: string };
  unit: { id: number; code: string; name: string };
  period: Period;
  generatedAt: Date;
}

/** Where each cell of the form went. */
interface CellPlacement {
  key: string;
  address: string;
  field: FieldDefinition;
  option: string | null;
  computed: boolean;
}

const COLORS = {
  input: 'FFFFF2CC',
  computed: 'FFE7E6E6',
  empty: 'FFF2F2F2',
  header: 'FFDDEBF7',
  section: 'FFBDD7EE',
};
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FIRST_VALUE_COLUMN = 3; // A: STT, B: labels, C…: values
const MAX_NUMBER = 999_999_999_999_999;

/** Fixed addresses of the heading cells, also written to the metadata. */
export const HEADING_CELLS = { regime: 'A1', title: 'A2', form: 'A3', unit: 'A4', period: 'A5', recipient: 'A6' };

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const roman = (n: number) => ROMAN[n - 1] ?? String(n);

function formatDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

function numberFormat(field: FieldDefinition): string | undefined {
  if (field.type === 'integer') return '#,##0';
  if (isNumericType(field.type)) return '#,##0.00';
  if (field.type === 'date') return 'dd/mm/yyyy';
  return undefined;
}

function boundsText(field: FieldDefinition): string {
  if (field.min !== undefined && field.max !== undefined) return ` từ ${field.min} đến ${field.max}`;
  if (field.min !== undefined) return ` không nhỏ hơn ${field.min}`;
  if (field.max !== undefined) return ` không lớn hơn ${field.max}`;
  return '';
}

function numericValidation(field: FieldDefinition): ExcelJS.DataValidation {
  const whole = field.type === 'integer';
  const kind = whole ? 'số nguyên' : 'số';
  const base = {
    type: whole ? ('whole' as const) : ('decimal' as const),
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: 'Giá trị không hợp lệ',
    error: `Ô này cần ${kind}${boundsText(field)}.`,
  };
  if (field.min !== undefined && field.max !== undefined)
    return { ...base, operator: 'between', formulae: [field.min, field.max] };
  if (field.min !== undefined) return { ...base, operator: 'greaterThanOrEqual', formulae: [field.min] };
  if (field.max !== undefined) return { ...base, operator: 'lessThanOrEqual', formulae: [field.max] };
  return { ...base, operator: 'between', formulae: [-MAX_NUMBER, MAX_NUMBER] };
}

/** The Excel range of an option set's labels on the metadata sheet, filled in by {@link writeMetadata}. */
type ListRanges = Map<string, string>;

function validationFor(field: FieldDefinition, lists: ListRanges): ExcelJS.DataValidation | null {
  if (isNumericType(field.type)) return numericValidation(field);
  const stop = { allowBlank: true, showErrorMessage: true, errorStyle: 'stop', errorTitle: 'Giá trị không hợp lệ' };
  switch (field.type) {
    case 'boolean':
      return { ...stop, type: 'list', formulae: ['"Có,Không"'], error: 'Chọn “Có” hoặc “Không”.' };
    case 'choice': {
      const range = field.optionSet ? lists.get(field.optionSet) : undefined;
      return range ? { ...stop, type: 'list', formulae: [range], error: 'Chọn một giá trị trong danh sách.' } : null;
    }
    case 'date':
      return {
        ...stop,
        type: 'date',
        operator: 'greaterThan',
        formulae: [new Date(Date.UTC(1900, 0, 1))],
        error: 'Nhập ngày theo dạng dd/mm/yyyy.',
      };
    case 'text':
      return {
        ...stop,
        type: 'textLength',
        operator: 'lessThanOrEqual',
        formulae: [2000],
        error: 'Văn bản dài tối đa 2.000 ký tự.',
      };
    default:
      return null;
  }
}

/** Excel text literal. */
const excelString = (value: string) => `"${value.replace(/"/g, '""')}"`;

/**
 * Translates an expression to an Excel formula over the template's cells, or null when it reads
 * something the sheet does not have (another form, a missing cell).
 */
export function excelFormula(ast: Ast, addressOf: (key: string) => string | undefined): string | null {
  const go = (node: Ast): string | null => {
    switch (node.kind) {
      case 'number':
        return Number.isFinite(node.value) ? String(node.value) : null;
      case 'string':
        return excelString(node.value);
      case 'boolean':
        return node.value ? 'TRUE' : 'FALSE';
      case 'null':
        return '""';
      case 'field': {
        if (node.ref.form !== undefined) return null;
        return (
          addressOf(node.ref.option === undefined ? node.ref.field : `${node.ref.field}.${node.ref.option}`) ?? null
        );
      }
      case 'unary': {
        const operand = go(node.operand);
        if (operand === null) return null;
        return node.operator === 'not' ? `NOT(${operand})` : `(${node.operator}${operand})`;
      }
      case 'binary': {
        const left = go(node.left);
        const right = go(node.right);
        if (left === null || right === null) return null;
        switch (node.operator) {
          case 'and':
            return `AND(${left},${right})`;
          case 'or':
            return `OR(${left},${right})`;
          case '%':
            // The remainder of truncated division, as the evaluator computes it.
            return `(${left}-${right}*TRUNC(${left}/${right}))`;
          case '!=':
            return `(${left}<>${right})`;
          default:
            return `(${left}${node.operator}${right})`;
        }
      }
      case 'call': {
        const args = node.args.map(go);
        if (args.some((a) => a === null)) return null;
        const list = args as string[];
        switch (node.name) {
          case 'if':
            return `IF(${list.join(',')})`;
          case 'isNull':
            return `(${list[0]}="")`;
          case 'coalesce':
            return list.reduceRight((rest, arg) => `IF(${arg}<>"",${arg},${rest})`, '""');
          case 'sum':
          case 'min':
          case 'max':
          case 'abs':
            return `${node.name.toUpperCase()}(${list.join(',')})`;
          case 'round':
            return `ROUND(${list[0]},${list[1] ?? '0'})`;
          default:
            return null;
        }
      }
    }
  };
  return go(ast);
}

class TemplateWriter {
  readonly placements: CellPlacement[] = [];
  private readonly pendingFormulas: { cell: ExcelJS.Cell; field: FieldDefinition }[] = [];
  row = 1;

  constructor(
    readonly sheet: ExcelJS.Worksheet,
    readonly input: TemplateInput,
    readonly lastColumn: number,
    readonly lists: ListRanges,
  ) {}

  private optionLabel(setCode: string | undefined, option: string): string {
    const set = this.input.definition.optionSets.find((s) => s.code === setCode);
    return set?.options.find((o) => o.code === option)?.label.vi ?? option;
  }

  mergedLine(
    text: string,
    style: { bold?: boolean; size?: number; italic?: boolean; center?: boolean; fill?: string; height?: number },
  ) {
    const row = this.row++;
    this.sheet.mergeCells(row, 1, row, this.lastColumn);
    const cell = this.sheet.getCell(row, 1);
    cell.value = text;
    cell.font = { bold: style.bold, italic: style.italic, size: style.size ?? 11 };
    cell.alignment = { horizontal: style.center ? 'center' : 'left', vertical: 'middle', wrapText: true };
    if (style.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: style.fill } };
    if (style.height) this.sheet.getRow(row).height = style.height;
    return cell;
  }

  private header(cell: ExcelJS.Cell, text: string) {
    cell.value = text;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLORS.header } };
    cell.border = BORDER;
  }

  private label(cell: ExcelJS.Cell, text: string, options: { bold?: boolean; indent?: number } = {}) {
    cell.value = text;
    cell.font = { bold: options.bold };
    cell.alignment = { vertical: 'middle', wrapText: true, indent: options.indent ?? 0 };
    cell.border = BORDER;
  }

  private blank(cell: ExcelJS.Cell) {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLORS.empty } };
    cell.border = BORDER;
  }

  /** An input or computed cell for `key` of `field`. */
  private valueCell(cell: ExcelJS.Cell, field: FieldDefinition, key: string, option: string | null) {
    const computed = field.expression !== undefined;
    cell.border = BORDER;
    const format = numberFormat(field);
    if (format) cell.numFmt = format;
    if (computed) {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLORS.computed } };
      cell.font = { italic: true };
      this.pendingFormulas.push({ cell, field });
    } else {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLORS.input } };
      cell.protection = { locked: false };
      const validation = validationFor(field, this.lists);
      if (validation) {
        const unit = field.unit ? ` (${field.unit})` : '';
        cell.dataValidation = {
          ...validation,
          showInputMessage: true,
          promptTitle: field.code.slice(0, 32),
          prompt:
            `${field.label.vi}${unit}${option ? ` — ${this.optionLabel(field.disaggregation, option)}` : ''}`.slice(
              0,
              250,
            ),
        };
      }
      if (field.type === 'text') cell.alignment = { wrapText: true, vertical: 'top' };
    }
    this.placements.push({ key, address: cell.address, field, option, computed });
  }

  section(section: SectionDefinition, index: number) {
    this.row++;
    this.mergedLine(`${roman(index + 1)}. ${section.title.vi}`, { bold: true, fill: COLORS.section });
    if (section.layout === 'table') this.table(section);
    else if (section.layout === 'narrative') this.narrative(section);
    else this.list(section.fields);
  }

  private list(fields: FieldDefinition[]) {
    if (fields.length === 0) return;
    const head = this.sheet.getRow(this.row++);
    this.header(head.getCell(1), 'STT');
    this.header(head.getCell(2), 'Chỉ tiêu');
    this.header(head.getCell(3), 'Đơn vị tính');
    this.header(head.getCell(4), 'Số liệu');
    let number = 0;
    for (const field of fields) {
      number++;
      const row = this.sheet.getRow(this.row++);
      this.label(row.getCell(1), String(number));
      row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
      this.label(row.getCell(2), field.label.vi, { bold: !!field.disaggregation });
      this.label(row.getCell(3), field.unit ?? '');
      if (!field.disaggregation) {
        this.valueCell(row.getCell(4), field, field.code, null);
        continue;
      }
      this.blank(row.getCell(4));
      for (const key of fieldCellKeys(this.input.definition, field)) {
        const option = key.slice(field.code.length + 1);
        const sub = this.sheet.getRow(this.row++);
        this.label(sub.getCell(1), '');
        this.label(sub.getCell(2), `- ${this.optionLabel(field.disaggregation, option)}`, { indent: 1 });
        this.label(sub.getCell(3), field.unit ?? '');
        this.valueCell(sub.getCell(4), field, key, option);
      }
    }
  }

  private narrative(section: SectionDefinition) {
    if (section.fields.length === 0) {
      this.mergedLine('(Phần thuyết minh: nhập trên hệ thống.)', { italic: true });
      return;
    }
    for (const field of section.fields) {
      this.mergedLine(field.label.vi, { bold: true });
      const row = this.row++;
      this.sheet.mergeCells(row, 1, row, this.lastColumn);
      this.sheet.getRow(row).height = 90;
      this.valueCell(this.sheet.getCell(row, 1), field, field.code, null);
    }
  }

  private table(section: SectionDefinition) {
    const columns = section.columns ?? [];
    const rows = section.rows ?? [];
    const grouped = columns.some((c) => c.group);
    const top = this.row;
    const headerRows = grouped ? 2 : 1;
    const sheet = this.sheet;
    this.header(sheet.getCell(top, 1), 'STT');
    this.header(sheet.getCell(top, 2), 'Chỉ tiêu');
    if (grouped) {
      sheet.mergeCells(top, 1, top + 1, 1);
      sheet.mergeCells(top, 2, top + 1, 2);
    }
    columns.forEach((column, index) => {
      const col = FIRST_VALUE_COLUMN + index;
      const text = column.unit ? `${column.label.vi} (${column.unit})` : column.label.vi;
      if (!grouped) {
        this.header(sheet.getCell(top, col), text);
        return;
      }
      if (!column.group) {
        this.header(sheet.getCell(top, col), text);
        sheet.mergeCells(top, col, top + 1, col);
        return;
      }
      this.header(sheet.getCell(top + 1, col), text);
      const previous = columns[index - 1];
      if (previous?.group?.vi === column.group.vi) return;
      let span = 1;
      while (columns[index + span]?.group?.vi === column.group.vi) span++;
      this.header(sheet.getCell(top, col), column.group.vi);
      if (span > 1) sheet.mergeCells(top, col, top, col + span - 1);
    });
    sheet.getRow(top).height = 45;
    if (grouped) sheet.getRow(top + 1).height = 45;
    this.row += headerRows;

    const placed = new Set<string>();
    const at = (
      rowCode: string,
      columnCode: string,
    ): { field: FieldDefinition; key: string; option: string | null } | null => {
      for (const field of section.fields) {
        if (field.column !== columnCode) continue;
        if (field.disaggregation) {
          const key = `${field.code}.${rowCode}`;
          if (fieldCellKeys(this.input.definition, field).includes(key)) return { field, key, option: rowCode };
        } else if (field.row === rowCode) return { field, key: field.code, option: null };
      }
      return null;
    };
    let number = 0;
    for (const rowDef of rows) {
      const cells = columns.map((column) => at(rowDef.code, column.code));
      const hasCells = cells.some((c) => c !== null);
      const row = sheet.getRow(this.row++);
      if (hasCells) number++;
      this.label(row.getCell(1), hasCells ? String(number) : '');
      row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
      this.label(row.getCell(2), rowDef.label.vi, { bold: !hasCells, indent: rowDef.indent ?? 0 });
      cells.forEach((cell, index) => {
        const target = row.getCell(FIRST_VALUE_COLUMN + index);
        if (!cell) {
          this.blank(target);
          return;
        }
        placed.add(cell.key);
        this.valueCell(target, cell.field, cell.key, cell.option);
      });
    }
    // A draft can hold fields not (yet) placed on the table: list them below it.
    const unplaced = section.fields.filter((f) => !fieldCellKeys(this.input.definition, f).some((k) => placed.has(k)));
    if (unplaced.length > 0) this.list(unplaced);
  }

  /** Writes computed cells' formulas once every cell has its address. */
  finishFormulas() {
    const addresses = new Map(this.placements.map((p) => [p.key, p.address]));
    for (const { cell, field } of this.pendingFormulas) {
      const parsed = tryParse(field.expression ?? '');
      const formula = parsed.ok ? excelFormula(parsed.ast, (key) => addresses.get(key)) : null;
      if (formula) cell.value = { formula: `IFERROR(${formula},"")` } as ExcelJS.CellFormulaValue;
    }
  }
}

function writeMetadata(
  sheet: ExcelJS.Worksheet,
  input: TemplateInput,
  dataSheet: string,
  placements: CellPlacement[],
): void {
  const entries: [string, string | number][] = [
    ['formCode', input.form.code],
    ['formId', input.form.id],
    ['formVersionId', input.version.id],
    ['formVersionNumber', input.version.number],
    ['formVersionStatus', input.version.status],
    ['regimeCode', input.regime.code],
    ['regimeId', input.regime.id],
    ['unitId', input.unit.id],
    ['unitCode', input.unit.code],
    ['unitName', input.unit.name],
    ['periodId', input.period.id],
    ['periodLabel', periodLabel(input.period, 'vi')],
    ['dataSheet', dataSheet],
    ['generatedAt', input.generatedAt.toISOString()],
    ['titleCell', HEADING_CELLS.title],
    ['unitCell', HEADING_CELLS.unit],
    ['periodCell', HEADING_CELLS.period],
  ];
  sheet.getCell('A1').value = TEMPLATE_MAGIC;
  sheet.getCell('B1').value = TEMPLATE_FORMAT;
  entries.forEach(([key, value], index) => {
    sheet.getCell(index + 2, 1).value = key;
    sheet.getCell(index + 2, 2).value = value;
  });
  const mapStart = entries.length + 3;
  const headers = ['cellKey', 'address', 'field', 'option', 'type', 'role', 'optionSet'];
  headers.forEach((header, index) => {
    sheet.getCell(mapStart, index + 1).value = header;
  });
  placements.forEach((p, index) => {
    const values = [
      p.key,
      p.address,
      p.field.code,
      p.option ?? '',
      p.field.type,
      p.computed ? 'computed' : 'input',
      p.field.optionSet ?? '',
    ];
    values.forEach((value, column) => {
      sheet.getCell(mapStart + 1 + index, column + 1).value = value;
    });
  });
}

/** Option sets on the metadata sheet (code and label columns from J on); returns each set's label range. */
function writeOptionLists(sheet: ExcelJS.Worksheet, definition: FormDefinition): ListRanges {
  const ranges: ListRanges = new Map();
  definition.optionSets.forEach((set, index) => {
    const codeColumn = 10 + index * 2;
    sheet.getCell(1, codeColumn).value = `set:${set.code}`;
    sheet.getCell(1, codeColumn + 1).value = 'label';
    set.options.forEach((option, row) => {
      sheet.getCell(row + 2, codeColumn).value = option.code;
      sheet.getCell(row + 2, codeColumn + 1).value = option.label.vi;
    });
    const letter = sheet.getColumn(codeColumn + 1).letter;
    ranges.set(set.code, `'${METADATA_SHEET}'!$${letter}$2:$${letter}$${set.options.length + 1}`);
  });
  return ranges;
}

/** Builds the XLSX template of a form version for a unit and a period. */
export async function buildFormTemplate(input: TemplateInput): Promise<Buffer> {
  const { definition } = input;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Baocao';
  workbook.created = input.generatedAt;
  workbook.title = definition.title.vi;
  const dataSheet = definition.code.slice(0, 31);
  const sheet = workbook.addWorksheet(dataSheet, {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
    views: [{ state: 'normal', showGridLines: false }],
  });
  const metadata = workbook.addWorksheet(METADATA_SHEET, { state: 'hidden' });
  const lists = writeOptionLists(metadata, definition);

  const tableWidth = Math.max(
    2,
    ...definition.sections.map((s) => (s.layout === 'table' ? (s.columns?.length ?? 0) : 2)),
  );
  const lastColumn = FIRST_VALUE_COLUMN - 1 + tableWidth;
  sheet.getColumn(1).width = 6;
  sheet.getColumn(2).width = 50;
  for (let c = FIRST_VALUE_COLUMN; c <= lastColumn; c++) sheet.getColumn(c).width = 16;

  const writer = new TemplateWriter(sheet, input, lastColumn, lists);
  const draft = input.version.status === 'draft' ? ' (BẢN NHÁP — không dùng để nộp)' : '';
  writer.mergedLine(`Chế độ báo cáo: ${input.regime.name.vi}`, { italic: true, size: 10 });
  writer.mergedLine(`${definition.title.vi}${draft}`, { bold: true, size: 14, center: true, height: 40 });
  writer.mergedLine(`Biểu số: ${definition.code} — phiên bản ${input.version.number}`, { center: true, italic: true });
  writer.mergedLine(`Đơn vị báo cáo: ${input.unit.name} (mã ${input.unit.code})`, { bold: true });
  const window = `từ ngày ${formatDate(input.period.start)} đến ngày ${formatDate(input.period.end)}`;
  writer.mergedLine(`Kỳ báo cáo: ${periodLabel(input.period, 'vi')} (${window})`, { bold: true });
  writer.mergedLine(`Đơn vị nhận báo cáo: ${input.regime.receivingAgency}`, {});
  if (definition.instructions) writer.mergedLine(definition.instructions.vi, { italic: true, height: 30 });
  writer.mergedLine('Ô nền vàng: nhập số liệu. Ô nền xám: hệ thống tự tính hoặc không nhập.', {
    italic: true,
    size: 9,
  });
  definition.sections.forEach((section, index) => {
    writer.section(section, index);
  });
  writer.finishFormulas();
  writer.row++;
  writer.mergedLine(
    `Mẫu do hệ thống Baocao tạo lúc ${input.generatedAt.toISOString()}. Không thêm, xóa dòng hay cột; tải tệp đã điền lên hệ thống để nộp.`,
    { italic: true, size: 9 },
  );

  writeMetadata(metadata, input, dataSheet, writer.placements);
  // A password-less protection: labels and formulas are safe from slips, input cells stay editable.
  await sheet.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });
  await metadata.protect('', { selectLockedCells: true, selectUnlockedCells: true });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------
// Reading a filled template back
// ---------------------------------------------------------------------------

export interface TemplateUploadError {
  cellKey: string;
  address: string;
  message: LocalizedText;
}

export interface TemplateUpload {
  formVersionId: number;
  formId: number;
  formCode: string;
  regimeCode: string;
  unitId: number;
  unitCode: string;
  periodId: string;
  /** Every input cell of the template: its value, or null when blank or unreadable (see `errors`). */
  values: Record<string, CellValue>;
  errors: TemplateUploadError[];
}

function unrecognized(detail: LocalizedText): DomainError {
  const base = {
    vi: 'Tệp Excel không phải là mẫu biểu do hệ thống tạo ra',
    en: 'The Excel file is not a template made by this system',
  };
  return new DomainError('TEMPLATE_UNRECOGNIZED', {
    field: 'file',
    message: { vi: `${base.vi}: ${detail.vi}`, en: `${base.en}: ${detail.en}` },
  });
}

/** The plain value of a cell: formulas give their result, rich text its text, errors nothing. */
function plainValue(value: ExcelJS.CellValue): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null || (typeof result === 'object' && 'error' in result)) return null;
      return result as string | number | boolean | Date;
    }
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return null;
  }
  return null;
}

type Converted = { value: CellValue } | { error: LocalizedText };

/** "1.234.567", "1,234,567", "1234,5", "1 234,5" → a number, or null when it is not one. */
export function parseNumberText(text: string, integer: boolean): number | null {
  const compact = text.replace(/[\s\u00a0]/g, '');
  if (/^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(compact)) return Number(compact.replace(/\./g, '').replace(',', '.'));
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(compact)) return Number(compact.replace(/,/g, ''));
  const single = /^([+-]?\d+)([.,](\d+))?$/.exec(compact);
  if (!single) return null;
  // "1.500" in an integer cell is a thousands separator; elsewhere the one separator is the decimal mark.
  if (integer && single[3]?.length === 3 && compact.includes('.')) return Number(compact.replace('.', ''));
  return Number(compact.replace(',', '.'));
}

function toDateText(value: Date): string {
  return value.toISOString().slice(0, 10);
}

function convert(
  raw: string | number | boolean | Date | null,
  type: string,
  options: { code: string; label: string }[] | undefined,
): Converted {
  if (raw === null) return { value: null };
  if (typeof raw === 'string') {
    raw = raw.normalize('NFC').trim();
    if (raw === '') return { value: null };
  }
  const numeric = type === 'integer' || type === 'decimal' || type === 'money' || type === 'percent';
  if (numeric) {
    const integer = type === 'integer';
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseNumberText(raw, integer) : null;
    if (n === null || !Number.isFinite(n))
      return { error: { vi: `“${String(raw)}” không phải là số.`, en: `“${String(raw)}” is not a number.` } };
    if (integer && !Number.isInteger(n))
      return { error: { vi: `${n} không phải là số nguyên.`, en: `${n} is not a whole number.` } };
    return { value: n };
  }
  switch (type) {
    case 'boolean': {
      if (typeof raw === 'boolean') return { value: raw };
      const text = String(raw).toLowerCase();
      if (['có', 'co', 'x', 'yes', 'true', '1', 'đúng'].includes(text)) return { value: true };
      if (['không', 'khong', 'no', 'false', '0', 'sai'].includes(text)) return { value: false };
      return {
        error: {
          vi: `Chỉ nhập “Có” hoặc “Không”, không phải “${raw}”.`,
          en: `Enter “Có” (yes) or “Không” (no), not “${raw}”.`,
        },
      };
    }
    case 'choice': {
      const text = String(raw);
      const found = options?.find(
        (o) => o.label === text || o.code === text || o.label.toLowerCase() === text.toLowerCase(),
      );
      if (found) return { value: found.code };
      return {
        error: {
          vi: `“${text}” không có trong danh sách lựa chọn.`,
          en: `“${text}” is not one of the options.`,
        },
      };
    }
    case 'date': {
      if (raw instanceof Date) return { value: toDateText(raw) };
      if (typeof raw === 'number') return { value: toDateText(new Date(Date.UTC(1899, 11, 30) + raw * 86_400_000)) };
      const text = String(raw);
      const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
      const isoText = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : text;
      const parsed = /^\d{4}-\d{2}-\d{2}$/.test(isoText) ? new Date(`${isoText}T00:00:00Z`) : null;
      if (parsed && !Number.isNaN(parsed.getTime()) && toDateText(parsed) === isoText) return { value: isoText };
      return {
        error: { vi: `“${text}” không phải là ngày (dd/mm/yyyy).`, en: `“${text}” is not a date (dd/mm/yyyy).` },
      };
    }
    default: {
      const text = raw instanceof Date ? toDateText(raw) : String(raw);
      if (text.length > 20_000) return { error: { vi: 'Văn bản quá dài.', en: 'The text is too long.' } };
      return { value: text };
    }
  }
}

/**
 * Reads a filled template: which form version, unit and period it is for (from the hidden
 * `_baocao` sheet) and the value of every input cell, converted to the field's type. Values that
 * cannot be read are null in `values` and listed in `errors`; bounds, required cells and rules
 * are the form validation's business. Computed cells are ignored (the server recomputes them).
 * @throws DomainError TEMPLATE_UNRECOGNIZED when the file is not a readable Baocao template.
 */
export async function readTemplateUpload(buffer: Buffer | Uint8Array): Promise<TemplateUpload> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw unrecognized({
      vi: 'không đọc được tệp (cần tệp .xlsx).',
      en: 'the file cannot be read (an .xlsx file is needed).',
    });
  }
  const metadata = workbook.getWorksheet(METADATA_SHEET);
  if (!metadata || metadata.getCell('A1').value !== TEMPLATE_MAGIC) {
    throw unrecognized({
      vi: `thiếu trang thông tin ẩn “${METADATA_SHEET}”.`,
      en: `the hidden “${METADATA_SHEET}” sheet is missing.`,
    });
  }
  const meta = new Map<string, string>();
  let row = 2;
  for (; row < 200; row++) {
    const key = plainValue(metadata.getCell(row, 1).value);
    if (key === null || key === '') break;
    meta.set(String(key), String(plainValue(metadata.getCell(row, 2).value) ?? ''));
  }
  const integer = (key: string) => {
    const value = Number(meta.get(key));
    if (!Number.isInteger(value) || value < 1) {
      throw unrecognized({ vi: `thông tin “${key}” bị thiếu hoặc sai.`, en: `“${key}” is missing or wrong.` });
    }
    return value;
  };
  const text = (key: string) => {
    const value = meta.get(key);
    if (!value) throw unrecognized({ vi: `thông tin “${key}” bị thiếu.`, en: `“${key}” is missing.` });
    return value;
  };
  const result: TemplateUpload = {
    formVersionId: integer('formVersionId'),
    formId: integer('formId'),
    formCode: text('formCode'),
    regimeCode: text('regimeCode'),
    unitId: integer('unitId'),
    unitCode: text('unitCode'),
    periodId: text('periodId'),
    values: {},
    errors: [],
  };
  const data = workbook.getWorksheet(text('dataSheet'));
  if (!data) {
    throw unrecognized({
      vi: `không có trang số liệu “${meta.get('dataSheet')}”.`,
      en: `the data sheet “${meta.get('dataSheet')}” is missing.`,
    });
  }

  // Option lists: from column J, pairs of (code, label) columns headed `set:<code>`.
  const options = new Map<string, { code: string; label: string }[]>();
  for (let column = 10; column < 10 + 2 * 60; column += 2) {
    const head = plainValue(metadata.getCell(1, column).value);
    if (typeof head !== 'string' || !head.startsWith('set:')) break;
    const list: { code: string; label: string }[] = [];
    for (let r = 2; r < 200; r++) {
      const code = plainValue(metadata.getCell(r, column).value);
      if (code === null || code === '') break;
      list.push({
        code: String(code),
        label: String(plainValue(metadata.getCell(r, column + 1).value) ?? '').normalize('NFC'),
      });
    }
    options.set(head.slice(4), list);
  }

  const mapStart = row + 1;
  if (plainValue(metadata.getCell(mapStart, 1).value) !== 'cellKey') {
    throw unrecognized({ vi: 'thiếu bảng vị trí các ô.', en: 'the cell map is missing.' });
  }
  for (let r = mapStart + 1; r < mapStart + 100_000; r++) {
    const key = plainValue(metadata.getCell(r, 1).value);
    if (key === null || key === '') break;
    const cells = [2, 3, 4, 5, 6, 7].map((c) => String(plainValue(metadata.getCell(r, c).value) ?? ''));
    const [address, , , type, role, optionSet] = cells as [string, string, string, string, string, string];
    if (role !== 'input') continue;
    if (!/^[A-Z]{1,3}[0-9]{1,7}$/.test(address)) {
      throw unrecognized({
        vi: `địa chỉ ô “${address}” không hợp lệ.`,
        en: `the cell address “${address}” is invalid.`,
      });
    }
    const converted = convert(plainValue(data.getCell(address).value), type, options.get(optionSet));
    const cellKey = String(key);
    if ('error' in converted) {
      result.values[cellKey] = null;
      result.errors.push({
        cellKey,
        address,
        message: { vi: `Ô ${address}: ${converted.error.vi}`, en: `Cell ${address}: ${converted.error.en}` },
      });
    } else result.values[cellKey] = converted.value;
  }
  return result;
}
