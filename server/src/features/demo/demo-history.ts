/**
 * The demonstration history: generated reports, so that a newcomer sees a working
 * system on first start — about 60 days of the daily COVID-19 support regime from
 * 15 July 2021 (every entry unit of the pre-2025 tree, reviewed, consolidated and
 * sent up every level to the ministry) and 12 months of the monthly socio-economic
 * regime on today's tree. Every generated submission is flagged `is_demo` and shown
 * as "Dữ liệu minh họa"; the officer on every generated revision is one disabled
 * account of that name.
 *
 * A period is generated in one transaction, set-based (demo-history.queries.ts):
 * the entry reports with their outcomes (on time, late, returned with a reason and
 * sent again, a draft never sent, missing), then the consolidation engine's own
 * computation level by level, deepest first (the figures are exactly what the
 * worker would store), then the consolidating units' sends up, then one audit entry
 * for the period. Audit entries are per period, not per generated row: they go
 * through `audit_pending` and the sealing job like any write, so the chain stays
 * whole and says what was generated.
 *
 * Values: a cell is `base × factor`, the base a hash of (unit, seed) between 20 and
 * 200, the factor the cell's weight (a cell a rule says is "not more than" another
 * gets 85 % of its weight, so the generated data passes the forms' rules), its
 * unit's scale, and for cumulative daily figures the growth since the policy began.
 * The treasury's disbursements (Biểu 11) are seeded like the amounts the other
 * agencies report paid (Biểu 03–05, 08) in the same district, and differ by 4 % in
 * one district in eight, so the cross-source checks show both results.
 */
import {
  addDays,
  compileForm,
  daysBetween,
  enumeratePeriods,
  foldForSearch,
  type Period,
  periodForDate,
  previousPeriod,
  windowState,
} from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import { type FormInfo, periodOf, type RegimeInfo, type ReportCatalog, regimeOn } from '../../reporting/report-context';
import { recordAudit } from '../audit/audit.service';
import { computeConsolidations, storeConsolidations } from '../consolidation/consolidation-engine';
import {
  type CellSpec,
  type FormKindSpec,
  findConsolidatingUnits,
  findPlanProgress,
  hasPlan,
  insertPlan,
  type KindWindow,
  lockLoader,
  markPeriodLoaded,
  planEntryReports,
  takeNextPeriod,
  writeEntryReports,
  writeSendUps,
} from './demo-history.queries';
import { DEMO_LABEL } from './demo-regimes';

/** The day "Báo cáo của tôi" offers as the day with demo data (web: my-reports-page.tsx). */
export const DEMO_DAY = '2021-07-15';
/**
 * The first day of the daily history: the day before the demo day, so that on the demo day the
 * previous day's reports are done rather than overdue.
 */
export const DEMO_HISTORY_FIRST_DAY = addDays(DEMO_DAY, -1);
const DAILY_REGIME = 'NQ68-HANG-NGAY';
const MONTHLY_REGIME = 'KTXH-HANG-THANG';
/** The account named on generated revisions and reviews: disabled, it signs nobody in. */
export const DEMO_HISTORY_USERNAME = 'demo.lichsu';

export interface DemoHistorySize {
  /** Days of the daily regime from DEMO_HISTORY_FIRST_DAY (BAOCAO_DEMO_HISTORY_DAYS). */
  days: number;
  /** Months of the monthly regime, ending with the last one closed before now (BAOCAO_DEMO_HISTORY_MONTHS). */
  months: number;
}

/**
 * Plans the history on the first start (one row per regime period in
 * `demo_history_periods`); later starts keep the plan and only finish it. Returns
 * how many periods are still to generate.
 */
