/**
 * Exports of report data in every import format — native JSON, DHIS2 dataValueSets
 * JSON and CSV, IHE ADX XML, plain CSV and XLSX — streamed page by page of reports,
 * incremental by last-updated time (`lastUpdated`) and resumable by cursor (`after`,
 * the last revision id sent; the answer's `X-Next-Cursor` header names the next one).
 *
 * Each format is the one its import reads, so an export imported again changes
 * nothing. A text cell that a spreadsheet would run as a formula is written with a
 * leading apostrophe in CSV and XLSX (`defuseFormula`), so an exported file cannot
 * inject a formula; JSON and XML are not opened by spreadsheets and carry the value
 * as stored.
 */
import { PassThrough, Readable } from 'node:stream';
import { type CellValue, csvField, DomainError, defuseFormula, parsePeriod } from '@baocao/domain';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/database';
import type { Actor } from '../../http/context';
import { type ExportedReport, findExportPage, unitCodeVisible } from './exports.queries';
import { ADX_NS, adxPeriodOf, PLAIN_COLUMNS } from './import-formats';
import { findFormRefs } from './imports.queries';

export type ExportFormat = 'native' | 'dhis2-json' | 'dhis2-csv' | 'adx' | 'csv' | 'xlsx';

export interface ExportFilter {
  formId: number | null;
  periodId: string | null;
  unitCode: string | null;
  since: string | null;
  after: number;
  /** Reports (not values) in this answer. */
  limit: number;
}

/** The query of an export as the routes take it (`ExportQuery`). */
export interface ExportRequest {
  dataSet?: string | undefined;
  period?: string | undefined;
  orgUnit?: string | undefined;
  lastUpdated?: string | undefined;
  after?: number | undefined;
  limit?: number | undefined;
}

const PAGE = 200;

function splitCell(key: string): [string, string | null] {
  const dot = key.indexOf('.');
  return dot < 0 ? [key, null] : [key.slice(0, dot), key.slice(dot + 1)];
}

interface ExportedValue {
  /** The cell key: `field` or `field.option`. */
  key: string;
  dataElement: string;
  option: string | null;
  value: Exclude<CellValue, null>;
}

function* valuesOf(report: ExportedReport): Generator<ExportedValue> {
  for (const [key, value] of Object.entries(report.values)) {
    if (value === null) continue;
    const [dataElement, option] = splitCell(key);
    yield { key, dataElement, option, value };
  }
}

