import { DomainError } from '@baocao/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ImportRow, scalar, str } from './import-formats';
import { JsonImportReader } from './import-json';
import { stagedValue, stageImportFile } from './import-stream';

type JsonFormat = 'native' | 'dhis2-json';
const NO_DEFAULTS = { dataSet: null };

/** The bytes cut in pieces of the given sizes (cycled), as a slow sender's chunks. */
function pieces(bytes: Buffer, sizes: number[]): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0, k = 0; i < bytes.length; k++) {
    const size = sizes[k % sizes.length]!;
    out.push(bytes.subarray(i, i + size));
    i += size;
  }
  return out;
}

async function* arriving(parts: Buffer[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield part;
}

const UNESCAPE: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r' };
const copyField = (text: string): string | null =>
  text === '\\N' ? null : text.replace(/\\(.)/g, (_, c: string) => UNESCAPE[c]!);

/** Staged COPY lines back as rows, in file order. */
function rowsOf(copy: string): ImportRow[] {
  return copy
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const f = line.split('\t').map(copyField);
      return {
        row: Number(f[0]),
        dataSet: f[1]!,
        orgUnit: f[2]!,
        period: f[3]!,
        dataElement: f[4]!,
        option: f[5]!,
        value: stagedValue(f[6]!, f[7]!),
      };
    })
    .sort((a, b) => a.row - b.row);
}

/** A JSON body staged as the import stages it, arriving in pieces of 1–7 bytes (tokens and UTF-8 sequences split). */
async function read(
  format: JsonFormat,
  input: string | Buffer,
  sizes = [1, 2, 3, 4, 5, 6, 7],
  defaults: { dataSet: string | null } = NO_DEFAULTS,
): Promise<ImportRow[]> {
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input);
  let copy = '';
  for await (const chunk of stageImportFile(format, arriving(pieces(bytes, sizes)), defaults)) copy += chunk;
  return rowsOf(copy);
}

