/**
 * Native and DHIS2 JSON read as they arrive (issue 12 §2b). stream-json's tokenizer is fed
 * the body's text chunk by chunk; a small state machine over its tokens hands each value
 * of the `values` / `dataValues` array to its caller as soon as the value's object closes.
 * Only the fields of one value (and the tokenizer's unfinished lexeme) are held, whatever
 * the file's size: keys the import does not read are skipped token by token, never built.
 *
 * stream-json's verifier reads each chunk first: the tokenizer's errors name no position,
 * the verifier's name the line and column, so a malformed document is refused saying
 * where it breaks and in which value.
 *
 * What JSON.parse decides with the whole document in hand is decided as the text comes:
 * - a key of the document read twice (`values`, or DHIS2's set-level fields) is refused —
 *   JSON.parse keeps the last one, which a reader that has already passed the first cannot;
 * - DHIS2's set-level `dataSet`/`period`/`orgUnit` are defaults for the values that lack
 *   them. They usually come before `dataValues`, but JSON does not order keys: a value that
 *   lacks a field whose set-level key has not been read yet is held until that key is read
 *   or the document ends. Memory stays flat for the usual order; a file that puts them
 *   after `dataValues` holds those values until then. The data set given beside the file
 *   (`?dataSet=`) is used at once instead of waiting, and a set-level one that differs from it
 *   after values that took it is refused.
 */
import type { ImportedScalar } from '@baocao/domain';
import { getManyValues, type Many, none } from 'stream-chain/defs.js';
import { Assembler } from 'stream-json/core/assembler.js';
import { jsonParser, type Token } from 'stream-json/core/parser.js';
import { jsonVerifier } from 'stream-json/core/utils/verifier.js';
import { type ImportRow, MAX_IMPORT_ROWS, malformedFile, scalar, str, tooManyRows } from './import-formats';

type JsonFormat = 'native' | 'dhis2-json';

/** The keys of a value each format reads; any other key is skipped. */
const VALUE_KEYS: Record<JsonFormat, ReadonlySet<string>> = {
  native: new Set(['form', 'unit', 'period', 'cell', 'value']),
  'dhis2-json': new Set(['dataSet', 'orgUnit', 'period', 'dataElement', 'categoryOptionCombo', 'value']),
};
const LIST_KEY: Record<JsonFormat, string> = { native: 'values', 'dhis2-json': 'dataValues' };

/** DHIS2's set-level fields, named as the row's. */
const SET_KEYS = ['dataSet', 'period', 'orgUnit'] as const;
type SetKey = (typeof SET_KEYS)[number];
const isSetKey = (key: string): key is SetKey => (SET_KEYS as readonly string[]).includes(key);

/** Where the reader is in the document: before it, in the root object (at a key or its value), in the array, in a value. */
type Mode = 'root' | 'top' | 'topValue' | 'list' | 'item' | 'itemValue' | 'done';

type Step = (text: string | typeof none) => Many<Token> | typeof none;
type Verify = (text: string | typeof none) => unknown;

/** A scalar token as JSON.parse would give it. */
function scalarOf(token: Token): ImportedScalar {
  switch (token.name) {
    case 'stringValue':
      return token.value;
    case 'numberValue':
      return Number(token.value);
    case 'trueValue':
      return true;
    case 'falseValue':
      return false;
    default:
      return null;
  }
}

const opens = (token: Token) => token.name === 'startObject' || token.name === 'startArray';

/** A reader of one JSON import file, fed its text as it arrives; `onRow` gets each value at once. */
export class JsonImportReader {
  private readonly parse = jsonParser({ streamValues: false }) as unknown as Step;
  private readonly verify = jsonVerifier() as unknown as Verify;
  private readonly listKey: string;
  private readonly keys: ReadonlySet<string>;
  private mode: Mode = 'root';
  /** The text read so far, in UTF-16 units (as the verifier counts its offset). */
  private offset = 0;
  private topKey = '';
  private listSeen = false;
  /** Values begun: the 1-based row of the current one. */
  private count = 0;
  private item: Record<string, unknown> = {};
  private itemKey: string | null = null;
  /** A container being skipped: its depth, and the mode to go back to (emitting an empty value when it was one). */
  private skipDepth = 0;
  private resume: Mode = 'top';
  private skippedValue = false;
  /** An object or array `value` being built (it is imported as its JSON text). */
  private assembler: Assembler | null = null;
  /** DHIS2's set-level fields: undefined until their key is read. */
  private readonly set: Record<SetKey, string | null | undefined> = {
    dataSet: undefined,
    period: undefined,
    orgUnit: undefined,
  };
  /** A value took the data set given beside the file before any set-level one was read. */
  private tookDefault = false;
  /** DHIS2 values waiting for a set-level key not read yet (see the file's comment). */
  private held: ImportRow[] = [];

