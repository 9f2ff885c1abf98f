import type { LadderStep, LocalizedMessage, NoticeKind } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';

type Reader = Db | Tx;

/** The graphile-worker task that sweeps the due e-mail deliveries (jobs/deliver-email.job.ts). */
export const DELIVER_EMAIL = 'deliver-email';

/** A notice for one person, before the person's preferences are applied. */
export interface NoticeRow {
  userId: number;
  kind: NoticeKind;
  title: LocalizedMessage;
  body: LocalizedMessage;
  link: string | null;
  regimeId: number | null;
  periodId: string | null;
  unitId: number | null;
  /** One notice per key and person; null for events that cannot repeat. */
  dedupeKey: string | null;
  /** The clock's time (the ladder runs on an injectable clock); null: the transaction's time. */
  createdAt: Date | null;
  /** Whether the step allows e-mail at all (a ladder may be inbox-only). */
  emailAllowed: boolean;
  inboxAllowed: boolean;
  emailSubject: string;
  emailBody: string;
}

/**
 * Inserts notices in one statement, applying each person's preferences (by default every kind
 * reaches the inbox and, when the account has an address, the e-mail): the inbox row, the e-mail
 * delivery, and one sweep of the due deliveries for the whole statement. A notice whose key the
 * person already has is skipped, with its e-mail, which is what makes the ladder's steps and the
 * events once-only. The sweep is added with graphile-worker's SQL function in the same
 * statement, so it exists only if the caller commits; it has no job key, so concurrent writers
 * never wait on one another's job row.
 * Answers how many notices were new.
 */
