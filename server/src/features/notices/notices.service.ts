/**
 * Notices: what the system tells people, in their inbox and by e-mail. Events (a report
 * returned or accepted, a period locked or unlocked, an unlock request refused) write their
 * notices in the transaction of the change; the warning ladder (deadline-ladder job) writes the
 * reminders, late warnings and escalations of each regime's levels, grouped per recipient unit
 * ("3/696 units have not sent"). Each notice is written once per person (a unique key), and its
 * e-mail is queued with it; each person chooses per kind which channels it reaches.
 */
import {
  DomainError,
  dueLadderSteps,
  type FormDefinition,
  formatVietnamDateTime,
  type LadderStep,
  type LevelSchedule,
  type LocalizedMessage,
  ladderOf,
  localize,
  type NoticeKind,
  nextPeriod,
  noticeKinds,
  type Period,
  type PeriodType,
  parsePeriod,
  periodForDate,
  periodLabel,
  previousPeriod,
  type RegimeDefinition,
  vietnamDate,
} from '@baocao/domain';
import type { Db, Tx } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { assertCanCapture, canView } from '../../http/scope';
import { periodOf, type RegimeInfo, type ReportCatalog, regimeOn } from '../../reporting/report-context';
import { recordAudit } from '../audit/audit.service';
import {
  claimLadderStep,
  countLadderStepNotices,
  countUnread,
  findActiveRegimeIds,
  findDeliveries,
  findInbox,
  findLastReminders,
  findLevelUnits,
  findPreferences,
  findRegimeForms,
  findSentConsolidations,
  findSubmissionBrief,
  findUnitIdsByCode,
  findUnitNames,
  findUnitPeople,
  findUnitRecipients,
  findUnitsAffectedByLock,
  findUnlockRequestBrief,
  insertNotices,
  insertUnitReminders,
  lockPeriodReminders,
  markAllNoticesRead,
  markNoticeRead,
  type NoticeRow,
  upsertPreferences,
} from './notices.queries';

type Reader = Db | Tx;

/** How soon a unit may be reminded by hand again after a reminder (by hand or by the ladder). */
export const REMINDER_INTERVAL_MS = 30 * 60_000;
/** How many late units a grouped notice names before "…". */
const LISTED_UNITS = 30;

/** A notice for the people of some units, before it is addressed. */
interface NoticeDraft {
  kind: NoticeKind;
  title: LocalizedMessage;
  body: LocalizedMessage;
  link: string | null;
  regimeId: number | null;
  periodId: string | null;
  unitId: number | null;
  dedupeKey: string | null;
  createdAt: Date | null;
  channels?: readonly string[];
}

const EMPTY: LocalizedMessage = { vi: '', en: '' };

/** The e-mail of a notice: Vietnamese first, English below (the delivery job adds the link). */
function emailOf(draft: NoticeDraft) {
  const parts = [draft.title.vi, draft.body.vi, '—', draft.title.en, draft.body.en];
  return { subject: draft.title.vi, body: parts.filter((p) => p !== '').join('\n\n') };
}

/** Writes a notice for each person of each unit (see findUnitRecipients) or each given person. */
async function sendToUnits(tx: Tx, unitIds: number[], draft: NoticeDraft): Promise<number> {
  const recipients = await findUnitRecipients(tx, [...new Set(unitIds)]);
  return sendToUsers(tx, [...recipients.values()].flat(), draft);
}

async function sendToUsers(tx: Tx, userIds: number[], draft: NoticeDraft): Promise<number> {
  return insertNotices(tx, rowsOf(userIds, draft));
}

/**
 * Writes many drafts, each to the people of its unit, with one recipient lookup and one insert
 * per thousand notices: the ladder's step at a national deadline writes thousands, and a round
 * trip per unit kept them all unreadable (one transaction) for tens of seconds.
 */
async function sendManyToUnits(tx: Tx, drafts: { unitId: number; draft: NoticeDraft }[]): Promise<number> {
  const recipients = await findUnitRecipients(tx, [...new Set(drafts.map((d) => d.unitId))]);
  const rows = drafts.flatMap((d) => rowsOf(recipients.get(d.unitId) ?? [], d.draft));
  let count = 0;
  for (let i = 0; i < rows.length; i += 1000) count += await insertNotices(tx, rows.slice(i, i + 1000));
  return count;
}