async function failure(format: JsonFormat, input: string | Buffer, sizes?: number[]): Promise<DomainError> {
  try {
    await read(format, input, sizes);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('the file was read');
}

/** The reading the streamed reader replaces (JSON.parse of the whole text), as the reference. */
function readWhole(format: JsonFormat, text: string, defaults: { dataSet: string | null }): ImportRow[] {
  const body = JSON.parse(text) as Record<string, unknown>;
  const list = (format === 'native' ? body.values : body.dataValues) as unknown[];
  const items = list.map((item) =>
    typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : ({} as Record<string, unknown>),
  );
  if (format === 'native')
    return items.map((v, i) => ({
      row: i + 1,
      dataSet: str(v.form),
      orgUnit: str(v.unit),
      period: str(v.period),
      dataElement: str(v.cell),
      option: null,
      value: scalar(v.value),
    }));
  const set = { dataSet: str(body.dataSet) ?? defaults.dataSet, period: str(body.period), orgUnit: str(body.orgUnit) };
  return items.map((v, i) => ({
    row: i + 1,
    dataSet: str(v.dataSet) ?? set.dataSet,
    orgUnit: str(v.orgUnit) ?? set.orgUnit,
    period: str(v.period) ?? set.period,
    dataElement: str(v.dataElement),
    option: str(v.categoryOptionCombo),
    value: scalar(v.value),
  }));
}

// Escapes (\" \\ \n \u00e9, a surrogate pair), Vietnamese text, numbers, an object and an array value,
// unknown keys holding containers, items that are not objects, a duplicate key inside a value.
const NATIVE = `\ufeff{
  "note": { "nested": [1, { "deep": "x" }], "other": "bỏ qua" },
  "values": [
    { "form": "B03", "unit": " X1 ", "period": "20240301", "cell": "nhan", "value": 12.5e0 },
    { "form": "B03", "unit": "X1", "period": 20240301, "cell": "ghi_chu",
      "value": "Dòng \\"một\\"\\ncaf\\u00e9 \\ud83d\\ude00 đồng ₫\\t\\\\", "extra": { "a": [1, 2] } },
    { "cell": "x", "value": { "a": 1, "b": [true, null, "hai"] } },
    { "value": [1, -0.25, "ba"] },
    5, [1, 2], null, "chữ",
    { "form": {}, "unit": ["X1"], "period": true, "cell": "  ", "value": null },
    { "form": "A", "form": "B", "cell": "c", "cell": {}, "value": false }
  ],
  "trailing": [{ "values": "ignored" }]
}`;

const row = (r: Partial<ImportRow> & { row: number }): ImportRow => ({
  dataSet: null,
  orgUnit: null,
  period: null,
  dataElement: null,
  option: null,
  value: null,
  ...r,
});

describe('the streamed JSON reader', () => {
  it('reads native JSON as JSON.parse did, whatever the pieces it arrives in', async () => {
    const expected = [
      row({ row: 1, dataSet: 'B03', orgUnit: 'X1', period: '20240301', dataElement: 'nhan', value: 12.5 }),
      row({
        row: 2,
        dataSet: 'B03',
        orgUnit: 'X1',
        period: '20240301',
        dataElement: 'ghi_chu',
        value: 'Dòng "một"\ncafé 😀 đồng ₫\t\\',
      }),
      row({ row: 3, dataElement: 'x', value: '{"a":1,"b":[true,null,"hai"]}' }),
      row({ row: 4, value: '[1,-0.25,"ba"]' }),
      row({ row: 5 }),
      row({ row: 6 }),
      row({ row: 7 }),
      row({ row: 8 }),
      row({ row: 9 }),
      row({ row: 10, dataSet: 'B', value: false }),
    ];
    expect(readWhole('native', NATIVE.slice(1), NO_DEFAULTS)).toEqual(expected);
    expect(await read('native', NATIVE)).toEqual(expected);
    expect(await read('native', NATIVE, [1])).toEqual(expected);
    expect(await read('native', NATIVE, [64 * 1024])).toEqual(expected);
  });

  const VALUES = `[
    { "dataElement": "nhan", "categoryOptionCombo": "HllvX50cXC0", "value": "120" },
    { "dataElement": "duyet", "value": "95", "comment": "Đã đối chiếu sổ" },
    { "dataElement": "tien", "orgUnit": "X2", "period": "20240311", "dataSet": "B04", "value": 310.5 }
  ]`;
  const SET = (key: string) =>
    ({ dataSet: '"dataSet": "B03"', period: '"period": 20240310', orgUnit: '"orgUnit": " X1 "' })[key]!;

  it('reads DHIS2 JSON with the set-level fields before or after the values, as JSON.parse did', async () => {
    const expected = [
      row({
        row: 1,
        dataSet: 'B03',
        orgUnit: 'X1',
        period: '20240310',
        dataElement: 'nhan',
        option: 'HllvX50cXC0',
        value: '120',
      }),
      row({ row: 2, dataSet: 'B03', orgUnit: 'X1', period: '20240310', dataElement: 'duyet', value: '95' }),
      row({ row: 3, dataSet: 'B04', orgUnit: 'X2', period: '20240311', dataElement: 'tien', value: 310.5 }),
    ];
    const orders = [
      ['dataSet', 'period', 'orgUnit', 'dataValues'],
      ['dataValues', 'orgUnit', 'period', 'dataSet'],
      ['period', 'dataValues', 'dataSet', 'orgUnit'],
      ['dataSet', 'dataValues', 'completeDate', 'orgUnit', 'period'],
    ];
    for (const order of orders) {
      const text = `{${order.map((k) => (k === 'dataValues' ? `"dataValues": ${VALUES}` : k === 'completeDate' ? '"completeDate": "2024-03-10"' : SET(k))).join(',\n')}}`;
      expect(readWhole('dhis2-json', text, NO_DEFAULTS)).toEqual(expected);
      expect(await read('dhis2-json', text)).toEqual(expected);
    }
    // Without a set-level data set, the one given beside the file (`?dataSet=`) is the default.
    const bare = `{"dataValues": ${VALUES}, "period": "20240310"}`;
    const defaults = { dataSet: 'REG/B03' };
    expect(await read('dhis2-json', bare, [3], defaults)).toEqual(readWhole('dhis2-json', bare, defaults));
    expect((await read('dhis2-json', bare, [3], defaults)).map((r) => [r.dataSet, r.orgUnit])).toEqual([
      ['REG/B03', null],
      ['REG/B03', null],
      ['B04', 'X2'],
    ]);
  });

  it('holds only the values that wait for a set-level key not read yet', () => {
    const seen: number[] = [];
    const reader = new JsonImportReader('dhis2-json', NO_DEFAULTS, (r) => seen.push(r.row));
    reader.write('{"dataValues": [{"dataElement": "a"}, ');
    reader.write('{"dataElement": "b", "dataSet": "D", "orgUnit": "U", "period": "P"}], "orgUnit": "X1", ');
    // The complete value went at once; the first waits for the set's period and data set.
    expect(seen).toEqual([2]);
    reader.write('"period": "202403", ');
    expect(seen).toEqual([2]);
    reader.write('"dataSet": "B03"');
    expect(seen).toEqual([2, 1]);
    reader.write('}');
    reader.end();
    expect(seen).toEqual([2, 1]);
  });

  it('uses the data set given beside the file at once, and refuses a differing set-level one after it', async () => {
    const seen: (string | null)[] = [];
    const reader = new JsonImportReader('dhis2-json', { dataSet: 'REG/B03' }, (r) => seen.push(r.dataSet));
    reader.write('{"period": "202403", "orgUnit": "X1", "dataValues": [{"dataElement": "a"}, ');
    expect(seen).toEqual(['REG/B03']);
    reader.write('{"dataElement": "b", "dataSet": "B04"}], "dataSet": " REG/B03 "}');
    reader.end();
    expect(seen).toEqual(['REG/B03', 'B04']);
    const differing = '{"period": "202403", "dataValues": [{"dataElement": "a"}], "dataSet": "B04"}';
    await expect(read('dhis2-json', differing, [5], { dataSet: 'REG/B03' })).rejects.toThrow(
      'The DHIS2 JSON file cannot be read: “dataSet” (B04) comes after values that took the data set given beside the file (REG/B03); put it before “dataValues”; nothing was imported.',
    );
    // Before the values, it overrides the one given beside the file, as before.
    const before = '{"dataSet": "B04", "period": "202403", "dataValues": [{"dataElement": "a"}]}';
    expect((await read('dhis2-json', before, [5], { dataSet: 'REG/B03' }))[0]!.dataSet).toBe('B04');
  });

  it('refuses a malformed document, naming the value, line and column', async () => {
    const comma = await failure('native', '{"values": [{"form": "B03"}, {"form": "B03",}]}');
    expect(comma).toMatchObject({ code: 'VALIDATION_FAILED', field: 'file' });
    expect(comma.message).toBe(
      "The JSON file cannot be read: unexpected token '}' (value 2, line 1, column 45); nothing was imported.",
    );
    const pretty = ['{', '  "values": [', '    {"value": 1},', '    {"value": 2},', '    {"value": tru}', '  ]', '}'];
    const token = await failure('native', pretty.join('\n'));
    expect(token.message).toMatch(/\(value 3, line 5, column \d+\)/);
    const between = await failure('native', '{"values": [{"value": 1} {"value": 2}]}');
    expect(between.message).toMatch(/\(value 2, line 1, column 26\)/);
    const outside = await failure('dhis2-json', '{"dataSet": "B03" "dataValues": []}');
    expect(outside.message).toMatch(/\(line 1, column 19\); nothing/);
  });

  it('refuses a truncated document, an empty body and text after the document', async () => {
    const truncated = await failure('native', '{"values": [{"form": "B03", "value": "1');
    expect(truncated.message).toMatch(/^The JSON file cannot be read: .*\(value 1, line 1, column \d+\)/);
    expect((await failure('native', '{"values": [{"form": "B03"}')).message).toMatch(/cannot be read/);
    expect((await failure('native', '')).message).toMatch(/cannot be read/);
    expect((await failure('dhis2-json', '{"dataValues": []} []')).message).toMatch(/DHIS2 JSON file cannot be read/);
  });

  it('refuses a document that is not an object, a list that is not an array or is missing, and a key read twice', async () => {
    const reason = async (format: JsonFormat, text: string) =>
      (await failure(format, text)).message.replace(
        /^The (DHIS2 )?JSON file cannot be read: (.*); nothing was imported\.$/,
        '$2',
      );
    expect(await reason('native', '[{"form": "B03"}]')).toBe('not a JSON object');
    expect(await reason('native', '"values"')).toBe('not a JSON object');
    expect(await reason('native', '{"values": {"0": {"form": "B03"}}}')).toBe('“values” is not an array');
    expect(await reason('native', '{"value": []}')).toBe('“values” is not an array');
    expect(await reason('dhis2-json', '{"dataSet": "B03"}')).toBe('“dataValues” is not an array');
    expect(await reason('native', '{"values": [], "values": []}')).toBe('“values” appears twice');
    expect(await reason('dhis2-json', '{"period": "202403", "dataValues": [], "period": "202404"}')).toBe(
      '“period” appears twice',
    );
  });

  it('refuses bytes that are not UTF-8 with their offset, and reads a character split across pieces', async () => {
    const head = Buffer.from('{"values": [{"form": "B03", "value": "đ');
    const bad = Buffer.concat([head, Buffer.from([0xff]), Buffer.from('"}]}')]);
    const error = await failure('native', bad, [1]);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'file' });
    expect(error.message).toContain(`offset ${head.length}`);
    // "đ" is two bytes, "😀" four: every cut falls inside one of them somewhere.
    const text = '{"values": [{"value": "đ😀ệ"}]}';
    for (const size of [1, 2, 3, 5]) expect((await read('native', text, [size]))[0]!.value).toBe('đ😀ệ');
  });
});

