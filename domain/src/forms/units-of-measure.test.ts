import { describe, expect, it } from 'vitest';
import { unitOfMeasureLabel } from './units-of-measure';

describe('unitOfMeasureLabel', () => {
  it('names the common units in English and leaves Vietnamese as written', () => {
    expect(unitOfMeasureLabel('triệu đồng', 'en')).toBe('million VND');
    expect(unitOfMeasureLabel('người', 'en')).toBe('people');
    expect(unitOfMeasureLabel('hồ sơ', 'en')).toBe('files');
    expect(unitOfMeasureLabel('%', 'en')).toBe('%');
    expect(unitOfMeasureLabel('triệu đồng', 'vi')).toBe('triệu đồng');
  });

  it('matches whatever the case, spacing or Unicode form, and keeps an unknown unit as written', () => {
    expect(unitOfMeasureLabel(' Triệu đồng ', 'en')).toBe('million VND');
    expect(unitOfMeasureLabel('ngu\u031Bo\u031B\u0300i', 'en')).toBe('people');
    expect(unitOfMeasureLabel('thùng', 'en')).toBe('thùng');
  });
});