function rowsOf(userIds: number[], draft: NoticeDraft): NoticeRow[] {
  const email = emailOf(draft);
  const channels = draft.channels ?? ['inbox', 'email'];
  return [...new Set(userIds)].map((userId) => ({
    userId,
    kind: draft.kind,
    title: draft.title,
    body: draft.body,
    link: draft.link,
    regimeId: draft.regimeId,
    periodId: draft.periodId,
    unitId: draft.unitId,
    dedupeKey: draft.dedupeKey,
    createdAt: draft.createdAt,
    inboxAllowed: channels.includes('inbox'),
    emailAllowed: channels.includes('email'),
    emailSubject: email.subject,
    emailBody: email.body,
  }));
}

const periodText = (periodId: string): LocalizedMessage => ({
  vi: periodLabel(periodId, 'vi'),
  en: periodLabel(periodId, 'en'),
});
const reportLink = (unitId: number, formId: number, periodId: string) =>
  `/reports/entry?unitId=${unitId}&formId=${formId}&period=${periodId}`;
const consolidationLink = (unitId: number, formId: number, periodId: string) =>
  `/consolidation?unitId=${unitId}&formId=${formId}&period=${periodId}`;
const notSubmittedLink = (regimeId: number, unitId: number, formId: number, periodId: string) =>
  `/not-submitted?regimeId=${regimeId}&unitId=${unitId}&formId=${formId}&period=${periodId}`;

// ——— Events, written in the transaction of the change ———

/** A report was accepted or returned: its unit's officers are told (with the reason of a return). */
export async function noticeSubmissionReviewed(
  tx: Tx,
  submissionId: number,
  action: 'accept' | 'return',
  reason: string | null,
): Promise<void> {
  const s = await findSubmissionBrief(tx, submissionId);
  const params = { form: s.formCode, period: periodText(s.periodId), unit: s.unitName };
  await sendToUnits(tx, [s.unitId], {
    kind: action === 'return' ? 'report_returned' : 'report_accepted',
    title: localize(action === 'return' ? 'NOTICE_REPORT_RETURNED' : 'NOTICE_REPORT_ACCEPTED', params),
    body: reason ? localize('NOTICE_REASON', { reason }) : EMPTY,
    link: reportLink(s.unitId, s.formId, s.periodId),
    regimeId: s.regimeId,
    periodId: s.periodId,
    unitId: s.unitId,
    dedupeKey: null,
    createdAt: null,
  });
}

/**
 * A period was locked or unlocked: the units it stops or frees are told — those that started
 * the period's report without sending it, and those that asked to unlock it.
 */
export async function noticePeriodLock(
  tx: Tx,
  regime: RegimeInfo,
  periodId: string,
  locked: boolean,
  reason: string,
): Promise<void> {
  const units = await findUnitsAffectedByLock(tx, regime.id, periodId);
  const params = { period: periodText(periodId), regime: regime.definition.name };
  await sendToUnits(tx, units, {
    kind: locked ? 'period_locked' : 'period_unlocked',
    title: localize(locked ? 'NOTICE_PERIOD_LOCKED' : 'NOTICE_PERIOD_UNLOCKED', params),
    body: localize('NOTICE_REASON', { reason }),
    link: '/reports',
    regimeId: regime.id,
    periodId,
    unitId: null,
    dedupeKey: null,
    createdAt: null,
  });
}

/** An unlock request was refused: the unit that asked is told why. */
export async function noticeUnlockRefused(tx: Tx, requestId: number, reason: string): Promise<void> {
  const r = await findUnlockRequestBrief(tx, requestId);
  await sendToUnits(tx, [r.unitId], {
    kind: 'unlock_refused',
    title: localize('NOTICE_UNLOCK_REFUSED', { period: periodText(r.periodId), unit: r.unitName }),
    body: localize('NOTICE_REASON', { reason }),
    link: '/reports',
    regimeId: r.regimeId,
    periodId: r.periodId,
    unitId: r.unitId,
    dedupeKey: null,
    createdAt: null,
  });
}

/**
 * After the consolidation worker refreshed some slices: a consolidating unit whose live figures
 * now differ from what it sent (a lower unit changed its data afterwards) is told, once per sent
 * revision. The comparison is the consolidation page's "changed since sent".
 */
