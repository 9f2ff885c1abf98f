/**
 * Imports of report data: the rules every format shares (import-formats.ts reads
 * the files). An import is decided whole before anything is written:
 *
 * 1. the file's distinct forms, periods, units (by code on the period's date),
 *    scopes and locks are resolved in a handful of set-based reads;
 * 2. each value is checked (a cell of the form, of the field's type, not a
 *    formula, not twice in the file); a computed cell is ignored and said so;
 * 3. each report (unit × form × period) is merged with its current revision, the
 *    merge validated as on web entry, and classified created / updated /
 *    unchanged cell by cell;
 * 4. with any blocking conflict nothing is written (all-or-nothing, the default;
 *    with `atomic=false` the reports without conflicts are written); one row
 *    outside the caller's scope rejects the whole import, naming the row;
 * 5. otherwise one statement per batch writes a revision per changed report on
 *    the `import` channel (never late), the consolidation is queued as for a
 *    submit, and one audit entry records the import. The same file twice finds
 *    every report unchanged and writes nothing.
 */
import {
  type CellValue,
  type CellValues,
  compileForm,
  convertImportedValue,
  DomainError,
  type FieldDefinition,
  type Language,
  type LocalizedMessage,
  localize,
  type Period,
  transition,
  type ValueProblem,
  validateValues,
} from '@baocao/domain';
import type { Tx } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { enqueueConsolidation } from '../../reporting/channels';
import { consolidates, type FormInfo, formInForce, periodOf, type ReportCatalog } from '../../reporting/report-context';
import { recordAudit } from '../audit/audit.service';
import type { ImportRow } from './import-formats';
import {
  findFormRefs,
  findGroupAncestors,
  findLockedPeriods,
  findStoredReports,
  findUnitsInScope,
  findUnitsOn,
  type ReportWrite,
  type UnitMatch,
  writeImportedReports,
} from './imports.queries';

export interface ImportOptions {
  dryRun: boolean;
  /** All-or-nothing (the default): any blocking conflict writes nothing. */
  atomic: boolean;
  /** How org units are named: by code (on the period's date) or by id. */
  unitScheme: 'code' | 'id';
  /** Qualifies bare form codes (form codes are unique only within a regime). */
  regime: string | null;
  /** The revision channel written (default `import`; a pull connector's runs write `connector`). */
  channel?: 'import' | 'connector';
}

export type ConflictKind =
  | 'missing'
  | 'unknown_form'
  | 'period'
  | 'unknown_unit'
  | 'scope'
  | 'unit_not_reporting'
  | 'unknown_cell'
  | 'computed_cell'
  | 'value'
  | 'duplicate'
  | 'locked'
  | 'accepted'
  | 'rule';

export interface ImportConflict {
  /** 1-based positions of the values in the file. */
  rows: number[];
  /** What the conflict is about: a cell, a unit, a form, a period. */
  object: string;
  value: string | null;
  kind: ConflictKind;
  /** Blocking conflicts stop the import (or their report); the others are notes (an ignored computed cell). */
  blocking: boolean;
  message: LocalizedMessage;
}

export interface ImportSummary {
  status: 'ok' | 'rejected' | 'partial';
  dryRun: boolean;
  atomic: boolean;
  counts: { rows: number; created: number; updated: number; unchanged: number; rejected: number; ignored: number };
  reports: { written: number; unchanged: number; rejected: number };
  conflicts: ImportConflict[];
  /** Conflicts beyond the first 1,000 are counted, not listed. */
  conflictCount: number;
}

const MAX_LISTED_CONFLICTS = 1000;
const WRITE_BATCH = 5000;
/** DHIS2's name of "no disaggregation". */
const DEFAULT_OPTIONS = new Set(['default', 'HllvX50cXC0']);

interface ReportPlan {
  form: FormInfo;
  period: Period;
  unitId: number;
  unitKind: string;
  /** The imported cells and the row that set each. */
  cells: Map<string, { value: CellValue; row: number }>;
  rows: number[];
  blocked: boolean;
}

const asText = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 200));

