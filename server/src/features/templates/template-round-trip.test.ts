import { DomainError } from '@baocao/domain';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { templateForm, templateInput } from '../../../test/template-fixture';
import { parseNumberText, readTemplateUpload } from './template-reader';
import { buildFormTemplate } from './template-writer';

async function load(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** The address of a cell key, from the hidden map. */
function addressOf(workbook: ExcelJS.Workbook, key: string): string {
  const meta = workbook.getWorksheet('_baocao')!;
  let found = '';
  meta.eachRow((row) => {
    if (row.getCell(1).value === key) found = String(row.getCell(2).value);
  });
  if (!found) throw new Error(`no cell ${key}`);
  return found;
}

describe('Excel template', () => {
  it('lays out the form, locks labels, validates inputs and writes formulas for computed cells', async () => {
    const workbook = await load(await buildFormTemplate(templateInput()));
    const sheet = workbook.getWorksheet('B09')!;
    expect(String(sheet.getCell('A2').value)).toBe(templateForm.title.vi);
    expect(String(sheet.getCell('A4').value)).toContain('UBND huyện Ba Vì');
    expect(String(sheet.getCell('A5').value)).toBe(
      'Kỳ báo cáo: Ngày 15/08/2021 (từ ngày 15/08/2021 đến ngày 15/08/2021)',
    );
    // The footer tells when the template was made in Vietnamese local time, not as an ISO UTC stamp.
    // Merged cells repeat their value: count distinct texts.
    const footer = new Set<string>();
    sheet.eachRow((row) => {
      for (const value of row.values as unknown[])
        if (String(value ?? '').includes('tạo lúc')) footer.add(String(value));
    });
    expect(footer.size).toBe(1);
    const [text] = [...footer];
    expect(text).toContain('tạo lúc 15/08/2021 14:00 (giờ Việt Nam)');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);

    const integer = sheet.getCell(addressOf(workbook, 'ho_so'));
    expect(integer.protection?.locked).toBe(false);
    expect(integer.numFmt).toBe('#,##0');
    expect(integer.dataValidation).toMatchObject({ type: 'whole', operator: 'between', formulae: [0, 100000] });
    const label = sheet.getCell(`B${integer.row}`);
    expect(label.value).toBe('Số hồ sơ nhận');
    expect(label.protection?.locked).not.toBe(false);
    expect(sheet.getCell(addressOf(workbook, 'muc')).dataValidation).toMatchObject({
      type: 'list',
      formulae: ["'_baocao'!$M$2:$M$3"],
    });
    expect(sheet.getCell(addressOf(workbook, 'da_chi')).dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"Có,Không"'],
    });
    expect(sheet.getCell(addressOf(workbook, 'ngay_ban_hanh')).dataValidation?.type).toBe('date');
    const money = sheet.getCell(addressOf(workbook, 'tien.xe_om'));
    expect(money.numFmt).toBe('#,##0.00');
    expect(money.dataValidation).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0] });

    // The disaggregated column runs down the option rows; the total row holds the computed cells.
    const people = addressOf(workbook, 'nguoi.ban_hang_rong');
    expect(sheet.getCell(`B${sheet.getCell(people).row}`).value).toBe('Bán hàng rong');
    const total = sheet.getCell(addressOf(workbook, 'tong_nguoi'));
    expect(total.protection?.locked).not.toBe(false);
    expect(total.formula).toBe(`IFERROR(SUM(${people},${addressOf(workbook, 'nguoi.xe_om')}),"")`);
    // Grouped column headings are merged above their columns.
    const head = sheet.getCell(`C${Number(sheet.getCell(people).row) - 2}`);
    expect(head.value).toBe('Đã chi trả');
    expect(sheet.getCell(`D${head.row}`).isMerged).toBe(true);

    const { sheetProtection } = sheet as unknown as { sheetProtection: Record<string, unknown> };
    expect(sheetProtection).toMatchObject({ sheet: true });
    expect(sheetProtection).not.toHaveProperty('hashValue');
    const meta = workbook.getWorksheet('_baocao')!;
    expect(meta.state).toBe('hidden');
    expect(meta.getCell('A1').value).toBe('baocao-template');
  });

  it('reads a filled template back: values by cell key, conversions and positioned errors', async () => {
    const workbook = await load(await buildFormTemplate(templateInput()));
    const sheet = workbook.getWorksheet('B09')!;
    const set = (key: string, value: ExcelJS.CellValue) => {
      sheet.getCell(addressOf(workbook, key)).value = value;
    };
    set('so_quyet_dinh', ' 123/QĐ-UBND ');
    set('ngay_ban_hanh', '05/08/2021');
    set('da_chi', 'Có');
    set('muc', 'Cao');
    set('ho_so', '1.234');
    set('nguoi.ban_hang_rong', 10);
    set('nguoi.xe_om', 2.5);
    set('tien.ban_hang_rong', '1.234,5');
    set('tien.xe_om', 'nhiều');
    set('tong_nguoi', 999);
    const upload = await readTemplateUpload(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(upload).toMatchObject({
      formVersionId: 12,
      formId: 7,
      formCode: 'B09',
      unitId: 271,
      unitCode: '271',
      periodId: '20210815',
    });
    expect(upload.values).toEqual({
      so_quyet_dinh: '123/QĐ-UBND',
      ngay_ban_hanh: '2021-08-05',
      da_chi: true,
      muc: 'cao',
      ho_so: 1234,
      'nguoi.ban_hang_rong': 10,
      'nguoi.xe_om': null,
      'tien.ban_hang_rong': 1234.5,
      'tien.xe_om': null,
    });
    expect(upload.errors.map((e) => [e.cellKey, e.address === addressOf(workbook, e.cellKey)])).toEqual([
      ['nguoi.xe_om', true],
      ['tien.xe_om', true],
    ]);
    expect(upload.errors[1]!.message.vi).toContain('không phải là số');
  });

  it('refuses a workbook that is not a template', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').getCell('A1').value = 'x';
    const other = Buffer.from(await workbook.xlsx.writeBuffer());
    await expect(readTemplateUpload(other)).rejects.toMatchObject({ code: 'TEMPLATE_UNRECOGNIZED' });
    await expect(readTemplateUpload(Buffer.from('not a zip'))).rejects.toBeInstanceOf(DomainError);
  });
});

describe('parseNumberText', () => {
  it('reads Vietnamese and English digit grouping', () => {
    expect(parseNumberText('1.234.567', true)).toBe(1234567);
    expect(parseNumberText('1,234,567.5', false)).toBe(1234567.5);
    expect(parseNumberText('1 234,5', false)).toBe(1234.5);
    expect(parseNumberText('12,5', false)).toBe(12.5);
    expect(parseNumberText('1.500', true)).toBe(1500);
    expect(parseNumberText('1.5', false)).toBe(1.5);
    expect(parseNumberText('abc', false)).toBeNull();
  });
});
