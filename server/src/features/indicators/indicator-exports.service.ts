/**
 * Exports of stored indicator values (every vintage) in native JSON — the very body
 * `POST /indicator-values` takes, so a page pushed into another Baocao (or back into
 * this one) changes nothing — and in CSV. Streamed, incremental by the time a value
 * was recorded or corrected (`lastUpdated`), paged by cursor (`after`, the last value
 * id sent; `X-Next-Cursor` names the next one). Scoped like the series: the units in
 * the caller's view.
 */
import { Readable } from 'node:stream';
import { csvField, DomainError, type IndicatorExportQuery, parsePeriod } from '@baocao/domain';
import type { Db } from '../../db/database';
import type { Actor } from '../../http/context';
import {
  type ExportedIndicatorValue,
  findIndicatorsByCode,
  findIndicatorValuePage,
  unitCodeInView,
} from './indicators.queries';

export type IndicatorExportFormat = 'json' | 'csv';

export const INDICATOR_CSV_COLUMNS = [
  'indicator',
  'unitCode',
  'period',
  'option',
  'vintage',
  'releasedOn',
  'value',
  'source',
  'recordedAt',
] as const;

const CHUNK = 500;

function jsonValue(v: ExportedIndicatorValue): string {
  return JSON.stringify({
    indicator: v.indicator,
    unitCode: v.unitCode,
    period: v.periodId,
    ...(v.option ? { option: v.option } : {}),
    vintage: v.vintage,
    releasedOn: v.releasedOn,
    value: v.value,
  });
}

function csvLine(v: ExportedIndicatorValue): string {
  return `${[v.indicator, v.unitCode, v.periodId, v.option, v.vintage, v.releasedOn, v.value, v.source, v.recordedAt].map(csvField).join(',')}\n`;
}

/**
 * One page of the export, read before answering (a bad filter is an error, not a broken
 * stream): an unknown indicator or a unit outside the caller's view is 404, a bad period
 * id says what is wrong with it.
 */
export async function exportIndicatorValues(
  db: Db,
  actor: Actor,
  format: IndicatorExportFormat,
  q: IndicatorExportQuery,
): Promise<{ stream: Readable; nextCursor: number | null }> {
  let indicatorId: number | null = null;
  if (q.indicator) {
    const [found] = await findIndicatorsByCode(db, [q.indicator]);
    if (!found) throw new DomainError('NOT_FOUND', { field: 'indicator' });
    indicatorId = found.id;
  }
  const periodId = q.period ? parsePeriod(q.period).id : null;
  const unitCode = q.unitCode?.trim() || null;
  if (unitCode !== null && !(await unitCodeInView(db, actor, unitCode)))
    throw new DomainError('NOT_FOUND', { field: 'unitCode' });
  const limit = q.limit ?? 1000;
  const page = await findIndicatorValuePage(db, actor, {
    indicatorId,
    unitCode,
    periodId,
    since: q.lastUpdated ?? null,
    after: q.after ?? 0,
    limit,
  });
  async function* chunks() {
    yield format === 'json' ? '{"values":[' : `${INDICATOR_CSV_COLUMNS.join(',')}\n`;
    for (let i = 0; i < page.length; i += CHUNK) {
      const slice = page.slice(i, i + CHUNK);
      yield format === 'json' ? `${i === 0 ? '' : ','}${slice.map(jsonValue).join(',')}` : slice.map(csvLine).join('');
    }
    if (format === 'json') yield ']}';
  }
  return {
    stream: Readable.from(chunks()),
    nextCursor: page.length === limit ? page[page.length - 1]!.id : null,
  };
}
