/**
 * The Excel template of a form version for one unit and period, laid out like the printed form.
 *
 * Most officers fill forms offline in Excel, so the template does what the web form does as far
 * as Excel can: label cells are locked (the sheet is protected without a password, so it is a
 * guide, not a lock), input cells are unlocked and carry data validation by type and bounds,
 * computed cells are formulas when the expression translates to Excel (`excelFormula` in
 * domain/; shaded and locked either way: the server recomputes them). A hidden sheet `_baocao`
 * names the form, version, unit and period and maps every cell key to its address, so an upload
 * is matched back without guessing from the layout (`template-reader.ts`).
 */
import {
  excelFormula,
  type FieldDefinition,
  type FormDefinition,
  fieldCellKeys,
  formatVietnamDateTime,
  isNumericType,
  type LocalizedText,
  type Period,
  periodLabel,
  type SectionDefinition,
  tryParse,
} from '@baocao/domain';
import ExcelJS from 'exceljs';
import { HEADING_CELLS, METADATA_SHEET, TEMPLATE_FORMAT, TEMPLATE_MAGIC } from './template-layout';

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
    `Mẫu do hệ thống Baocao tạo lúc ${formatVietnamDateTime(input.generatedAt.getTime())} (giờ Việt Nam). Không thêm, xóa dòng hay cột; tải tệp đã điền lên hệ thống để nộp.`,
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