// XML 1.0 refuses most control characters even escaped; tab, line feed and carriage return are
// escaped as references, or an attribute would read them back as spaces.
const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** A text as an XML attribute value (between double quotes); characters XML cannot carry become U+FFFD. */
export function xmlAttribute(value: unknown): string {
  return (
    String(value)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 cannot carry.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|\p{Cs}/gu, '\ufffd')
      .replace(/[&<>"'\t\n\r]/g, (c) => XML_ESCAPES[c]!)
  );
}

/**
 * Checks an export's filters before anything is read (a bad filter is a clear error, not a
 * broken stream): the data set must name a form, the period must be a period id, and the
 * org unit must be a unit in the caller's view (404 otherwise, as for any unseen object).
 */
export async function exportFilterOf(db: Db, actor: Actor, q: ExportRequest): Promise<ExportFilter> {
  let formId: number | null = null;
  if (q.dataSet) {
    const ref = q.dataSet.toLowerCase().replace(':', '/');
    const form = (await findFormRefs(db)).find(
      (f) => String(f.id) === q.dataSet || `${f.regimeCode}/${f.code}`.toLowerCase() === ref,
    );
    if (!form) throw new DomainError('NOT_FOUND', { field: 'dataSet' });
    formId = form.id;
  }
  // The period calculus says what is wrong with a bad id (`2024Q5`: no such quarter), on the field `period`.
  const periodId = q.period ? parsePeriod(q.period).id : null;
  const unitCode = q.orgUnit?.trim() || null;
  if (unitCode !== null && !(await unitCodeVisible(db, actor, unitCode)))
    throw new DomainError('NOT_FOUND', { field: 'orgUnit' });
  return { formId, periodId, unitCode, since: q.lastUpdated ?? null, after: q.after ?? 0, limit: q.limit ?? 1000 };
}

/** How each text format opens, writes one value, separates values and closes. */
interface TextFormat {
  head: (exportedAt: Date) => string;
  /** Opens a report's values (ADX's group). */
  reportHead?: (report: ExportedReport) => string;
  reportTail?: string;
  value: (report: ExportedReport, value: ExportedValue) => string;
  /** Between two values (JSON's comma). */
  separator: string;
  tail: string;
}

const dataSetOf = (report: ExportedReport) => `${report.regimeCode}/${report.formCode}`;

const textFormats: Record<Exclude<ExportFormat, 'xlsx'>, TextFormat> = {
  native: {
    head: () => '{"values":[',
    value: (report, v) =>
      JSON.stringify({
        form: dataSetOf(report),
        unit: report.unitCode,
        period: report.periodId,
        cell: v.key,
        value: v.value,
        lastUpdated: report.submittedAt.toISOString(),
      }),
    separator: ',',
    tail: ']}',
  },
  'dhis2-json': {
    head: () => '{"dataValues":[',
    value: (report, v) =>
      JSON.stringify({
        dataSet: dataSetOf(report),
        dataElement: v.dataElement,
        ...(v.option ? { categoryOptionCombo: v.option } : {}),
        period: report.periodId,
        orgUnit: report.unitCode,
        value: String(v.value),
        storedBy: report.submittedBy,
        lastUpdated: report.submittedAt.toISOString(),
      }),
    separator: ',',
    tail: ']}',
  },
  'dhis2-csv': {
    head: () => 'dataelement,period,orgunit,catoptcombo,attroptcombo,value,storedby,lastupdated,comment,followup\n',
    value: (report, v) =>
      `${[v.dataElement, report.periodId, report.unitCode, v.option ?? '', '', v.value, report.submittedBy, report.submittedAt.toISOString(), '', 'false'].map(csvField).join(',')}\n`,
    separator: '',
    tail: '',
  },
  csv: {
    head: () => `${PLAIN_COLUMNS.join(',')}\n`,
    value: (report, v) =>
      `${[dataSetOf(report), report.unitCode, report.periodId, v.key, v.value].map(csvField).join(',')}\n`,
    separator: '',
    tail: '',
  },
  // ADX: one group per report; a disaggregated cell names its option in `categoryOptionCombo`
  // (the ADX import reads the one attribute besides dataElement and value as the option).
  adx: {
    head: (at) => `<?xml version="1.0" encoding="UTF-8"?>\n<adx xmlns="${ADX_NS}" exported="${at.toISOString()}">\n`,
    reportHead: (report) =>
      `  <group orgUnit="${xmlAttribute(report.unitCode)}" period="${xmlAttribute(adxPeriodOf(report.periodId))}" dataSet="${xmlAttribute(dataSetOf(report))}">\n`,
    reportTail: '  </group>\n',
    value: (_report, v) =>
      `    <dataValue dataElement="${xmlAttribute(v.dataElement)}"${v.option ? ` categoryOptionCombo="${xmlAttribute(v.option)}"` : ''} value="${xmlAttribute(v.value)}"/>\n`,
    separator: '',
    tail: '</adx>\n',
  },
};

function textStream(format: TextFormat, page: ExportedReport[], exportedAt: Date): Readable {
  async function* chunks() {
    let firstValue = true;
    yield format.head(exportedAt);
    for (let i = 0; i < page.length; i += PAGE) {
      let out = '';
      for (const report of page.slice(i, i + PAGE)) {
        let opened = false;
        for (const v of valuesOf(report)) {
          if (!opened && format.reportHead) out += format.reportHead(report);
          opened = true;
          out += `${firstValue ? '' : format.separator}${format.value(report, v)}`;
          firstValue = false;
        }
        if (opened && format.reportTail) out += format.reportTail;
      }
      yield out;
    }
    yield format.tail;
  }
  return Readable.from(chunks());
}

/** An XLSX cell: numbers and yes/no as themselves, text defused against formulas. */
function xlsxCell(value: ExportedValue['value']): string | number | boolean {
  return typeof value === 'string' ? defuseFormula(value) : value;
}

/**
 * The plain columns (`form,unit,period,cell,value`, as the XLSX import reads them) on one sheet,
 * written by ExcelJS's streaming writer row by row into the answer. Codes and periods are text
 * cells (a period `202403` must not become a number); values keep their type.
 */
function xlsxStream(page: ExportedReport[]): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: true });
  const write = async () => {
    const sheet = workbook.addWorksheet('Dữ liệu');
    sheet.addRow([...PLAIN_COLUMNS]).commit();
    for (let i = 0; i < page.length; i += PAGE) {
      for (const report of page.slice(i, i + PAGE))
        for (const v of valuesOf(report))
          sheet.addRow([dataSetOf(report), report.unitCode, report.periodId, v.key, xlsxCell(v.value)]).commit();
      // Let the archive drain between pages instead of holding the whole workbook.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

/**
 * One page of an export (at most `limit` reports, read before answering so that a
 * bad filter fails as an error, not as a broken stream), rendered as a stream; the
 * next cursor is the last revision id of a full page, null at the end.
 */
export async function exportData(
  db: Db,
  actor: Actor,
  format: ExportFormat,
  filter: ExportFilter,
  exportedAt: Date,
): Promise<{ stream: Readable; nextCursor: number | null }> {
  const page = await findExportPage(db, actor, filter);
  const stream = format === 'xlsx' ? xlsxStream(page) : textStream(textFormats[format], page, exportedAt);
  const nextCursor = page.length === filter.limit ? page[page.length - 1]!.revisionId : null;
  return { stream, nextCursor };
}