export async function noticeChangedSinceSent(
  tx: Tx,
  slices: [unitId: number, formId: number, periodId: string][],
): Promise<void> {
  for (const row of await findSentConsolidations(tx, slices)) {
    const sent = row.sentValues ?? {};
    const now = row.values ?? {};
    const changed = [...new Set([...Object.keys(sent), ...Object.keys(now)])].filter(
      (key) => (sent[key] ?? null) !== (now[key] ?? null),
    ).length;
    if (changed === 0) continue;
    await sendToUnits(tx, [row.unitId], {
      kind: 'child_changed',
      title: localize('NOTICE_CHILD_CHANGED', {
        unit: row.unitName,
        form: row.formCode,
        period: periodText(row.periodId),
      }),
      body: localize('NOTICE_CELLS_CHANGED', { count: changed }),
      link: consolidationLink(row.unitId, row.formId, row.periodId),
      regimeId: row.regimeId,
      periodId: row.periodId,
      unitId: row.unitId,
      dedupeKey: `changed:${row.revisionId}`,
      createdAt: null,
    });
  }
}

/** A webhook subscription was disabled after repeated failures: its owner is told. */
export async function noticeWebhookDisabled(
  tx: Tx,
  ownerId: number,
  webhook: { id: number; url: string; failures: number },
): Promise<void> {
  await sendToUsers(tx, [ownerId], {
    kind: 'webhook_disabled',
    title: localize('NOTICE_WEBHOOK_DISABLED', { url: webhook.url.slice(0, 200), failures: webhook.failures }),
    body: localize('NOTICE_WEBHOOK_DISABLED_BODY'),
    link: `/webhooks?id=${webhook.id}`,
    regimeId: null,
    periodId: null,
    unitId: null,
    dedupeKey: null,
    createdAt: null,
  });
}

/** A generated report was issued: the people of its recipient agencies are told (inbox and e-mail). */
export async function noticeDocumentIssued(
  tx: Tx,
  unitIds: number[],
  doc: {
    documentId: number;
    title: string;
    number: string;
    unitName: string;
    periodId: string;
    version: number;
    regimeId: number;
  },
): Promise<void> {
  await sendToUsers(tx, await findUnitPeople(tx, unitIds), {
    kind: 'document_issued',
    title: localize('NOTICE_DOCUMENT_ISSUED', { title: doc.title.slice(0, 300) }),
    body: localize('NOTICE_DOCUMENT_ISSUED_BODY', {
      number: doc.number,
      unit: doc.unitName,
      period: periodText(doc.periodId),
      version: doc.version,
    }),
    link: `/documents/${doc.documentId}`,
    regimeId: doc.regimeId,
    periodId: doc.periodId,
    unitId: null,
    dedupeKey: `document:${doc.documentId}`,
    createdAt: null,
  });
}

/** A scheduled generated report failed at its last attempt: the template's author is told. */
export async function noticeDocumentFailed(
  tx: Tx,
  userId: number,
  run: { templateId: number; name: string; periodId: string; attempts: number; error: string },
): Promise<void> {
  await sendToUsers(tx, [userId], {
    kind: 'document_failed',
    title: localize('NOTICE_DOCUMENT_FAILED', { name: run.name.slice(0, 300), period: periodText(run.periodId) }),
    body: localize('NOTICE_DOCUMENT_FAILED_BODY', { attempts: run.attempts, error: run.error }),
    link: `/documents/templates/${run.templateId}`,
    regimeId: null,
    periodId: run.periodId,
    unitId: null,
    dedupeKey: null,
    createdAt: null,
  });
}

// ——— The inbox ———

const noticeItem = (row: {
  id: string | number;
  kind: NoticeKind;
  title: unknown;
  body: unknown;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
}) => ({
  id: Number(row.id),
  kind: row.kind,
  title: row.title as LocalizedMessage,
  body: row.body as LocalizedMessage,
  link: row.link,
  createdAt: row.createdAt.toISOString(),
  readAt: row.readAt?.toISOString() ?? null,
});

export async function listInbox(
  db: Db,
  context: RequestContext,
  query: { unread?: boolean; limit?: number; offset?: number },
) {
  const page = { unread: query.unread ?? false, limit: query.limit ?? 50, offset: query.offset ?? 0 };
  const { items, total, unread } = await findInbox(db, context.actor.userId, page);
  return { items: items.map(noticeItem), total, unread, limit: page.limit, offset: page.offset };
}

export async function unreadCount(db: Db, context: RequestContext) {
  return { unread: await countUnread(db, context.actor.userId) };
}

