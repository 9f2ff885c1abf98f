/**
 * Pull connectors: a scheduled HTTP GET of a JSON or CSV feed, mapped (domain
 * `FeedMapping`) onto the cells of one form and imported through the import path
 * (features/imports `importRows`): the same validation, workflow state, revisions,
 * consolidation and audit as any import, on the `connector` channel. A connector
 * writes only inside its unit's subtree: it runs as its creator (a system
 * administrator) narrowed to that subtree, so one row naming a unit outside refuses
 * the run, naming the row.
 *
 * A run (jobs/connectors.job.ts) is one scheduled or manual occurrence: a feed that
 * cannot be fetched or read is tried again after a doubling back-off, up to
 * `maxAttempts`; the run then ends `failed`. A feed read but refused by the import
 * ends `rejected` at once (trying again would read the same data). After
 * `noticeAfter` failed or rejected runs in a row the system administrators are told.
 */
import {
  type ConnectorRun,
  type ConnectorView,
  checkFeedMapping,
  compileForm,
  DomainError,
  type FeedFormat,
  type FeedMapping,
  feedDay,
  feedRecords,
  localize,
  mapFeedRecords,
  type PeriodType,
  periodForDate,
  permissionsOf,
  type Role,
} from '@baocao/domain';
import { sql } from 'kysely';
import Papa from 'papaparse';
import type { ConnectorConfig } from '../../config';
import type { Db, Tx } from '../../db/database';
import type { RequestContext } from '../../http/context';
import type { ReportCatalog } from '../../reporting/report-context';
import { recordAudit } from '../audit/audit.service';
import type { ImportRow } from '../imports/import-formats';
import { utf8Text } from '../imports/import-formats';
import { importRows } from '../imports/imports.service';
import { noticeConnectorFailing } from '../notices/notices.service';
import {
  type ConnectorRow,
  type ConnectorWrite,
  codeTaken,
  countFailure,
  findConnector,
  findConnectors,
  findLastRuns,
  findRunner,
  findRuns,
  findSystemAdminIds,
  finishRun,
  insertConnector,
  lockRun,
  queueRunAttempt,
  type RunRow,
  startRun,
  updateConnectorRow,
} from './connectors.queries';

const MAX_BACKOFF_MS = 60 * 60_000;
const LISTED_CONFLICTS = 50;

function runView(r: RunRow): ConnectorRun {
  return {
    id: Number(r.id),
    trigger: r.trigger,
    status: r.status,
    attempts: r.attempts,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    rows: r.rowCount,
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    rejected: r.rejected,
    error: r.error,
    conflicts: r.conflicts,
  };
}

function view(c: ConnectorRow, last: RunRow | undefined): ConnectorView {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    url: c.url,
    format: c.format,
    formId: c.formId,
    formCode: c.formCode,
    regimeCode: c.regimeCode,
    unitId: c.unitId,
    unitName: c.unitName,
    mapping: c.mapping,
    atomic: c.atomic,
    intervalMinutes: c.intervalMinutes,
    active: c.active,
    consecutiveFailures: c.consecutiveFailures,
    nextRunAt: c.nextRunAt.toISOString(),
    createdAt: c.createdAt.toISOString(),
    lastRun: last ? runView(last) : null,
  };
}

/** Connectors are the system administrators' (a token is never one). */
function assertAdmin(context: RequestContext) {
  if (!context.actor.isSystemAdmin) throw new DomainError('FORBIDDEN', { message: 'CONNECTOR_ADMIN_ONLY' });
}

export async function listConnectors(db: Db, context: RequestContext): Promise<ConnectorView[]> {
  assertAdmin(context);
  const [rows, last] = await Promise.all([findConnectors(db), findLastRuns(db)]);
  return rows.map((c) => view(c, last.get(c.id)));
}

async function connectorOf(db: Db | Tx, id: number): Promise<ConnectorRow> {
  const row = await findConnector(db, id);
  if (!row) throw new DomainError('NOT_FOUND');
  return row;
}

