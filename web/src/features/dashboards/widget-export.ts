/**
 * A widget's data as CSV or XLSX. A cell whose text starts like a formula (= + - @, tab, CR) is
 * prefixed with an apostrophe, so a spreadsheet shows it instead of running it (OWASP CSV injection).
 */
export type Table = { header: string[]; rows: (string | number | null)[][] };

const FORMULA_START = /^[=+\-@\t\r]/;
export const safeCell = (value: string | number | null): string | number | null =>
  typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadCsv(table: Table, name: string): void {
  const quote = (value: string | number | null) => {
    const safe = safeCell(value);
    if (safe === null) return '';
    const text = String(safe);
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [table.header, ...table.rows].map((row) => row.map(quote).join(','));
  // A byte-order mark so Excel reads the Vietnamese letters as UTF-8.
  save(new Blob([`\uFEFF${lines.join('\r\n')}`], { type: 'text/csv;charset=utf-8' }), `${name}.csv`);
}

export async function downloadXlsx(table: Table, name: string): Promise<void> {
  const { Workbook } = await import('exceljs');
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(name.slice(0, 31) || 'Sheet1');
  sheet.addRow(table.header).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map(safeCell));
  const buffer = await workbook.xlsx.writeBuffer();
  save(
    new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    `${name}.xlsx`,
  );
}

export function downloadPng(dataUrl: string, name: string): void {
  const link = document.createElement('a');
  link.href = dataUrl;
  link.download = `${name}.png`;
  link.click();
}
