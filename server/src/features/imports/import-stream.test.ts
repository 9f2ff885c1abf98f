import { DomainError } from '@baocao/domain';
import { describe, expect, it } from 'vitest';
import { CsvReader, stagedLine, stagedValue } from './import-stream';

function read(chunks: string[]): { fields: string[]; line: number }[] {
  const records: { fields: string[]; line: number }[] = [];
  const reader = new CsvReader('csv', (fields, count, line) => records.push({ fields: fields.slice(0, count), line }));
  for (const chunk of chunks) reader.push(chunk);
  reader.end();
  return records;
}

const TEXT =
  'form,unit,period,cell,value\r\n' +
  'B03,X1,20240301,"nhan","1,5"\r\n' +
  '\r\n' +
  '  ,  \n' +
  'B03,X1,20240301,ghi_chu,"dòng một\ndòng ""hai"""\n' +
  'B03,X2,20240301,nhan,=A1\n' +
  'B03,X2,20240302,nhan,7';

const EXPECTED = [
  { fields: ['form', 'unit', 'period', 'cell', 'value'], line: 1 },
  { fields: ['B03', 'X1', '20240301', 'nhan', '1,5'], line: 2 },
  { fields: ['B03', 'X1', '20240301', 'ghi_chu', 'dòng một\ndòng "hai"'], line: 5 },
  { fields: ['B03', 'X2', '20240301', 'nhan', '=A1'], line: 7 },
  { fields: ['B03', 'X2', '20240302', 'nhan', '7'], line: 8 },
];

describe('the streaming CSV reader', () => {
  it('reads quoted fields, doubled quotes, CRLF and line breaks in a field, skipping blank lines', () => {
    expect(read([TEXT])).toEqual(EXPECTED);
  });

  it('reads the same records whatever the chunk boundaries', () => {
    for (let i = 0; i <= TEXT.length; i++) expect(read([TEXT.slice(0, i), TEXT.slice(i)])).toEqual(EXPECTED);
    expect(read([...TEXT])).toEqual(EXPECTED);
  });

  it('guesses a semicolon or tab delimiter from the first line', () => {
    expect(read(['a;b;c\n1;"2;3";4\n'])).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['1', '2;3', '4'], line: 2 },
    ]);
    expect(read(['a\tb\n1\t2'])).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', '2'], line: 2 },
    ]);
  });

  it('refuses a trailing quote and an unterminated quoted field, naming the line', () => {
    const trailing = () => read(['a,b\n1,2\n3,"4"x\n']);
    expect(trailing).toThrow(DomainError);
    expect(trailing).toThrow(/line 3/);
    expect(() => read(['a,b\n1,"2\n3,4\n'])).toThrow(/unterminated \(line 2\)/);
  });
});

describe('staged lines', () => {
  it('escape what COPY’s text format needs and keep the value’s type', () => {
    expect(stagedLine(3, 'B03', 'X1', '20240301', 'nhan', null, 'a\\b\tc\nd\re')).toBe(
      '3\tB03\tX1\t20240301\tnhan\t\\N\ta\\\\b\\tc\\nd\\re\ts\n',
    );
    expect(stagedLine(1, null, null, null, null, 'default', 12.5)).toBe('1\t\\N\t\\N\t\\N\t\\N\tdefault\t12.5\tn\n');
    expect(stagedLine(1, 'F', 'U', 'P', 'C', null, true).endsWith('\ttrue\tb\n')).toBe(true);
    expect(stagedLine(1, 'F', 'U', 'P', 'C', null, null).endsWith('\t\\N\t\\N\n')).toBe(true);
    expect([
      stagedValue('12.5', 'n'),
      stagedValue('true', 'b'),
      stagedValue('x', 's'),
      stagedValue(null, null),
    ]).toEqual([12.5, true, 'x', null]);
  });
});