export async function readNotice(tx: Tx, context: RequestContext, noticeId: number) {
  const row = await markNoticeRead(tx, context.actor.userId, noticeId);
  if (!row) throw new DomainError('NOT_FOUND');
  await recordAudit(tx, context, [
    { action: 'notice.read', objectType: 'notice', objectId: noticeId, unitId: context.actor.unitId },
  ]);
  return noticeItem(row);
}

export async function readAllNotices(tx: Tx, context: RequestContext) {
  const updated = await markAllNoticesRead(tx, context.actor.userId);
  if (updated > 0)
    await recordAudit(tx, context, [
      {
        action: 'notice.read_all',
        objectType: 'user',
        objectId: context.actor.userId,
        unitId: context.actor.unitId,
        after: { updated },
      },
    ]);
  return { updated };
}

// ——— Preferences ———

export async function noticePreferences(db: Reader, context: RequestContext) {
  const { rows, email } = await findPreferences(db, context.actor.userId);
  const chosen = new Map(rows.map((r) => [r.kind, r]));
  return {
    items: noticeKinds.map((kind) => ({
      kind,
      inbox: chosen.get(kind)?.inbox ?? true,
      email: chosen.get(kind)?.email ?? true,
    })),
    email,
  };
}

export async function setNoticePreferences(
  tx: Tx,
  context: RequestContext,
  input: { items: { kind: NoticeKind; inbox: boolean; email: boolean }[] },
) {
  const seen = new Set<string>();
  input.items.forEach((item, index) => {
    if (seen.has(item.kind))
      throw new DomainError('VALIDATION_FAILED', {
        field: `items.${index}.kind`,
        message: 'INVALID_DATA',
        params: { reason: item.kind },
      });
    seen.add(item.kind);
  });
  const before = await noticePreferences(tx, context);
  await upsertPreferences(tx, context.actor.userId, input.items);
  const after = await noticePreferences(tx, context);
  const changed = after.items.filter(
    (a, i) => a.inbox !== before.items[i]?.inbox || a.email !== before.items[i]?.email,
  );
  if (changed.length > 0)
    await recordAudit(tx, context, [
      {
        action: 'notice_preferences.update',
        objectType: 'user',
        objectId: context.actor.userId,
        unitId: context.actor.unitId,
        after: changed,
      },
    ]);
  return after;
}

// ——— The delivery log ———

/** E-mail deliveries and each attempt, for accounts of units inside the caller's view (all for system administrators). */
export async function listDeliveries(
  db: Db,
  context: RequestContext,
  query: { status?: 'pending' | 'sent' | 'failed'; limit?: number; offset?: number },
) {
  const page = { status: query.status, limit: query.limit ?? 50, offset: query.offset ?? 0 };
  const { items, total } = await findDeliveries(db, context.actor.isSystemAdmin ? null : context.actor.viewRoots, page);
  return {
    items: items.map((d) => ({
      id: Number(d.id),
      noticeId: Number(d.noticeId),
      toAddress: d.toAddress,
      subject: d.subject,
      status: d.status,
      createdAt: d.createdAt.toISOString(),
      sentAt: d.sentAt?.toISOString() ?? null,
      attempts: d.attempts.map((a) => ({ ...a, at: new Date(a.at).toISOString() })),
    })),
    total,
    limit: page.limit,
    offset: page.offset,
  };
}

// ——— Who has not sent ———

/** A unit of a level, whether it has sent, and who hears of it when it has not. */
interface LevelUnit {
  id: number;
  code: string;
  name: string;
  sent: boolean;
  /** Its consolidating unit (or the regime's recipients, above the top consolidating level). */
  consolidators: number[];
  /** The level above its consolidating unit, told after the window closes. */
  escalation: number[];
}

interface LevelStatus {
  level: number;
  schedule: LevelSchedule;
  units: LevelUnit[];
  formId: number;
}