  constructor(
    private readonly format: JsonFormat,
    private readonly defaults: { dataSet: string | null },
    private readonly onRow: (row: ImportRow) => void,
  ) {
    this.listKey = LIST_KEY[format];
    this.keys = VALUE_KEYS[format];
  }

  write(text: string): void {
    this.step(text);
    this.offset += text.length;
  }

  end(): void {
    this.step(none);
    // The verifier refuses a document that ends early; this only guards the reader's own state.
    if (this.mode !== 'done') throw malformedFile(this.format, 'the document ends early');
  }

  private step(text: string | typeof none): void {
    try {
      this.verify(text);
    } catch (error) {
      throw this.malformedAt(error as VerifierError, text);
    }
    let tokens: Many<Token> | typeof none;
    try {
      tokens = this.parse(text);
    } catch (error) {
      throw malformedFile(this.format, (error as Error).message.slice(0, 200));
    }
    if (tokens !== none) for (const token of getManyValues(tokens)) this.token(token);
  }

  /** The verifier's error as the import's, naming the value, line and column where the text breaks. */
  private malformedAt(error: VerifierError, text: string | typeof none) {
    if (typeof error.offset === 'number' && text !== none && error.offset > this.offset) {
      // Read up to the fault, so the count names the value it is in.
      try {
        const tokens = this.parse(text.slice(0, error.offset - this.offset));
        if (tokens !== none) for (const token of getManyValues(tokens)) this.token(token);
      } catch {
        // The fault is reported as the verifier saw it.
      }
    }
    const what = String(error.message)
      .replace(/^ERROR at \d+ \(\d+, \d+\): /, '')
      .replace(/^Verifier (cannot parse input: |has )/, '');
    const where: string[] = [];
    const inValue =
      this.assembler !== null ||
      this.mode === 'item' ||
      this.mode === 'itemValue' ||
      (this.skipDepth > 0 && this.skippedValue);
    if (inValue) where.push(`value ${this.count}`);
    else if (this.mode === 'list') where.push(`value ${this.count + 1}`);
    if (typeof error.line === 'number') where.push(`line ${error.line}, column ${error.pos}`);
    return malformedFile(this.format, `${what.slice(0, 120)}${where.length ? ` (${where.join(', ')})` : ''}`);
  }

  private token(token: Token): void {
    if (this.assembler) {
      this.assembler.consume(token);
      if (this.assembler.done) {
        this.item[this.itemKey!] = this.assembler.current;
        this.assembler = null;
        this.mode = 'item';
      }
      return;
    }
    if (this.skipDepth > 0) {
      if (opens(token)) this.skipDepth++;
      else if ((token.name === 'endObject' || token.name === 'endArray') && --this.skipDepth === 0) {
        this.mode = this.resume;
        if (this.skippedValue) {
          this.skippedValue = false;
          this.emit({});
        }
      }
      return;
    }
    switch (this.mode) {
      case 'root':
        if (token.name !== 'startObject') throw malformedFile(this.format, 'not a JSON object');
        this.mode = 'top';
        return;
      case 'top':
        if (token.name === 'keyValue') {
          this.topKey = token.value;
          this.mode = 'topValue';
        } else this.finish();
        return;
      case 'topValue':
        this.topValue(token);
        return;
      case 'list':
        if (token.name === 'endArray') {
          this.mode = 'top';
          return;
        }
        if (++this.count > MAX_IMPORT_ROWS) throw tooManyRows();
        if (token.name === 'startObject') {
          this.item = {};
          this.mode = 'item';
        } else if (token.name === 'startArray') this.skip('list', true);
        // Anything but an object is a value with no fields, as JSON.parse-based reading had it.
        else this.emit({});
        return;
      case 'item':
        if (token.name === 'keyValue') {
          this.itemKey = this.keys.has(token.value) ? token.value : null;
          this.mode = 'itemValue';
        } else {
          this.mode = 'list';
          this.emit(this.item);
        }
        return;
      case 'itemValue':
        this.mode = 'item';
        if (opens(token)) {
          if (this.itemKey === 'value') {
            this.assembler = new Assembler();
            this.assembler.consume(token);
            return;
          }
          // An object where text is expected reads as nothing (a later duplicate key wins, as in JSON.parse).
          if (this.itemKey) this.item[this.itemKey] = null;
          this.skip('item');
        } else if (this.itemKey) this.item[this.itemKey] = scalarOf(token);
        return;
      case 'done':
        return;
    }
  }