/** Resolves a file's data set reference to a form id: an id, `REGIME/FORM`, or a form code with the regime given. */
function formResolver(refs: { id: number; code: string; regimeCode: string }[], regime: string | null) {
  const byQualified = new Map(refs.map((f) => [`${f.regimeCode}/${f.code}`.toLowerCase(), f.id]));
  const byId = new Map(refs.map((f) => [String(f.id), f.id]));
  const byCode = new Map<string, number[]>();
  for (const f of refs) byCode.set(f.code.toLowerCase(), [...(byCode.get(f.code.toLowerCase()) ?? []), f.id]);
  return (ref: string): number | null => {
    const lower = ref.toLowerCase();
    if (byId.has(ref)) return byId.get(ref)!;
    const qualified =
      byQualified.get(lower.replace(':', '/')) ??
      (regime ? byQualified.get(`${regime}/${ref}`.toLowerCase()) : undefined);
    if (qualified !== undefined) return qualified;
    const bare = byCode.get(lower);
    return bare?.length === 1 ? bare[0]! : null;
  };
}

/**
 * Decides and (unless a dry run or rejected) writes an import, in the caller's
 * transaction. Returns the summary; a row outside the caller's scope throws
 * (the whole import is refused, naming the row).
 */
export async function importRows(
  tx: Tx,
  reports: ReportCatalog,
  context: RequestContext,
  rows: ImportRow[],
  options: ImportOptions,
  progress?: (processed: number) => Promise<void>,
): Promise<ImportSummary> {
  if (rows.length === 0) throw new DomainError('VALIDATION_FAILED', { field: 'file', message: 'IMPORT_EMPTY' });
  const conflicts: ImportConflict[] = [];
  const rowBlocked = new Set<number>();
  const conflict = (c: Omit<ImportConflict, 'message'>, message: LocalizedMessage) => {
    conflicts.push({ ...c, message });
    if (c.blocking) for (const r of c.rows) rowBlocked.add(r);
  };

  // 1. Forms and periods (a few distinct ones per file).
  const resolveForm = formResolver(await findFormRefs(tx), options.regime);
  const forms = new Map<string, FormInfo | null>();
  // Lookups per row go through nested maps of the file's own strings: a joined key per row and
  // lookup was a string to build, hash and collect 60,000 times a file.
  const periods = new Map<number, Map<string, Period | null>>();
  const located: { row: ImportRow; form: FormInfo; period: Period }[] = [];
  for (const row of rows) {
    const missing = !row.dataSet
      ? 'dataSet'
      : !row.orgUnit
        ? 'orgUnit'
        : !row.period
          ? 'period'
          : !row.dataElement
            ? 'dataElement'
            : null;
    if (missing) {
      conflict(
        { rows: [row.row], object: missing, value: null, kind: 'missing', blocking: true },
        localize('IMPORT_CONFLICT_MISSING', { what: missing }),
      );
      continue;
    }
    let form = forms.get(row.dataSet!);
    if (form === undefined) {
      const id = resolveForm(row.dataSet!);
      form = id === null ? null : await reports.form(tx, id).catch(() => null);
      forms.set(row.dataSet!, form);
    }
    if (!form) {
      conflict(
        { rows: [row.row], object: row.dataSet!, value: null, kind: 'unknown_form', blocking: true },
        localize('IMPORT_CONFLICT_UNKNOWN_FORM', { form: row.dataSet! }),
      );
      continue;
    }
    let formPeriods = periods.get(form.id);
    if (!formPeriods) {
      formPeriods = new Map();
      periods.set(form.id, formPeriods);
    }
    let period = formPeriods.get(row.period!);
    if (period === undefined) {
      try {
        period = periodOf(form.regime, row.period!);
      } catch {
        period = null;
      }
      formPeriods.set(row.period!, period);
    }
    if (!period) {
      conflict(
        { rows: [row.row], object: row.period!, value: null, kind: 'period', blocking: true },
        localize('IMPORT_CONFLICT_PERIOD', { period: row.period! }),
      );
      continue;
    }
    located.push({ row, form: formInForce(form, period), period });
  }

  // 2. Units by code on each period's start, and the caller's scope on that date.
  const refsOn = new Map<string, Set<string>>();
  for (const { row, period } of located) {
    const refs = refsOn.get(period.start);
    if (refs) refs.add(row.orgUnit!);
    else refsOn.set(period.start, new Set([row.orgUnit!]));
  }
  const unitRefs: { ref: string; onDate: string }[] = [];
  for (const [onDate, refs] of refsOn) for (const ref of refs) unitRefs.push({ ref, onDate });
  /** Units by date, then by reference. */
  const units = new Map<string, Map<string, UnitMatch>>();
  const pairs = new Map<string, { unitId: number; onDate: string }>();
  for (const u of await findUnitsOn(tx, unitRefs, options.unitScheme)) {
    const onDate = units.get(u.onDate);
    if (onDate) onDate.set(u.ref, u);
    else units.set(u.onDate, new Map([[u.ref, u]]));
    if (u.id !== null) pairs.set(`${u.id}|${u.onDate}`, { unitId: u.id, onDate: u.onDate });
  }
  const inScope = context.actor.isSystemAdmin
    ? new Set(pairs.keys())
    : await findUnitsInScope(tx, context.actor.captureRoots, [...pairs.values()]);
  const locked = await findLockedPeriods(tx, [
    ...new Map(
      located.map(({ form, period }) => [
        `${form.regime.id}|${period.id}`,
        { regimeId: form.regime.id, periodId: period.id },
      ]),
    ).values(),
  ]);

  // 3. Values into reports.
  const plans = new Map<string, ReportPlan>();
  for (const { row, form, period } of located) {
    const unit = units.get(period.start)?.get(row.orgUnit!);
    if (!unit?.id) {
      conflict(
        { rows: [row.row], object: row.orgUnit!, value: null, kind: 'unknown_unit', blocking: true },
        localize('IMPORT_CONFLICT_UNKNOWN_UNIT', { unit: row.orgUnit!, date: period.start }),
      );
      continue;
    }
    if (!context.actor.isSystemAdmin && !inScope.has(`${unit.id}|${period.start}`))
      // One row outside the caller's scope refuses the whole import, whatever `atomic` says.
      throw new DomainError('FORBIDDEN', {
        field: `row:${row.row}`,
        message: 'IMPORT_OUT_OF_SCOPE',
        params: { row: row.row, unit: row.orgUnit! },
        details: { row: row.row, orgUnit: row.orgUnit },
      });
    // Consolidating units' figures come from their children (and are sent up from the consolidation page).
    if (!form.definition.entryUnitKinds.includes(unit.kind!)) {
      conflict(
        { rows: [row.row], object: row.orgUnit!, value: null, kind: 'unit_not_reporting', blocking: true },
        localize('IMPORT_CONFLICT_UNIT_NOT_REPORTING', { unit: row.orgUnit! }),
      );
      continue;
    }
    const key = `${form.id}|${unit.id}|${period.id}`;
    let plan = plans.get(key);
    if (!plan) {
      plan = { form, period, unitId: unit.id, unitKind: unit.kind!, cells: new Map(), rows: [], blocked: false };
      plans.set(key, plan);
    }
    plan.rows.push(row.row);
    if (locked.size > 0 && locked.has(`${form.regime.id}|${period.id}`)) {
      conflict(
        { rows: [row.row], object: period.id, value: null, kind: 'locked', blocking: true },
        localize('IMPORT_CONFLICT_LOCKED'),
      );
      continue;
    }
    const cell = row.option && !DEFAULT_OPTIONS.has(row.option) ? `${row.dataElement}.${row.option}` : row.dataElement!;
    const compiled = compileForm(form.definition);
    const field = inputFieldOf(form, cell);
    if (!field) {
      const computed = compiled.computed.some((c) => c.key === cell || cell.startsWith(`${c.key}.`));
      conflict(
        {
          rows: [row.row],
          object: cell,
          value: asText(row.value),
          kind: computed ? 'computed_cell' : 'unknown_cell',
          blocking: !computed,
        },
        computed
          ? localize('IMPORT_CONFLICT_COMPUTED_CELL', { cell })
          : localize('IMPORT_CONFLICT_UNKNOWN_CELL', { cell }),
      );
      continue;
    }
    const converted = convertImportedValue(field, row.value);
    if (!converted.ok) {
      conflict(
        { rows: [row.row], object: cell, value: asText(row.value), kind: 'value', blocking: true },
        localize('IMPORT_CONFLICT_VALUE', { value: asText(row.value) ?? '', problem: problemText[converted.problem] }),
      );
      continue;
    }
    const first = plan.cells.get(cell);
    if (first) {
      conflict(
        { rows: [first.row, row.row], object: cell, value: asText(row.value), kind: 'duplicate', blocking: true },
        localize('IMPORT_CONFLICT_DUPLICATE', { first: first.row }),
      );
      continue;
    }
    plan.cells.set(cell, { value: converted.value, row: row.row });
  }
  await progress?.(Math.floor(rows.length / 2));

  // 4. Merge with what is stored, validate as web entry does, classify each cell.
  const planList = [...plans.values()];
  const stored = new Map(
    (
      await findStoredReports(
        tx,
        planList.map((p) => ({ formId: p.form.id, unitId: p.unitId, periodId: p.period.id })),
        !options.dryRun,
      )
    ).map((s) => [`${s.formId}|${s.unitId}|${s.periodId}`, s]),
  );
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const changes: {
    plan: ReportPlan;
    merged: CellValues;
    stored: (typeof stored extends Map<string, infer S> ? S : never) | undefined;
  }[] = [];
  const reportRejected = new Set<ReportPlan>();
  for (const plan of planList) {
    const s = stored.get(`${plan.form.id}|${plan.unitId}|${plan.period.id}`);
    const base = (s?.values ?? {}) as CellValues;
    const merged: CellValues = { ...base };
    let c = 0;
    let u = 0;
    let same = 0;
    for (const [cell, { value }] of plan.cells) {
      if (!(cell in base) || base[cell] === null) {
        if (value === null) same++;
        else c++;
      } else if (base[cell] === value) same++;
      else u++;
      merged[cell] = value;
    }
    if (rowBlocked.size > 0 && plan.rows.some((r) => rowBlocked.has(r))) plan.blocked = true;
    if (c + u > 0) {
      if (s?.state === 'accepted') {
        plan.blocked = true;
        conflict(
          {
            rows: plan.rows,
            object: `${plan.form.code}/${plan.period.id}`,
            value: null,
            kind: 'accepted',
            blocking: true,
          },
          localize('IMPORT_CONFLICT_ACCEPTED'),
        );
      } else {
        transition(s?.state ?? 'draft', 'submit');
      }
      for (const issue of validateValues(plan.form.definition, merged)) {
        if (issue.severity !== 'error' || issue.code === 'required' || issue.code === 'comment') continue;
        const cellRow = plan.cells.get(issue.target)?.row;
        plan.blocked = true;
        conflict(
          {
            rows: cellRow ? [cellRow] : plan.rows,
            object: issue.target,
            value: asText(merged[issue.target]),
            kind: 'rule',
            blocking: true,
          },
          localize('IMPORT_CONFLICT_RULE', { problem: issue.message }),
        );
      }
    }
    if (plan.blocked) {
      reportRejected.add(plan);
      continue;
    }
    created += c;
    updated += u;
    unchanged += same;
    if (c + u > 0) changes.push({ plan, merged, stored: s });
  }

  const blocking = conflicts.some((c) => c.blocking);
  const ignored = conflicts.filter((c) => c.kind === 'computed_cell').length;
  const rejectAll = blocking && options.atomic;
  const summary: ImportSummary = {
    status: rejectAll ? 'rejected' : blocking ? 'partial' : 'ok',
    dryRun: options.dryRun,
    atomic: options.atomic,
    counts: rejectAll
      ? { rows: rows.length, created: 0, updated: 0, unchanged: 0, rejected: rows.length - ignored, ignored }
      : {
          rows: rows.length,
          created,
          updated,
          unchanged,
          rejected: rows.length - ignored - created - updated - unchanged,
          ignored,
        },
    reports: rejectAll
      ? { written: 0, unchanged: 0, rejected: planList.length }
      : {
          written: changes.length,
          unchanged: planList.length - changes.length - reportRejected.size,
          rejected: reportRejected.size,
        },
    conflicts: conflicts.slice(0, MAX_LISTED_CONFLICTS),
    conflictCount: conflicts.length,
  };
  if (rejectAll || options.dryRun || changes.length === 0) return summary;

  // 5. Write: revisions per batch, the consolidation queue, one audit entry.
  const writes: ReportWrite[] = changes.map((change) => ({
    submissionId: change.stored?.id ?? null,
    regimeId: change.plan.form.regime.id,
    formId: change.plan.form.id,
    versionId: change.plan.form.versionId,
    unitId: change.plan.unitId,
    periodId: change.plan.period.id,
    number: (change.stored?.revisionCount ?? 0) + 1,
    expectedCount: change.stored?.revisionCount ?? null,
    values: change.merged,
  }));
  const submissionIds: number[] = [];
  let firstRevisionId: number | null = null;
  for (let i = 0; i < writes.length; i += WRITE_BATCH) {
    const batch = writes.slice(i, i + WRITE_BATCH);
    const written = await writeImportedReports(tx, batch, context.actor.userId, options.channel ?? 'import');
    // A report changed since it was read (a concurrent submit): the import is tried again by its sender.
    if (written.changed !== batch.length) throw new DomainError('CONFLICT', { field: 'file' });
    firstRevisionId ??= written.firstRevisionId;
    submissionIds.push(...written.submissionIds.slice(0, 1000 - submissionIds.length));
    await progress?.(Math.floor(rows.length / 2 + ((i + batch.length) / writes.length) * (rows.length / 2)));
  }
  await queueConsolidation(
    tx,
    changes.map((c) => c.plan),
  );
  await recordAudit(tx, context, [
    {
      action: 'import.apply',
      objectType: 'import',
      objectId: firstRevisionId!,
      unitId: null,
      after: { counts: summary.counts, reports: summary.reports, submissions: submissionIds },
    },
  ]);
  return summary;
}

