import { describe, expect, it } from 'vitest';
import { parseExpression } from '../expressions/index';
import { excelFormula } from './excel-formula';

describe('excelFormula', () => {
  const addresses: Record<string, string> = { a: 'D5', b: 'D6', 'c.x': 'E7' };
  const formula = (source: string) => excelFormula(parseExpression(source), (key) => addresses[key]);
  it('translates arithmetic, functions and conditions', () => {
    expect(formula('round(#{a} / #{b} * 100, 1)')).toBe('ROUND(((D5/D6)*100),1)');
    expect(formula('if(isNull(#{a}), 0, #{a} % 3)')).toBe('IF((D5=""),0,(D5-3*TRUNC(D5/3)))');
    expect(formula('#{a} != 1 and not (#{c.x} > 2)')).toBe('AND((D5<>1),NOT((E7>2)))');
    expect(formula('coalesce(#{a}, #{b}, 0)')).toBe('IF(D5<>"",D5,IF(D6<>"",D6,IF(0<>"",0,"")))');
  });
  it('gives up on references the sheet does not have', () => {
    expect(formula('#{B11:chi} + 1')).toBeNull();
    expect(formula('#{missing}')).toBeNull();
  });
});