export async function insertNotices(tx: Tx, rows: NoticeRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const input = JSON.stringify(
    rows.map((r) => ({
      user_id: r.userId,
      kind: r.kind,
      title: r.title,
      body: r.body,
      link: r.link,
      regime_id: r.regimeId,
      period_id: r.periodId,
      unit_id: r.unitId,
      dedupe_key: r.dedupeKey,
      created_at: r.createdAt?.toISOString() ?? null,
      email_allowed: r.emailAllowed,
      inbox_allowed: r.inboxAllowed,
      email_subject: r.emailSubject,
      email_body: r.emailBody,
    })),
  );
  const { rows: result } = await sql<{ inserted: string }>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${input}::jsonb) AS x(user_id int, kind text, title jsonb, body jsonb,
        link text, regime_id int, period_id text, unit_id int, dedupe_key text, created_at timestamptz,
        email_allowed boolean, inbox_allowed boolean, email_subject text, email_body text)
    ), wanted AS (
      SELECT nextval(pg_get_serial_sequence('notices', 'id')) AS id, i.*, u.email,
        i.inbox_allowed AND coalesce(p.inbox, true) AS to_inbox,
        i.email_allowed AND coalesce(p.email, true) AND u.email IS NOT NULL AS to_email
      FROM input i
      JOIN users u ON u.id = i.user_id AND u.disabled_at IS NULL AND u.kind = 'person'
      LEFT JOIN notice_preferences p ON p.user_id = i.user_id AND p.kind = i.kind
    ), inserted AS (
      INSERT INTO notices (id, user_id, kind, title, body, link, regime_id, period_id, unit_id, dedupe_key,
        created_at, in_inbox)
      SELECT id, user_id, kind, title, body, link, regime_id, period_id, unit_id, dedupe_key,
        coalesce(created_at, now()), to_inbox
      FROM wanted WHERE to_inbox OR to_email
      ON CONFLICT (dedupe_key, user_id) DO NOTHING
      RETURNING id
    ), mailed AS (
      INSERT INTO email_deliveries (notice_id, to_address, subject, body, created_at)
      SELECT w.id, w.email, w.email_subject, w.email_body, coalesce(w.created_at, now())
      FROM inserted JOIN wanted w USING (id) WHERE w.to_email
      RETURNING id
    ), queued AS (
      SELECT graphile_worker.add_job(${DELIVER_EMAIL}::text, '{}'::json) WHERE EXISTS (SELECT FROM mailed)
    )
    SELECT (SELECT count(*) FROM inserted)::text AS inserted, (SELECT count(*) FROM queued) AS queued`.execute(tx);
  return Number(result[0]?.inserted ?? 0);
}

/**
 * The people a unit's notices reach: its active accounts that act on reports (entry officers
 * and approvers), by unit.
 */
export async function findUnitRecipients(db: Reader, unitIds: number[]): Promise<Map<number, number[]>> {
  const byUnit = new Map<number, number[]>();
  if (unitIds.length === 0) return byUnit;
  const rows = await db
    .selectFrom('users')
    .select(['users.id', 'users.unitId'])
    .where('users.unitId', 'in', unitIds)
    .where('users.disabledAt', 'is', null)
    .where('users.kind', '=', 'person')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('userRoles')
          .whereRef('userRoles.userId', '=', 'users.id')
          .where('userRoles.role', 'in', ['entry_officer', 'approver']),
      ),
    )
    .orderBy('users.id')
    .execute();
  for (const row of rows) byUnit.set(row.unitId, [...(byUnit.get(row.unitId) ?? []), row.id]);
  return byUnit;
}

export async function findInbox(db: Reader, userId: number, query: { unread: boolean; limit: number; offset: number }) {
  let base = db.selectFrom('notices').where('userId', '=', userId).where('inInbox', '=', true);
  if (query.unread) base = base.where('readAt', 'is', null);
  const [items, total, unread] = await Promise.all([
    base
      .select(['id', 'kind', 'title', 'body', 'link', 'createdAt', 'readAt'])
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    countUnread(db, userId),
  ]);
  return { items, total: Number(total.n), unread };
}

export async function countUnread(db: Reader, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notices')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('userId', '=', userId)
    .where('inInbox', '=', true)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of the person's notices read (keeping the first reading); undefined when it is not theirs. */
export async function markNoticeRead(tx: Tx, userId: number, noticeId: number) {
  return tx
    .updateTable('notices')
    .set({ readAt: sql`coalesce(read_at, now())` })
    .where('id', '=', noticeId)
    .where('userId', '=', userId)
    .where('inInbox', '=', true)
    .returning(['id', 'kind', 'title', 'body', 'link', 'createdAt', 'readAt'])
    .executeTakeFirst();
}

export async function markAllNoticesRead(tx: Tx, userId: number): Promise<number> {
  const rows = await tx
    .updateTable('notices')
    .set({ readAt: sql`now()` })
    .where('userId', '=', userId)
    .where('inInbox', '=', true)
    .where('readAt', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

export async function findPreferences(db: Reader, userId: number) {
  const [rows, user] = await Promise.all([
    db.selectFrom('noticePreferences').select(['kind', 'inbox', 'email']).where('userId', '=', userId).execute(),
    db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow(),
  ]);
  return { rows, email: user.email };
}

export async function upsertPreferences(
  tx: Tx,
  userId: number,
  items: { kind: NoticeKind; inbox: boolean; email: boolean }[],
) {
  await tx
    .insertInto('noticePreferences')
    .values(items.map((item) => ({ userId, ...item })))
    .onConflict((oc) =>
      oc.columns(['userId', 'kind']).doUpdateSet((eb) => ({
        inbox: eb.ref('excluded.inbox'),
        email: eb.ref('excluded.email'),
      })),
    )
    .execute();
}

/** Deliveries to the accounts of units inside `roots` (all with null), newest first, with their attempts. */
export async function findDeliveries(
  db: Reader,
  roots: number[] | null,
  query: { status?: 'pending' | 'sent' | 'failed'; limit: number; offset: number },
) {
  let base = db
    .selectFrom('emailDeliveries as d')
    .innerJoin('notices as n', 'n.id', 'd.noticeId')
    .innerJoin('users as u', 'u.id', 'n.userId');
  if (roots !== null)
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('unitClosure')
          .whereRef('unitClosure.descendantId', '=', 'u.unitId')
          .where('unitClosure.ancestorId', 'in', roots),
      ),
    );
  if (query.status) base = base.where('d.status', '=', query.status);
  const [items, total] = await Promise.all([
    base
      .select([
        'd.id',
        'd.noticeId',
        'd.toAddress',
        'd.subject',
        'd.status',
        'd.createdAt',
        'd.sentAt',
        sql<{ attempt: number; at: string; outcome: 'sent' | 'failed'; error: string | null }[]>`coalesce((
          SELECT json_agg(json_build_object('attempt', a.attempt, 'at', a.at, 'outcome', a.outcome, 'error', a.error)
            ORDER BY a.attempt)
          FROM email_delivery_attempts a WHERE a.delivery_id = d.id), '[]')`.as('attempts'),
      ])
      .orderBy('d.id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** A delivery claimed by a sweep, with what its e-mail needs. */
export interface ClaimedDelivery {
  id: number;
  toAddress: string;
  subject: string;
  body: string;
  link: string | null;
  /** Attempts made before this one. */
  attempts: number;
}

/**
 * Claims up to `limit` pending deliveries whose next attempt is due, oldest due first, locked
 * until the caller's transaction ends; rows another sweep holds are skipped, not waited for, so
 * any number of runners share the work and none sends a delivery another is sending.
 */
export async function claimDueDeliveries(tx: Tx, limit: number): Promise<ClaimedDelivery[]> {
  const { rows } = await sql<ClaimedDelivery>`
    SELECT d.id::int AS id, d.to_address AS "toAddress", d.subject, d.body, n.link,
      (SELECT count(*) FROM email_delivery_attempts a WHERE a.delivery_id = d.id)::int AS attempts
    FROM email_deliveries d JOIN notices n ON n.id = d.notice_id
    WHERE d.status = 'pending' AND d.next_attempt_at <= now()
    ORDER BY d.next_attempt_at, d.id
    LIMIT ${limit}
    FOR UPDATE OF d SKIP LOCKED`.execute(tx);
  return rows;
}

/** The outcome of one attempt: `retryInMs` is the wait before the next one; null when none follows. */
export interface DeliveryOutcome {
  deliveryId: number;
  attempt: number;
  at: Date;
  error: string | null;
  retryInMs: number | null;
}

/**
 * Records a sweep's attempts in the delivery log and their outcome on each delivery: sent,
 * failed for good, or due again after its back-off. Four statements whatever the batch's size.
 */
export async function recordDeliveryOutcomes(tx: Tx, outcomes: DeliveryOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  await tx
    .insertInto('emailDeliveryAttempts')
    .values(
      outcomes.map((o) => ({
        deliveryId: o.deliveryId,
        attempt: o.attempt,
        at: o.at,
        outcome: o.error === null ? ('sent' as const) : ('failed' as const),
        error: o.error?.slice(0, 2000) ?? null,
      })),
    )
    .execute();
  const sent = outcomes.filter((o) => o.error === null);
  if (sent.length > 0)
    await sql`UPDATE email_deliveries d SET status = 'sent', sent_at = x.at
      FROM unnest(${sent.map((o) => o.deliveryId)}::bigint[], ${sent.map((o) => o.at.toISOString())}::timestamptz[])
        AS x(id, at)
      WHERE d.id = x.id`.execute(tx);
  const given = outcomes.filter((o) => o.error !== null && o.retryInMs === null).map((o) => o.deliveryId);
  if (given.length > 0)
    await tx.updateTable('emailDeliveries').set({ status: 'failed' }).where('id', 'in', given).execute();
  const retried = outcomes.filter((o) => o.error !== null && o.retryInMs !== null);
  if (retried.length > 0)
    await sql`UPDATE email_deliveries d SET next_attempt_at = now() + x.wait * interval '1 millisecond'
      FROM unnest(${retried.map((o) => o.deliveryId)}::bigint[], ${retried.map((o) => o.retryInMs)}::bigint[])
        AS x(id, wait)
      WHERE d.id = x.id`.execute(tx);
}

/**
 * When the earliest pending delivery that no sweep holds is due (null: none is pending). Its
 * row is only peeked at (the lock ends with the statement).
 */
export async function findNextDueDelivery(db: Reader): Promise<{ dueAt: Date; dueNow: boolean } | null> {
  const { rows } = await sql<{ dueAt: Date; dueNow: boolean }>`
    SELECT next_attempt_at AS "dueAt", next_attempt_at <= now() AS "dueNow" FROM email_deliveries
    WHERE status = 'pending' ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`.execute(db);
  return rows[0] ?? null;
}

/**
 * Queues a sweep: at once without `runAt`; at `runAt` under one job key (the sweep of the next
 * retries, moved to the earliest due time each sweep finds).
 */
export async function queueDeliverySweep(db: Reader, runAt?: Date): Promise<void> {
  await sql`SELECT graphile_worker.add_job(${DELIVER_EMAIL}::text, '{}'::json,
      run_at => ${runAt?.toISOString() ?? null}::timestamptz,
      job_key => ${runAt ? 'email-retries' : null}::text)`.execute(db);
}

/** A level's units on a date with their parent and grandparent in the hierarchy, and how many of `formIds` each has sent. */
export async function findLevelUnits(
  db: Reader,
  input: { hierarchy: string; kinds: string[]; date: string; periodId: string; formIds: number[] },
) {
  const { rows } = await sql<{
    id: number;
    code: string;
    name: string;
    kind: string;
    parentId: number | null;
    parentKind: string | null;
    grandparentId: number | null;
    grandparentKind: string | null;
    sentForms: number[];
  }>`
    SELECT u.id, u.code, u.name, u.kind, p.parent_id AS "parentId", pu.kind AS "parentKind",
      g.parent_id AS "grandparentId", gu.kind AS "grandparentKind",
      coalesce((SELECT array_agg(s.form_id) FROM submissions s
        WHERE s.unit_id = u.id AND s.period_id = ${input.periodId} AND s.form_id = ANY(${input.formIds}::int[])
          AND s.state IN ('submitted', 'accepted')), '{}') AS "sentForms"
    FROM units u
    JOIN unit_parents p ON p.unit_id = u.id AND p.hierarchy = ${input.hierarchy}
      AND daterange(p.valid_from, p.valid_to, '[]') @> ${input.date}::date
    JOIN units pu ON pu.id = p.parent_id
    LEFT JOIN unit_parents g ON g.unit_id = p.parent_id AND g.hierarchy = ${input.hierarchy}
      AND daterange(g.valid_from, g.valid_to, '[]') @> ${input.date}::date
    LEFT JOIN units gu ON gu.id = g.parent_id
    WHERE u.kind = ANY(${input.kinds}::text[])
      AND daterange(u.valid_from, u.valid_to, '[]') @> ${input.date}::date
    ORDER BY u.code`.execute(db);
  return rows;
}

/** The published forms of a regime with their definitions. */
export async function findRegimeForms(db: Reader, regimeId: number) {
  return db
    .selectFrom('forms')
    .innerJoin('formVersions', 'formVersions.formId', 'forms.id')
    .select(['forms.id', 'forms.code', 'formVersions.definition'])
    .where('forms.regimeId', '=', regimeId)
    .where('formVersions.status', '=', 'published')
    .orderBy('forms.code')
    .execute();
}

export async function findActiveRegimeIds(db: Reader): Promise<number[]> {
  const rows = await db.selectFrom('regimes').select('id').where('status', '=', 'active').orderBy('id').execute();
  return rows.map((r) => r.id);
}

export async function findUnitIdsByCode(db: Reader, codes: string[]): Promise<number[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('units')
    .select('id')
    .where('code', 'in', codes)
    .where('validTo', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

export async function findUnitNames(db: Reader, unitIds: number[]): Promise<Map<number, string>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db.selectFrom('units').select(['id', 'name']).where('id', 'in', unitIds).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** When each unit was last reminded of a period (by the ladder or by hand). */
export async function findLastReminders(
  db: Reader,
  regimeId: number,
  periodId: string,
  unitIds: number[],
): Promise<Map<number, Date>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('unitReminders')
    .select(['unitId', (eb) => eb.fn.max('remindedAt').as('at')])
    .where('regimeId', '=', regimeId)
    .where('periodId', '=', periodId)
    .where('unitId', 'in', unitIds)
    .groupBy('unitId')
    .execute();
  return new Map(rows.map((r) => [r.unitId, new Date(r.at as unknown as string)]));
}

export async function insertUnitReminders(
  tx: Tx,
  input: { regimeId: number; periodId: string; unitIds: number[]; at: Date; by: number | null },
) {
  if (input.unitIds.length === 0) return;
  await tx
    .insertInto('unitReminders')
    .values(
      input.unitIds.map((unitId) => ({
        regimeId: input.regimeId,
        periodId: input.periodId,
        unitId,
        remindedAt: input.at,
        remindedBy: input.by,
      })),
    )
    .execute();
}

/** Serializes reminders by hand of one period, so two at once cannot both pass the rate limit. */
export async function lockPeriodReminders(tx: Tx, regimeId: number, periodId: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`reminders:${regimeId}:${periodId}`}))`.execute(tx);
}