export async function getConnector(db: Db, context: RequestContext, id: number): Promise<ConnectorView> {
  assertAdmin(context);
  const row = await connectorOf(db, id);
  return view(row, (await findLastRuns(db)).get(id));
}

export function checkHttpUrl(url: string, field: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DomainError('VALIDATION_FAILED', { field, message: 'CONNECTOR_URL_INVALID' });
  }
  if (!['http:', 'https:'].includes(parsed.protocol) || parsed.hostname === '' || parsed.username || parsed.password)
    throw new DomainError('VALIDATION_FAILED', { field, message: 'CONNECTOR_URL_INVALID' });
  return parsed.toString();
}

/** The input checked against the database: the form exists, the unit exists, the mapping reads its cells. */
async function checkInput(
  tx: Tx,
  reports: ReportCatalog,
  input: Omit<ConnectorWrite, 'atomic' | 'active'> & { atomic?: boolean; active?: boolean },
): Promise<ConnectorWrite> {
  const url = checkHttpUrl(input.url, 'url');
  const form = await reports.form(tx, input.formId).catch(() => null);
  if (!form) throw new DomainError('VALIDATION_FAILED', { field: 'formId' });
  const unit = await tx.selectFrom('units').select('id').where('id', '=', input.unitId).executeTakeFirst();
  if (!unit) throw new DomainError('VALIDATION_FAILED', { field: 'unitId' });
  const cells = new Set(compileForm(form.definition).inputCells.map((c) => c.key));
  const problem = checkFeedMapping(input.mapping, input.format, cells);
  if (problem)
    throw new DomainError(
      'VALIDATION_FAILED',
      problem.reason === 'path'
        ? { field: problem.field, message: 'CONNECTOR_MAPPING_PATH', params: { path: problem.text } }
        : problem.reason === 'cell'
          ? { field: problem.field, message: 'CONNECTOR_MAPPING_CELL', params: { cell: problem.text } }
          : { field: problem.field, message: 'CONNECTOR_MAPPING_SHAPE' },
    );
  return {
    name: input.name.normalize('NFC').trim(),
    url,
    format: input.format,
    formId: input.formId,
    unitId: input.unitId,
    mapping: input.mapping,
    atomic: input.atomic ?? true,
    intervalMinutes: input.intervalMinutes,
    active: input.active ?? true,
  };
}

type ConnectorInput = Omit<ConnectorWrite, 'atomic' | 'active'> & { atomic?: boolean; active?: boolean };

export async function createConnector(
  tx: Tx,
  reports: ReportCatalog,
  context: RequestContext,
  input: ConnectorInput & { code: string },
): Promise<ConnectorView> {
  assertAdmin(context);
  const write = await checkInput(tx, reports, input);
  if (await codeTaken(tx, input.code))
    throw new DomainError('CONFLICT', { field: 'code', message: 'CONNECTOR_CODE_TAKEN', params: { code: input.code } });
  const id = await insertConnector(tx, input.code, context.actor.userId, write);
  await recordAudit(tx, context, [
    {
      action: 'connector.create',
      objectType: 'connector',
      objectId: id,
      unitId: write.unitId,
      after: { code: input.code, ...write },
    },
  ]);
  return view((await findConnector(tx, id))!, undefined);
}

export async function updateConnector(
  tx: Tx,
  reports: ReportCatalog,
  context: RequestContext,
  id: number,
  input: ConnectorInput,
): Promise<ConnectorView> {
  assertAdmin(context);
  const before = await connectorOf(tx, id);
  const write = await checkInput(tx, reports, input);
  await updateConnectorRow(tx, id, write);
  await recordAudit(tx, context, [
    {
      action: 'connector.update',
      objectType: 'connector',
      objectId: id,
      unitId: write.unitId,
      before: {
        name: before.name,
        url: before.url,
        format: before.format,
        formId: before.formId,
        unitId: before.unitId,
        mapping: before.mapping,
        atomic: before.atomic,
        intervalMinutes: before.intervalMinutes,
        active: before.active,
      },
      after: { ...write },
    },
  ]);
  return view((await findConnector(tx, id))!, (await findLastRuns(tx)).get(id));
}

