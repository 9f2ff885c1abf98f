/**
 * Import files read as they arrive: every format's rows become lines of PostgreSQL's
 * `COPY` text format for the import's staging table (imports.queries.ts), so a file
 * is never held whole as rows — a streamed CSV, ADX or JSON body is parsed chunk by
 * chunk and only a COPY buffer (≈ 64 KB) of it lives in memory at a time. XLSX is
 * read whole (ExcelJS's workbook reader needs the whole file) and then staged the same way.
 *
 * The CSV reader is RFC 4180 (quoted fields, doubled quotes, CRLF or LF), its
 * delimiter guessed from the first line as Papa Parse did (`,` `\t` `|` `;`), blank
 * lines skipped; it hands each record to its caller in one reused array (Papa built
 * an array per record and a string per field, then the whole file as arrays).
 */
import { DomainError, type ImportedScalar } from '@baocao/domain';
import {
  type ImportFormat,
  type ImportRow,
  MAX_IMPORT_ROWS,
  malformedFile,
  PLAIN_COLUMNS,
  readXlsx,
  streamAdx,
  tooManyRows,
} from './import-formats';
import { JsonImportReader } from './import-json';

/** The staging table's columns, in the order of a staged line. */
export const STAGED_COLUMNS = '(row, data_set, org_unit, period, data_element, option, value, value_type)';

const COPY_CHUNK = 64 * 1024;
const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** A text field of COPY's text format (`\N` for null; backslash, tab and line breaks escaped). */
function copyText(v: string | null): string {
  if (v === null) return '\\N';
  if (!NEEDS_ESCAPE.test(v)) return v;
  return v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** A value with its JSON type (`s` text, `n` number, `b` yes/no), so a staged value converts as the original would. */
function copyValue(v: ImportedScalar): string {
  if (v === null) return '\\N\t\\N';
  if (typeof v === 'number') return `${v}\tn`;
  if (typeof v === 'boolean') return `${v}\tb`;
  return `${copyText(v)}\ts`;
}

/** One staged row as a line of COPY's text format. */
export function stagedLine(
  row: number,
  dataSet: string | null,
  orgUnit: string | null,
  period: string | null,
  dataElement: string | null,
  option: string | null,
  value: ImportedScalar,
): string {
  return `${row}\t${copyText(dataSet)}\t${copyText(orgUnit)}\t${copyText(period)}\t${copyText(dataElement)}\t${copyText(option)}\t${copyValue(value)}\n`;
}

/** A staged value back as the reader had it. */
export function stagedValue(value: string | null, type: string | null): ImportedScalar {
  if (value === null) return null;
  if (type === 'n') return Number(value);
  if (type === 'b') return value === 'true';
  return value;
}

/** Rows already read (a connector's, an XLSX file's) as COPY chunks. */
export async function* stageRows(rows: Iterable<ImportRow>): AsyncGenerator<string> {
  let out = '';
  for (const r of rows) {
    out += stagedLine(r.row, r.dataSet, r.orgUnit, r.period, r.dataElement, r.option, r.value);
    if (out.length >= COPY_CHUNK) {
      yield out;
      out = '';
    }
  }
  if (out) yield out;
}

/** The body's bytes as UTF-8 text chunks (a byte-order mark dropped); invalid UTF-8 is refused with its offset. */
async function* utf8Chunks(body: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let offset = 0;
  for await (const chunk of body) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw notUtf8(offset + validPrefix(chunk));
    }
    offset += chunk.length;
    if (text) yield text;
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    throw notUtf8(offset);
  }
  if (rest) yield rest;
}

function notUtf8(offset: number) {
  return new DomainError('VALIDATION_FAILED', { field: 'file', message: 'IMPORT_NOT_UTF8', params: { offset } });
}

