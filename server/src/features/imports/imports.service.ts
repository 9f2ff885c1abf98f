/**
 * Imports of report data: the rules every format shares (import-formats.ts and
 * import-stream.ts read the files). An import runs in the caller's transaction,
 * under a savepoint, with memory flat in the file's size:
 *
 * 1. the file is parsed as it arrives and `COPY`ed into a TEMP staging table;
 * 2. its distinct forms and periods are resolved in JS (a few per file), then its
 *    units (by code on the period's date, or by id), scopes and locks set-based in
 *    SQL; one row outside the caller's scope refuses the whole import, naming the
 *    first such row;
 * 3. a cursor reads the rows back in report order (form, period, unit) in chunks
 *    of 15,000; each value is checked (a cell of the form, of the field's type, not
 *    a formula, not twice in the file; a computed cell is ignored and said so), each
 *    complete report merged with its current revision, validated as on web entry
 *    and classified created / updated / unchanged cell by cell;
 * 4. each chunk's changed reports are written at once — one statement per 5,000
 *    reports writes a revision each on the `import` channel (never late) — and their
 *    consolidation queued as for a submit, while the next chunk (already fetched, its
 *    stored reports read) is decided in JS: PostgreSQL and Node work side by side on the
 *    import's one connection and transaction; once a blocking conflict is seen, an
 *    all-or-nothing import (the default) writes no more and, at the end, rolls back
 *    to its savepoint: nothing of it stays (with `atomic=false` the reports without
 *    conflicts are written);
 * 5. one audit entry records the import. The same file twice finds every report
 *    unchanged and writes nothing.
 */