export async function planDemoHistory(
  db: Db,
  reports: ReportCatalog,
  size: DemoHistorySize,
  now = Date.now(),
): Promise<number> {
  if (!(await hasPlan(db)) && (size.days > 0 || size.months > 0)) {
    const regimes = await db
      .selectFrom('regimes')
      .select(['id', 'code'])
      .where('code', 'in', [DAILY_REGIME, MONTHLY_REGIME])
      .execute();
    const rows: { regimeId: number; periodId: string }[] = [];
    for (const { id, code } of regimes) {
      const regime = await reports.regime(db, id);
      const periods =
        code === DAILY_REGIME
          ? dailyPeriods(regime, size.days)
          : await monthlyPeriods(db, reports, regime, size.months, now);
      rows.push(...periods.map((p) => ({ regimeId: id, periodId: p.id })));
    }
    await insertPlan(db, rows);
  }
  const progress = await findPlanProgress(db);
  return progress.reduce((sum, p) => sum + p.planned - p.loaded, 0);
}

function dailyPeriods(regime: RegimeInfo, days: number): Period[] {
  if (days <= 0) return [];
  const last = addDays(DEMO_HISTORY_FIRST_DAY, days - 1);
  const validTo = regime.definition.validTo;
  return enumeratePeriods('day', DEMO_HISTORY_FIRST_DAY, validTo && validTo < last ? validTo : last);
}

/** The `months` newest months whose entry window has closed by `now`, not before the regime starts. */
async function monthlyPeriods(db: Db, reports: ReportCatalog, regime: RegimeInfo, months: number, now: number) {
  const periods: Period[] = [];
  const today = new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);
  let period = periodForDate('month', today);
  for (let guard = 0; periods.length < months && guard < months + 24; guard++) {
    if (period.end < regime.definition.validFrom) break;
    const schedule = await reports.schedule(db, regime, 'ubnd_commune', period);
    if (schedule && windowState(schedule, now) === 'closed') periods.unshift(period);
    period = previousPeriod(period);
  }
  return periods;
}