const problemText: Record<ValueProblem, LocalizedMessage> = {
  not_number: { vi: 'không phải là số', en: 'not a number' },
  not_integer: { vi: 'không phải số nguyên', en: 'not a whole number' },
  not_boolean: { vi: 'không phải Có/Không', en: 'not yes or no' },
  not_date: { vi: 'không phải ngày yyyy-mm-dd', en: 'not a yyyy-mm-dd date' },
  formula: { vi: 'bắt đầu bằng = + - @ (công thức bảng tính)', en: 'starts with = + - @ (a spreadsheet formula)' },
  too_long: { vi: 'quá dài', en: 'too long' },
};

const inputFields = new WeakMap<FormInfo['definition'], Map<string, FieldDefinition>>();
function inputFieldOf(form: FormInfo, cell: string): FieldDefinition | undefined {
  let map = inputFields.get(form.definition);
  if (!map) {
    map = new Map(compileForm(form.definition).inputCells.map((c) => [c.key, c.field]));
    inputFields.set(form.definition, map);
  }
  return map.get(cell);
}

/**
 * Queues the consolidating ancestors of every written report, per form and period:
 * one statement per hierarchy climbs from the distinct (form, period, unit) reports
 * over distinct ancestors (one query per report cost 2 ms × 20,000 reports a file,
 * one row per report and ancestor still 2 s).
 */
