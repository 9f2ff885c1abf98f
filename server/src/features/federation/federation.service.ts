/**
 * Federation: this instance forwards its sent-up (consolidated) reports and its indicator values
 * to another Baocao through that instance's public import API, with code mappings.
 *
 * The outbox is derived from the event stream with a cursor per link (federation.queries.ts
 * `fillOutbox`): a submit or an indicator write adds nothing to its own statements, and every
 * event of a forwarded form or indicator in the link's units becomes one outbox row, in stream
 * order. Sending (jobs/federation.job.ts) takes a link's pending items oldest first, one request
 * each, with the Idempotency-Key `<link key>-<event id>`: a request whose answer was lost is sent
 * again under the same key and the other instance replays its first answer, so nothing arrives
 * twice; an item leaves the outbox only when the other instance answered, so nothing is lost.
 * A network failure, a 401, 408, 429 or 5xx stops the link (later items wait behind the failed
 * one, keeping the order) until a doubling back-off has passed; an answer refusing the content
 * (400, 403, 404, 409, 413, 422) marks the item `rejected` with the answer, and the link goes on.
 */
import { randomBytes } from 'node:crypto';
import {
  compileForm,
  DomainError,
  type FederationItem,
  type FederationLinkCreate,
  type FederationLinkUpdate,
  type FederationLinkView,
  type FormDefinition,
} from '@baocao/domain';
import type { ConnectorConfig } from '../../config';
import type { Db, Tx } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { findSystemAdminIds } from '../connectors/connectors.queries';
import { checkHttpUrl } from '../connectors/connectors.service';
import { noticeConnectorFailing } from '../notices/notices.service';
import { openPrivateKey, sealPrivateKey } from '../signatures/key-vault';
import {
  deleteLinkRow,
  FILL_BATCH,
  fillOutbox,
  findFormCodes,
  findFormVersionDefinition,
  findIndicatorCodes,
  findIndicatorValues,
  findItems,
  findLink,
  findLinks,
  findRevision,
  findUnitCodes,
  type ItemRow,
  insertLink,
  type LinkRow,
  type LinkWrite,
  linkFailed,
  linkSucceeded,
  lockLink,
  nextPendingItem,
  type OutboxItem,
  queueForwarding,
  recordAttempt,
  sendLinkNow,
  updateLinkRow,
} from './federation.queries';

const MAX_BACKOFF_MS = 60 * 60_000;
/** Items sent per link in one round; the next round goes on. */
const ROUND_ITEMS = 200;

// ——— The token, sealed at rest ———

const tokenContext = (keyPrefix: string) => `federation-link:${keyPrefix}`;

export function sealToken(masterKey: Buffer, token: string, keyPrefix: string): string {
  return sealPrivateKey(masterKey, Buffer.from(token, 'utf8'), tokenContext(keyPrefix)).toString('base64');
}

export function openToken(masterKey: Buffer, sealed: string, keyPrefix: string): string {
  return openPrivateKey(masterKey, Buffer.from(sealed, 'base64'), tokenContext(keyPrefix)).toString('utf8');
}

// ——— Administration ———

function assertAdmin(context: RequestContext) {
  if (!context.actor.isSystemAdmin) throw new DomainError('FORBIDDEN', { message: 'FEDERATION_ADMIN_ONLY' });
}

async function view(db: Db | Tx, l: LinkRow): Promise<FederationLinkView> {
  const [forms, indicators] = await Promise.all([findFormCodes(db, l.formIds), findIndicatorCodes(db, l.indicatorIds)]);
  return {
    id: l.id,
    name: l.name,
    targetUrl: l.targetUrl,
    unitIds: l.unitIds,
    forms: l.formIds.map((formId) => {
      const own = forms.get(formId) ?? { regimeCode: '?', formCode: '?' };
      return {
        formId,
        ...own,
        code: l.formCodes[formId] ?? `${own.regimeCode}/${own.formCode}`,
        cells: l.fieldCodes[formId] ?? {},
      };
    }),
    indicators: l.indicatorIds.map((indicatorId) => {
      const own = indicators.get(indicatorId) ?? '?';
      return { indicatorId, indicatorCode: own, code: l.indicatorCodes[indicatorId] ?? own };
    }),
    unitCodes: l.unitCodes,
    active: l.active,
    consecutiveFailures: l.consecutiveFailures,
    lastError: l.lastError,
    nextAttemptAt: l.nextAttemptAt.toISOString(),
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
    outbox: {
      pending: Number(l.pending),
      sent: Number(l.sent),
      rejected: Number(l.rejected),
      lastSentAt: l.lastSentAt?.toISOString() ?? null,
    },
  };
}