/** The length of the longest valid UTF-8 prefix of a chunk (approximate across a chunk boundary). */
function validPrefix(chunk: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let ok = 0;
  let bad = chunk.length;
  while (bad - ok > 4) {
    const mid = (ok + bad) >> 1;
    try {
      decoder.decode(chunk.subarray(0, mid), { stream: true });
      ok = mid;
    } catch {
      bad = mid;
    }
  }
  return ok;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const DELIMITERS = [',', '\t', '|', ';'];

/** The delimiter that occurs most often outside quotes on the first line (`,` when none does). */
function guessDelimiter(firstLine: string): string {
  let best = ',';
  let bestCount = 0;
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  for (const d of DELIMITERS) {
    const count = unquoted.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Reads CSV records from text chunks; `onRecord` gets the fields in a reused array (valid
 * until it returns), their count and the record's first line. Blank records are skipped.
 */
export class CsvReader {
  private delimiter = -1;
  private head = '';
  private readonly fields: string[] = [];
  private count = 0;
  private field = '';
  private inQuotes = false;
  private afterQuote = false;
  /** A quote ended the last chunk inside a quoted field: a doubled quote or the field's end, by the next char. */
  private pendingQuote = false;
  private skipLf = false;
  private line = 1;
  private recordLine = 1;

  constructor(
    private readonly format: ImportFormat,
    private readonly onRecord: (fields: string[], count: number, line: number) => void,
  ) {}

  push(text: string): void {
    if (this.delimiter < 0) {
      // The delimiter is guessed from the whole first line.
      this.head += text;
      const end = this.head.indexOf('\n');
      if (end < 0) return;
      this.delimiter = guessDelimiter(this.head.slice(0, end)).charCodeAt(0);
      text = this.head;
      this.head = '';
    }
    this.scan(text);
  }

  end(): void {
    if (this.delimiter < 0) {
      this.delimiter = guessDelimiter(this.head).charCodeAt(0);
      this.scan(this.head);
      this.head = '';
    }
    if (this.pendingQuote) {
      this.pendingQuote = false;
      this.inQuotes = false;
    }
    if (this.inQuotes) throw this.malformed('Quoted field unterminated', this.recordLine);
    if (this.count > 0 || this.field !== '') this.endRecord();
  }

  private malformed(what: string, line: number) {
    return malformedFile(this.format, `${what} (line ${line})`);
  }

  private endField(value: string) {
    if (this.count < this.fields.length) this.fields[this.count] = value;
    else this.fields.push(value);
    this.count++;
    this.field = '';
    this.afterQuote = false;
  }

  private endRecord() {
    this.endField(this.field);
    let blank = true;
    for (let i = 0; i < this.count; i++)
      if (this.fields[i]!.trim() !== '') {
        blank = false;
        break;
      }
    if (!blank) this.onRecord(this.fields, this.count, this.recordLine);
    this.count = 0;
  }

  private scan(text: string): void {
    const n = text.length;
    const delimiter = this.delimiter;
    let i = 0;
    if (this.pendingQuote && n > 0) {
      this.pendingQuote = false;
      if (text.charCodeAt(0) === QUOTE) {
        this.field += '"';
        i = 1;
      } else {
        this.inQuotes = false;
        this.afterQuote = true;
      }
    }
    if (this.skipLf && n > 0) {
      this.skipLf = false;
      if (text.charCodeAt(i) === LF) i++;
    }
    let start = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.inQuotes) {
        if (c === QUOTE) {
          this.field += text.slice(start, i);
          if (i + 1 === n) {
            this.pendingQuote = true;
            i++;
            start = i;
            break;
          }
          if (text.charCodeAt(i + 1) === QUOTE) {
            this.field += '"';
            i += 2;
          } else {
            this.inQuotes = false;
            this.afterQuote = true;
            i++;
          }
          start = i;
          continue;
        }
        if (c === LF) this.line++;
        i++;
        continue;
      }
      if (c === delimiter) {
        this.endField(this.field + text.slice(start, i));
        i++;
        start = i;
      } else if (c === LF || c === CR) {
        this.field += text.slice(start, i);
        this.endRecord();
        this.line++;
        this.recordLine = this.line;
        i++;
        if (c === CR) {
          if (i === n) this.skipLf = true;
          else if (text.charCodeAt(i) === LF) i++;
        }
        start = i;
      } else if (this.afterQuote) {
        throw this.malformed('Trailing quote on quoted field is malformed', this.line);
      } else if (c === QUOTE && i === start && this.field === '') {
        this.inQuotes = true;
        i++;
        start = i;
      } else i++;
    }
    if (start < n) this.field += text.slice(start, n);
  }
}

const DHIS2_VALUE = 5;

/** A CSV body (plain or DHIS2) as COPY chunks, read as it arrives. */
async function* stageCsv(
  format: 'csv' | 'dhis2-csv',
  body: AsyncIterable<Buffer>,
  defaults: { dataSet: string | null },
): AsyncGenerator<string> {
  let out = '';
  let row = 0;
  let first = true;
  let index: number[] = [];
  const field = (fields: string[], count: number, i: number) => (i >= 0 && i < count ? fields[i]! : null);
  const trimmed = (fields: string[], count: number, i: number) => field(fields, count, i)?.trim() || null;
  const reader = new CsvReader(format, (fields, count) => {
    if (first) {
      first = false;
      if (format === 'csv') {
        const header: string[] = [];
        for (let i = 0; i < count; i++) header.push(fields[i]!.trim().toLowerCase());
        index = PLAIN_COLUMNS.map((c) => header.indexOf(c));
        const missing = PLAIN_COLUMNS.filter((_, i) => index[i]! < 0);
        if (missing.length > 0) throw malformedFile(format, `the header lacks ${missing.join(', ')}`);
        return;
      }
      if (fields[0]!.trim().toLowerCase() === 'dataelement') return;
    }
    if (++row > MAX_IMPORT_ROWS) throw tooManyRows();
    out +=
      format === 'csv'
        ? stagedLine(
            row,
            trimmed(fields, count, index[0]!),
            trimmed(fields, count, index[1]!),
            trimmed(fields, count, index[2]!),
            trimmed(fields, count, index[3]!),
            null,
            field(fields, count, index[4]!),
          )
        : stagedLine(
            row,
            defaults.dataSet,
            trimmed(fields, count, 2),
            trimmed(fields, count, 1),
            trimmed(fields, count, 0),
            trimmed(fields, count, 3),
            field(fields, count, DHIS2_VALUE),
          );
  });
  for await (const text of utf8Chunks(body)) {
    reader.push(text);
    if (out.length >= COPY_CHUNK) {
      yield out;
      out = '';
    }
  }
  reader.end();
  if (first && format === 'csv') throw malformedFile(format, `the header lacks ${PLAIN_COLUMNS.join(', ')}`);
  if (out) yield out;
}

/** A reader fed text as it arrives (ADX, JSON), handing each row to the callback it was made with. */
interface PushReader {
  write(text: string): void;
  end(): void;
}

/** A body read by a push reader, as COPY chunks. */
async function* stagePushed(
  body: AsyncIterable<Buffer>,
  open: (onRow: (r: ImportRow) => void) => PushReader,
): AsyncGenerator<string> {
  let out = '';
  const reader = open((r) => {
    out += stagedLine(r.row, r.dataSet, r.orgUnit, r.period, r.dataElement, r.option, r.value);
  });
  for await (const text of utf8Chunks(body)) {
    reader.write(text);
    if (out.length >= COPY_CHUNK) {
      yield out;
      out = '';
    }
  }
  reader.end();
  if (out) yield out;
}

/** A body read whole (XLSX, and files queued for a job). */
export async function wholeBody(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function* once(file: Buffer): AsyncGenerator<Buffer> {
  yield file;
}

/**
 * A file of the given format as COPY chunks of staged rows: CSV, ADX and JSON parsed as
 * the body arrives, XLSX read whole first.
 */
export async function* stageImportFile(
  format: ImportFormat,
  body: AsyncIterable<Buffer> | Buffer,
  defaults: { dataSet: string | null },
): AsyncGenerator<string> {
  const source = Buffer.isBuffer(body) ? once(body) : body;
  if (format === 'csv' || format === 'dhis2-csv') yield* stageCsv(format, source, defaults);
  else if (format === 'adx') yield* stagePushed(source, streamAdx);
  else if (format === 'native' || format === 'dhis2-json')
    yield* stagePushed(source, (onRow) => new JsonImportReader(format, defaults, onRow));
  else {
    const file = Buffer.isBuffer(body) ? body : await wholeBody(source);
    yield* stageRows(await readXlsx(file));
  }
}