/** A submission's unit, form and period, for the notice of its review. */
export async function findSubmissionBrief(db: Reader, submissionId: number) {
  return db
    .selectFrom('submissions as s')
    .innerJoin('units as u', 'u.id', 's.unitId')
    .innerJoin('forms as f', 'f.id', 's.formId')
    .select(['s.id', 's.unitId', 's.formId', 's.periodId', 's.regimeId', 'u.name as unitName', 'f.code as formCode'])
    .where('s.id', '=', submissionId)
    .executeTakeFirstOrThrow();
}

/** Units of a period that started but have not sent (a lock stops them), and units that asked to unlock. */
export async function findUnitsAffectedByLock(db: Reader, regimeId: number, periodId: string): Promise<number[]> {
  const { rows } = await sql<{ unitId: number }>`
    SELECT unit_id AS "unitId" FROM submissions
      WHERE regime_id = ${regimeId} AND period_id = ${periodId} AND state IN ('draft', 'returned')
    UNION
    SELECT unit_id FROM period_unlock_requests WHERE regime_id = ${regimeId} AND period_id = ${periodId}`.execute(db);
  return rows.map((r) => r.unitId);
}

export async function findUnlockRequestBrief(db: Reader, requestId: number) {
  return db
    .selectFrom('periodUnlockRequests as r')
    .innerJoin('units as u', 'u.id', 'r.unitId')
    .select(['r.id', 'r.regimeId', 'r.periodId', 'r.unitId', 'u.name as unitName'])
    .where('r.id', '=', requestId)
    .executeTakeFirstOrThrow();
}