async function linkOf(db: Db | Tx, id: number): Promise<LinkRow> {
  const row = await findLink(db, id);
  if (!row) throw new DomainError('NOT_FOUND');
  return row;
}

/** The input checked against the database: units, forms and indicators exist. */
async function checkInput(tx: Tx, input: FederationLinkUpdate): Promise<LinkWrite> {
  const targetUrl = checkHttpUrl(input.targetUrl, 'targetUrl').replace(/\/+$/, '');
  const units = await findUnitCodes(tx, input.unitIds);
  input.unitIds.forEach((id, i) => {
    if (!units.has(id)) throw new DomainError('VALIDATION_FAILED', { field: `unitIds.${i}` });
  });
  const forms = await findFormCodes(
    tx,
    input.forms.map((f) => f.formId),
  );
  const formIds = new Set<number>();
  input.forms.forEach((f, i) => {
    if (!forms.has(f.formId) || formIds.has(f.formId))
      throw new DomainError('VALIDATION_FAILED', { field: `forms.${i}.formId` });
    formIds.add(f.formId);
  });
  const indicators = await findIndicatorCodes(
    tx,
    input.indicators.map((x) => x.indicatorId),
  );
  const indicatorIds = new Set<number>();
  input.indicators.forEach((x, i) => {
    if (!indicators.has(x.indicatorId) || indicatorIds.has(x.indicatorId))
      throw new DomainError('VALIDATION_FAILED', { field: `indicators.${i}.indicatorId` });
    indicatorIds.add(x.indicatorId);
  });
  if (formIds.size === 0 && indicatorIds.size === 0)
    throw new DomainError('VALIDATION_FAILED', { field: 'forms', message: 'FEDERATION_NOTHING_FORWARDED' });
  return {
    name: input.name.normalize('NFC').trim(),
    targetUrl,
    unitIds: input.unitIds,
    formIds: [...formIds],
    indicatorIds: [...indicatorIds],
    unitCodes: input.unitCodes ?? {},
    formCodes: Object.fromEntries(input.forms.filter((f) => f.code).map((f) => [f.formId, f.code!])),
    fieldCodes: Object.fromEntries(
      input.forms.filter((f) => f.cells && Object.keys(f.cells).length > 0).map((f) => [f.formId, f.cells!]),
    ),
    indicatorCodes: Object.fromEntries(input.indicators.filter((x) => x.code).map((x) => [x.indicatorId, x.code!])),
    active: input.active ?? true,
  };
}

/** What the audit keeps of a link: everything but the token. */
const audited = (w: LinkWrite) => ({ ...w });

export async function listLinks(db: Db, context: RequestContext): Promise<FederationLinkView[]> {
  assertAdmin(context);
  const rows = await findLinks(db);
  return Promise.all(rows.map((r) => view(db, r)));
}

export async function getLink(db: Db, context: RequestContext, id: number): Promise<FederationLinkView> {
  assertAdmin(context);
  return view(db, await linkOf(db, id));
}

export async function createLink(
  tx: Tx,
  masterKey: Buffer,
  context: RequestContext,
  input: FederationLinkCreate,
): Promise<FederationLinkView> {
  assertAdmin(context);
  const write = await checkInput(tx, input);
  const keyPrefix = `bcf-${randomBytes(12).toString('hex')}`;
  const id = await insertLink(tx, {
    ...write,
    ownerId: context.actor.userId,
    keyPrefix,
    token: sealToken(masterKey, input.token, keyPrefix),
  });
  await recordAudit(tx, context, [
    { action: 'federation.create', objectType: 'federation_link', objectId: id, unitId: null, after: audited(write) },
  ]);
  if (write.active) await queueForwarding(tx);
  return view(tx, await linkOf(tx, id));
}

export async function updateLink(
  tx: Tx,
  masterKey: Buffer,
  context: RequestContext,
  id: number,
  input: FederationLinkUpdate,
): Promise<FederationLinkView> {
  assertAdmin(context);
  const before = await linkOf(tx, id);
  const write = await checkInput(tx, input);
  await updateLinkRow(tx, id, write, input.token ? sealToken(masterKey, input.token, before.keyPrefix) : null);
  await recordAudit(tx, context, [
    {
      action: 'federation.update',
      objectType: 'federation_link',
      objectId: id,
      unitId: null,
      before: audited({
        name: before.name,
        targetUrl: before.targetUrl,
        unitIds: before.unitIds,
        formIds: before.formIds,
        indicatorIds: before.indicatorIds,
        unitCodes: before.unitCodes,
        formCodes: before.formCodes,
        fieldCodes: before.fieldCodes,
        indicatorCodes: before.indicatorCodes,
        active: before.active,
      }),
      after: { ...audited(write), tokenChanged: !!input.token },
    },
  ]);
  if (write.active) await queueForwarding(tx);
  return view(tx, await linkOf(tx, id));
}

