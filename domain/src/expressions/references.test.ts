import { describe, expect, it } from 'vitest';
import { parseExpression } from './parser';
import { referencedFields, validateReferences } from './references';

describe('referencedFields', () => {
  it('lists each distinct reference once, in order of first appearance', () => {
    const ast = parseExpression('sum(#{b}, #{a.nu}, #{b}) + if(#{F2:c} > 0, #{a}, #{F2:c.x}) + #{a.nu}');
    expect(referencedFields(ast)).toEqual([
      { field: 'b' },
      { field: 'a', option: 'nu' },
      { form: 'F2', field: 'c' },
      { field: 'a' },
      { form: 'F2', field: 'c', option: 'x' },
    ]);
  });

  it('is empty for a constant', () => {
    expect(referencedFields(parseExpression('1 + 2'))).toEqual([]);
  });
});

describe('validateReferences', () => {
  const fields = new Set(['tong', 'nam', 'nu']);

  it('reports each unknown field at its position', () => {
    const errors = validateReferences(parseExpression('#{tong} = #{nam} + #{nu} +\n #{khac} + #{khac}'), fields);
    expect(errors.map((e) => [e.code, e.position])).toEqual([
      ['EXPR_UNKNOWN_FIELD', { offset: 28, line: 2, column: 2 }],
      ['EXPR_UNKNOWN_FIELD', { offset: 38, line: 2, column: 12 }],
    ]);
    expect(errors[0]?.vi).toBe("Biểu mẫu không có chỉ tiêu 'khac'.");
    expect(errors[0]?.en).toBe("The form has no field 'khac'.");
    expect(errors[0]?.span.end.offset).toBe(35);
  });

  it('is case-sensitive', () => {
    expect(validateReferences(parseExpression('#{Tong}'), fields)).toHaveLength(1);
  });

  it('checks options when the fields come with their options', () => {
    const withOptions = new Map([
      ['ho_ngheo', new Set(['dan_toc', 'kinh'])],
      ['dan_so', new Set<string>()],
    ]);
    const errors = validateReferences(
      parseExpression('#{ho_ngheo.dan_toc} + #{ho_ngheo.khac} + #{dan_so} + #{dan_so.nu} + #{x.y}'),
      withOptions,
    );
    expect(errors.map((e) => [e.code, e.position.offset])).toEqual([
      ['EXPR_UNKNOWN_OPTION', 22],
      ['EXPR_UNKNOWN_OPTION', 53],
      ['EXPR_UNKNOWN_FIELD', 68],
    ]);
    expect(errors[0]?.en).toBe("Field 'ho_ngheo' has no disaggregation option 'khac'.");
  });

  it('does not check options against a plain set of codes', () => {
    expect(validateReferences(parseExpression('#{nam.any}'), fields)).toEqual([]);
  });

  it('checks cross-form references against the known forms', () => {
    const ast = parseExpression('#{KBNN:giai_ngan} - #{UBND:da_chi} + #{XX:a} + #{KBNN:khac}');
    expect(validateReferences(ast, fields)).toEqual([]);
    expect(validateReferences(ast, fields, new Set()).map((e) => e.code)).toEqual([
      'EXPR_UNKNOWN_FORM',
      'EXPR_UNKNOWN_FORM',
      'EXPR_UNKNOWN_FORM',
      'EXPR_UNKNOWN_FORM',
    ]);
    expect(validateReferences(ast, fields, new Set(['KBNN', 'UBND'])).map((e) => [e.code, e.position.offset])).toEqual([
      ['EXPR_UNKNOWN_FORM', 37],
    ]);
    const forms = new Map([
      ['KBNN', new Set(['giai_ngan'])],
      ['UBND', new Set(['da_chi'])],
    ]);
    const errors = validateReferences(ast, fields, forms);
    expect(errors.map((e) => [e.code, e.position.offset])).toEqual([
      ['EXPR_UNKNOWN_FORM', 37],
      ['EXPR_UNKNOWN_FIELD', 47],
    ]);
    expect(errors[0]?.vi).toBe("Chế độ báo cáo không có biểu mẫu 'XX'.");
    expect(errors[1]?.en).toBe("Form 'KBNN' has no field 'khac'.");
  });

  it('finds nothing wrong with known references', () => {
    expect(validateReferences(parseExpression('if(isNull(#{nam}), 0, #{nam}) + #{nu}'), fields)).toEqual([]);
  });
});
