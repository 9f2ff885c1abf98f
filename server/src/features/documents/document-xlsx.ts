/**
 * A generated report as an XLSX workbook laid out as the printed forms: the agency and the
 * national motto at the top, the title and period, then each table with its numbered rows,
 * bordered cells and a total row; one sheet for the main figures and one per table. Numbers
 * are numbers (vi-VN display format); text that a spreadsheet could take for a formula
 * (= + - @ at the start) is written with a leading apostrophe, so opening the file runs nothing.
 */

import type { DocumentDefinition } from '@baocao/domain';
import ExcelJS from 'exceljs';
import type { DocumentContent } from './document-content';

const NUMBER_FORMAT = '#,##0.##';
const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** Text safe from formula injection. */
export function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function heading(
  sheet: ExcelJS.Worksheet,
  content: DocumentContent,
  definition: DocumentDefinition,
  number: string,
  span: number,
) {
  const half = Math.max(2, Math.floor(span / 2));
  const put = (row: number, from: number, to: number, text: string, font: Partial<ExcelJS.Font>) => {
    if (to > from) sheet.mergeCells(row, from, row, to);
    const cell = sheet.getCell(row, from);
    cell.value = safeText(text);
    cell.font = { name: 'Times New Roman', size: 12, ...font };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  put(1, 1, half, definition.issuer.governingBody.toLocaleUpperCase('vi-VN'), {});
  put(2, 1, half, definition.issuer.agency.toLocaleUpperCase('vi-VN'), { bold: true });
  put(3, 1, half, `Số: ${number}`, {});
  put(1, half + 1, span, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true });
  put(2, half + 1, span, 'Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true });
  put(3, half + 1, span, content.placeDate, { italic: true });
  put(5, 1, span, content.title, { bold: true, size: 14 });
  put(6, 1, span, `Kỳ báo cáo: ${content.period.label}`, { italic: true });
  sheet.getRow(5).height = 36;
}

function tableRows(
  sheet: ExcelJS.Worksheet,
  start: number,
  header: string[],
  rows: (string | number | null)[][],
  total: (string | number | null)[] | null,
) {
  const headerRow = sheet.getRow(start);
  header.forEach((text, i) => {
    const cell = headerRow.getCell(i + 1);
    cell.value = safeText(text);
    cell.font = { name: 'Times New Roman', bold: true, size: 11 };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = border;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE3EE' } };
  });
  headerRow.height = 42;
  const write = (values: (string | number | null)[], index: number, bold: boolean) => {
    const row = sheet.getRow(index);
    values.forEach((value, i) => {
      const cell = row.getCell(i + 1);
      cell.value = typeof value === 'string' ? safeText(value) : value;
      cell.font = { name: 'Times New Roman', size: 11, bold };
      cell.border = border;
      if (typeof value === 'number') cell.numFmt = NUMBER_FORMAT;
      cell.alignment = {
        vertical: 'middle',
        wrapText: typeof value === 'string',
        horizontal: typeof value === 'number' ? 'right' : 'left',
      };
    });
  };
  for (const [i, values] of rows.entries()) write(values, start + 1 + i, false);
  if (total) write(total, start + 1 + rows.length, true);
}

export async function renderXlsx(
  content: DocumentContent,
  definition: DocumentDefinition,
  number: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Baocao';
  workbook.created = new Date(`${content.issuedOn}T00:00:00+07:00`);
  workbook.title = content.title;

  const summary = workbook.addWorksheet('Chỉ tiêu', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  summary.columns = [{ width: 6 }, { width: 44 }, { width: 14 }, { width: 18 }, { width: 18 }, { width: 14 }];
  heading(summary, content, definition, number, 6);
  tableRows(
    summary,
    8,
    ['STT', 'Chỉ tiêu', 'Đơn vị tính', content.period.label, content.period.previousLabel, 'Tăng/giảm (%)'],
    content.values.map((v, i) => [i + 1, v.label, v.unitOfMeasure ?? '', v.value, v.previous, v.changePct]),
    null,
  );
  if (content.compliance) {
    const c = content.compliance;
    const at = 10 + content.values.length;
    tableRows(
      summary,
      at,
      ['', 'Tình hình thực hiện chế độ báo cáo', '', 'Số lượt', '', ''],
      [
        ['', 'Phải báo cáo', '', c.expected, null, null],
        ['', 'Đúng hạn', '', c.onTime, null, null],
        ['', 'Trễ hạn', '', c.late, null, null],
        ['', 'Chưa báo cáo', '', c.missing, null, null],
      ],
      null,
    );
  }

  content.tables.forEach((table, t) => {
    const span = 2 + table.columns.length;
    const sheet = workbook.addWorksheet(`Biểu ${t + 1}`, {
      pageSetup: {
        paperSize: 9,
        orientation: span > 6 ? 'landscape' : 'portrait',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      },
      views: [{ state: 'frozen', ySplit: 8 }],
    });
    sheet.columns = [{ width: 6 }, { width: 36 }, ...table.columns.map(() => ({ width: 18 }))];
    heading(sheet, content, definition, number, span);
    sheet.mergeCells(7, 1, 7, span);
    const caption = sheet.getCell(7, 1);
    caption.value = safeText(table.title);
    caption.font = { name: 'Times New Roman', bold: true, size: 12 };
    caption.alignment = { horizontal: 'center' };
    tableRows(
      sheet,
      8,
      ['STT', 'Đơn vị', ...table.columns.map((c) => (c.unitOfMeasure ? `${c.label} (${c.unitOfMeasure})` : c.label))],
      table.rows.map((row, i) => [i + 1, row.name, ...row.cells]),
      ['', 'Tổng cộng', ...table.total],
    );
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer);
}