/** Every level's units for a period, as the regime version of the period defines them. */
async function levelStatuses(db: Reader, regime: RegimeInfo, period: Period): Promise<LevelStatus[]> {
  const definition: RegimeDefinition = regimeOn(regime, period.start).definition;
  const forms = (await findRegimeForms(db, regime.id)).map((f) => ({
    id: f.id,
    definition: f.definition as FormDefinition,
  }));
  if (forms.length === 0) return [];
  const recipients = await findUnitIdsByCode(db, definition.recipientUnitCodes);
  const consolidating = new Set(definition.consolidatingUnitKinds);
  const statuses: LevelStatus[] = [];
  for (const [level, schedule] of definition.schedules.entries()) {
    const formsOf = (kind: string) =>
      schedule.role === 'consolidation' ? forms : forms.filter((f) => f.definition.entryUnitKinds.includes(kind));
    const rows = await findLevelUnits(db, {
      hierarchy: definition.hierarchy,
      kinds: schedule.unitKinds,
      date: period.start,
      periodId: period.id,
      formIds: forms.map((f) => f.id),
    });
    const units = rows.map((row) => {
      const required = formsOf(row.kind);
      const parentConsolidates = row.parentId !== null && consolidating.has(row.parentKind ?? '');
      const grandConsolidates = row.grandparentId !== null && consolidating.has(row.grandparentKind ?? '');
      return {
        id: row.id,
        code: row.code,
        name: row.name,
        sent: required.every((f) => row.sentForms.includes(f.id)),
        consolidators: parentConsolidates ? [row.parentId as number] : recipients,
        escalation: parentConsolidates ? (grandConsolidates ? [row.grandparentId as number] : recipients) : [],
      };
    });
    statuses.push({ level, schedule, units, formId: (formsOf(schedule.unitKinds[0] ?? '')[0] ?? forms[0]!).id });
  }
  return statuses;
}

async function regimeOf(db: Reader, reports: ReportCatalog, regimeId: number) {
  return reports.regime(db, regimeId).catch(() => {
    throw new DomainError('NOT_FOUND', { field: 'regimeId' });
  });
}

/** The units whose reports a consolidating unit (or a recipient) waits for in a period, those that have not sent. */
export async function notSubmitted(
  db: Reader,
  reports: ReportCatalog,
  context: RequestContext,
  query: { regimeId: number; periodId: string; unitId: number },
  now: number,
) {
  const regime = await regimeOf(db, reports, query.regimeId);
  const period = periodOf(regime, query.periodId);
  if (!(await canView(db, context.actor, query.unitId, period.start)))
    throw new DomainError('NOT_FOUND', { field: 'unitId' });
  const children = (await levelStatuses(db, regime, period)).flatMap((status) =>
    status.units.filter((u) => u.consolidators.includes(query.unitId)).map((u) => ({ ...u, level: status })),
  );
  const late = children.filter((u) => !u.sent);
  const reminded = await findLastReminders(
    db,
    regime.id,
    period.id,
    late.map((u) => u.id),
  );
  const first = children[0];
  const schedule = first ? await reports.levelSchedule(db, regime, first.level.level, period) : null;
  return {
    expected: children.length,
    dueAt: schedule?.dueAt ?? null,
    items: late.map((u) => {
      const at = reminded.get(u.id);
      const next = at ? at.getTime() + REMINDER_INTERVAL_MS : null;
      return {
        id: u.id,
        code: u.code,
        name: u.name,
        remindedAt: at?.toISOString() ?? null,
        nextReminderAt: next !== null && next > now ? new Date(next).toISOString() : null,
      };
    }),
  };
}

/**
 * A consolidating unit reminds some (or all) of the units that have not sent. Each unit at most
 * once per REMINDER_INTERVAL_MS (also counting the ladder's reminders): the others are skipped,
 * and when every one is skipped the request is refused (429).
 */