/** Claims a ladder step; false when it was already taken (by this or another process). */
export async function claimLadderStep(
  tx: Tx,
  step: { regimeId: number; periodId: string; level: number; step: LadderStep; dueAt: Date; takenAt: Date },
): Promise<boolean> {
  const row = await tx
    .insertInto('noticeLadderSteps')
    .values({ ...step, notices: 0 })
    .onConflict((oc) => oc.columns(['regimeId', 'periodId', 'level', 'step']).doNothing())
    .returning('regimeId')
    .executeTakeFirst();
  return row !== undefined;
}

export async function countLadderStepNotices(
  tx: Tx,
  step: { regimeId: number; periodId: string; level: number; step: LadderStep },
  notices: number,
) {
  await tx
    .updateTable('noticeLadderSteps')
    .set({ notices })
    .where('regimeId', '=', step.regimeId)
    .where('periodId', '=', step.periodId)
    .where('level', '=', step.level)
    .where('step', '=', step.step)
    .execute();
}

/** Of refreshed slices, those whose unit has sent its consolidation: what it sent and its live figures now. */
export async function findSentConsolidations(tx: Tx, slices: [unitId: number, formId: number, periodId: string][]) {
  if (slices.length === 0) return [];
  const { rows } = await sql<{
    unitId: number;
    formId: number;
    periodId: string;
    regimeId: number;
    revisionId: number;
    sentValues: Record<string, unknown> | null;
    values: Record<string, unknown> | null;
    unitName: string;
    formCode: string;
  }>`
    SELECT s.unit_id AS "unitId", s.form_id AS "formId", s.period_id AS "periodId", s.regime_id AS "regimeId",
      r.id::int AS "revisionId", r.values AS "sentValues", c.values, u.name AS "unitName", f.code AS "formCode"
    FROM unnest(${slices.map((s) => s[0])}::int[], ${slices.map((s) => s[1])}::int[], ${slices.map((s) => s[2])}::text[])
      AS x(unit_id, form_id, period_id)
    JOIN submissions s ON s.unit_id = x.unit_id AND s.form_id = x.form_id AND s.period_id = x.period_id
      AND s.state IN ('submitted', 'accepted')
    JOIN submission_revisions r ON r.id = s.current_revision_id
    JOIN consolidations c ON c.unit_id = x.unit_id AND c.form_id = x.form_id AND c.period_id = x.period_id
    JOIN units u ON u.id = x.unit_id
    JOIN forms f ON f.id = x.form_id`.execute(tx);
  return rows;
}

/** Every active person of the units, whatever their roles (a generated report is for the whole agency). */
export async function findUnitPeople(db: Reader, unitIds: number[]): Promise<number[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('unitId', 'in', unitIds)
    .where('disabledAt', 'is', null)
    .where('kind', '=', 'person')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
