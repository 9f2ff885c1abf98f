/**
 * The figures of a generated report, gathered once and stored with the version ("content"):
 * its named figures (this period and the one before), its tables (children × fields), its chart
 * series, the reporting compliance of the unit's subtree, and the narrative with its
 * placeholders filled. The PDF, the XLSX and the differences between versions are all made from
 * this one snapshot, so what the archive shows is what was issued.
 */
import {
  type AnalyticsAnswer,
  type ComparableContent,
  changePercent,
  type DocumentDefinition,
  enumeratePeriods,
  fillPlaceholders,
  formatNumberVi,
  type Period,
  parsePeriod,
  periodLabel,
  placeDateLine,
  previousPeriod,
  vietnamDate,
} from '@baocao/domain';
import type { Db } from '../../db/database';
import type { RequestContext } from '../../http/context';
import type { ReportCatalog } from '../../reporting/report-context';
import { queryAnalytics } from '../analytics/analytics.service';
import { complianceStats } from '../compliance/compliance.service';
import { findContainedRevisions } from './documents.queries';

export interface DocumentContent extends ComparableContent {
  unit: { id: number; code: string; name: string };
  period: { id: string; label: string; previousId: string; previousLabel: string };
  issuedOn: string;
  placeDate: string;
  title: string;
  narrative: string;
  values: {
    key: string;
    label: string;
    unitOfMeasure: string | null;
    value: number | null;
    previous: number | null;
    changePct: number | null;
  }[];
  tables: {
    title: string;
    columns: { field: string; label: string; unitOfMeasure: string | null }[];
    rows: { code: string; name: string; cells: (number | null)[] }[];
    total: (number | null)[];
  }[];
  charts: {
    title: string;
    type: 'bar' | 'line';
    categories: string[];
    values: (number | null)[];
    unitOfMeasure: string | null;
  }[];
  compliance: { expected: number; onTime: number; late: number; missing: number } | null;
  revisionIds: number[];
}

const numberOf = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

function cellOf(answer: AnalyticsAnswer, field: string, unitId: number, period: string): number | null {
  const cell = answer.cells.find(
    (c) => c.field === field && c.option === null && c.unitId === unitId && c.period === period,
  );
  return numberOf(cell?.value);
}

const fieldMeta = (answer: AnalyticsAnswer, field: string) => {
  const info = answer.fields.find((f) => f.id === field);
  return { label: info?.field.label.vi ?? field, unitOfMeasure: info?.unitOfMeasure ?? null };
};