export async function sendReminders(
  tx: Tx,
  reports: ReportCatalog,
  context: RequestContext,
  input: { regimeId: number; periodId: string; unitId: number; unitIds?: number[] },
  now: number,
) {
  const regime = await regimeOf(tx, reports, input.regimeId);
  const period = periodOf(regime, input.periodId);
  await assertCanCapture(tx, context.actor, input.unitId, period.start);
  await lockPeriodReminders(tx, regime.id, period.id);
  const list = await notSubmitted(tx, reports, context, input, now);
  const late = new Map(list.items.map((u) => [u.id, u]));
  if (input.unitIds)
    for (const [index, unitId] of input.unitIds.entries()) {
      if (late.has(unitId)) continue;
      if (!(await canView(tx, context.actor, unitId, period.start)))
        throw new DomainError('NOT_FOUND', { field: `unitIds.${index}` });
      throw new DomainError('VALIDATION_FAILED', {
        field: `unitIds.${index}`,
        message: 'REMINDER_UNIT_NOT_LATE',
        params: { unit: String(unitId) },
      });
    }
  const targets = (input.unitIds ?? [...late.keys()]).map((id) => late.get(id)!);
  const skipped = targets
    .filter((u) => u.nextReminderAt !== null)
    .map((u) => ({ unitId: u.id, nextReminderAt: u.nextReminderAt as string }));
  const due = targets.filter((u) => u.nextReminderAt === null);
  if (due.length === 0 && skipped.length > 0) throw new DomainError('TOO_MANY_REMINDERS', { field: 'unitIds' });
  const definition = regimeOn(regime, period.start).definition;
  const senderUnit = (await findUnitNames(tx, [input.unitId])).get(input.unitId) ?? '';
  const formId = (await findRegimeForms(tx, regime.id))[0]?.id;
  for (const unit of due)
    await sendToUnits(tx, [unit.id], {
      kind: 'manual_reminder',
      title: localize('NOTICE_MANUAL_REMINDER', {
        sender: senderUnit,
        unit: unit.name,
        regime: definition.name,
        period: periodText(period.id),
        due: list.dueAt ? formatVietnamDateTime(Date.parse(list.dueAt)) : '—',
      }),
      body: EMPTY,
      link: formId ? reportLink(unit.id, formId, period.id) : '/reports',
      regimeId: regime.id,
      periodId: period.id,
      unitId: unit.id,
      dedupeKey: `manual:${regime.id}:${period.id}:${unit.id}:${now}`,
      createdAt: new Date(now),
    });
  await insertUnitReminders(tx, {
    regimeId: regime.id,
    periodId: period.id,
    unitIds: due.map((u) => u.id),
    at: new Date(now),
    by: context.actor.userId,
  });
  if (due.length > 0)
    await recordAudit(tx, context, [
      {
        action: 'reminder.send',
        objectType: 'period',
        objectId: `${regime.id}:${period.id}`,
        unitId: input.unitId,
        after: { unitIds: due.map((u) => u.id) },
      },
    ]);
  return { reminded: due.map((u) => u.id), skipped };
}

// ——— The warning ladder ———

/** The periods whose steps may fall near `now`: the current one, two before and one after. */
function candidatePeriods(frequency: PeriodType, now: number): Period[] {
  const current = periodForDate(frequency, vietnamDate(now));
  const before = previousPeriod(current);
  return [previousPeriod(before), before, current, nextPeriod(current)].map((p) => parsePeriod(p.id));
}

/** The regimes the ladder runs for: those in force. */
export const ladderRegimeIds = (db: Reader) => findActiveRegimeIds(db);

/**
 * Takes every ladder step of a regime whose time has come at `now` (see dueLadderSteps): each
 * (regime, period, level, step) is claimed once, and its notices written in the same
 * transaction. Answers the steps taken, for the job's log and the tests.
 */
export async function runDeadlineLadder(tx: Tx, reports: ReportCatalog, regimeId: number, now: number) {
  const taken: { regimeId: number; periodId: string; level: number; step: LadderStep; notices: number }[] = [];
  {
    const regime = await reports.regime(tx, regimeId);
    for (const period of candidatePeriods(regime.definition.frequency as PeriodType, now)) {
      try {
        periodOf(regime, period.id);
      } catch {
        continue;
      }
      const definition = regimeOn(regime, period.start).definition;
      let statuses: LevelStatus[] | null = null;
      for (const [level, schedule] of definition.schedules.entries()) {
        const instants = await reports.levelSchedule(tx, regime, level, period);
        if (!instants) continue;
        const ladder = ladderOf(schedule);
        for (const { step, at } of dueLadderSteps(ladder, instants, now)) {
          const key = { regimeId, periodId: period.id, level, step };
          if (!(await claimLadderStep(tx, { ...key, dueAt: new Date(at), takenAt: new Date(now) }))) continue;
          statuses ??= await levelStatuses(tx, regime, period);
          const status = statuses.find((s) => s.level === level);
          const notices = status
            ? await sendLadderStep(tx, {
                regime,
                definition,
                period,
                status,
                step,
                instants,
                now,
                channels: ladder.channels,
              })
            : 0;
          await countLadderStepNotices(tx, key, notices);
          taken.push({ ...key, notices });
        }
      }
    }
  }
  return taken;
}

/** Groups the units that have not sent by who hears of them. */
function groupBy(units: LevelUnit[], recipientsOf: (u: LevelUnit) => number[]) {
  const groups = new Map<number, { expected: number; late: LevelUnit[] }>();
  for (const unit of units)
    for (const recipient of recipientsOf(unit)) {
      const group = groups.get(recipient) ?? { expected: 0, late: [] };
      group.expected += 1;
      if (!unit.sent) group.late.push(unit);
      groups.set(recipient, group);
    }
  return [...groups.entries()].filter(([, g]) => g.late.length > 0);
}