describe('the streamed JSON reader against JSON.parse', () => {
  const text = fc.oneof(
    fc.constantFrom('B03', ' X1 ', '20240301', 'nhan', '', '  ', 'HllvX50cXC0'),
    fc.string({ maxLength: 6 }),
    fc.string({ unit: 'binary', maxLength: 6 }),
  );
  const anything = fc.oneof(
    { weight: 4, arbitrary: text },
    { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, 1e21, -1.5e-7)) },
    { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
  const value = (keys: string[]) =>
    fc.oneof(
      {
        weight: 9,
        arbitrary: fc.dictionary(fc.constantFrom(...keys, 'comment', 'storedBy'), anything, { maxKeys: 7 }),
      },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
    );
  const layout = fc.record({
    indent: fc.constantFrom(undefined, 1, '\t'),
    sizes: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 4 }),
  });

  /** An object with its keys in the given order. */
  const inOrder = (entries: [string, unknown][]) => Object.fromEntries(entries);

  it('yields the same rows for random native documents', async () => {
    const doc = fc.record({
      values: fc.array(value(['form', 'unit', 'period', 'cell', 'value']), { maxLength: 12 }),
      extra: fc.dictionary(fc.constantFrom('note', 'meta', 'lastUpdated'), fc.jsonValue({ maxDepth: 2 }), {
        maxKeys: 3,
      }),
      at: fc.nat(),
    });
    await fc.assert(
      fc.asyncProperty(doc, layout, async ({ values, extra, at }, { indent, sizes }) => {
        const entries = Object.entries(extra);
        entries.splice(at % (entries.length + 1), 0, ['values', values]);
        const json = JSON.stringify(inOrder(entries), null, indent);
        expect(await read('native', json, sizes)).toEqual(readWhole('native', json, NO_DEFAULTS));
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('yields the same rows for random DHIS2 documents, set-level fields in any order', async () => {
    const keys = ['dataSet', 'orgUnit', 'period', 'dataElement', 'categoryOptionCombo', 'value'];
    const doc = fc.record({
      dataValues: fc.array(value(keys), { maxLength: 12 }),
      set: fc.dictionary(fc.constantFrom('dataSet', 'period', 'orgUnit', 'completeDate'), anything, { maxKeys: 4 }),
      order: fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
      defaultSet: fc.constantFrom(null, 'REG/B03'),
    });
    await fc.assert(
      fc.asyncProperty(doc, layout, async ({ dataValues, set, order, defaultSet }, { indent, sizes }) => {
        const entries: [string, unknown][] = [...Object.entries(set), ['dataValues', dataValues]];
        // A random permutation of the root's keys.
        const keyed = entries.map((e, i) => ({ e, k: order[i % order.length]! + i / 10 }));
        keyed.sort((a, b) => a.k - b.k);
        const json = JSON.stringify(inOrder(keyed.map((x) => x.e)), null, indent);
        const defaults = { dataSet: defaultSet };
        // A set-level data set after values that took the one given beside the file, and differing from it, is refused.
        const keys = keyed.map((x) => x.e[0]);
        const lacking = dataValues.some((v) => str((v as Record<string, unknown> | null)?.dataSet) === null);
        const setLevel = str(set.dataSet);
        if (
          defaultSet !== null &&
          setLevel !== null &&
          setLevel !== defaultSet &&
          lacking &&
          keys.indexOf('dataSet') > keys.indexOf('dataValues')
        )
          await expect(read('dhis2-json', json, sizes, defaults)).rejects.toThrow(/comes after values that took/);
        else expect(await read('dhis2-json', json, sizes, defaults)).toEqual(readWhole('dhis2-json', json, defaults));
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