/** Starts a run now (queued on the job queue); refused while one is still going. */
export async function runConnectorNow(tx: Tx, context: RequestContext, id: number): Promise<ConnectorRun> {
  assertAdmin(context);
  const connector = await connectorOf(tx, id);
  const last = (await findLastRuns(tx)).get(id);
  if (last && (last.status === 'running' || last.status === 'retrying'))
    throw new DomainError('INVALID_STATE', { field: 'id' });
  const runId = await startRun(tx, connector.id, 'manual');
  await recordAudit(tx, context, [
    { action: 'connector.run', objectType: 'connector', objectId: id, unitId: connector.unitId, after: { runId } },
  ]);
  return runView((await findRuns(tx, id, { limit: 1, offset: 0 })).rows[0]!);
}

export async function listConnectorRuns(
  db: Db,
  context: RequestContext,
  id: number,
  query: { limit?: number; offset?: number },
) {
  assertAdmin(context);
  await connectorOf(db, id);
  const page = { limit: query.limit ?? 50, offset: query.offset ?? 0 };
  const { rows, total } = await findRuns(db, id, page);
  return { items: rows.map(runView), total, ...page };
}

// ——— Running ———

/** A problem with the feed itself: worth trying again later. */
class FeedError extends Error {}

/** Fetches a feed, at most `maxBytes`, within the timeout. */
export async function fetchFeed(url: string, config: ConnectorConfig): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json, text/csv;q=0.9, */*;q=0.5', 'user-agent': 'Baocao-Connector/1' },
      redirect: 'follow',
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (caught) {
    const e = caught as Error & { cause?: { code?: string } };
    throw new FeedError(e.cause?.code ? `${e.message} (${e.cause.code})` : e.message);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new FeedError(localize('CONNECTOR_FEED_HTTP', { status: response.status }).vi);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const tooLarge = () => new FeedError(localize('CONNECTOR_FEED_TOO_LARGE', { mb: config.maxBytes / 1048576 }).vi);
  if (Number(response.headers.get('content-length') ?? 0) > config.maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.length;
      if (size > config.maxBytes) throw tooLarge();
      chunks.push(Buffer.from(chunk));
    }
  } catch (caught) {
    if (caught instanceof FeedError) throw caught;
    throw new FeedError((caught as Error).message);
  }
  return Buffer.concat(chunks);
}

/** The records of a feed body: a JSON array (at the mapping's `records`) or CSV rows keyed by header. */
export function parseFeed(body: Buffer, format: FeedFormat, mapping: FeedMapping): unknown[] {
  let text: string;
  try {
    text = utf8Text(body);
  } catch (error) {
    throw new FeedError((error as DomainError).messageIn('vi'));
  }
  const malformed = (reason: string) =>
    new FeedError(localize('CONNECTOR_FEED_MALFORMED', { format: format.toUpperCase(), reason }).vi);
  if (format === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw malformed((error as Error).message);
    }
    const records = feedRecords(parsed, mapping.records);
    if (!records) throw new FeedError(localize('CONNECTOR_FEED_NO_RECORDS', { path: mapping.records ?? '$' }).vi);
    return records;
  }
  const result = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  const fatal = result.errors.find((e) => e.type !== 'FieldMismatch');
  if (fatal) throw malformed(`${fatal.message} (row ${(fatal.row ?? 0) + 1})`);
  return result.data;
}

/** The import rows of a feed's records: periods as ids of the regime's frequency. */
export function importRowsOf(
  records: unknown[],
  connector: Pick<ConnectorRow, 'formId' | 'mapping' | 'format'>,
  frequency: PeriodType,
): ImportRow[] {
  return mapFeedRecords(records, connector.mapping, connector.format).map((r) => {
    let period = r.period;
    if (period !== null && connector.mapping.periodFormat === 'date') {
      const day = feedDay(period);
      // A value that is no date stays as sent: the import names it as a period of the wrong kind.
      if (day !== null) period = periodForDate(frequency, day).id;
    }
    return {
      row: r.row,
      dataSet: String(connector.formId),
      orgUnit: r.unit,
      period,
      dataElement: r.cell,
      option: null,
      value: r.value,
    };
  });
}