  private topValue(token: Token): void {
    const key = this.topKey;
    this.mode = 'top';
    if (key === this.listKey) {
      if (this.listSeen) throw malformedFile(this.format, `“${key}” appears twice`);
      this.listSeen = true;
      if (token.name !== 'startArray') throw malformedFile(this.format, `“${key}” is not an array`);
      this.mode = 'list';
      return;
    }
    if (this.format === 'dhis2-json' && isSetKey(key)) {
      if (this.set[key] !== undefined) throw malformedFile(this.format, `“${key}” appears twice`);
      this.set[key] = opens(token) ? null : str(scalarOf(token));
      // JSON.parse-based reading let a set-level data set override the one given beside the file;
      // values already staged with the latter cannot follow, so a differing one after them is refused.
      if (
        key === 'dataSet' &&
        this.tookDefault &&
        (this.set.dataSet ?? this.defaults.dataSet) !== this.defaults.dataSet
      )
        throw malformedFile(
          this.format,
          `“dataSet” (${this.set.dataSet}) comes after values that took the data set given beside the file (${this.defaults.dataSet}); put it before “dataValues”`,
        );
      this.release();
    }
    if (opens(token)) this.skip('top');
  }

  private skip(resume: Mode, value = false): void {
    this.skipDepth = 1;
    this.resume = resume;
    this.skippedValue = value;
  }

  private emit(v: Record<string, unknown>): void {
    if (this.format === 'native') {
      this.onRow({
        row: this.count,
        dataSet: str(v.form),
        orgUnit: str(v.unit),
        period: str(v.period),
        dataElement: str(v.cell),
        option: null,
        value: scalar(v.value),
      });
      return;
    }
    const row: ImportRow = {
      row: this.count,
      dataSet: str(v.dataSet),
      orgUnit: str(v.orgUnit),
      period: str(v.period),
      dataElement: str(v.dataElement),
      option: str(v.categoryOptionCombo),
      value: scalar(v.value),
    };
    if (this.fill(row, false)) this.onRow(row);
    else this.held.push(row);
  }

  /** Fills a DHIS2 row's missing fields from the set's; false while one of them is still unknown. */
  private fill(row: ImportRow, ended: boolean): boolean {
    let complete = true;
    for (const key of SET_KEYS) {
      if (row[key] !== null) continue;
      const fromSet = this.set[key];
      if (fromSet === undefined && !ended) {
        // The data set given beside the file (`?dataSet=`) serves at once: files that rely on it
        // have no set-level one, and holding their every value until the end would not be flat.
        if (key === 'dataSet' && this.defaults.dataSet !== null) {
          row.dataSet = this.defaults.dataSet;
          this.tookDefault = true;
        } else complete = false;
      } else row[key] = fromSet ?? (key === 'dataSet' ? this.defaults.dataSet : null);
    }
    return complete;
  }

  private release(): void {
    if (this.held.length === 0) return;
    const waiting: ImportRow[] = [];
    for (const row of this.held)
      if (this.fill(row, false)) this.onRow(row);
      else waiting.push(row);
    this.held = waiting;
  }

  /** The root object closed: what was never read is absent. */
  private finish(): void {
    this.mode = 'done';
    if (!this.listSeen) throw malformedFile(this.format, `“${this.listKey}” is not an array`);
    for (const row of this.held) {
      this.fill(row, true);
      this.onRow(row);
    }
    this.held = [];
  }
}

interface VerifierError extends Error {
  line?: number;
  pos?: number;
  offset?: number;
}
