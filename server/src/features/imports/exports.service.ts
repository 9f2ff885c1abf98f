/**
 * Exports of report data in the import formats (DHIS2 dataValueSets JSON and CSV,
 * plain CSV), streamed page by page of reports, incremental by last-updated time
 * (`lastUpdated`) and resumable by cursor (`after`, the last revision id sent; the
 * answer's `X-Next-Cursor` header names the next one). A text cell that a
 * spreadsheet would run as a formula is written with a leading apostrophe, so an
 * exported CSV cannot inject a formula.
 */
import { Readable } from 'node:stream';
import { looksLikeFormula } from '@baocao/domain';
import type { Db } from '../../db/database';
import type { Actor } from '../../http/context';
import { type ExportedReport, findExportPage } from './exports.queries';

export type ExportFormat = 'dhis2-json' | 'dhis2-csv' | 'csv';

export interface ExportFilter {
  formId: number | null;
  periodId: string | null;
  unitCode: string | null;
  since: string | null;
  after: number;
  /** Reports (not values) in this answer. */
  limit: number;
}

const PAGE = 200;

/** A CSV field, quoted when needed, and defused when a spreadsheet would read it as a formula. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && looksLikeFormula(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function splitCell(key: string): [string, string | null] {
  const dot = key.indexOf('.');
  return dot < 0 ? [key, null] : [key.slice(0, dot), key.slice(dot + 1)];
}

function* valuesOf(report: ExportedReport) {
  for (const [key, value] of Object.entries(report.values)) {
    if (value === null) continue;
    const [dataElement, option] = splitCell(key);
    yield { key, dataElement, option, value };
  }
}

/**
 * One page of an export (at most `limit` reports, read before answering so that a
 * bad filter fails as an error, not as a broken stream), rendered as a stream; the
 * next cursor is the last revision id of a full page, null at the end.
 */
export async function exportData(db: Db, actor: Actor, format: ExportFormat, filter: ExportFilter) {
  const page = await findExportPage(db, actor, filter);
  async function* pages() {
    for (let i = 0; i < page.length; i += PAGE) yield page.slice(i, i + PAGE);
  }
  async function* chunks() {
    let firstValue = true;
    if (format === 'dhis2-json') yield '{"dataValues":[';
    else if (format === 'dhis2-csv')
      yield 'dataelement,period,orgunit,catoptcombo,attroptcombo,value,storedby,lastupdated,comment,followup\n';
    else yield 'form,unit,period,cell,value\n';
    for await (const page of pages()) {
      let out = '';
      for (const report of page) {
        const lastUpdated = report.submittedAt.toISOString();
        for (const v of valuesOf(report)) {
          if (format === 'dhis2-json') {
            out += `${firstValue ? '' : ','}${JSON.stringify({
              dataSet: `${report.regimeCode}/${report.formCode}`,
              dataElement: v.dataElement,
              ...(v.option ? { categoryOptionCombo: v.option } : {}),
              period: report.periodId,
              orgUnit: report.unitCode,
              value: String(v.value),
              storedBy: report.submittedBy,
              lastUpdated,
            })}`;
          } else if (format === 'dhis2-csv') {
            out += `${[v.dataElement, report.periodId, report.unitCode, v.option ?? '', '', v.value, report.submittedBy, lastUpdated, '', 'false'].map(csvField).join(',')}\n`;
          } else {
            out += `${[`${report.regimeCode}/${report.formCode}`, report.unitCode, report.periodId, v.key, v.value].map(csvField).join(',')}\n`;
          }
          firstValue = false;
        }
      }
      yield out;
    }
    if (format === 'dhis2-json') yield ']}';
  }
  const nextCursor = page.length === filter.limit ? page[page.length - 1]!.revisionId : null;
  return { stream: Readable.from(chunks()), nextCursor };
}
