import type { FieldDefinition, FormDefinition } from '@baocao/domain';
import { describe, expect, it } from 'vitest';
import { formatCellValue, formatViNumber, parseCellInput, parseViNumber } from './cell-values';

const sum = { hierarchy: 'sum', time: 'last' } as const;
const field = (type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  code: 'f',
  label: { vi: 'F', en: 'F' },
  type,
  aggregation: sum,
  ...extra,
});
const form: FormDefinition = {
  code: 'B',
  title: { vi: 'B', en: 'B' },
  entryUnitKinds: [],
  sections: [],
  optionSets: [
    {
      code: 'gioi',
      label: { vi: 'Giới', en: 'Sex' },
      options: [
        { code: 'nam', label: { vi: 'Nam', en: 'Male' } },
        { code: 'nu', label: { vi: 'Nữ', en: 'Female' } },
      ],
    },
  ],
  rules: [],
};

describe('parseViNumber', () => {
  it.each([
    ['1.234,5', 1234.5],
    ['1234,5', 1234.5],
    ['12,5', 12.5],
    ['1.234', 1234],
    ['1.234.567', 1234567],
    ['1.234.567,25', 1234567.25],
    ['12.5', 12.5],
    ['0.125', 0.125],
    ['1,234.5', 1234.5],
    ['1,234,567', 1234567],
    ['-7', -7],
    [' 42 ', 42],
    ['12,5%', 12.5],
    [',5', 0.5],
    ['1 234,5', 1234.5],
  ])('reads %s as %d', (text, value) => {
    expect(parseViNumber(text)).toBe(value);
  });

  it.each(['abc', '1.2.3', '12,5,6', '1,2.3,4', '--1', '1.23,4.5'])('refuses %s', (text) => {
    expect(parseViNumber(text)).toBeNaN();
  });

  it('treats blank as no value', () => {
    expect(parseViNumber('  ')).toBeNull();
  });

  it('formats the vi-VN way', () => {
    expect(formatViNumber(1234.5)).toBe('1.234,5');
    expect(formatViNumber(-1234567)).toBe('-1.234.567');
  });
});

describe('parseCellInput', () => {
  it('keeps text that is not a number, so validation can name it', () => {
    expect(parseCellInput(form, field('integer'), '12a')).toBe('12a');
    expect(parseCellInput(form, field('decimal'), '12,5')).toBe(12.5);
    expect(parseCellInput(form, field('integer'), '')).toBeNull();
  });

  it('reads yes/no, dates and options', () => {
    expect(parseCellInput(form, field('boolean'), 'Có')).toBe(true);
    expect(parseCellInput(form, field('boolean'), 'khong')).toBe(false);
    expect(parseCellInput(form, field('date'), '15/07/2021')).toBe('2021-07-15');
    expect(parseCellInput(form, field('date'), '31/02/2021')).toBe('31/02/2021');
    expect(parseCellInput(form, field('choice', { optionSet: 'gioi' }), 'nu')).toBe('nu');
    expect(parseCellInput(form, field('choice', { optionSet: 'gioi' }), 'Nữ')).toBe('nu');
  });

  it('shows values as officers read them', () => {
    expect(formatCellValue(form, field('money'), 1234567.5, 'vi')).toBe('1.234.567,5');
    expect(formatCellValue(form, field('date'), '2021-07-15', 'vi')).toBe('15/07/2021');
    expect(formatCellValue(form, field('choice', { optionSet: 'gioi' }), 'nu', 'vi')).toBe('Nữ');
    expect(formatCellValue(form, field('boolean'), false, 'vi')).toBe('Không');
  });
});