export async function deleteLink(tx: Tx, context: RequestContext, id: number): Promise<void> {
  assertAdmin(context);
  const before = await linkOf(tx, id);
  await deleteLinkRow(tx, id);
  await recordAudit(tx, context, [
    {
      action: 'federation.delete',
      objectType: 'federation_link',
      objectId: id,
      unitId: null,
      before: { name: before.name, targetUrl: before.targetUrl, pending: Number(before.pending) },
    },
  ]);
}

/** "Send now": the link's back-off is cut short and a forwarding round is queued. */
export async function sendNow(tx: Tx, context: RequestContext, id: number): Promise<FederationLinkView> {
  assertAdmin(context);
  const link = await linkOf(tx, id);
  if (!link.active) throw new DomainError('INVALID_STATE', { field: 'active', message: 'FEDERATION_LINK_INACTIVE' });
  await sendLinkNow(tx, id);
  await recordAudit(tx, context, [
    { action: 'federation.send', objectType: 'federation_link', objectId: id, unitId: null },
  ]);
  await queueForwarding(tx);
  return view(tx, await linkOf(tx, id));
}

function itemView(r: ItemRow): FederationItem {
  return {
    id: Number(r.id),
    eventId: Number(r.eventId),
    type: r.type,
    unitId: r.unitId,
    formId: r.formId,
    periodId: r.periodId,
    status: r.status,
    attempts: r.attempts,
    createdAt: r.createdAt.toISOString(),
    lastAttemptAt: r.lastAttemptAt?.toISOString() ?? null,
    sentAt: r.sentAt?.toISOString() ?? null,
    responseCode: r.responseCode,
    error: r.error,
    summary: (r.summary ?? null) as FederationItem['summary'],
  };
}

export async function listItems(
  db: Db,
  context: RequestContext,
  id: number,
  query: { status?: 'pending' | 'sent' | 'rejected'; limit?: number; offset?: number },
) {
  assertAdmin(context);
  await linkOf(db, id);
  const page = { limit: query.limit ?? 50, offset: query.offset ?? 0 };
  const { rows, total } = await findItems(db, id, { status: query.status ?? null, ...page });
  return { items: rows.map(itemView), total, ...page };
}

// ——— Forwarding ———

export interface FederationRequest {
  path: string;
  body: unknown;
}

/** The request that forwards an item, or null when it carries nothing to send. Pure but for its reads. */
export async function requestFor(db: Db | Tx, link: LinkRow, item: OutboxItem): Promise<FederationRequest | null> {
  const unitCodes = await findUnitCodes(db, [item.unitId]);
  const ownUnit = unitCodes.get(item.unitId) ?? String(item.unitId);
  const unit = link.unitCodes[ownUnit] ?? ownUnit;
  if (item.type === 'report.sent_up') {
    const revision = await findRevision(db, Number(item.data.revisionId));
    if (!revision || item.formId === null || item.periodId === null) return null;
    const own = (await findFormCodes(db, [item.formId])).get(item.formId);
    if (!own) return null;
    const form = link.formCodes[item.formId] ?? `${own.regimeCode}/${own.formCode}`;
    const cellCodes = link.fieldCodes[item.formId] ?? {};
    const definition = (await findFormVersionDefinition(db, revision.formVersionId)) as FormDefinition;
    const values = revision.values ?? {};
    const rows = compileForm(definition)
      .inputCells.filter(({ key }) => values[key] !== null && values[key] !== undefined)
      .map(({ key }) => ({ form, unit, period: item.periodId, cell: cellCodes[key] ?? key, value: values[key] }));
    if (rows.length === 0) return null;
    return { path: '/api/v1/imports?format=native', body: { values: rows } };
  }
  const indicatorId = Number(item.data.indicatorId);
  const periods = Array.isArray(item.data.periods) ? (item.data.periods as string[]) : [];
  const own = (await findIndicatorCodes(db, [indicatorId])).get(indicatorId);
  if (!own) return null;
  const values = await findIndicatorValues(db, indicatorId, item.unitId, periods);
  if (values.length === 0) return null;
  const indicator = link.indicatorCodes[indicatorId] ?? own;
  return {
    path: '/api/v1/indicator-values',
    body: {
      values: values.map((v) => ({
        indicator,
        unitCode: unit,
        period: v.periodId,
        ...(v.option === '' ? {} : { option: v.option }),
        vintage: v.vintage,
        releasedOn: v.releasedOn,
        value: v.value,
      })),
    },
  };
}