export function connectorBackoffMs(retryBaseMs: number, attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, retryBaseMs * 2 ** (attempt - 1));
}

/**
 * One attempt of a run (the run-connector job). The run row stays locked for the attempt,
 * so two runners never run it at once. The import is written in this transaction with the
 * run's outcome: a run killed halfway leaves nothing and stays `running`.
 */
export async function attemptConnectorRun(
  db: Db,
  reports: ReportCatalog,
  config: ConnectorConfig,
  runId: number,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const run = await lockRun(tx, runId);
    if (!run) return;
    const connector = await findConnector(tx, run.connectorId);
    if (!connector) return;
    const attempts = run.attempts + 1;
    const fail = async (
      status: 'failed' | 'rejected',
      error: string,
      extra: Partial<Parameters<typeof finishRun>[2]>,
    ) => {
      await finishRun(tx, runId, { status, attempts, error, final: true, ...extra });
      const failures = await countFailure(tx, connector.id, true);
      if (
        failures === config.noticeAfter ||
        (failures > config.noticeAfter && failures % (config.noticeAfter * 10) === 0)
      )
        await noticeConnectorFailing(tx, await findSystemAdminIds(tx), {
          name: connector.name,
          failures,
          error,
          link: `/connectors?id=${connector.id}`,
          key: `connector:${connector.id}:${runId}`,
        });
    };

    const runner = await findRunner(tx, connector.ownerId);
    if (!runner) return fail('failed', localize('CONNECTOR_OWNER_GONE').vi, {});
    const form = await reports.form(tx, connector.formId);

    let records: unknown[];
    try {
      records = parseFeed(await fetchFeed(connector.url, config), connector.format, connector.mapping);
    } catch (error) {
      if (!(error instanceof FeedError)) throw error;
      if (attempts < config.maxAttempts) {
        await finishRun(tx, runId, { status: 'retrying', attempts, error: error.message, final: false });
        await queueRunAttempt(tx, runId, new Date(Date.now() + connectorBackoffMs(config.retryBaseMs, attempts)));
        return;
      }
      return fail('failed', error.message, {});
    }

    const context: RequestContext = {
      actor: {
        userId: runner.id,
        username: runner.username,
        displayName: runner.displayName,
        unitId: runner.unitId,
        roles: runner.roles as Role[],
        permissions: permissionsOf(runner.roles as Role[]),
        // Narrowed to the connector's subtree: every row is authorized against it.
        captureRoots: [connector.unitId],
        viewRoots: [connector.unitId],
        isSystemAdmin: false,
        via: 'token',
        sessionHash: null,
        tokenId: null,
      },
      ip: 'connector',
      userAgent: `Baocao-Connector/1 (${connector.code})`,
      requestId: `connector-run-${runId}`,
    };
    const rows = importRowsOf(records, connector, form.regime.definition.frequency as PeriodType);
    // A savepoint: an import refused halfway rolls back its own writes, not the run's record.
    await sql`SAVEPOINT connector_import`.execute(tx);
    try {
      const summary = await importRows(tx, reports, context, rows, {
        dryRun: false,
        atomic: connector.atomic,
        unitScheme: 'code',
        regime: null,
        channel: 'connector',
      });
      const conflicts = summary.conflicts
        .filter((c) => c.blocking)
        .slice(0, LISTED_CONFLICTS)
        .map((c) => ({ rows: c.rows.slice(0, 20), object: c.object, message: c.message.vi }));
      const counts = { ...summary.counts, rows: summary.counts.rows };
      if (summary.status === 'rejected')
        return fail('rejected', conflicts[0]?.message ?? 'rejected', { counts, conflicts });
      await finishRun(tx, runId, { status: 'succeeded', attempts, error: null, counts, conflicts, final: true });
      await countFailure(tx, connector.id, false);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await sql`ROLLBACK TO SAVEPOINT connector_import`.execute(tx);
      return fail('rejected', error.messageIn('vi'), {
        conflicts: [{ rows: [], object: error.field ?? '', message: error.messageIn('vi') }],
      });
    }
  });
}