/** Gathers the figures of one report for one unit and period (the caller's view applies). */
export async function gatherContent(
  db: Db,
  reports: ReportCatalog,
  context: RequestContext,
  args: { regimeId: number; unitId: number; period: Period; definition: DocumentDefinition; now: number },
): Promise<DocumentContent> {
  const { definition, period, unitId } = args;
  const previous = previousPeriod(period);
  const unit = await reports.unit(db, unitId);
  const type = definition.periodType;

  const values: DocumentContent['values'] = [];
  if (definition.values.length > 0) {
    const answer = await queryAnalytics(db, reports, context, {
      fields: [...new Set(definition.values.map((v) => v.field))],
      units: { ids: [unitId] },
      periods: { type, ids: [previous.id, period.id] },
    });
    for (const v of definition.values) {
      const value = cellOf(answer, v.field, unitId, period.id);
      const before = cellOf(answer, v.field, unitId, previous.id);
      values.push({
        key: v.key,
        label: v.label,
        unitOfMeasure: fieldMeta(answer, v.field).unitOfMeasure,
        value,
        previous: before,
        changePct: changePercent(value, before),
      });
    }
  }

  const tables: DocumentContent['tables'] = [];
  for (const table of definition.tables) {
    const answer = await queryAnalytics(db, reports, context, {
      fields: table.fields,
      units: table.rows === 'children' ? { childrenOf: unitId } : { ids: [unitId] },
      periods: { type, ids: [period.id] },
    });
    const rows = answer.units
      .filter((u) => table.rows === 'unit' || u.id !== unitId)
      .map((u) => ({ code: u.code, name: u.name, cells: table.fields.map((f) => cellOf(answer, f, u.id, period.id)) }))
      .sort((a, b) => a.code.localeCompare(b.code));
    // The total is the unit's own consolidated figure (its rollup), not a sum recomputed here.
    const total = table.fields.map((f) => cellOf(answer, f, unitId, period.id));
    tables.push({
      title: table.title,
      columns: table.fields.map((f) => ({ field: f, ...fieldMeta(answer, f) })),
      rows,
      total,
    });
  }

  const charts: DocumentContent['charts'] = [];
  for (const chart of definition.charts) {
    if (chart.type === 'bar') {
      const answer = await queryAnalytics(db, reports, context, {
        fields: [chart.field],
        units: { childrenOf: unitId },
        periods: { type, ids: [period.id] },
      });
      const bars = answer.units
        .filter((u) => u.id !== unitId)
        .map((u) => ({ name: u.name, value: cellOf(answer, chart.field, u.id, period.id) }))
        .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity))
        .slice(0, 15);
      charts.push({
        title: chart.title,
        type: 'bar',
        categories: bars.map((b) => b.name),
        values: bars.map((b) => b.value),
        unitOfMeasure: fieldMeta(answer, chart.field).unitOfMeasure,
      });
    } else {
      const periods: Period[] = [period];
      while (periods.length < 12) periods.unshift(previousPeriod(periods[0]!));
      const answer = await queryAnalytics(db, reports, context, {
        fields: [chart.field],
        units: { ids: [unitId] },
        periods: { type, from: periods[0]!.id, to: period.id },
      });
      charts.push({
        title: chart.title,
        type: 'line',
        categories: periods.map((p) => periodLabel(p, 'vi')),
        values: periods.map((p) => cellOf(answer, chart.field, unitId, p.id)),
        unitOfMeasure: fieldMeta(answer, chart.field).unitOfMeasure,
      });
    }
  }

  const regime = await reports.regime(db, args.regimeId);
  const frequency = regime.definition.frequency as Period['type'];
  const regimePeriods = enumeratePeriods(frequency, period.start, period.end).map((p) => p.id);
  let compliance: DocumentContent['compliance'] = null;
  if (definition.compliance && regimePeriods.length > 0) {
    const stats = await complianceStats(
      db,
      reports,
      context,
      { regimeId: args.regimeId, from: regimePeriods[0]!, to: regimePeriods.at(-1)!, unitId },
      args.now,
    );
    compliance = { expected: 0, onTime: 0, late: 0, missing: 0 };
    for (const t of stats.trend) {
      compliance.expected += t.expected - t.counts.not_due;
      compliance.onTime += t.counts.on_time + t.counts.nothing_to_report;
      compliance.late += t.counts.late;
      compliance.missing += t.counts.missing + t.counts.overdue + t.counts.returned + t.counts.draft;
    }
  }

  const formIds = [
    ...new Set(
      [
        ...definition.values.map((v) => v.field),
        ...definition.tables.flatMap((t) => t.fields),
        ...definition.charts.map((c) => c.field),
      ].map((f) => Number(f.split(':')[0])),
    ),
  ];
  const revisionIds =
    formIds.length === 0 ? [] : await findContainedRevisions(db, { unitId, formIds, periodIds: regimePeriods });

  const issuedOn = vietnamDate(args.now);
  const texts: Record<string, string> = {
    ky_bao_cao: periodLabel(period, 'vi'),
    ky_truoc: periodLabel(previous, 'vi'),
    don_vi: unit.name,
    ngay_lap: issuedOn.split('-').reverse().join('/'),
  };
  for (const v of values) {
    texts[v.key] = formatNumberVi(v.value);
    texts[`${v.key}_ky_truoc`] = formatNumberVi(v.previous);
    texts[`${v.key}_tang_giam_pct`] = formatNumberVi(v.changePct, 1);
  }
  if (values[0]) texts.tang_giam_pct = formatNumberVi(values[0].changePct, 1);
  if (compliance) {
    texts.so_don_vi_phai_bao_cao = formatNumberVi(compliance.expected);
    texts.so_don_vi_dung_han = formatNumberVi(compliance.onTime);
    texts.so_don_vi_tre_han = formatNumberVi(compliance.late);
    texts.so_don_vi_chua_bao_cao = formatNumberVi(compliance.missing);
    texts.ty_le_dung_han_pct = formatNumberVi(
      compliance.expected === 0 ? null : Math.round((compliance.onTime / compliance.expected) * 1000) / 10,
      1,
    );
  }
  return {
    unit: { id: unit.id, code: unit.code, name: unit.name },
    period: {
      id: period.id,
      label: periodLabel(period, 'vi'),
      previousId: previous.id,
      previousLabel: periodLabel(previous, 'vi'),
    },
    issuedOn,
    placeDate: placeDateLine(definition.place, issuedOn),
    title: fillPlaceholders(definition.title, texts),
    narrative: fillPlaceholders(definition.narrative, texts),
    values,
    tables,
    charts,
    compliance,
    revisionIds,
  };
}

/** A period id of the template's type, or null. */
export function periodOfType(id: string, type: DocumentDefinition['periodType']): Period | null {
  try {
    const period = parsePeriod(id);
    return period.type === type ? period : null;
  } catch {
    return null;
  }
}
