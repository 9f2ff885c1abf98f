import { describe, expect, it } from 'vitest';
import { computedFieldOrder } from './computed-fields';
import { parseExpression } from './parser';

describe('computedFieldOrder', () => {
  it('puts each field after the computed fields it reads, otherwise keeping the given order', () => {
    const result = computedFieldOrder([
      { code: 'ty_le', expression: '#{tong} / #{dan_so} * 100' },
      { code: 'tong', expression: '#{nam} + #{nu}' },
      { code: 'khac', expression: '#{x} * 2' },
      { code: 'nu', expression: '#{nu_thanh_thi} + #{nu_nong_thon}' },
      { code: 'nam', expression: parseExpression('#{nam_thanh_thi} + #{nam_nong_thon}') },
    ]);
    expect(result).toEqual({ ok: true, order: ['nam', 'nu', 'tong', 'ty_le', 'khac'] });
  });

  it('counts a reference to an option of a computed field as a dependency, and ignores other forms', () => {
    const result = computedFieldOrder([
      { code: 'a', expression: '#{b.nu} + #{OTHER:c}' },
      { code: 'b', expression: '1' },
      { code: 'c', expression: '#{OTHER:a}' },
    ]);
    expect(result).toEqual({ ok: true, order: ['b', 'a', 'c'] });
  });

  it('names the fields of a cycle', () => {
    const result = computedFieldOrder([
      { code: 'a', expression: '1 + #{b}' },
      { code: 'b', expression: '#{c} * 2' },
      { code: 'c', expression: 'sum(#{x}, #{a})' },
      { code: 'd', expression: '#{a}' },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors;
    expect(error?.code).toBe('EXPR_CYCLE');
    expect(error?.cycle).toEqual(['a', 'b', 'c']);
    expect(error?.field).toBe('a');
    expect(error?.position).toEqual({ offset: 4, line: 1, column: 5 });
    expect(error?.vi).toBe('Các trường tính toán phụ thuộc vòng tròn: a → b → c → a.');
    expect(error?.en).toBe('Computed fields depend on each other in a cycle: a → b → c → a.');
  });

  it('reports a field that reads itself', () => {
    const result = computedFieldOrder([{ code: 'a', expression: '#{a.nu} + 1' }]);
    expect(result).toMatchObject({ ok: false, errors: [{ code: 'EXPR_CYCLE', cycle: ['a'], field: 'a' }] });
  });

  it('reports separate cycles separately', () => {
    const result = computedFieldOrder([
      { code: 'a', expression: '#{b}' },
      { code: 'b', expression: '#{a}' },
      { code: 'c', expression: '#{d}' },
      { code: 'd', expression: '#{c} + #{a}' },
    ]);
    expect(result.ok ? [] : result.errors.map((e) => e.cycle)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('reports syntax errors and duplicate codes with the field they belong to', () => {
    const result = computedFieldOrder([
      { code: 'a', expression: '#{b} +' },
      { code: 'b', expression: '1' },
      { code: 'b', expression: '2' },
    ]);
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.field])).toEqual([
      ['EXPR_SYNTAX', 'a'],
      ['EXPR_DUPLICATE_FIELD', 'b'],
    ]);
  });

  it('handles a long chain without recursion', () => {
    const definitions = Array.from({ length: 5000 }, (_, i) => ({ code: `f${i}`, expression: `#{f${i + 1}} + 1` }));
    const result = computedFieldOrder(definitions);
    expect(result.ok && result.order[0]).toBe('f4999');
    expect(result.ok && result.order.at(-1)).toBe('f0');
  });

  it('accepts no definitions', () => {
    expect(computedFieldOrder([])).toEqual({ ok: true, order: [] });
  });
});
