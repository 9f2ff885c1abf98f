/**
 * The figures of a generated report, gathered once and stored with the version ("content"):
 * its named figures (this period and the one before), its tables (children × fields), its chart
 * series, the reporting compliance of the unit's subtree, and the narrative with its
 * placeholders filled. The PDF, the XLSX and the differences between versions are all made from
 * this one snapshot, so what the archive shows is what was issued.
 */
import {
  ANALYTICS_LIMITS,
  type AnalyticsAnswer,
  type AnalyticsQuery,
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
import { isIndicatorField } from '../indicators/indicator-analytics';
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

/** The figures of one or more analytics answers, looked up by field, unit and period. */
class Figures {
  private readonly values = new Map<string, number | null>();
  private readonly meta = new Map<string, { label: string; unitOfMeasure: string | null }>();
  constructor(answers: AnalyticsAnswer[]) {
    for (const answer of answers) {
      for (const c of answer.cells)
        if (c.option === null) this.values.set(`${c.field}|${c.unitId}|${c.period}`, numberOf(c.value));
      for (const f of answer.fields) this.meta.set(f.id, { label: f.field.label.vi, unitOfMeasure: f.unitOfMeasure });
    }
  }
  cell(field: string, unitId: number, period: string): number | null {
    return this.values.get(`${field}|${unitId}|${period}`) ?? null;
  }
  field(field: string) {
    return this.meta.get(field) ?? { label: field, unitOfMeasure: null };
  }
}

/**
 * Runs one analytics query for many fields: in groups of the API's field limit, the answers'
 * units being the same for each group.
 */
async function queryFields(
  db: Db,
  reports: ReportCatalog,
  context: RequestContext,
  fields: string[],
  rest: Omit<AnalyticsQuery, 'fields'>,
): Promise<{ answers: AnalyticsAnswer[]; units: AnalyticsAnswer['units'] }> {
  if (fields.length === 0) return { answers: [], units: [] };
  const groups: string[][] = [];
  for (let i = 0; i < fields.length; i += ANALYTICS_LIMITS.fields)
    groups.push(fields.slice(i, i + ANALYTICS_LIMITS.fields));
  const answers = await Promise.all(
    groups.map((group) => queryAnalytics(db, reports, context, { ...rest, fields: group })),
  );
  return { answers, units: answers[0]!.units };
}

/**
 * Gathers the figures of one report for one unit and period (the caller's view applies).
 * The data is read set-wise: one analytics query for every figure of the period (the named
 * figures with the period before, the tables' and bar charts' rows of the unit's children), one
 * for the line charts' twelve periods, the compliance judgement and the revision lookup, all at
 * once.
 */
export async function gatherContent(
  db: Db,
  reports: ReportCatalog,
  context: RequestContext,
  args: { regimeId: number; unitId: number; period: Period; definition: DocumentDefinition; now: number },
): Promise<DocumentContent> {
  const { definition, period, unitId } = args;
  const previous = previousPeriod(period);
  const type = definition.periodType;
  const [unit, regime] = await Promise.all([reports.unit(db, unitId), reports.regime(db, args.regimeId)]);

  // The figures of the period: named figures (with the period before), tables and bar charts.
  const bars = definition.charts.filter((c) => c.type === 'bar');
  const lines = definition.charts.filter((c) => c.type === 'line');
  const periodFields = [
    ...new Set([
      ...definition.values.map((v) => v.field),
      ...definition.tables.flatMap((t) => t.fields),
      ...bars.map((c) => c.field),
    ]),
  ];
  const byChildren = bars.length > 0 || definition.tables.some((t) => t.rows === 'children');
  const linePeriods: Period[] = [period];
  while (linePeriods.length < 12) linePeriods.unshift(previousPeriod(linePeriods[0]!));
  const lineFields = [...new Set(lines.map((c) => c.field))];

  const frequency = regime.definition.frequency as Period['type'];
  const regimePeriods = enumeratePeriods(frequency, period.start, period.end).map((p) => p.id);
  const formIds = [
    ...new Set(
      [
        ...definition.values.map((v) => v.field),
        ...definition.tables.flatMap((t) => t.fields),
        ...definition.charts.map((c) => c.field),
      ]
        .filter((f) => !isIndicatorField(f))
        .map((f) => Number(f.split(':')[0])),
    ),
  ];

  const [current, trend, stats, revisionIds] = await Promise.all([
    queryFields(db, reports, context, periodFields, {
      units: byChildren ? { childrenOf: unitId } : { ids: [unitId] },
      periods: { type, ids: definition.values.length > 0 ? [previous.id, period.id] : [period.id] },
    }),
    queryFields(db, reports, context, lineFields, {
      units: { ids: [unitId] },
      periods: { type, from: linePeriods[0]!.id, to: period.id },
    }),
    definition.compliance && regimePeriods.length > 0
      ? complianceStats(
          db,
          reports,
          context,
          { regimeId: args.regimeId, from: regimePeriods[0]!, to: regimePeriods.at(-1)!, unitId },
          args.now,
        )
      : null,
    formIds.length === 0 ? [] : findContainedRevisions(db, { unitId, formIds, periodIds: regimePeriods }),
  ]);
  const figures = new Figures([...current.answers, ...trend.answers]);
  const children = current.units.filter((u) => u.id !== unitId);

  const values: DocumentContent['values'] = definition.values.map((v) => {
    const value = figures.cell(v.field, unitId, period.id);
    const before = figures.cell(v.field, unitId, previous.id);
    return {
      key: v.key,
      label: v.label,
      unitOfMeasure: figures.field(v.field).unitOfMeasure,
      value,
      previous: before,
      changePct: changePercent(value, before),
    };
  });

  const tables: DocumentContent['tables'] = definition.tables.map((table) => {
    const shown = table.rows === 'children' ? children : current.units.filter((u) => u.id === unitId);
    const rows = shown
      .map((u) => ({ code: u.code, name: u.name, cells: table.fields.map((f) => figures.cell(f, u.id, period.id)) }))
      .sort((a, b) => a.code.localeCompare(b.code));
    // The total is the unit's own consolidated figure (its rollup), not a sum recomputed here.
    const total = table.fields.map((f) => figures.cell(f, unitId, period.id));
    return {
      title: table.title,
      columns: table.fields.map((f) => ({ field: f, ...figures.field(f) })),
      rows,
      total,
    };
  });

  const charts: DocumentContent['charts'] = definition.charts.map((chart) => {
    if (chart.type === 'bar') {
      const top = children
        .map((u) => ({ name: u.name, value: figures.cell(chart.field, u.id, period.id) }))
        .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity))
        .slice(0, 15);
      return {
        title: chart.title,
        type: 'bar',
        categories: top.map((b) => b.name),
        values: top.map((b) => b.value),
        unitOfMeasure: figures.field(chart.field).unitOfMeasure,
      };
    }
    return {
      title: chart.title,
      type: 'line',
      categories: linePeriods.map((p) => periodLabel(p, 'vi')),
      values: linePeriods.map((p) => figures.cell(chart.field, unitId, p.id)),
      unitOfMeasure: figures.field(chart.field).unitOfMeasure,
    };
  });

  let compliance: DocumentContent['compliance'] = null;
  if (stats) {
    compliance = { expected: 0, onTime: 0, late: 0, missing: 0 };
    for (const t of stats.trend) {
      compliance.expected += t.expected - t.counts.not_due;
      compliance.onTime += t.counts.on_time + t.counts.nothing_to_report;
      compliance.late += t.counts.late;
      compliance.missing += t.counts.missing + t.counts.overdue + t.counts.returned + t.counts.draft;
    }
  }

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