/** Statuses that refuse the content itself: trying again would send the same. */
const REFUSED = new Set([400, 403, 404, 409, 413, 422]);

type Outcome =
  | { kind: 'sent'; status: number; summary: unknown }
  | { kind: 'rejected'; status: number; error: string; summary: unknown }
  | { kind: 'failed'; status: number | null; error: string };

async function post(link: LinkRow, token: string, key: string, request: FederationRequest, timeoutMs: number) {
  let response: Response;
  try {
    response = await fetch(`${link.targetUrl}${request.path}`, {
      method: 'POST',
      headers: {
        authorization: `ApiToken ${token}`,
        'content-type': 'application/json',
        'idempotency-key': key,
        'accept-language': 'vi',
        'user-agent': 'Baocao-Federation/1',
      },
      body: JSON.stringify(request.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (caught) {
    const e = caught as Error & { cause?: { code?: string } };
    return {
      kind: 'failed',
      status: null,
      error: e.cause?.code ? `${e.message} (${e.cause.code})` : e.message,
    } as const;
  }
  const text = await response.text().catch(() => '');
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  const describe = () => {
    const b = body as { code?: string; message?: string } | null;
    return b?.code ? `HTTP ${response.status} ${b.code}: ${b.message ?? ''}`.trim() : `HTTP ${response.status}`;
  };
  if (response.ok) return { kind: 'sent', status: response.status, summary: body } as const;
  if (REFUSED.has(response.status))
    return { kind: 'rejected', status: response.status, error: describe(), summary: body } as const;
  return { kind: 'failed', status: response.status, error: describe() } as const;
}

/**
 * One round of one link: its new events copied into the outbox, then its pending items sent in
 * order until the outbox is empty, a transient failure stops the link (back-off), or the round's
 * share is done. The link's row stays locked for the round, so two runners never send one link.
 */
export async function forwardLink(
  db: Db,
  config: ConnectorConfig,
  masterKey: Buffer | null,
  linkId: number,
): Promise<{ sent: number; more: boolean }> {
  while ((await db.transaction().execute((tx) => fillOutbox(tx, linkId))) === FILL_BATCH);
  return db.transaction().execute(async (tx) => {
    if (!(await lockLink(tx, linkId))) return { sent: 0, more: false };
    const link = (await findLink(tx, linkId))!;
    const fail = async (error: string, backOff: boolean) => {
      const failures = await linkFailed(tx, linkId, error, backOff ? config.retryBaseMs : 0, MAX_BACKOFF_MS);
      if (
        failures === config.noticeAfter ||
        (failures > config.noticeAfter && failures % (config.noticeAfter * 10) === 0)
      )
        await noticeConnectorFailing(tx, await findSystemAdminIds(tx), {
          name: link.name,
          failures,
          error,
          link: `/federation?id=${linkId}`,
          key: `federation:${linkId}:${failures}`,
        });
    };
    let token: string;
    try {
      if (!masterKey) throw new Error('no master key');
      token = openToken(masterKey, link.token, link.keyPrefix);
    } catch (error) {
      await fail(`token: ${(error as Error).message}`, true);
      return { sent: 0, more: false };
    }
    let sent = 0;
    for (; sent < ROUND_ITEMS; ) {
      const item = await nextPendingItem(tx, linkId);
      if (!item) return { sent, more: false };
      const request = await requestFor(tx, link, item);
      if (request === null) {
        await recordAttempt(db, item.id, { status: 'sent', responseCode: null, error: null, summary: { empty: true } });
        sent++;
        continue;
      }
      const outcome: Outcome = await post(link, token, `${link.keyPrefix}-${item.eventId}`, request, config.timeoutMs);
      if (outcome.kind === 'failed') {
        await recordAttempt(db, item.id, {
          status: 'pending',
          responseCode: outcome.status,
          error: outcome.error,
          summary: null,
        });
        await fail(outcome.error, true);
        return { sent, more: false };
      }
      await recordAttempt(db, item.id, {
        status: outcome.kind,
        responseCode: outcome.status,
        error: outcome.kind === 'rejected' ? outcome.error : null,
        summary: outcome.summary,
      });
      if (outcome.kind === 'rejected') await fail(outcome.error, false);
      else await linkSucceeded(tx, linkId);
      sent++;
    }
    return { sent, more: true };
  });
}
