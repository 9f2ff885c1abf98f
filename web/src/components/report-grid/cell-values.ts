import type { CellValue, FieldDefinition, FormDefinition } from '@baocao/domain';
import { foldForSearch, isNumericType } from '@baocao/domain';

// What officers type and see in a cell: vi-VN numbers ("1.234,5": '.' groups
// thousands, ',' marks decimals), dates as dd/MM/yyyy, Có/Không, option labels.
// Text that does not parse is kept as typed, so validateValues reports it next
// to the cell instead of the keystroke being lost.

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 10 });

const GROUPED_DOTS = /^\d{1,3}(\.\d{3})+$/;
const GROUPED_COMMAS = /^\d{1,3}(,\d{3})+$/;
const DIGITS = /^\d+$/;

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function integerPart(text: string, separator: '.' | ','): string | null {
  if (text === '') return '0';
  if (DIGITS.test(text)) return text;
  const grouped = separator === '.' ? GROUPED_DOTS : GROUPED_COMMAS;
  return grouped.test(text) ? text.split(separator).join('') : null;
}

/**
 * Reads a number written the Vietnamese way ("1.234,5", "1234,5", "12,5"), also
 * accepting what an English-locale Excel copies ("1,234.5", "12.5"). Returns
 * null for blank text and NaN for text that is not a number.
 */
export function parseViNumber(input: string): number | null {
  let text = input.replace(/[\s\u00a0\u202f]/g, '');
  if (text.endsWith('%')) text = text.slice(0, -1);
  if (text === '') return null;
  let sign = 1;
  if (text.startsWith('-') || text.startsWith('−')) {
    sign = -1;
    text = text.slice(1);
  } else if (text.startsWith('+')) text = text.slice(1);
  if (!/^[0-9.,]+$/.test(text) || !/\d/.test(text)) return Number.NaN;
  const commas = count(text, ',');
  const dots = count(text, '.');
  let whole: string | null;
  let fraction = '';
  if (commas > 0 && dots > 0) {
    // Both separators: whichever comes last is the decimal mark.
    const decimal = text.lastIndexOf(',') > text.lastIndexOf('.') ? ',' : '.';
    const grouping = decimal === ',' ? '.' : ',';
    if (count(text, decimal) > 1) return Number.NaN;
    const at = text.lastIndexOf(decimal);
    whole = integerPart(text.slice(0, at), grouping);
    fraction = text.slice(at + 1);
  } else if (commas > 0) {
    if (commas === 1) {
      const at = text.indexOf(',');
      whole = integerPart(text.slice(0, at), '.');
      fraction = text.slice(at + 1);
    } else whole = integerPart(text, ',');
  } else if (dots > 1) {
    whole = integerPart(text, '.');
  } else if (dots === 1) {
    const at = text.indexOf('.');
    const before = text.slice(0, at);
    const after = text.slice(at + 1);
    // vi-VN groups thousands with '.', so "1.234" is one thousand two hundred thirty-four;
    // "12.5" or "0.125" can only be decimals.
    if (after.length === 3 && before !== '' && !/^0+$/.test(before)) whole = integerPart(text, '.');
    else {
      whole = integerPart(before, '.');
      fraction = after;
    }
  } else whole = text;
  if (whole === null || !/^\d*$/.test(fraction)) return Number.NaN;
  const value = Number(fraction ? `${whole}.${fraction}` : whole);
  return Number.isFinite(value) ? sign * value : Number.NaN;
}

export function formatViNumber(value: number): string {
  return numberFormat.format(value);
}

const YES = new Set(['co', 'c', 'x', '1', 'yes', 'y', 'true', 'dung']);
const NO = new Set(['khong', 'k', '0', 'no', 'n', 'false', 'sai']);

function parseDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : vn ? [vn[3], vn[2], vn[1]] : [];
  if (!year || !month || !day) return null;
  const m = Number(month);
  const d = Number(day);
  const date = new Date(Date.UTC(Number(year), m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The value of what was typed into a cell of `field`; unparseable text is kept as a string. */
export function parseCellInput(form: FormDefinition, field: FieldDefinition, input: string): CellValue {
  const text = input.trim();
  if (text === '') return null;
  if (isNumericType(field.type)) {
    const value = parseViNumber(text);
    return value === null ? null : Number.isNaN(value) ? text : value;
  }
  if (field.type === 'boolean') {
    const folded = foldForSearch(text);
    if (YES.has(folded)) return true;
    if (NO.has(folded)) return false;
    return text;
  }
  if (field.type === 'date') return parseDate(text) ?? text;
  if (field.type === 'choice') {
    const set = form.optionSets.find((s) => s.code === field.optionSet);
    const folded = foldForSearch(text);
    const option = set?.options.find(
      (o) => o.code === text || foldForSearch(o.label.vi) === folded || foldForSearch(o.label.en) === folded,
    );
    return option ? option.code : text;
  }
  // Text keeps its spaces and line breaks; only blank text is "no value".
  return input.normalize('NFC');
}

/** A cell value as shown in the grid (vi-VN numbers and dates, labels of options). */
export function formatCellValue(
  form: FormDefinition,
  field: FieldDefinition,
  value: CellValue | undefined,
  language: 'vi' | 'en',
): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatViNumber(value);
  if (typeof value === 'boolean')
    return value ? (language === 'vi' ? 'Có' : 'Yes') : language === 'vi' ? 'Không' : 'No';
  if (field.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return `${d}/${m}/${y}`;
  }
  if (field.type === 'choice') {
    const option = form.optionSets.find((s) => s.code === field.optionSet)?.options.find((o) => o.code === value);
    if (option) return option.label[language] || option.label.vi;
  }
  return value;
}