async function queueConsolidation(tx: Tx, plans: ReportPlan[]) {
  const groups = new Map<string, { index: number; formId: number; periodId: string; plan: ReportPlan }>();
  const byHierarchy = new Map<string, { group: number; unitId: number; onDate: string }[]>();
  for (const plan of plans) {
    const key = `${plan.form.id}|${plan.period.id}`;
    let group = groups.get(key);
    if (!group) {
      group = { index: groups.size, formId: plan.form.id, periodId: plan.period.id, plan };
      groups.set(key, group);
    }
    const hierarchy = plan.form.regime.definition.hierarchy;
    const item = { group: group.index, unitId: plan.unitId, onDate: plan.period.start };
    const list = byHierarchy.get(hierarchy);
    if (list) list.push(item);
    else byHierarchy.set(hierarchy, [item]);
  }
  const ancestors = new Map<number, { id: number; kind: string; depth: number }[]>();
  for (const [hierarchy, items] of byHierarchy)
    for (const [group, list] of await findGroupAncestors(tx, hierarchy, items)) ancestors.set(group, list);
  for (const g of groups.values())
    await enqueueConsolidation(
      tx,
      (ancestors.get(g.index) ?? [])
        .filter((a) => consolidates(g.plan.form.regime, a.kind))
        .map((a) => ({ unitId: a.id, depth: a.depth })),
      g.formId,
      g.periodId,
    );
}

/** A conflict's message in the caller's language (the DHIS2 summary carries one text). */
export function conflictText(c: ImportConflict, language: Language): string {
  return c.message[language];
}