import { setImmediate } from 'node:timers/promises';
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
import { copyInto, type Tx } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { enqueueConsolidationSlices } from '../../reporting/channels';
import { consolidates, type FormInfo, formInForce, periodOf, type ReportCatalog } from '../../reporting/report-context';
import { recordAudit } from '../audit/audit.service';
import type { ImportFormat, ImportRow } from './import-formats';
import { STAGED_COLUMNS, stagedValue, stageImportFile, stageRows } from './import-stream';
import {
  beginImportSavepoint,
  closeStagedCursor,
  createImportStaging,
  dropImportStaging,
  fetchStagedRows,
  findFirstOutOfScope,
  findFormRefs,
  findGroupAncestors,
  findLockedPeriods,
  findStagedReferences,
  findStoredReports,
  openStagedCursor,
  type ReportWrite,
  releaseImportSavepoint,
  resolveStagedUnits,
  rollbackImportSavepoint,
  type StagedKey,
  type StagedRow,
  type StoredReport,
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

/** A report that an import changes: its plan, its values merged with the stored ones, and what was stored. */
interface ReportChange {
  plan: ReportPlan;
  merged: CellValues;
  stored: StoredReport | undefined;
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

/** A file to import: its format, its body (streamed as it arrives, or whole) and the data set given beside it. */
export interface ImportSource {
  format: ImportFormat;
  body: AsyncIterable<Buffer> | Buffer;
  dataSet: string | null;
}

/** Reports the rows decided so far and the file's row count. */
export type ImportProgress = (processed: number, total: number) => Promise<void>;

/**
 * Imports a file in the caller's transaction: staged as it is read, then decided and
 * (unless a dry run or rejected) written. Returns the summary; a row outside the
 * caller's scope throws (the whole import is refused, naming the row).
 */
export async function importFile(
  tx: Tx,
  reports: ReportCatalog,
  context: RequestContext,
  source: ImportSource,
  options: ImportOptions,
  progress?: ImportProgress,
): Promise<ImportSummary> {
  return importStaged(
    tx,
    reports,
    context,
    stageImportFile(source.format, source.body, { dataSet: source.dataSet }),
    options,
    progress,
  );
}

/** Imports rows already read (a pull connector's), as {@link importFile} does. */
export async function importRows(
  tx: Tx,
  reports: ReportCatalog,
  context: RequestContext,
  rows: ImportRow[],
  options: ImportOptions,
  progress?: ImportProgress,
): Promise<ImportSummary> {
  return importStaged(tx, reports, context, stageRows(rows), options, progress);
}

async function importStaged(
  tx: Tx,
  reports: ReportCatalog,
  context: RequestContext,
  lines: AsyncIterable<string>,
  options: ImportOptions,
  progress?: ImportProgress,
): Promise<ImportSummary> {
  await beginImportSavepoint(tx);
  try {
    const run = new ImportRun(tx, reports, context, options, progress);
    const summary = await run.execute(lines);
    if (run.written === 0) await rollbackImportSavepoint(tx);
    else {
      await dropImportStaging(tx);
      await releaseImportSavepoint(tx);
    }
    return summary;
  } catch (error) {
    // Nothing of a failed import stays (a connection already lost has nothing to roll back).
    await rollbackImportSavepoint(tx).catch(() => {});
    throw error;
  }
}

/** Rows fetched from the staging cursor at a time: a bounded chunk of reports decided and written together. */
const FETCH_ROWS = 15_000;

/** One import: the file's references resolved once, then its reports decided and written chunk by chunk. */
class ImportRun {
  private total = 0;
  private readonly listed: ImportConflict[] = [];
  private conflictCount = 0;
  private ignored = 0;
  private blocking = false;
  private created = 0;
  private updated = 0;
  private unchanged = 0;
  private planCount = 0;
  private changedReports = 0;
  private rejectedReports = 0;
  written = 0;
  private firstRevisionId: number | null = null;
  private readonly submissionIds: number[] = [];
  private readonly forms = new Map<string, FormInfo | null>();
  /** The resolved (form in force, period) pairs, by the key the staged rows carry. */
  private readonly located: { form: FormInfo; period: Period; locked: boolean }[] = [];

  constructor(
    private readonly tx: Tx,
    private readonly reports: ReportCatalog,
    private readonly context: RequestContext,
    private readonly options: ImportOptions,
    private readonly progress: ImportProgress | undefined,
  ) {}

  private conflict(c: Omit<ImportConflict, 'message'>, message: LocalizedMessage, plan?: ReportPlan) {
    this.conflictCount++;
    if (c.kind === 'computed_cell') this.ignored++;
    if (c.blocking) {
      this.blocking = true;
      if (plan) plan.blocked = true;
    }
    this.listed.push({ ...c, message });
    // Only the first conflicts in file order are listed: the list is cut back as it grows.
    if (this.listed.length >= 2 * MAX_LISTED_CONFLICTS) this.cutConflicts();
  }

  private cutConflicts() {
    this.listed.sort((a, b) => a.rows[0]! - b.rows[0]!);
    this.listed.length = Math.min(this.listed.length, MAX_LISTED_CONFLICTS);
  }

  private get writing() {
    return !this.options.dryRun && !(this.options.atomic && this.blocking);
  }

  async execute(lines: AsyncIterable<string>): Promise<ImportSummary> {
    const { tx, context, options } = this;
    await createImportStaging(tx);
    this.total = await copyInto(tx, `COPY import_staging ${STAGED_COLUMNS} FROM STDIN`, lines);
    if (this.total === 0) throw new DomainError('VALIDATION_FAILED', { field: 'file', message: 'IMPORT_EMPTY' });
    await this.progress?.(0, this.total);

    // 1. Forms and periods (a few distinct ones per file), then units, scope and locks, set-based.
    const resolveForm = formResolver(await findFormRefs(tx), options.regime);
    // In a stable order (data set, then period): the keys' order is the order reports are written in.
    const references = (await findStagedReferences(tx)).sort((a, b) =>
      a.dataSet === b.dataSet ? ((a.period ?? '') < (b.period ?? '') ? -1 : 1) : a.dataSet < b.dataSet ? -1 : 1,
    );
    for (const { dataSet: ref } of references) {
      if (this.forms.has(ref)) continue;
      const id = resolveForm(ref);
      this.forms.set(ref, id === null ? null : await this.reports.form(tx, id).catch(() => null));
    }
    const keys: StagedKey[] = [];
    const keyOf = new Map<string, number>();
    for (const { dataSet, period: ref } of references) {
      if (ref === null || !this.forms.get(dataSet)) continue;
      const form = this.forms.get(dataSet)!;
      let period: Period | null;
      try {
        period = periodOf(form.regime, ref);
      } catch {
        period = null;
      }
      if (!period) continue;
      const pair = `${form.id}|${period.id}`;
      let key = keyOf.get(pair);
      if (key === undefined) {
        key = this.located.length;
        keyOf.set(pair, key);
        this.located.push({ form: formInForce(form, period), period, locked: false });
      }
      keys.push({ dataSet, period: ref, key, onDate: period.start });
    }
    const locked = await findLockedPeriods(
      tx,
      this.located.map(({ form, period }) => ({ regimeId: form.regime.id, periodId: period.id })),
    );
    for (const at of this.located) at.locked = locked.has(`${at.form.regime.id}|${at.period.id}`);
    await resolveStagedUnits(
      tx,
      keys,
      options.unitScheme,
      context.actor.isSystemAdmin ? null : context.actor.captureRoots,
    );
    if (!context.actor.isSystemAdmin) {
      // One row outside the caller's scope refuses the whole import, whatever `atomic` says.
      const outside = await findFirstOutOfScope(tx);
      if (outside)
        throw new DomainError('FORBIDDEN', {
          field: `row:${outside.row}`,
          message: 'IMPORT_OUT_OF_SCOPE',
          params: { row: outside.row, unit: outside.orgUnit },
          details: { row: outside.row, orgUnit: outside.orgUnit },
        });
    }

    // 2. The rows in report order, a chunk at a time, Node and PostgreSQL side by side on the one
    // connection: chunk N's write is sent once chunk N+1 is fetched and its stored reports read,
    // and runs while chunk N+1 is merged and validated in JS (the machine's second core), instead
    // of PostgreSQL idling through the JS and Node through the write.
    await openStagedCursor(tx);
    let open: ReportPlan | null = null;
    let processed = 0;
    let decided: ReportChange[] = [];
    for (;;) {
      const batch = await fetchStagedRows(tx, FETCH_ROWS, processed === 0);
      const last = batch.length < FETCH_ROWS;
      const stored = await this.readStored(batch, open);
      // The chunk before is written while this one is decided: its statement is sent, and the
      // thread yields once so that it is on the connection before the JS below holds the thread.
      const writing = this.writeDecided(decided);
      writing.catch(() => {}); // awaited after the JS; until then a failure must not count as unhandled
      await setImmediate();
      try {
        const closed: ReportPlan[] = [];
        for (const r of batch) {
          const plan = this.place(r, open);
          if (plan !== open) {
            if (open) closed.push(open);
            open = plan;
          }
        }
        if (last && open) closed.push(open);
        decided = this.decide(closed, stored);
      } catch (error) {
        await writing.catch(() => {});
        throw error;
      }
      await writing;
      processed += batch.length;
      await this.progress?.(processed, this.total);
      if (last) break;
    }
    await this.writeDecided(decided);
    await closeStagedCursor(tx);
    return this.finish();
  }

  /**
   * The stored reports of a fetched chunk (and of the report still open from the chunk before),
   * read — and locked, unless a dry run — before the previous chunk's write is sent: the rows come
   * in report order, so their distinct (pair, unit) runs name the chunk's reports.
   */
  private async readStored(batch: StagedRow[], open: ReportPlan | null): Promise<Map<string, StoredReport>> {
    const keys: { regimeId: number; formId: number; unitId: number; periodId: string }[] = [];
    if (open)
      keys.push({ regimeId: open.form.regime.id, formId: open.form.id, unitId: open.unitId, periodId: open.period.id });
    let lastKey: number | null = null;
    let lastUnit: number | null = null;
    for (const r of batch) {
      const key = r[5];
      const unitId = r[6];
      if (key === null || unitId === null || (key === lastKey && unitId === lastUnit)) continue;
      lastKey = key;
      lastUnit = unitId;
      const { form, period } = this.located[key]!;
      keys.push({ regimeId: form.regime.id, formId: form.id, unitId, periodId: period.id });
    }
    const found = await findStoredReports(this.tx, keys, !this.options.dryRun);
    return new Map(found.map((s) => [`${s.formId}|${s.unitId}|${s.periodId}`, s]));
  }

  /** Writes a decided chunk's changed reports, unless the import writes nothing (a dry run, or all-or-nothing with a blocking conflict seen). */
  private async writeDecided(changes: ReportChange[]): Promise<void> {
    if (this.writing && changes.length > 0) await this.write(changes);
  }

  /** Checks one row and adds its value to its report's plan (the open one, or a new one); returns the open plan. */
  private place(r: StagedRow, open: ReportPlan | null): ReportPlan | null {
    const [row, dataElement, option, rawValue, valueType, key, unitId, kind, orgUnit] = r;
    if (key === null) {
      // The form or the period did not resolve (the references come with the row then).
      const dataSet = r[9];
      const periodRef = r[10];
      const missing = !dataSet
        ? 'dataSet'
        : !orgUnit
          ? 'orgUnit'
          : !periodRef
            ? 'period'
            : !dataElement
              ? 'dataElement'
              : null;
      if (missing)
        this.conflict(
          { rows: [row], object: missing, value: null, kind: 'missing', blocking: true },
          localize('IMPORT_CONFLICT_MISSING', { what: missing }),
        );
      else if (!this.forms.get(dataSet!))
        this.conflict(
          { rows: [row], object: dataSet!, value: null, kind: 'unknown_form', blocking: true },
          localize('IMPORT_CONFLICT_UNKNOWN_FORM', { form: dataSet! }),
        );
      else
        this.conflict(
          { rows: [row], object: periodRef!, value: null, kind: 'period', blocking: true },
          localize('IMPORT_CONFLICT_PERIOD', { period: periodRef! }),
        );
      return open;
    }
    const missing = !orgUnit ? 'orgUnit' : !dataElement ? 'dataElement' : null;
    if (missing) {
      this.conflict(
        { rows: [row], object: missing, value: null, kind: 'missing', blocking: true },
        localize('IMPORT_CONFLICT_MISSING', { what: missing }),
      );
      return open;
    }
    const { form, period, locked } = this.located[key]!;
    if (unitId === null) {
      this.conflict(
        { rows: [row], object: orgUnit!, value: null, kind: 'unknown_unit', blocking: true },
        localize('IMPORT_CONFLICT_UNKNOWN_UNIT', { unit: orgUnit!, date: period.start }),
      );
      return open;
    }
    // Consolidating units' figures come from their children (and are sent up from the consolidation page).
    if (!form.definition.entryUnitKinds.includes(kind!)) {
      this.conflict(
        { rows: [row], object: orgUnit!, value: null, kind: 'unit_not_reporting', blocking: true },
        localize('IMPORT_CONFLICT_UNIT_NOT_REPORTING', { unit: orgUnit! }),
      );
      return open;
    }
    let plan = open;
    if (!plan || plan.unitId !== unitId || plan.period !== period || plan.form.id !== form.id)
      plan = { form, period, unitId, unitKind: kind!, cells: new Map(), rows: [], blocked: false };
    plan.rows.push(row);
    if (locked) {
      this.conflict(
        { rows: [row], object: period.id, value: null, kind: 'locked', blocking: true },
        localize('IMPORT_CONFLICT_LOCKED'),
        plan,
      );
      return plan;
    }
    const value = stagedValue(rawValue, valueType);
    const cell = option && !DEFAULT_OPTIONS.has(option) ? `${dataElement}.${option}` : dataElement!;
    const field = inputFieldOf(form, cell);
    if (!field) {
      const computed = compileForm(form.definition).computed.some(
        (c) => c.key === cell || cell.startsWith(`${c.key}.`),
      );
      this.conflict(
        {
          rows: [row],
          object: cell,
          value: asText(value),
          kind: computed ? 'computed_cell' : 'unknown_cell',
          blocking: !computed,
        },
        computed
          ? localize('IMPORT_CONFLICT_COMPUTED_CELL', { cell })
          : localize('IMPORT_CONFLICT_UNKNOWN_CELL', { cell }),
        plan,
      );
      return plan;
    }
    const converted = convertImportedValue(field, value);
    if (!converted.ok) {
      this.conflict(
        { rows: [row], object: cell, value: asText(value), kind: 'value', blocking: true },
        localize('IMPORT_CONFLICT_VALUE', { value: asText(value) ?? '', problem: problemText[converted.problem] }),
        plan,
      );
      return plan;
    }
    const first = plan.cells.get(cell);
    if (first) {
      this.conflict(
        { rows: [first.row, row], object: cell, value: asText(value), kind: 'duplicate', blocking: true },
        localize('IMPORT_CONFLICT_DUPLICATE', { first: first.row }),
        plan,
      );
      return plan;
    }
    plan.cells.set(cell, { value: converted.value, row: row });
    return plan;
  }

  /** Merges a chunk's reports with what is stored, validates as web entry does, classifies each cell; returns the changed ones. */
  private decide(plans: ReportPlan[], stored: Map<string, StoredReport>): ReportChange[] {
    if (plans.length === 0) return [];
    this.planCount += plans.length;
    const changes: ReportChange[] = [];
    for (const plan of plans) {
      // A first import finds nothing stored: no key built per report then.
      const s = stored.size === 0 ? undefined : stored.get(`${plan.form.id}|${plan.unitId}|${plan.period.id}`);
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
      if (c + u > 0) {
        if (s?.state === 'accepted') {
          this.conflict(
            {
              rows: plan.rows,
              object: `${plan.form.code}/${plan.period.id}`,
              value: null,
              kind: 'accepted',
              blocking: true,
            },
            localize('IMPORT_CONFLICT_ACCEPTED'),
            plan,
          );
        } else {
          transition(s?.state ?? 'draft', 'submit');
        }
        for (const issue of validateValues(plan.form.definition, merged)) {
          if (issue.severity !== 'error' || issue.code === 'required' || issue.code === 'comment') continue;
          const cellRow = plan.cells.get(issue.target)?.row;
          this.conflict(
            {
              rows: cellRow ? [cellRow] : plan.rows,
              object: issue.target,
              value: asText(merged[issue.target]),
              kind: 'rule',
              blocking: true,
            },
            localize('IMPORT_CONFLICT_RULE', { problem: issue.message }),
            plan,
          );
        }
      }
      if (plan.blocked) {
        this.rejectedReports++;
        continue;
      }
      this.created += c;
      this.updated += u;
      this.unchanged += same;
      if (c + u > 0) changes.push({ plan, merged, stored: s });
    }
    this.changedReports += changes.length;
    return changes;
  }

  /** Writes a chunk's changed reports: revisions per batch, then their consolidation queue. */
  private async write(changes: ReportChange[]) {
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
    for (let i = 0; i < writes.length; i += WRITE_BATCH) {
      const batch = writes.slice(i, i + WRITE_BATCH);
      const written = await writeImportedReports(
        this.tx,
        batch,
        this.context.actor.userId,
        this.options.channel ?? 'import',
      );
      // A report changed since it was read (a concurrent submit): the import is tried again by its sender.
      if (written.changed !== batch.length) throw new DomainError('CONFLICT', { field: 'file' });
      this.written += batch.length;
      this.firstRevisionId ??= written.firstRevisionId;
      this.submissionIds.push(...written.submissionIds.slice(0, 1000 - this.submissionIds.length));
    }
    await queueConsolidation(
      this.tx,
      changes.map((c) => c.plan),
    );
  }

  private async finish(): Promise<ImportSummary> {
    const { options, total, ignored } = this;
    const rejectAll = this.blocking && options.atomic;
    this.cutConflicts();
    const summary: ImportSummary = {
      status: rejectAll ? 'rejected' : this.blocking ? 'partial' : 'ok',
      dryRun: options.dryRun,
      atomic: options.atomic,
      counts: rejectAll
        ? { rows: total, created: 0, updated: 0, unchanged: 0, rejected: total - ignored, ignored }
        : {
            rows: total,
            created: this.created,
            updated: this.updated,
            unchanged: this.unchanged,
            rejected: total - ignored - this.created - this.updated - this.unchanged,
            ignored,
          },
      reports: rejectAll
        ? { written: 0, unchanged: 0, rejected: this.planCount }
        : {
            written: this.changedReports,
            unchanged: this.planCount - this.changedReports - this.rejectedReports,
            rejected: this.rejectedReports,
          },
      conflicts: this.listed,
      conflictCount: this.conflictCount,
    };
    // A rejected import wrote nothing that stays: what its first chunks wrote is rolled back with the savepoint.
    if (rejectAll) this.written = 0;
    if (this.written === 0) return summary;
    await recordAudit(this.tx, this.context, [
      {
        action: 'import.apply',
        objectType: 'import',
        objectId: this.firstRevisionId!,
        unitId: null,
        after: { counts: summary.counts, reports: summary.reports, submissions: this.submissionIds },
      },
    ]);
    return summary;
  }
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
  // One statement for the whole chunk (one per period was a round trip per day of a daily regime).
  await enqueueConsolidationSlices(
    tx,
    [...groups.values()].flatMap((g) =>
      (ancestors.get(g.index) ?? [])
        .filter((a) => consolidates(g.plan.form.regime, a.kind))
        .map((a) => ({ unitId: a.id, depth: a.depth, formId: g.formId, periodId: g.periodId })),
    ),
  );
}

/** A conflict's message in the caller's language (the DHIS2 summary carries one text). */
export function conflictText(c: ImportConflict, language: Language): string {
  return c.message[language];
}