/** The disabled account that generated revisions name as their officer and reviewer. */
async function demoHistoryUser(tx: Tx): Promise<number> {
  const existing = await tx
    .selectFrom('users')
    .select('id')
    .where('username', '=', DEMO_HISTORY_USERNAME)
    .executeTakeFirst();
  if (existing) return existing.id;
  const root = await tx
    .selectFrom('units')
    .select('id')
    .where('kind', '=', 'government')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const displayName = `${DEMO_LABEL} (tự sinh)`;
  const user = await tx
    .insertInto('users')
    .values({
      username: DEMO_HISTORY_USERNAME,
      displayName,
      searchText: foldForSearch(`${DEMO_HISTORY_USERNAME} ${displayName}`),
      unitId: root.id,
      captureRootId: root.id,
      viewRootId: root.id,
      disabledAt: new Date(),
      isDemo: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(tx, null, [
    {
      action: 'user.create',
      objectType: 'user',
      objectId: user.id,
      unitId: root.id,
      after: { username: DEMO_HISTORY_USERNAME, roles: [], demo: true, disabled: true },
    },
  ]);
  return user.id;
}

export interface LoadedPeriod {
  regimeCode: string;
  periodId: string;
  loadMs: number;
  submissions: number;
  revisions: number;
}

/**
 * Generates the plan's next period (the day with demo data and the day before it first, then newest
 * first, the daily regime before the monthly one) in one transaction; null when the plan is done, `busy` while
 * another loader runs (one at a time per database).
 */
export async function loadNextDemoPeriod(db: Db, reports: ReportCatalog): Promise<LoadedPeriod | 'busy' | null> {
  return db.transaction().execute(async (tx) => {
    if (!(await lockLoader(tx))) return 'busy';
    const next = await takeNextPeriod(
      tx,
      [DEMO_DAY, DEMO_HISTORY_FIRST_DAY].map((d) => d.replaceAll('-', '')),
    );
    if (!next) return null;
    const started = Date.now();
    const counts = await generatePeriod(tx, reports, next.regimeId, next.periodId);
    const loaded = { regimeCode: next.code, periodId: next.periodId, loadMs: Date.now() - started, ...counts };
    await markPeriodLoaded(tx, { regimeId: next.regimeId, ...loaded });
    await recordAudit(tx, null, [
      {
        action: 'demo.history.load',
        objectType: 'regime',
        objectId: next.regimeId,
        unitId: null,
        after: { note: DEMO_LABEL, period: next.periodId, ...counts },
      },
    ]);
    return loaded;
  });
}

/** Generates one regime period: entry reports, consolidations level by level, sends up. */
export async function generatePeriod(tx: Tx, reports: ReportCatalog, regimeId: number, periodId: string) {
  const regimeNow = await reports.regime(tx, regimeId);
  const period = periodOf(regimeNow, periodId);
  const regime = regimeOn(regimeNow, period.start);
  const { hierarchy, consolidatingUnitKinds } = regime.definition;
  const forms = await formsOf(tx, reports, regimeId);
  const userId = await demoHistoryUser(tx);
  const args = { regimeId, periodId, hierarchy, onDate: period.start, userId };
  const windows = await windowsOf(tx, reports, regime, period);

  const consolidatingKinds = [...consolidatingUnitKinds, 'government'];
  const formKinds: FormKindSpec[] = forms.flatMap((form) =>
    form.definition.entryUnitKinds.map((kind) => ({
      formId: form.id,
      versionId: form.versionId,
      kind,
      own: consolidatingKinds.includes(kind),
    })),
  );
  const cells = forms.flatMap((form) => cellSpecs(form, forms, regime, period));
  await planEntryReports(tx, { ...args, forms: formKinds, cells, windows });
  const entries = await writeEntryReports(tx, args);

  const consolidating = await findConsolidatingUnits(tx, {
    hierarchy,
    onDate: period.start,
    kinds: consolidatingKinds,
  });
  const depths = [...new Set(consolidating.map((u) => u.depth))].sort((a, b) => b - a);
  for (const form of forms)
    for (const depth of depths) {
      const unitIds = consolidating.filter((u) => u.depth === depth).map((u) => u.id);
      await storeConsolidations(tx, form, periodId, await computeConsolidations(tx, form, unitIds, period));
    }
  const sends = await writeSendUps(tx, {
    ...args,
    forms: forms.map((f) => ({ formId: f.id, versionId: f.versionId })),
    windows,
    unitIds: consolidating.filter((u) => u.kind !== 'government').map((u) => u.id),
  });
  return { submissions: entries.submissions + sends.submissions, revisions: entries.revisions + sends.revisions };
}

async function formsOf(tx: Tx, reports: ReportCatalog, regimeId: number): Promise<FormInfo[]> {
  const rows = await tx
    .selectFrom('forms')
    .select('id')
    .where('regimeId', '=', regimeId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('formVersions as v')
          .select('v.id')
          .whereRef('v.formId', '=', 'forms.id')
          .where('v.status', '=', 'published'),
      ),
    )
    .orderBy('code')
    .execute();
  return Promise.all(rows.map((row) => reports.form(tx, row.id)));
}

/** Each unit kind's window for the period, by the regime version in force then. */
async function windowsOf(tx: Tx, reports: ReportCatalog, regime: RegimeInfo, period: Period): Promise<KindWindow[]> {
  const kinds = [...new Set(regime.definition.schedules.flatMap((s) => s.unitKinds))];
  const windows: KindWindow[] = [];
  for (const kind of kinds) {
    const schedule = await reports.schedule(tx, regime, kind, period);
    if (schedule) windows.push({ kind, opensAt: schedule.opensAt, dueAt: schedule.dueAt });
  }
  return windows;
}

/** Weights that keep a form's "not more than" rules true: the smaller side gets 85 % of the larger's. */
function ruleWeights(form: FormInfo): Map<string, number> {
  const weights = new Map<string, number>();
  const pairs = form.definition.rules
    .filter((r) => r.operator === '<=')
    .map((r) => [/^#\{(\w+)\}$/.exec(r.left)?.[1], /^#\{(\w+)\}$/.exec(r.right)?.[1]] as const)
    .filter((p): p is readonly [string, string] => !!p[0] && !!p[1]);
  for (let round = 0; round < 10; round++)
    for (const [small, large] of pairs) {
      const limit = (weights.get(large) ?? 1) * 0.85;
      if ((weights.get(small) ?? 1) > limit) weights.set(small, limit);
    }
  return weights;
}

/** Shares that make the monthly procedures figures plausible (resolved on time and late within the received). */
const FIXED_WEIGHTS: Record<string, number> = { hs_truc_tuyen: 0.45, hs_dung_han: 0.8, hs_tre_han: 0.08 };

function cellSpecs(form: FormInfo, forms: FormInfo[], regime: RegimeInfo, period: Period): CellSpec[] {
  const daily = regime.definition.frequency === 'day';
  // Cumulative daily figures grow with the days since the policy began.
  const days = daily ? daysBetween(regime.definition.validFrom, period.start) + 1 : 1;
  const growth = daily ? days ** 1.4 / 10 : 1;
  // A cross-source rule (#{chi_cs4} = #{B03:tien_chi}): this cell is seeded like the other form's cell.
  const crossSources = new Map<string, { form: FormInfo; field: string }>();
  for (const rule of form.definition.rules) {
    const left = /^#\{(\w+)\}$/.exec(rule.left)?.[1];
    const right = /^#\{(\w+):(\w+)\}$/.exec(rule.right);
    const other = right && forms.find((f) => f.definition.code === right[1]);
    if (left && other && right[2]) crossSources.set(left, { form: other, field: right[2] });
  }
  const crossTargets = new Set(
    forms.flatMap((f) =>
      f.definition.rules
        .map((r) => /^#\{(\w+):(\w+)\}$/.exec(r.right))
        .filter((m) => m?.[1] === form.definition.code)
        .map((m) => m![2]!),
    ),
  );
  const factorOf = (info: FormInfo, fieldCode: string, unit: string | undefined, time: string) => {
    const scale = unit === 'triệu đồng' ? 4 : unit === 'đơn vị' || unit === 'hộ' ? 0.3 : 1;
    const weight = FIXED_WEIGHTS[fieldCode] ?? ruleWeights(info).get(fieldCode) ?? 1;
    return weight * scale * (time === 'last' ? growth : 1);
  };
  return compileForm(form.definition).inputCells.map(({ key, field }) => {
    const source = crossSources.get(field.code);
    if (source) {
      const sourceField = compileForm(source.form.definition).fields.find((f) => f.code === source.field);
      return {
        formId: form.id,
        key,
        seed: `${source.form.definition.code}:${source.field}`,
        factor: factorOf(source.form, source.field, sourceField?.unit, sourceField?.aggregation.time ?? 'last'),
        byParent: true,
        mismatch: true,
        flow: !daily,
      };
    }
    return {
      formId: form.id,
      key,
      seed: `${form.definition.code}:${key}`,
      factor: factorOf(form, field.code, field.unit, field.aggregation.time),
      byParent: crossTargets.has(field.code),
      mismatch: false,
      flow: field.aggregation.time !== 'last',
    };
  });
}

export interface DemoHistoryStatus {
  /** Whether periods are still to generate. */
  loading: boolean;
  planned: number;
  loaded: number;
  regimes: { code: string; planned: number; loaded: number; firstPeriod: string; lastPeriod: string }[];
}

/** What the plan holds and how far the job has come (the web app's "đang nạp dữ liệu minh họa"). */
export async function demoHistoryStatus(db: Db): Promise<DemoHistoryStatus> {
  const regimes = (await findPlanProgress(db)).map((r) => ({
    code: r.code,
    planned: Number(r.planned),
    loaded: Number(r.loaded),
    firstPeriod: String(r.firstPeriod),
    lastPeriod: String(r.lastPeriod),
  }));
  const planned = regimes.reduce((sum, r) => sum + r.planned, 0);
  const loaded = regimes.reduce((sum, r) => sum + r.loaded, 0);
  return { loading: loaded < planned, planned, loaded, regimes };
}