function listedUnits(units: LevelUnit[]): LocalizedMessage {
  const names = units.slice(0, LISTED_UNITS).map((u) => u.name);
  const more = units.length > LISTED_UNITS ? ', …' : '';
  return localize('NOTICE_UNITS_LISTED', { units: names.join(', ') + more });
}

async function sendLadderStep(
  tx: Tx,
  input: {
    regime: RegimeInfo;
    definition: RegimeDefinition;
    period: Period;
    status: LevelStatus;
    step: LadderStep;
    instants: { dueAtMs: number; closesAtMs: number };
    now: number;
    channels: readonly string[];
  },
): Promise<number> {
  const { regime, definition, period, status, step, instants, now, channels } = input;
  const keyOf = (what: string, unitId: number) => `ladder:${regime.id}:${period.id}:${status.level}:${what}:${unitId}`;
  const common = {
    regimeId: regime.id,
    periodId: period.id,
    createdAt: new Date(now),
    channels,
  };
  const params = {
    regime: definition.name,
    period: periodText(period.id),
    due: formatVietnamDateTime(instants.dueAtMs),
  };
  const late = status.units.filter((u) => !u.sent);
  if (step === 'reminder')
    await insertUnitReminders(tx, {
      regimeId: regime.id,
      periodId: period.id,
      unitIds: late.map((u) => u.id),
      at: new Date(now),
      by: null,
    });
  const drafts: { unitId: number; draft: NoticeDraft }[] = [];
  if (step === 'reminder' || step === 'late')
    for (const unit of late)
      drafts.push({
        unitId: unit.id,
        draft: {
          ...common,
          kind: step === 'reminder' ? 'deadline_reminder' : 'deadline_late',
          title: localize(step === 'reminder' ? 'NOTICE_DEADLINE_REMINDER' : 'NOTICE_DEADLINE_LATE', {
            ...params,
            unit: unit.name,
          }),
          body: EMPTY,
          link: reportLink(unit.id, status.formId, period.id),
          unitId: unit.id,
          dedupeKey: keyOf(step, unit.id),
        },
      });
  if (step === 'late' || step === 'escalation') {
    const groups = groupBy(status.units, (u) => (step === 'late' ? u.consolidators : u.escalation));
    const names = await findUnitNames(
      tx,
      groups.map(([id]) => id),
    );
    for (const [recipient, group] of groups)
      drafts.push({
        unitId: recipient,
        draft: {
          ...common,
          kind: step === 'late' ? 'children_late' : 'escalation',
          title:
            step === 'late'
              ? localize('NOTICE_CHILDREN_LATE', {
                  ...params,
                  missing: group.late.length,
                  expected: group.expected,
                  unit: names.get(recipient) ?? '',
                })
              : localize('NOTICE_ESCALATION', {
                  ...params,
                  missing: group.late.length,
                  expected: group.expected,
                  unit: names.get(recipient) ?? '',
                  closes: formatVietnamDateTime(instants.closesAtMs),
                }),
          body: listedUnits(group.late),
          link:
            step === 'late'
              ? notSubmittedLink(regime.id, recipient, status.formId, period.id)
              : consolidationLink(recipient, status.formId, period.id),
          unitId: recipient,
          dedupeKey: keyOf(step === 'late' ? 'late-children' : 'escalation', recipient),
        },
      });
  }
  return sendManyToUnits(tx, drafts);
}

/** A connector or a federation link failed `failures` times in a row: the system administrators are told. */
export async function noticeConnectorFailing(
  tx: Tx,
  userIds: number[],
  connector: { name: string; failures: number; error: string; link: string; key: string },
): Promise<void> {
  if (userIds.length === 0) return;
  await sendToUsers(tx, userIds, {
    kind: 'connector_failing',
    title: localize('NOTICE_CONNECTOR_FAILING', { name: connector.name.slice(0, 200), failures: connector.failures }),
    body: localize('NOTICE_CONNECTOR_FAILING_BODY', { error: connector.error.slice(0, 500) }),
    link: connector.link,
    regimeId: null,
    periodId: null,
    unitId: null,
    dedupeKey: connector.key,
    createdAt: null,
  });
}
