/**
 * The authorization matrix: every API route × every caller × the target's place
 * relative to the caller's unit (own, descendant, sibling, ancestor) → the exact
 * answer, with the exact rows of list endpoints. A route without an entry fails
 * the suite, so new routes must state who may call them.
 *
 * Each entry states the rule, not what the route happens to do: the permission
 * the route needs (checked against the route's declared `config.access`) and
 * whether its target must lie in the caller's view or capture subtree. The
 * expected answer of every cell is derived from that rule and from the roles'
 * permissions in `domain`, in this order:
 *
 * 1. signed out → 401 `UNAUTHENTICATED` (public routes excepted);
 * 2. the caller lacks the route's permission → 403 `FORBIDDEN`, before any
 *    object is looked up (so it tells nothing about the object);
 * 3. the target lies outside the caller's view subtree → 404 `NOT_FOUND`;
 * 4. the target is visible but outside the capture subtree a write needs → 403;
 * 5. otherwise the route's outcome: 2xx, or the refusal the entry names with
 *    its reason (a commune does not consolidate, only the regime's recipient
 *    locks periods…).
 *
 * Callers are the signed-in roles at H1; an administrator of H1 who reads all
 * of T1 (so H2 and T1 are visible to it, but not its to change: 403, not 404);
 * and API tokens, which narrow their account's permissions and units: one
 * limited to `data.read` on H1, one with all its account's permissions on X1
 * only, and one of a system administrator's service account on H1 (a token is
 * never a system administrator). A route that checks less than its rule
 * (declares `authenticated` where it needs `audit.read`, reads the account's
 * unit where the token narrowed it) shows up as a cell answering 2xx where the
 * rule says 403 or 404; the structural checks below catch a declaration that
 * differs from the entry, or asks for another part's permission.
 */
import { type Permission, permissionsOf, type Role } from '@baocao/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../src/http/context';
import { multipartFile } from './assertions';
import { FIXTURE_PASSWORD, type Fixture, fixtureAccounts, fixtureUnits, seedFixture, type UnitKey } from './fixtures';
import { type Client, createTestApp, signIn, type TestApp } from './harness';
import { during, fixtureForm, fixtureRegime, type RegimeFixture, seedRegime } from './regime-fixture';

type Relation = 'own' | 'descendant' | 'sibling' | 'ancestor';
const relations: Relation[] = ['own', 'descendant', 'sibling', 'ancestor'];
const unitOf: Record<Relation, UnitKey> = { own: 'H1', descendant: 'X1', sibling: 'H2', ancestor: 'T1' };
const userOf: Record<Relation, string> = {
  own: 'target.own',
  descendant: 'target.desc',
  sibling: 'target.sib',
  ancestor: 'target.anc',
};
const serviceOf: Record<Relation, string> = {
  own: 'svc.own',
  descendant: 'svc.desc',
  sibling: 'svc.sib',
  ancestor: 'svc.anc',
};

/** An account the matrix acts with; `viewRoot` when it reads wider than it changes (its unit). */
interface MatrixAccount {
  username: string;
  unit: UnitKey;
  roles: Role[];
  viewRoot?: UnitKey;
  kind?: 'person' | 'service';
}
const EVERY_ROLE_BUT_ADMIN: Role[] = ['unit_admin', 'approver', 'entry_officer', 'viewer'];
/** Accounts the matrix adds to the fixture's. */
const matrixAccounts: MatrixAccount[] = [
  // The service account whose tokens the matrix calls with.
  { username: 'svc.matrix', unit: 'H1', roles: EVERY_ROLE_BUT_ADMIN, kind: 'service' },
  // A system administrator's service account: its token is never a system administrator.
  { username: 'svc.admin', unit: 'H1', roles: ['system_admin'], kind: 'service' },
  // Changes H1's subtree, reads T1's: H2 and T1 are in its view but not in its capture scope.
  { username: 'wide.h1', unit: 'H1', roles: EVERY_ROLE_BUT_ADMIN, viewRoot: 'T1' },
];
const accountNamed = (username: string): MatrixAccount =>
  [...fixtureAccounts, ...matrixAccounts].find((a) => a.username === username)!;

interface ActorSpec {
  /** The account it signs in as, or whose token it presents. */
  account: string;
  /** A bearer token: the permissions it is limited to (within the account's) and its units. */
  token?: { permissions: Permission[] | 'all held'; units: UnitKey[] };
}
const actorSpecs = {
  system_admin: { account: 'admin' },
  unit_admin: { account: 'unit_admin.h1' },
  approver: { account: 'approver.h1' },
  entry_officer: { account: 'entry_officer.h1' },
  viewer: { account: 'viewer.h1' },
  wide_admin: { account: 'wide.h1' },
  token_read: { account: 'svc.matrix', token: { permissions: ['data.read'], units: ['H1'] } },
  token_x1: { account: 'svc.matrix', token: { permissions: 'all held', units: ['X1'] } },
  token_admin: { account: 'svc.admin', token: { permissions: 'all held', units: ['H1'] } },
} satisfies Record<string, ActorSpec>;
type Actor = keyof typeof actorSpecs | 'anonymous';
const actors: Actor[] = [...(Object.keys(actorSpecs) as Actor[]), 'anonymous'];

const isAdmin = (actor: Actor) => actor === 'system_admin';
const specOf = (actor: Exclude<Actor, 'anonymous'>): ActorSpec => actorSpecs[actor];

/** What the caller may do: its roles' permissions, narrowed by its token. */
function permissionsOfActor(actor: Actor): Set<Permission> {
  if (actor === 'anonymous') return new Set();
  const spec = specOf(actor);
  const held = permissionsOf(accountNamed(spec.account).roles);
  if (!spec.token) return held;
  const limit = spec.token.permissions;
  return new Set([...held].filter((p) => limit === 'all held' || limit.includes(p)));
}

const subtreeOf = (unit: UnitKey): UnitKey[] => [
  unit,
  ...fixtureUnits.filter((u) => u.parent === unit).flatMap((u) => subtreeOf(u.key)),
];
/** The roots of the subtrees the caller reads (view) or changes (capture); a token's units are both. */
function rootsOf(actor: Actor, kind: 'view' | 'capture'): UnitKey[] {
  if (actor === 'anonymous') return [];
  if (isAdmin(actor)) return ['CP'];
  const spec = specOf(actor);
  const account = accountNamed(spec.account);
  return spec.token?.units ?? [kind === 'view' ? (account.viewRoot ?? account.unit) : account.unit];
}
const unitsOf = (actor: Actor, kind: 'view' | 'capture' = 'view') => rootsOf(actor, kind).flatMap(subtreeOf);
const sees = (actor: Actor, relation: Relation) => unitsOf(actor).includes(unitOf[relation]);
const changes = (actor: Actor, relation: Relation) => unitsOf(actor, 'capture').includes(unitOf[relation]);

interface Ctx {
  fx: Fixture;
  relation: Relation;
  admin: Client;
}
interface Request {
  method: string;
  url: string;
  body?: unknown;
  multipart?: { fileName: string; content: string | Buffer };
}
/** An exact answer: the HTTP status and, for refusals, the error code. */
interface Answer {
  status: number;
  code?: string;
}
const OK: Answer = { status: 200 };
const CREATED: Answer = { status: 201 };
const UNAUTHENTICATED: Answer = { status: 401, code: 'UNAUTHENTICATED' };
const FORBIDDEN: Answer = { status: 403, code: 'FORBIDDEN' };
const NOT_FOUND: Answer = { status: 404, code: 'NOT_FOUND' };

interface Entry {
  /** The permission the route needs (or `public` / `authenticated`): must equal the route's `config.access`. */
  access: Access;
  /** Where the target must lie (absent: the route has no target, and is called once per caller). */
  target?: 'view' | 'capture';
  /**
   * A deviation from the rule, with its reason: what the route answers instead of 404 (or 403) when
   * the target lies outside the caller's view (or capture) subtree.
   */
  outOfScope?: Answer;
  /** The answer of a call that passes the access and scope checks (default 200). */
  outcome?(actor: Actor, relation: Relation): Answer;
  /** Builds the request for a target relation (ignored by routes that have no target). */
  request(ctx: Ctx): Request | Promise<Request>;
  /** For list routes: the exact rows (as comparable keys) an allowed caller gets. */
  rows?(json: any, actor: Actor, fx: Fixture, relation: Relation): { actual: string[]; expected: string[] };
  /** Writes run after every read, so reads see the fixture as seeded. */
  write?: boolean;
  /** A Server-Sent Events stream: checked over real HTTP, closed once the headers arrive. */
  stream?: boolean;
}

/** A request without a body, its address made when the cell runs (once the fixture has its ids). */
const call =
  (method: string, url: string | ((ctx: Ctx) => string)) =>
  (ctx: Ctx): Request => ({ method, url: typeof url === 'string' ? url : url(ctx) });
const get = (url: string | ((ctx: Ctx) => string)) => call('GET', url);
/** A PATCH of the target at `url` with `changes`, at the version the administrator reads there first. */
const patchAtVersion =
  (url: (ctx: Ctx) => string, changes: Record<string, unknown>) =>
  async (ctx: Ctx): Promise<Request> => {
    const current = await ctx.admin.request('GET', url(ctx));
    return { method: 'PATCH', url: url(ctx), body: { version: current.json.version, ...changes } };
  };

/** The answer the rule gives: see the order at the top of the file. */
function expectedAnswer(entry: Entry, actor: Actor, relation: Relation): Answer {
  const outcome = () => entry.outcome?.(actor, relation) ?? OK;
  if (entry.access === 'public') return outcome();
  if (actor === 'anonymous') return UNAUTHENTICATED;
  if (entry.access !== 'authenticated' && !permissionsOfActor(actor).has(entry.access)) return FORBIDDEN;
  if (entry.target && !sees(actor, relation)) return entry.outOfScope ?? NOT_FOUND;
  if (entry.target === 'capture' && !changes(actor, relation)) return entry.outOfScope ?? FORBIDDEN;
  return outcome();
}

/**
 * The permissions each part of the API may ask for: a route needs one of its own part's. What
 * declares `authenticated` (or another part's permission) where its service reads audit rows,
 * accounts or settings fails here even before a cell runs. Only the sign-in steps are open to
 * every signed-in caller, and only health, the API description and the sign-in steps are public.
 */
const accessByPath: [RegExp, (access: string) => boolean][] = [
  [/^\/api\/(health|openapi\.json)$/, (a) => a === 'public'],
  [/^\/api\/v1\/auth\/(login|sign-in-methods|oidc\/start|oidc\/callback)$/, (a) => a === 'public'],
  [/^\/api\/v1\/auth\//, (a) => a === 'authenticated'],
  [/^\/api\/v1\/notices\/deliveries$/, (a) => a === 'audit.read'],
  [/^\/api\/v1\/notices\/(not-submitted|reminders)$/, (a) => a.startsWith('data.')],
  [/^\/api\/v1\/notices\b/, (a) => a === 'authenticated'],
  [/^\/api\/v1\/(units|hierarchies)\b/, (a) => a.startsWith('units.')],
  [/^\/api\/v1\/users\b/, (a) => a.startsWith('users.')],
  [/^\/api\/v1\/tokens\b/, (a) => a.startsWith('tokens.')],
  [/^\/api\/v1\/(events|webhooks)\b/, (a) => a === 'data.read'],
  [/^\/api\/v1\/audit\b/, (a) => a.startsWith('audit.')],
  [/^\/api\/v1\/settings\b/, (a) => a.startsWith('settings.')],
  [/^\/api\/v1\/(regimes|forms|form-versions|expressions|holidays|periods)\b/, (a) => a.startsWith('regimes.')],
  [/^\/api\/v1\/(directives|tasks)\b/, (a) => a.startsWith('data.')],
  [
    /^\/api\/v1\/(my-reports|reports|submissions|consolidation|period-locks|period-unlock-requests|live|compliance|demo|analytics|quality)\b/,
    (a) => a.startsWith('data.') || a === 'periods.lock',
  ],
  [/^\/api\/v1\/dashboards\b/, (a) => a === 'data.read' || a === 'dashboards.manage'],
  [/^\/api\/v1\/(document-templates|documents)\b/, (a) => ['data.read', 'data.review', 'regimes.manage'].includes(a)],
  [/^\/api\/v1\/(imports|dataValueSets)$|^\/api\/v1\/imports\/:id$/, (a) => a === 'data.submit'],
  [/^\/api\/v1\/(dataValueSets\.(json|csv|adx)|exports\.(json|csv|xlsx))$/, (a) => a === 'data.read'],
  [/^\/api\/v1\/signing-(certificates|authority\.pem)\b/, (a) => a.startsWith('units.') || a === 'public'],
  [/^\/api\/v1\/signatures\/verify$/, (a) => a === 'public'],
  [/^\/api\/v1\/(revisions|signatures)\b/, (a) => a.startsWith('data.')],
  // The indicator catalogue is managed like regimes; its values are data.
  [/^\/api\/v1\/(indicators|indicator-values)\b/, (a) => a.startsWith('data.') || a === 'regimes.manage'],
  [/^\/api\/v1\/connectors\b/, (a) => a === 'settings.manage'],
  [/^\/api\/v1\/federation-links\b/, (a) => a === 'settings.manage'],
];

const REPORT_DAY = '20240315';
const reportKey = (fx: Fixture, relation: Relation) => ({
  unitId: fx.units[unitOf[relation]],
  formId: rg.formId,
  period: REPORT_DAY,
});
const UNLOCK_DAY = '20240320';
let lockedDays = 0;
/** A day of the fixture regime not used before, locked by the administrator. */
async function freshLockedDay(admin: Client): Promise<string> {
  lockedDays += 1;
  const day = new Date(Date.UTC(2023, 0, 1) + lockedDays * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  await admin.request('POST', '/api/v1/period-locks', {
    regimeId: rg.regimeId,
    period: day,
    locked: true,
    reason: 'Chốt số',
  });
  return day;
}
let reminderDays = 0;
const freshReminderDay = () => {
  reminderDays += 1;
  return new Date(Date.UTC(2022, 0, 1) + reminderDays * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
};
let adminWebhookId: number | null = null;
/** A webhook subscription of the administrator (created once). */
async function adminWebhook(admin: Client, fx: Fixture): Promise<number> {
  if (adminWebhookId === null) {
    const created = await admin.request('POST', '/api/v1/webhooks', {
      url: 'http://127.0.0.1:9/hook',
      eventTypes: ['report.submitted'],
      unitIds: [fx.units.T1],
    });
    adminWebhookId = created.json.webhook.id as number;
  }
  return adminWebhookId;
}
let deliveriesSeeded = false;
/** A notice in the inbox of `userId`, written directly. */
async function noticeFor(userId: number): Promise<number> {
  const row = await t.db
    .insertInto('notices')
    .values({
      userId,
      kind: 'manual_reminder',
      title: JSON.stringify({ vi: 'Nhắc', en: 'Reminder' }),
      body: JSON.stringify({ vi: '', en: '' }),
      createdAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
const reportQuery = (fx: Fixture, relation: Relation) =>
  `unitId=${fx.units[unitOf[relation]]}&formId=${rg.formId}&period=${REPORT_DAY}`;

/** The commune (the descendant) enters and does not consolidate: consolidation routes refuse it for everyone. */
const consolidating = (answer: Answer) => (_actor: Actor, relation: Relation) =>
  relation === 'descendant' ? { status: 400, code: 'VALIDATION_FAILED' } : answer;
/** Only the regime's recipient (BO's approvers) or a system administrator locks periods and decides on requests. */
const recipientOnly = (actor: Actor) => (isAdmin(actor) ? OK : FORBIDDEN);
/** Accounts listed to a caller that sees `units`: every account there. */
const accountsIn = (units: UnitKey[]) =>
  [...fixtureAccounts, ...matrixAccounts].filter((a) => units.includes(a.unit)).map((a) => a.username);

/** The fixture units under `root` the fixture regime expects: communes, districts and provinces. */
const expectedUnder = (fx: Fixture, root: UnitKey) =>
  subtreeOf(root)
    .filter((key) =>
      ['ubnd_commune', 'ubnd_district', 'ubnd_province'].includes(fixtureUnits.find((u) => u.key === key)!.kind),
    )
    .map((key) => String(fx.units[key]));

const freshCode = () => `M${Math.floor(Math.random() * 1e9)}`;
/** A new draft regime made by the administrator, optionally with a form (and its first version published). */
async function freshRegime(admin: Client, options: { form?: boolean; publish?: boolean } = {}) {
  const regime = await admin.request('POST', '/api/v1/regimes', { code: freshCode(), definition: fixtureRegime });
  if (!options.form) return { regimeId: regime.json.id as number, formId: 0, versionId: 0 };
  const form = await admin.request('POST', `/api/v1/regimes/${regime.json.id}/forms`, {
    code: fixtureForm.code,
    title: fixtureForm.title,
    definition: fixtureForm,
  });
  if (options.publish) await admin.request('POST', `/api/v1/form-versions/${form.json.id}/publish`);
  return { regimeId: regime.json.id as number, formId: form.json.formId as number, versionId: form.json.id as number };
}

const boardBody = (unitId: number) => ({
  unitId,
  title: { vi: 'Bảng của ma trận', en: 'Matrix board' },
  definition: { widgets: [] },
  shares: [],
});
/** A new board of `unitId`, made by the administrator. */
async function boardAt(admin: Client, unitId: number): Promise<number> {
  const made = await admin.request('POST', '/api/v1/dashboards', boardBody(unitId));
  if (made.status !== 201) throw new Error(`board: ${JSON.stringify(made.json)}`);
  return made.json.id as number;
}

/** A new direct-entry indicator made by the administrator. */
async function freshIndicator(admin: Client): Promise<number> {
  const made = await admin.request('POST', '/api/v1/indicators', indicatorBody(freshCode()));
  if (made.status !== 201) throw new Error(`indicator: ${JSON.stringify(made.json)}`);
  return made.json.id as number;
}
const indicatorBody = (code: string) => ({
  code,
  name: { vi: 'Chỉ tiêu của ma trận', en: 'Matrix indicator' },
  unitOfMeasure: 'người',
  frequency: 'year',
  area: 'social',
  source: 'direct',
  timeMethod: 'last',
  disaggregations: [],
  agencies: [{ validFrom: '2010-01-01', agency: 'Bộ Y tế' }],
});
let matrixIndicator: Promise<number> | null = null;
/** The indicator the matrix reads and enters values of (made once). */
const sharedIndicator = (admin: Client) => {
  matrixIndicator ??= (async () => {
    const id = await freshIndicator(admin);
    await admin.request('PUT', `/api/v1/indicators/${id}`, {
      ...indicatorBody(`MATRIX-IND`),
      version: 1,
    });
    return id;
  })();
  return matrixIndicator;
};

const MATRIX_HIERARCHY = 'nganh-ma-tran';
/** The sectoral hierarchy the placement routes use, made once by the administrator. */
async function matrixHierarchy(admin: Client): Promise<void> {
  const made = await admin.request('POST', '/api/v1/hierarchies', {
    code: MATRIX_HIERARCHY,
    nameVi: 'Hệ thống ngành của ma trận',
    nameEn: 'Matrix sector',
  });
  if (made.status !== 201 && made.status !== 409) throw new Error(`hierarchy: ${JSON.stringify(made.json)}`);
}

/** One directive per relation, issued by its unit, with one task its unit leads (made once, by the administrator). */
let relationTasks: Promise<Record<Relation, { directiveId: number; taskId: number }>> | null = null;
function tasksOfRelations(fx: Fixture, admin: Client) {
  relationTasks ??= (async () => {
    const made = {} as Record<Relation, { directiveId: number; taskId: number }>;
    for (const relation of relations) {
      const response = await admin.request('POST', '/api/v1/directives', {
        kind: 'decision',
        number: `${relation}/QĐ-MT`,
        issuedOn: '2024-03-01',
        issuerUnitId: fx.units[unitOf[relation]],
        summary: `Quyết định của ma trận (${relation})`,
        tasks: [{ title: `Nhiệm vụ ${relation}`, deadline: '2024-03-31', leadUnitId: fx.units[unitOf[relation]] }],
      });
      if (response.status !== 201) throw new Error(`directive: ${JSON.stringify(response.json)}`);
      made[relation] = { directiveId: response.json.id, taskId: response.json.taskIds[0] };
    }
    return made;
  })();
  return relationTasks;
}
/** One generated report per relation: a template for its unit and a version for March 2024 (made once, by the administrator). */
let relationDocuments: Promise<Record<Relation, { templateId: number; documentId: number }>> | null = null;
const documentTemplateOf = (fx: Fixture, relation: Relation, code: string) => ({
  code,
  name: `Báo cáo ma trận (${relation})`,
  regimeId: rg.regimeId,
  unitId: fx.units[unitOf[relation]],
  scheduleDay: null,
  definition: {
    periodType: 'month',
    issuer: { governingBody: '', agency: 'Đơn vị ma trận' },
    symbol: 'BC-MT',
    place: 'Hà Nội',
    title: `Báo cáo ma trận (${relation}) {ky_bao_cao}`,
    narrative: 'Tổng số hồ sơ {ho_so}.',
    values: [{ key: 'ho_so', field: `${rg.formId}:nhan`, label: 'Hồ sơ' }],
    tables: [],
    charts: [],
    compliance: false,
    recipients: [{ name: 'Văn phòng Chính phủ' }],
    signer: { authority: '', position: 'Chủ tịch', name: 'Nguyễn Văn A' },
  },
});
function documentsOfRelations(fx: Fixture, admin: Client) {
  relationDocuments ??= (async () => {
    const made = {} as Record<Relation, { templateId: number; documentId: number }>;
    for (const relation of relations) {
      const template = await admin.request(
        'POST',
        '/api/v1/document-templates',
        documentTemplateOf(fx, relation, `MT-${relation}`),
      );
      if (template.status !== 201) throw new Error(`document template: ${JSON.stringify(template.json)}`);
      const issued = await admin.request('POST', `/api/v1/document-templates/${template.json.id}/generate`, {
        periodId: '202403',
      });
      if (issued.status !== 200) throw new Error(`document: ${JSON.stringify(issued.json)}`);
      made[relation] = { templateId: template.json.id, documentId: issued.json.id };
    }
    return made;
  })();
  return relationDocuments;
}
/** The relations whose unit lies under the target's and in the caller's view. */
const relationsUnder = (actor: Actor, target: Relation) =>
  relations.filter((r) => subtreeOf(unitOf[target]).includes(unitOf[r]) && unitsOf(actor).includes(unitOf[r]));
/** A progress report of the relation's unit on its task, by the administrator. */
async function progressOf(fx: Fixture, admin: Client, relation: Relation): Promise<number> {
  const { taskId } = (await tasksOfRelations(fx, admin))[relation];
  const response = await admin.request('POST', `/api/v1/tasks/${taskId}/progress`, {
    unitId: fx.units[unitOf[relation]],
    note: 'Tiến độ của ma trận',
    percent: 10,
  });
  if (response.status !== 201) throw new Error(`progress: ${JSON.stringify(response.json)}`);
  return response.json.id;
}
const MATRIX_PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
const relationAttachments = new Map<Relation, Promise<number>>();
async function attachmentOf(fx: Fixture, admin: Client, relation: Relation): Promise<number> {
  if (!relationAttachments.has(relation))
    relationAttachments.set(
      relation,
      (async () => {
        const progressId = await progressOf(fx, admin, relation);
        const { contentType, payload } = multipartFile('bien-ban.pdf', MATRIX_PDF);
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/v1/tasks/progress/${progressId}/attachments`,
          headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': contentType },
          payload,
        });
        if (response.statusCode !== 201) throw new Error(`attachment: ${response.body}`);
        return response.json().id as number;
      })(),
    );
  return relationAttachments.get(relation)!;
}
async function taskListOf(fx: Fixture, relation: Relation): Promise<Buffer> {
  const unit = await t.db
    .selectFrom('units')
    .select('code')
    .where('id', '=', fx.units[unitOf[relation]])
    .executeTakeFirstOrThrow();
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Nhiệm vụ');
  sheet.addRow(['Nhiệm vụ', 'Thời hạn', 'Đơn vị chủ trì']);
  sheet.addRow(['Nhiệm vụ nhập từ tệp', '30/04/2024', unit.code]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

// Digital signatures: each relation's unit gets a certificate from the internal authority and a
// report of SIGN_DAY (a day no other entry uses), made and signed by the administrator once.
const SIGN_DAY = '20240314';
const relationCertificates = new Map<Relation, Promise<number>>();
function certificateOf(fx: Fixture, admin: Client, relation: Relation): Promise<number> {
  if (!relationCertificates.has(relation))
    relationCertificates.set(
      relation,
      (async () => {
        const issued = await admin.request('POST', '/api/v1/signing-certificates/issue', {
          unitId: fx.units[unitOf[relation]],
        });
        if (issued.status !== 201) throw new Error(`certificate: ${JSON.stringify(issued.json)}`);
        return issued.json.id as number;
      })(),
    );
  return relationCertificates.get(relation)!;
}
const relationRevisions = new Map<Relation, Promise<number>>();
function signableRevisionOf(fx: Fixture, admin: Client, relation: Relation): Promise<number> {
  if (!relationRevisions.has(relation))
    relationRevisions.set(
      relation,
      (async () => {
        await certificateOf(fx, admin, relation);
        const sent = await admin.request('POST', '/api/v1/reports/submit', {
          unitId: fx.units[unitOf[relation]],
          formId: rg.formId,
          period: SIGN_DAY,
          ...(relation === 'descendant' ? { values: { nhan: 7, duyet: 2 } } : {}),
        });
        if (sent.status !== 200) throw new Error(`signable report: ${JSON.stringify(sent.json)}`);
        const report = await admin.request(
          'GET',
          `/api/v1/reports?unitId=${fx.units[unitOf[relation]]}&formId=${rg.formId}&period=${SIGN_DAY}`,
        );
        return report.json.submission.currentRevision.id as number;
      })(),
    );
  return relationRevisions.get(relation)!;
}
const relationSignatures = new Map<Relation, Promise<number>>();
function signatureOf(fx: Fixture, admin: Client, relation: Relation): Promise<number> {
  if (!relationSignatures.has(relation))
    relationSignatures.set(
      relation,
      (async () => {
        const revisionId = await signableRevisionOf(fx, admin, relation);
        const signed = await admin.request('POST', `/api/v1/revisions/${revisionId}/signatures`, {});
        if (signed.status !== 201) throw new Error(`signature: ${JSON.stringify(signed.json)}`);
        return signed.json.id as number;
      })(),
    );
  return relationSignatures.get(relation)!;
}

const matrix: Record<string, Entry> = {
  'GET /api/health': { access: 'public', request: get('/api/health') },
  'GET /api/openapi.json': { access: 'public', request: get('/api/openapi.json') },
  'POST /api/v1/auth/login': {
    access: 'public',
    request: () => ({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { username: 'viewer.t2', password: FIXTURE_PASSWORD },
    }),
  },
  'GET /api/v1/auth/sign-in-methods': {
    access: 'public',
    request: get('/api/v1/auth/sign-in-methods'),
  },
  // The identity provider's steps are browser navigations: they answer with redirects (here, with no
  // provider configured, back to the sign-in page with the reason), whoever calls.
  'GET /api/v1/auth/oidc/start': {
    access: 'public',
    outcome: () => ({ status: 302 }),
    request: get('/api/v1/auth/oidc/start'),
  },
  'GET /api/v1/auth/oidc/callback': {
    access: 'public',
    outcome: () => ({ status: 302 }),
    request: get('/api/v1/auth/oidc/callback?code=c&state=s'),
  },
  'POST /api/v1/auth/second-factor': {
    access: 'authenticated',
    // Only a session waiting for its second factor may complete it; the others have no code to match.
    outcome: () => ({ status: 401, code: 'TOTP_INVALID' }),
    request: () => ({ method: 'POST', url: '/api/v1/auth/second-factor', body: { code: '123456' } }),
  },
  'POST /api/v1/auth/logout': {
    access: 'authenticated',
    write: true,
    request: call('POST', '/api/v1/auth/logout'),
  },
  'GET /api/v1/auth/me': { access: 'authenticated', request: get('/api/v1/auth/me') },
  'POST /api/v1/auth/password': {
    access: 'authenticated',
    // The wrong current password makes it a refusal for every caller.
    outcome: () => ({ status: 401, code: 'INVALID_CREDENTIALS' }),
    request: () => ({
      method: 'POST',
      url: '/api/v1/auth/password',
      body: { currentPassword: 'not-the-password', newPassword: 'mot-mat-khau-moi-du-dai' },
    }),
  },
  'POST /api/v1/auth/totp/setup': {
    access: 'authenticated',
    request: call('POST', '/api/v1/auth/totp/setup'),
  },
  'POST /api/v1/auth/totp/enable': {
    access: 'authenticated',
    // A wrong code.
    outcome: () => ({ status: 401, code: 'TOTP_INVALID' }),
    request: () => ({ method: 'POST', url: '/api/v1/auth/totp/enable', body: { code: '000000' } }),
  },
  'POST /api/v1/auth/totp/disable': {
    access: 'authenticated',
    // No caller has two-factor sign-in to disable.
    outcome: () => ({ status: 409, code: 'INVALID_STATE' }),
    request: () => ({ method: 'POST', url: '/api/v1/auth/totp/disable', body: { password: 'x', code: '000000' } }),
  },
  'GET /api/v1/hierarchies': {
    access: 'units.read',
    request: get('/api/v1/hierarchies'),
    rows: (json, actor, fx) => ({
      actual: json.flatMap((h: any) => h.rootIds.map(String)),
      expected: rootsOf(actor, 'view').map((u) => String(fx.units[u])),
    }),
  },
  // Hierarchies are shared by every unit: only a system administrator creates or renames them (a
  // token is never one).
  'POST /api/v1/hierarchies': {
    access: 'units.manage',
    write: true,
    outcome: (actor) => (isAdmin(actor) ? CREATED : FORBIDDEN),
    request: () => ({
      method: 'POST',
      url: '/api/v1/hierarchies',
      body: { code: `m${Math.floor(Math.random() * 1e9)}`, nameVi: 'Hệ thống ngành', nameEn: 'Sector' },
    }),
  },
  'PATCH /api/v1/hierarchies/:code': {
    access: 'units.manage',
    write: true,
    outcome: (actor) => (isAdmin(actor) ? OK : FORBIDDEN),
    request: async ({ admin }) => {
      await matrixHierarchy(admin);
      return { method: 'PATCH', url: `/api/v1/hierarchies/${MATRIX_HIERARCHY}`, body: { nameEn: 'Sector line' } };
    },
  },
  'GET /api/v1/units/:id/parents': {
    access: 'units.read',
    target: 'view',
    request: get(({ fx, relation }) => `/api/v1/units/${fx.units[unitOf[relation]]}/parents`),
    rows: (json, _actor, fx, relation) => ({
      actual: json.map((p: any) => String(p.parentId)),
      expected: fixtureUnits
        .filter((u) => u.key === unitOf[relation] && u.parent !== null)
        .map((u) => String(fx.units[u.parent as UnitKey])),
    }),
  },
  // Places a new unit, made by the administrator under the target, under the target in a sectoral
  // hierarchy: the caller must change both, and the new unit lies in the target's subtree.
  'POST /api/v1/units/:id/parents': {
    access: 'units.manage',
    target: 'capture',
    write: true,
    outcome: () => CREATED,
    request: async ({ fx, relation, admin }) => {
      await matrixHierarchy(admin);
      const parentId = fx.units[unitOf[relation]];
      const unit = await admin.request('POST', '/api/v1/units', {
        code: `P${relation}${Math.floor(Math.random() * 1e6)}`,
        name: 'Đơn vị ngành',
        kind: 'treasury_district',
        parentId,
        validFrom: '2020-01-01',
      });
      return {
        method: 'POST',
        url: `/api/v1/units/${unit.json.id}/parents`,
        body: { hierarchy: MATRIX_HIERARCHY, parentId, validFrom: '2024-01-01' },
      };
    },
  },
  'GET /api/v1/units': {
    access: 'units.read',
    request: get('/api/v1/units?limit=500'),
    rows: (json, actor) => ({ actual: json.items.map((u: any) => u.code), expected: unitsOf(actor) }),
  },
  'GET /api/v1/units/:id': {
    access: 'units.read',
    target: 'view',
    request: get(({ fx, relation }) => `/api/v1/units/${fx.units[unitOf[relation]]}`),
  },
  'GET /api/v1/units/:id/children': {
    access: 'units.read',
    target: 'view',
    request: get(({ fx, relation }) => `/api/v1/units/${fx.units[unitOf[relation]]}/children`),
    rows: (json, _actor, fx, relation) => ({
      actual: json.items.map((u: any) => String(u.id)),
      expected: fixtureUnits.filter((u) => u.parent === unitOf[relation]).map((u) => String(fx.units[u.key])),
    }),
  },
  'POST /api/v1/units': {
    access: 'units.manage',
    target: 'capture',
    write: true,
    outcome: () => CREATED,
    request: ({ fx, relation }) => ({
      method: 'POST',
      url: '/api/v1/units',
      body: {
        code: `M${relation}${Math.floor(Math.random() * 1e6)}`,
        name: 'UBND xã Mới',
        kind: 'ubnd_commune',
        parentId: fx.units[unitOf[relation]],
      },
    }),
  },
  'PATCH /api/v1/units/:id': {
    access: 'units.manage',
    target: 'capture',
    write: true,
    request: patchAtVersion(({ fx, relation }) => `/api/v1/units/${fx.units[unitOf[relation]]}`, { nameEn: 'Renamed' }),
  },
  'GET /api/v1/users': {
    access: 'users.read',
    request: get('/api/v1/users?limit=500'),
    rows: (json, actor) => ({
      actual: json.items.map((u: any) => u.username),
      expected: accountsIn(unitsOf(actor)),
    }),
  },
  'GET /api/v1/users/:id': {
    access: 'users.read',
    target: 'view',
    request: get(({ fx, relation }) => `/api/v1/users/${fx.users[userOf[relation]]}`),
  },
  'POST /api/v1/users': {
    access: 'users.manage',
    target: 'capture',
    write: true,
    outcome: () => CREATED,
    request: ({ fx, relation }) => ({
      method: 'POST',
      url: '/api/v1/users',
      body: {
        username: `moi.${relation}.${Math.floor(Math.random() * 1e9)}`,
        displayName: 'Người dùng mới',
        unitId: fx.units[unitOf[relation]],
        roles: ['viewer'],
      },
    }),
  },
  'PATCH /api/v1/users/:id': {
    access: 'users.manage',
    target: 'capture',
    write: true,
    request: patchAtVersion(({ fx, relation }) => `/api/v1/users/${fx.users[userOf[relation]]}`, {
      displayName: 'Đã sửa',
    }),
  },
  'POST /api/v1/users/:id/disable': {
    access: 'users.manage',
    target: 'capture',
    write: true,
    request: call('POST', ({ fx, relation }) => `/api/v1/users/${fx.users[userOf[relation]]}/disable`),
  },
  'POST /api/v1/users/:id/enable': {
    access: 'users.manage',
    target: 'capture',
    write: true,
    request: call('POST', ({ fx, relation }) => `/api/v1/users/${fx.users[userOf[relation]]}/enable`),
  },
  'POST /api/v1/users/:id/reset-password': {
    access: 'users.manage',
    target: 'capture',
    write: true,
    request: call('POST', ({ fx, relation }) => `/api/v1/users/${fx.users[userOf[relation]]}/reset-password`),
  },
  'POST /api/v1/users/import': {
    access: 'users.manage',
    target: 'capture',
    write: true,
    outcome: () => CREATED,
    // A file is checked whole and its problems reported by row (422), an out-of-scope unit code as an
    // unknown one (users.int.test.ts): the import never tells which codes exist outside the caller's view.
    outOfScope: { status: 422, code: 'IMPORT_FAILED' },
    request: ({ relation }) => ({
      method: 'POST',
      url: '/api/v1/users/import',
      multipart: {
        fileName: 'users.csv',
        content: `username,display_name,unit_code,roles\nnhap.${relation}.${Math.floor(Math.random() * 1e9)},Cán bộ nhập,${unitOf[relation]},viewer\n`,
      },
    }),
  },
  'GET /api/v1/tokens': {
    access: 'tokens.manage',
    request: get('/api/v1/tokens'),
  },
  'POST /api/v1/tokens': {
    access: 'tokens.manage',
    target: 'capture',
    write: true,
    outcome: () => CREATED,
    request: ({ fx, relation }) => ({
      method: 'POST',
      url: '/api/v1/tokens',
      body: {
        userId: fx.users[serviceOf[relation]],
        name: 'Hệ thống chuyên ngành',
        unitIds: [fx.units[unitOf[relation]]],
        permissions: ['data.read'],
        expiresInDays: 30,
      },
    }),
  },
  'POST /api/v1/tokens/:id/revoke': {
    access: 'tokens.manage',
    target: 'capture',
    write: true,
    request: async ({ fx, relation, admin }) => {
      const created = await admin.request('POST', '/api/v1/tokens', {
        userId: fx.users[serviceOf[relation]],
        name: 'Để thu hồi',
        unitIds: [fx.units[unitOf[relation]]],
        permissions: ['data.read'],
        expiresInDays: 1,
      });
      return { method: 'POST', url: `/api/v1/tokens/${created.json.view.id}/revoke` };
    },
  },
  'GET /api/v1/audit': {
    access: 'audit.read',
    target: 'view',
    request: get(({ fx, relation }) => `/api/v1/audit?unitId=${fx.units[unitOf[relation]]}`),
    // Only rows about the asked unit's subtree (the rows themselves grow as the matrix runs).
    rows: (json, _actor, fx, relation) => {
      const subtree = subtreeOf(unitOf[relation]).map((u) => fx.units[u]);
      return {
        actual: json.items.filter((r: any) => !subtree.includes(r.unitId)).map((r: any) => String(r.id)),
        expected: [],
      };
    },
  },
  'GET /api/v1/settings/security': {
    access: 'settings.manage',
    request: get('/api/v1/settings/security'),
  },
  'PATCH /api/v1/settings/security': {
    access: 'settings.manage',
    write: true,
    request: () => ({ method: 'PATCH', url: '/api/v1/settings/security', body: { lockoutMinutes: 15 } }),
  },
  'GET /api/v1/my-reports': {
    access: 'data.read',
    target: 'view',
    request: get(({ fx, relation }) => `/api/v1/my-reports?unitId=${fx.units[unitOf[relation]]}&date=2024-03-15`),
  },
  'GET /api/v1/reports': {
    access: 'data.read',
    target: 'view',
    request: get(({ fx, relation }) => `/api/v1/reports?${reportQuery(fx, relation)}`),
  },
  'PUT /api/v1/reports/draft': {
    access: 'data.enter',
    target: 'capture',
    write: true,
    request: async ({ fx, relation, admin }) => {
      const current = await admin.request('GET', `/api/v1/reports?${reportQuery(fx, relation)}`);
      return {
        method: 'PUT',
        url: '/api/v1/reports/draft',
        body: { ...reportKey(fx, relation), values: {}, baseVersion: current.json.submission?.draftVersion ?? 0 },
      };
    },
  },
  'POST /api/v1/reports/submit': {
    access: 'data.submit',
    target: 'capture',
    write: true,
    request: ({ fx, relation }) => ({
      method: 'POST',
      url: '/api/v1/reports/submit',
      body: { ...reportKey(fx, relation), ...(relation === 'descendant' ? { values: { nhan: 5, duyet: 1 } } : {}) },
    }),
  },
  'POST /api/v1/submissions/:id/review': {
    access: 'data.review',
    target: 'capture',
    write: true,
    // Only the direct consolidator reviews: H1 reviews X1's report; H1's own report is T1's to review.
    outcome: (actor, relation) =>
      !isAdmin(actor) && relation === 'own' ? { status: 403, code: 'NOT_DIRECT_REVIEWER' } : OK,
    request: async ({ fx, relation, admin }) => {
      const current = await admin.request('GET', `/api/v1/reports?${reportQuery(fx, relation)}`);
      if (current.json.submission?.state === 'accepted')
        await admin.request('POST', `/api/v1/submissions/${current.json.submission.id}/review`, {
          action: 'return',
          reason: 'Làm lại',
        });
      const sent = await admin.request('POST', '/api/v1/reports/submit', {
        ...reportKey(fx, relation),
        ...(relation === 'descendant' ? { values: { nhan: 5, duyet: 1 } } : {}),
      });
      return {
        method: 'POST',
        url: `/api/v1/submissions/${sent.json.submissionId}/review`,
        body: { action: 'accept' },
      };
    },
  },
  'POST /api/v1/period-locks': {
    access: 'data.review',
    write: true,
    outcome: recipientOnly,
    request: () => ({
      method: 'POST',
      url: '/api/v1/period-locks',
      body: { regimeId: rg.regimeId, period: '20240301', locked: true, reason: 'Chốt số' },
    }),
  },
  'GET /api/v1/period-unlock-requests': {
    access: 'data.read',
    request: async ({ fx, admin }) => {
      // The period is locked and X1 (in H1's subtree) and H2 (a sibling) have asked to unlock it.
      await admin.request('POST', '/api/v1/period-locks', {
        regimeId: rg.regimeId,
        period: UNLOCK_DAY,
        locked: true,
        reason: 'Chốt số',
      });
      for (const unit of ['X1', 'H2'] as const)
        await admin.request('POST', '/api/v1/period-unlock-requests', {
          regimeId: rg.regimeId,
          period: UNLOCK_DAY,
          unitId: fx.units[unit],
          reason: 'Cần sửa số liệu',
        });
      return { method: 'GET', url: `/api/v1/period-unlock-requests?regimeId=${rg.regimeId}&period=${UNLOCK_DAY}` };
    },
    // Those who may lock the period see every request; the others, their subtree's.
    rows: (json, actor, fx) => ({
      actual: json.items.map((i: { unit: { id: number } }) => String(i.unit.id)),
      expected: (['X1', 'H2'] as const).filter((u) => unitsOf(actor).includes(u)).map((u) => String(fx.units[u])),
    }),
  },
  'POST /api/v1/period-unlock-requests': {
    access: 'data.enter',
    target: 'capture',
    write: true,
    request: async ({ fx, relation, admin }) => ({
      method: 'POST',
      url: '/api/v1/period-unlock-requests',
      body: {
        regimeId: rg.regimeId,
        period: await freshLockedDay(admin),
        unitId: fx.units[unitOf[relation]],
        reason: 'Cần sửa số liệu',
      },
    }),
  },
  'POST /api/v1/period-unlock-requests/:id/decision': {
    access: 'data.review',
    write: true,
    // A request of X1, which every caller but token_read sees.
    outcome: recipientOnly,
    request: async ({ fx, admin }) => {
      const requested = await admin.request('POST', '/api/v1/period-unlock-requests', {
        regimeId: rg.regimeId,
        period: await freshLockedDay(admin),
        unitId: fx.units.X1,
        reason: 'Cần sửa số liệu',
      });
      return {
        method: 'POST',
        url: `/api/v1/period-unlock-requests/${requested.json.id}/decision`,
        body: { grant: false, reason: 'Số liệu đã chốt' },
      };
    },
  },
  'GET /api/v1/consolidation': {
    access: 'data.read',
    target: 'view',
    outcome: consolidating(OK),
    request: get(({ fx, relation }) => `/api/v1/consolidation?${reportQuery(fx, relation)}`),
  },
  'GET /api/v1/consolidation/drilldown': {
    access: 'data.read',
    target: 'view',
    outcome: consolidating(OK),
    request: get(({ fx, relation }) => `/api/v1/consolidation/drilldown?${reportQuery(fx, relation)}&cell=nhan`),
  },
  'POST /api/v1/consolidation/adjustments': {
    access: 'data.submit',
    target: 'capture',
    write: true,
    outcome: consolidating(CREATED),
    request: ({ fx, relation }) => ({
      method: 'POST',
      url: '/api/v1/consolidation/adjustments',
      body: { ...reportKey(fx, relation), cellKey: 'tien', delta: 1, reason: 'Điều chỉnh thử' },
    }),
  },
  'POST /api/v1/reports/upload': {
    access: 'data.enter',
    target: 'capture',
    write: true,
    request: async ({ fx, relation, admin }) => {
      const template = await t.app.inject({
        method: 'GET',
        url: `/api/v1/form-versions/${rg.versionId}/template.xlsx?unitId=${fx.units[unitOf[relation]]}&period=${REPORT_DAY}`,
        headers: { cookie: admin.cookie },
      });
      return {
        method: 'POST',
        url: `/api/v1/reports/upload?${reportQuery(fx, relation)}`,
        multipart: { fileName: 'mau.xlsx', content: template.rawPayload },
      };
    },
  },
  // Compliance: the board and statistics of a root in the caller's view list the units the regime
  // expects there (communes enter; districts and provinces send their consolidation up).
  'GET /api/v1/compliance/board': {
    access: 'data.read',
    target: 'view',
    request: get(
      ({ fx, relation }) =>
        `/api/v1/compliance/board?regimeId=${rg.regimeId}&periodId=${REPORT_DAY}&unitId=${fx.units[unitOf[relation]]}`,
    ),
    rows: (json, _actor, fx, relation) => ({
      actual: json.rows.map((r: { unit: { id: number } }) => String(r.unit.id)),
      expected: expectedUnder(fx, unitOf[relation]),
    }),
  },
  // What the page opens on: computed from the caller's own view root only (no parameter to reach another).
  'GET /api/v1/compliance/default': {
    access: 'data.read',
    request: get('/api/v1/compliance/default'),
  },
  'GET /api/v1/compliance/board.xlsx': {
    access: 'data.read',
    target: 'view',
    request: get(
      ({ fx, relation }) =>
        `/api/v1/compliance/board.xlsx?regimeId=${rg.regimeId}&periodId=${REPORT_DAY}&unitId=${fx.units[unitOf[relation]]}`,
    ),
  },
  'GET /api/v1/compliance/stats': {
    access: 'data.read',
    target: 'view',
    request: get(
      ({ fx, relation }) =>
        `/api/v1/compliance/stats?regimeId=${rg.regimeId}&from=20240310&to=${REPORT_DAY}&unitId=${fx.units[unitOf[relation]]}`,
    ),
    rows: (json, _actor, fx, relation) => ({
      actual: json.units.map((r: { unit: { id: number } }) => String(r.unit.id)),
      expected: expectedUnder(fx, unitOf[relation]),
    }),
  },
  'GET /api/v1/compliance/exemptions': {
    access: 'data.read',
    request: async ({ fx, admin }) => {
      for (const unit of ['X1', 'H2'] as const)
        await admin.request('POST', '/api/v1/compliance/exemptions', {
          regimeId: rg.regimeId,
          unitId: fx.units[unit],
          periodFrom: '20230101',
          periodTo: '20230105',
          reason: 'Đơn vị tạm dừng hoạt động',
        });
      return { method: 'GET', url: `/api/v1/compliance/exemptions?regimeId=${rg.regimeId}` };
    },
    rows: (json, actor, fx) => ({
      actual: [...new Set(json.items.map((i: { unit: { id: number } }) => String(i.unit.id)))] as string[],
      expected: (['X1', 'H2'] as const).filter((u) => unitsOf(actor).includes(u)).map((u) => String(fx.units[u])),
    }),
  },
  'POST /api/v1/compliance/exemptions': {
    access: 'data.review',
    target: 'capture',
    write: true,
    outcome: () => CREATED,
    request: ({ fx, relation }) => ({
      method: 'POST',
      url: '/api/v1/compliance/exemptions',
      body: { regimeId: rg.regimeId, unitId: fx.units[unitOf[relation]], periodFrom: '20230201', reason: 'Miễn thử' },
    }),
  },
  'DELETE /api/v1/compliance/exemptions/:id': {
    access: 'data.review',
    target: 'capture',
    write: true,
    request: async ({ fx, relation, admin }) => {
      const made = await admin.request('POST', '/api/v1/compliance/exemptions', {
        regimeId: rg.regimeId,
        unitId: fx.units[unitOf[relation]],
        periodFrom: '20230301',
        periodTo: '20230302',
        reason: 'Miễn thử',
      });
      return { method: 'DELETE', url: `/api/v1/compliance/exemptions/${made.json.id}` };
    },
  },
  // Analytics: the fields of the regimes a caller sees; a query of units in the caller's view.
  'GET /api/v1/analytics/fields': {
    access: 'data.read',
    request: get(() => `/api/v1/analytics/fields?formId=${rg.formId}`),
    rows: (json) => ({
      actual: json.items.map((f: { id: string }) => f.id),
      expected: ['nhan', 'duyet', 'tien', 'ty_le'].map((code) => `${rg.formId}:${code}`),
    }),
  },
  'POST /api/v1/analytics/query': {
    access: 'data.read',
    target: 'view',
    request: ({ fx, relation }) => ({
      method: 'POST',
      url: '/api/v1/analytics/query',
      body: {
        fields: [`${rg.formId}:nhan`],
        units: { ids: [fx.units[unitOf[relation]]] },
        periods: { type: 'day', ids: [REPORT_DAY] },
      },
    }),
    rows: (json, _actor, fx, relation) => ({
      actual: json.units.map((u: { id: number }) => String(u.id)),
      expected: [String(fx.units[unitOf[relation]])],
    }),
  },
  // Data quality: the view of a root in the caller's view (its root is the unit asked for).
  'GET /api/v1/quality': {
    access: 'data.read',
    target: 'view',
    request: get(
      ({ fx, relation }) =>
        `/api/v1/quality?regimeId=${rg.regimeId}&periodId=${REPORT_DAY}&unitId=${fx.units[unitOf[relation]]}`,
    ),
    rows: (json, _actor, fx, relation) => ({
      actual: [String(json.root.id)],
      expected: [String(fx.units[unitOf[relation]])],
    }),
  },
  // Dashboards: read with the data, built by those who manage the board's unit.
  'GET /api/v1/dashboards': {
    access: 'data.read',
    request: get('/api/v1/dashboards'),
  },
  'GET /api/v1/dashboards/:id': {
    access: 'data.read',
    target: 'view',
    request: async ({ admin, fx, relation }) => ({
      method: 'GET',
      url: `/api/v1/dashboards/${await boardAt(admin, fx.units[unitOf[relation]])}`,
    }),
  },
  'POST /api/v1/dashboards': {
    access: 'dashboards.manage',
    target: 'capture',
    write: true,
    outcome: () => CREATED,
    request: ({ fx, relation }) => ({
      method: 'POST',
      url: '/api/v1/dashboards',
      body: boardBody(fx.units[unitOf[relation]]),
    }),
  },
  'PUT /api/v1/dashboards/:id': {
    access: 'dashboards.manage',
    target: 'capture',
    write: true,
    request: async ({ admin, fx, relation }) => {
      const unitId = fx.units[unitOf[relation]];
      return {
        method: 'PUT',
        url: `/api/v1/dashboards/${await boardAt(admin, unitId)}`,
        body: { ...boardBody(unitId), version: 1 },
      };
    },
  },
  'DELETE /api/v1/dashboards/:id': {
    access: 'dashboards.manage',
    target: 'capture',
    write: true,
    request: async ({ admin, fx, relation }) => ({
      method: 'DELETE',
      url: `/api/v1/dashboards/${await boardAt(admin, fx.units[unitOf[relation]])}`,
    }),
  },
  // Events and webhooks: the stream of the caller's units; subscriptions are their owner's (404 to others).
  'GET /api/v1/events': {
    access: 'data.read',
    request: get('/api/v1/events'),
  },
  'GET /api/v1/webhooks': {
    access: 'data.read',
    request: get('/api/v1/webhooks'),
  },
  'POST /api/v1/webhooks': {
    access: 'data.read',
    target: 'view',
    write: true,
    outcome: () => CREATED,
    request: ({ fx, relation }) => ({
      method: 'POST',
      url: '/api/v1/webhooks',
      body: { url: 'http://127.0.0.1:9/hook', eventTypes: ['report.submitted'], unitIds: [fx.units[unitOf[relation]]] },
    }),
  },
  'PATCH /api/v1/webhooks/:id': {
    access: 'data.read',
    write: true,
    outcome: (actor) => (isAdmin(actor) ? OK : NOT_FOUND),
    request: async ({ admin, fx }) => ({
      method: 'PATCH',
      url: `/api/v1/webhooks/${await adminWebhook(admin, fx)}`,
      body: { active: false },
    }),
  },
  'GET /api/v1/webhooks/:id/deliveries': {
    access: 'data.read',
    outcome: (actor) => (isAdmin(actor) ? OK : NOT_FOUND),
    request: async ({ admin, fx }) => ({
      method: 'GET',
      url: `/api/v1/webhooks/${await adminWebhook(admin, fx)}/deliveries`,
    }),
  },
  'POST /api/v1/webhooks/:id/deliveries/:deliveryId/redeliver': {
    access: 'data.read',
    write: true,
    // No such delivery: the administrator's own subscription answers 404 on deliveryId, others' 404 outright.
    outcome: () => NOT_FOUND,
    request: async ({ admin, fx }) => ({
      method: 'POST',
      url: `/api/v1/webhooks/${await adminWebhook(admin, fx)}/deliveries/999999/redeliver`,
    }),
  },
  'GET /api/v1/live': {
    access: 'data.read',
    stream: true,
    request: get('/api/v1/live'),
  },
  // Notices: each caller's own inbox and preferences; the delivery log of the units in view.
  'GET /api/v1/notices': {
    access: 'authenticated',
    request: get('/api/v1/notices'),
  },
  'GET /api/v1/notices/unread-count': {
    access: 'authenticated',
    request: get('/api/v1/notices/unread-count'),
  },
  'POST /api/v1/notices/:id/read': {
    access: 'authenticated',
    write: true,
    // A notice of the administrator: another person's notice is not found.
    outcome: (actor) => (isAdmin(actor) ? OK : NOT_FOUND),
    request: async ({ fx }) => ({ method: 'POST', url: `/api/v1/notices/${await noticeFor(fx.users.admin!)}/read` }),
  },
  'POST /api/v1/notices/read-all': {
    access: 'authenticated',
    write: true,
    request: call('POST', '/api/v1/notices/read-all'),
  },
  'GET /api/v1/notices/preferences': {
    access: 'authenticated',
    request: get('/api/v1/notices/preferences'),
  },
  'PUT /api/v1/notices/preferences': {
    access: 'authenticated',
    write: true,
    request: () => ({
      method: 'PUT',
      url: '/api/v1/notices/preferences',
      body: { items: [{ kind: 'deadline_reminder', inbox: true, email: false }] },
    }),
  },
  'GET /api/v1/notices/deliveries': {
    access: 'audit.read',
    request: async ({ fx }) => {
      if (!deliveriesSeeded) {
        deliveriesSeeded = true;
        for (const relation of relations) {
          const noticeId = await noticeFor(fx.users[userOf[relation]]!);
          await t.db
            .insertInto('emailDeliveries')
            .values({ noticeId, toAddress: `${relation}@example.gov.vn`, subject: 'Thử', body: 'Thử' })
            .execute();
        }
      }
      return { method: 'GET', url: '/api/v1/notices/deliveries?limit=500' };
    },
    rows: (json, actor) => ({
      actual: json.items.map((d: { toAddress: string }) => d.toAddress).sort(),
      expected: relations
        .filter((r) => isAdmin(actor) || sees(actor, r))
        .map((r) => `${r}@example.gov.vn`)
        .sort(),
    }),
  },
  'GET /api/v1/notices/not-submitted': {
    access: 'data.read',
    target: 'view',
    request: get(
      ({ fx, relation }) =>
        `/api/v1/notices/not-submitted?regimeId=${rg.regimeId}&period=${REPORT_DAY}&unitId=${fx.units[unitOf[relation]]}`,
    ),
  },
  'POST /api/v1/notices/reminders': {
    access: 'data.submit',
    target: 'capture',
    write: true,
    // A day of its own for each call, so the rate limit of an earlier call does not answer.
    request: ({ fx, relation }) => ({
      method: 'POST',
      url: '/api/v1/notices/reminders',
      body: { regimeId: rg.regimeId, period: freshReminderDay(), unitId: fx.units[unitOf[relation]] },
    }),
  },
  // Regimes, forms and versions: every holder of regimes.read reads (published only), system administrators write.
  'GET /api/v1/regimes': {
    access: 'regimes.read',
    request: get('/api/v1/regimes?limit=500'),
    rows: (json) => ({ actual: json.items.map((r: any) => String(r.id)), expected: [String(rg.regimeId)] }),
  },
  'GET /api/v1/regimes/:id': {
    access: 'regimes.read',
    request: get(() => `/api/v1/regimes/${rg.regimeId}`),
  },
  'POST /api/v1/regimes': {
    access: 'regimes.manage',
    write: true,
    outcome: () => CREATED,
    request: () => ({ method: 'POST', url: '/api/v1/regimes', body: { code: freshCode(), definition: fixtureRegime } }),
  },
  'PUT /api/v1/regimes/:id': {
    access: 'regimes.manage',
    write: true,
    request: async ({ admin }) => {
      const { regimeId } = await freshRegime(admin);
      return { method: 'PUT', url: `/api/v1/regimes/${regimeId}`, body: { version: 1, definition: fixtureRegime } };
    },
  },
  'POST /api/v1/regimes/:id/activate': {
    access: 'regimes.manage',
    write: true,
    request: async ({ admin }) => {
      const { regimeId } = await freshRegime(admin, { form: true, publish: true });
      return { method: 'POST', url: `/api/v1/regimes/${regimeId}/activate`, body: { version: 1 } };
    },
  },
  'POST /api/v1/regimes/:id/retire': {
    access: 'regimes.manage',
    write: true,
    request: async ({ admin }) => {
      const { regimeId } = await freshRegime(admin);
      return { method: 'POST', url: `/api/v1/regimes/${regimeId}/retire`, body: { version: 1 } };
    },
  },
  'GET /api/v1/regimes/:id/versions': {
    access: 'regimes.read',
    request: get(() => `/api/v1/regimes/${rg.regimeId}/versions`),
  },
  'GET /api/v1/regimes/:id/versions/diff': {
    access: 'regimes.read',
    request: get(() => `/api/v1/regimes/${rg.regimeId}/versions/diff?from=1&to=1`),
  },
  'GET /api/v1/regimes/:id/versions/:number': {
    access: 'regimes.read',
    request: get(() => `/api/v1/regimes/${rg.regimeId}/versions/1`),
  },
  'GET /api/v1/regimes/:id/schedule': {
    access: 'regimes.read',
    request: get(() => `/api/v1/regimes/${rg.regimeId}/schedule?period=${REPORT_DAY}`),
  },
  'POST /api/v1/regimes/:id/forms': {
    access: 'regimes.manage',
    write: true,
    outcome: () => CREATED,
    request: async ({ admin }) => {
      const { regimeId } = await freshRegime(admin);
      return {
        method: 'POST',
        url: `/api/v1/regimes/${regimeId}/forms`,
        body: { code: 'B01', title: { vi: 'Biểu 01', en: 'Form 01' } },
      };
    },
  },
  'PUT /api/v1/regimes/:id/forms/order': {
    access: 'regimes.manage',
    write: true,
    request: async ({ admin }) => {
      const { regimeId, formId } = await freshRegime(admin, { form: true });
      return { method: 'PUT', url: `/api/v1/regimes/${regimeId}/forms/order`, body: { formIds: [formId] } };
    },
  },
  'GET /api/v1/forms/:id': {
    access: 'regimes.read',
    request: get(() => `/api/v1/forms/${rg.formId}`),
  },
  'POST /api/v1/forms/:id/versions': {
    access: 'regimes.manage',
    write: true,
    outcome: () => CREATED,
    request: async ({ admin }) => {
      const { formId } = await freshRegime(admin, { form: true, publish: true });
      return { method: 'POST', url: `/api/v1/forms/${formId}/versions` };
    },
  },
  'GET /api/v1/form-versions/:id': {
    access: 'regimes.read',
    request: get(() => `/api/v1/form-versions/${rg.versionId}`),
  },
  'PUT /api/v1/form-versions/:id': {
    access: 'regimes.manage',
    write: true,
    request: async ({ admin }) => {
      const { versionId } = await freshRegime(admin, { form: true });
      return { method: 'PUT', url: `/api/v1/form-versions/${versionId}`, body: { definition: fixtureForm } };
    },
  },
  'DELETE /api/v1/form-versions/:id': {
    access: 'regimes.manage',
    write: true,
    request: async ({ admin }) => {
      const { formId } = await freshRegime(admin, { form: true, publish: true });
      const draft = await admin.request('POST', `/api/v1/forms/${formId}/versions`);
      return { method: 'DELETE', url: `/api/v1/form-versions/${draft.json.id}` };
    },
  },
  'POST /api/v1/form-versions/:id/validate': {
    access: 'regimes.read',
    request: () => ({ method: 'POST', url: `/api/v1/form-versions/${rg.versionId}/validate`, body: {} }),
  },
  'POST /api/v1/form-versions/:id/publish': {
    access: 'regimes.manage',
    write: true,
    request: async ({ admin }) => {
      const { versionId } = await freshRegime(admin, { form: true });
      return { method: 'POST', url: `/api/v1/form-versions/${versionId}/publish` };
    },
  },
  'GET /api/v1/form-versions/:id/diff': {
    access: 'regimes.read',
    request: get(() => `/api/v1/form-versions/${rg.versionId}/diff`),
  },
  'GET /api/v1/form-versions/:id/template.xlsx': {
    access: 'regimes.read',
    // The template is filled with the unit's name: the unit must be in the caller's view.
    target: 'view',
    request: get(
      ({ fx, relation }) =>
        `/api/v1/form-versions/${rg.versionId}/template.xlsx?unitId=${fx.units[unitOf[relation]]}&period=${REPORT_DAY}`,
    ),
  },
  'POST /api/v1/expressions/evaluate': {
    access: 'regimes.read',
    request: () => ({
      method: 'POST',
      url: '/api/v1/expressions/evaluate',
      body: { expression: '#{a} + 1', values: { a: 1 } },
    }),
  },
  'GET /api/v1/demo/history': {
    access: 'data.read',
    request: get('/api/v1/demo/history'),
  },
  'GET /api/v1/holidays': {
    access: 'regimes.read',
    request: get('/api/v1/holidays?year=2024'),
  },
  'PUT /api/v1/holidays/:date': {
    access: 'regimes.manage',
    write: true,
    request: () => ({ method: 'PUT', url: '/api/v1/holidays/2030-03-08', body: { nameVi: 'Ngày nghỉ thử' } }),
  },
  'DELETE /api/v1/holidays/:date': {
    access: 'regimes.manage',
    write: true,
    request: async ({ admin }) => {
      await admin.request('PUT', '/api/v1/holidays/2030-03-09', { nameVi: 'Ngày nghỉ để xóa' });
      return { method: 'DELETE', url: '/api/v1/holidays/2030-03-09' };
    },
  },
  // Generated reports: templates and versions of the units in the caller's view; templates made by
  // those who manage regimes for units they change; reports issued by reviewers for units they change.
  'GET /api/v1/document-templates': {
    access: 'data.read',
    target: 'view',
    request: async ({ fx, relation, admin }) => {
      await documentsOfRelations(fx, admin);
      return { method: 'GET', url: `/api/v1/document-templates?unitId=${fx.units[unitOf[relation]]}` };
    },
    rows: (json, actor, _fx, relation) => ({
      actual: json.items.map((i: { code: string }) => i.code).filter((c: string) => /^MT-[a-z]+$/.test(c)),
      expected: relationsUnder(actor, relation)
        .map((r) => `MT-${r}`)
        .sort(),
    }),
  },
  'GET /api/v1/document-templates/:id': {
    access: 'data.read',
    target: 'view',
    request: async ({ fx, relation, admin }) => ({
      method: 'GET',
      url: `/api/v1/document-templates/${(await documentsOfRelations(fx, admin))[relation].templateId}`,
    }),
  },
  'POST /api/v1/document-templates': {
    access: 'regimes.manage',
    target: 'capture',
    write: true,
    outcome: () => CREATED,
    request: ({ fx, relation }) => ({
      method: 'POST',
      url: '/api/v1/document-templates',
      body: documentTemplateOf(fx, relation, `MT-${Math.floor(Math.random() * 1e9)}`),
    }),
  },
  'PUT /api/v1/document-templates/:id': {
    access: 'regimes.manage',
    target: 'capture',
    write: true,
    request: async ({ fx, relation, admin }) => ({
      method: 'PUT',
      url: `/api/v1/document-templates/${(await documentsOfRelations(fx, admin))[relation].templateId}`,
      body: documentTemplateOf(fx, relation, `MT-${relation}`),
    }),
  },
  'POST /api/v1/document-templates/:id/generate': {
    access: 'data.review',
    target: 'capture',
    write: true,
    request: async ({ fx, relation, admin }) => ({
      method: 'POST',
      url: `/api/v1/document-templates/${(await documentsOfRelations(fx, admin))[relation].templateId}/generate`,
      body: { periodId: '202403' },
    }),
  },
  'GET /api/v1/documents': {
    access: 'data.read',
    target: 'view',
    request: async ({ fx, relation, admin }) => {
      await documentsOfRelations(fx, admin);
      return { method: 'GET', url: `/api/v1/documents?unitId=${fx.units[unitOf[relation]]}` };
    },
    rows: (json, _actor, _fx, relation) => ({
      actual: json.items.map((i: { template: { code: string } }) => i.template.code),
      expected: [`MT-${relation}`],
    }),
  },
  'GET /api/v1/documents/:id': {
    access: 'data.read',
    target: 'view',
    request: async ({ fx, relation, admin }) => ({
      method: 'GET',
      url: `/api/v1/documents/${(await documentsOfRelations(fx, admin))[relation].documentId}`,
    }),
  },
  'GET /api/v1/documents/:id/files/:format': {
    access: 'data.read',
    target: 'view',
    request: async ({ fx, relation, admin }) => ({
      method: 'GET',
      url: `/api/v1/documents/${(await documentsOfRelations(fx, admin))[relation].documentId}/files/pdf`,
    }),
  },
  // Directives and tasks: a caller sees the directives its subtree issued or is assigned tasks by;
  // it records directives and tasks for issuers it changes, and progress for units it changes.
  'GET /api/v1/directives': {
    access: 'data.read',
    target: 'view',
    request: async ({ fx, relation, admin }) => {
      await tasksOfRelations(fx, admin);
      return { method: 'GET', url: `/api/v1/directives?unitId=${fx.units[unitOf[relation]]}` };
    },
    rows: (json, actor, _fx, relation) => ({
      actual: json.items.map((d: { number: string }) => d.number),
      expected: relationsUnder(actor, relation).map((r) => `${r}/QĐ-MT`),
    }),
  },
  'GET /api/v1/directives/:id': {
    access: 'data.read',
    target: 'view',
    request: async ({ fx, relation, admin }) => ({
      method: 'GET',
      url: `/api/v1/directives/${(await tasksOfRelations(fx, admin))[relation].directiveId}`,
    }),
  },
  'POST /api/v1/directives': {
    access: 'data.review',
    target: 'capture',
    write: true,
    outcome: () => CREATED,
    request: ({ fx, relation }) => ({
      method: 'POST',
      url: '/api/v1/directives',
      body: {
        kind: 'official_letter',
        number: `${Math.floor(Math.random() * 1e6)}/CV-MT`,
        issuedOn: '2024-03-05',
        issuerUnitId: fx.units[unitOf[relation]],
        summary: 'Công văn của ma trận',
        tasks: [{ title: 'Nhiệm vụ mới', deadline: null, leadUnitId: fx.units[unitOf[relation]] }],
      },
    }),
  },
  'POST /api/v1/directives/:id/tasks': {
    access: 'data.review',
    target: 'capture',
    write: true,
    outcome: () => CREATED,
    request: async ({ fx, relation, admin }) => ({
      method: 'POST',
      url: `/api/v1/directives/${(await tasksOfRelations(fx, admin))[relation].directiveId}/tasks`,
      body: { title: 'Nhiệm vụ bổ sung', deadline: '2024-04-10', leadUnitId: fx.units[unitOf[relation]] },
    }),
  },
  'POST /api/v1/directives/:id/tasks/import': {
    access: 'data.review',
    target: 'capture',
    write: true,
    outcome: () => CREATED,
    request: async ({ fx, relation, admin }) => ({
      method: 'POST',
      url: `/api/v1/directives/${(await tasksOfRelations(fx, admin))[relation].directiveId}/tasks/import`,
      multipart: { fileName: 'nhiem-vu.xlsx', content: await taskListOf(fx, relation) },
    }),
  },
  'GET /api/v1/tasks': {
    access: 'data.read',
    target: 'view',
    request: async ({ fx, relation, admin }) => {
      await tasksOfRelations(fx, admin);
      return { method: 'GET', url: `/api/v1/tasks?unitId=${fx.units[unitOf[relation]]}` };
    },
    rows: (json, actor, _fx, relation) => ({
      actual: json.items.map((i: { title: string }) => i.title),
      expected: relationsUnder(actor, relation).map((r) => `Nhiệm vụ ${r}`),
    }),
  },
  'GET /api/v1/tasks/stats': {
    access: 'data.read',
    target: 'view',
    request: async ({ fx, relation, admin }) => {
      await tasksOfRelations(fx, admin);
      return { method: 'GET', url: `/api/v1/tasks/stats?unitId=${fx.units[unitOf[relation]]}` };
    },
    rows: (json, actor, fx, relation) => ({
      actual: json.byUnit.map((r: { unit: { id: number } }) => String(r.unit.id)),
      expected: relationsUnder(actor, relation).map((r) => String(fx.units[unitOf[r]])),
    }),
  },
  'GET /api/v1/tasks/:id': {
    access: 'data.read',
    target: 'view',
    request: async ({ fx, relation, admin }) => ({
      method: 'GET',
      url: `/api/v1/tasks/${(await tasksOfRelations(fx, admin))[relation].taskId}`,
    }),
  },
  'POST /api/v1/tasks/:id/progress': {
    access: 'data.enter',
    target: 'capture',
    write: true,
    outcome: () => CREATED,
    request: async ({ fx, relation, admin }) => ({
      method: 'POST',
      url: `/api/v1/tasks/${(await tasksOfRelations(fx, admin))[relation].taskId}/progress`,
      body: { unitId: fx.units[unitOf[relation]], note: 'Đang triển khai', percent: 20 },
    }),
  },
  'POST /api/v1/tasks/progress/:id/attachments': {
    access: 'data.enter',
    target: 'capture',
    write: true,
    outcome: () => CREATED,
    request: async ({ fx, relation, admin }) => ({
      method: 'POST',
      url: `/api/v1/tasks/progress/${await progressOf(fx, admin, relation)}/attachments`,
      multipart: { fileName: 'bao-cao.pdf', content: MATRIX_PDF },
    }),
  },
  'GET /api/v1/tasks/attachments/:id': {
    access: 'data.read',
    target: 'view',
    request: async ({ fx, relation, admin }) => ({
      method: 'GET',
      url: `/api/v1/tasks/attachments/${await attachmentOf(fx, admin, relation)}`,
    }),
  },
  'GET /api/v1/periods/:id': {
    access: 'regimes.read',
    request: get('/api/v1/periods/2021Q3'),
  }, // Imports: only entry units (communes) take imported data. A row outside the caller's capture scope
  // refuses the whole import naming the row (403 even where the unit is invisible: the caller sent its
  // code); the DHIS2 route answers every refusal of the file as DHIS2's 409 ERROR summary.
  'POST /api/v1/imports': {
    access: 'data.submit',
    target: 'capture',
    write: true,
    outOfScope: FORBIDDEN,
    outcome: (_actor, relation) => (relation === 'descendant' ? OK : { status: 422, code: 'IMPORT_REJECTED' }),
    request: ({ relation }) => ({
      method: 'POST',
      url: '/api/v1/imports?format=native',
      body: { values: [{ form: `${rg.formId}`, unit: unitOf[relation], period: REPORT_DAY, cell: 'nhan', value: 5 }] },
    }),
  },
  'POST /api/v1/dataValueSets': {
    access: 'data.submit',
    target: 'capture',
    write: true,
    outOfScope: { status: 409 },
    outcome: (_actor, relation) => (relation === 'descendant' ? OK : { status: 409 }),
    request: ({ relation }) => ({
      method: 'POST',
      url: '/api/v1/dataValueSets',
      body: {
        dataSet: `${rg.formId}`,
        period: REPORT_DAY,
        orgUnit: unitOf[relation],
        dataValues: [{ dataElement: 'nhan', value: '5' }],
      },
    }),
  },
  // Exports list the reports in the caller's view (none are seeded before the writes run).
  'GET /api/v1/dataValueSets.json': {
    access: 'data.read',
    request: get('/api/v1/dataValueSets.json?period=19990101'),
  },
  'GET /api/v1/dataValueSets.csv': {
    access: 'data.read',
    request: get('/api/v1/dataValueSets.csv?period=19990101'),
  },
  'GET /api/v1/exports.csv': {
    access: 'data.read',
    request: get('/api/v1/exports.csv?period=19990101'),
  },
  'GET /api/v1/dataValueSets.adx': {
    access: 'data.read',
    request: get('/api/v1/dataValueSets.adx?period=19990101'),
  },
  'GET /api/v1/exports.json': {
    access: 'data.read',
    request: get('/api/v1/exports.json?period=19990101'),
  },
  'GET /api/v1/exports.xlsx': {
    access: 'data.read',
    request: get('/api/v1/exports.xlsx?period=19990101'),
  },
  // The import history lists the imports of the users of the caller's units.
  'GET /api/v1/imports': {
    access: 'data.submit',
    request: get('/api/v1/imports'),
  },
  // An import's progress is its owner's alone (here the administrator's).
  'GET /api/v1/imports/:id': {
    access: 'data.submit',
    outcome: (actor) => (isAdmin(actor) ? OK : NOT_FOUND),
    request: async ({ fx }) => {
      const job = await t.db
        .insertInto('importJobs')
        .values({ userId: fx.users.admin!, format: 'csv', dryRun: true, status: 'queued' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { method: 'GET', url: `/api/v1/imports/${job.id}` };
    },
  },
  // Digital signatures: certificates are administered per unit (system administrators), a unit's
  // revisions are signed by those who change its data, read by those who see it; verifying files is public.
  'GET /api/v1/signing-certificates': {
    access: 'units.read',
    request: get('/api/v1/signing-certificates'),
  },
  'POST /api/v1/signing-certificates': {
    access: 'units.manage',
    target: 'capture',
    write: true,
    // Past the scope checks, the certificate is read: this one is not a certificate.
    outcome: () => ({ status: 400, code: 'VALIDATION_FAILED' }),
    request: ({ fx, relation }) => ({
      method: 'POST',
      url: '/api/v1/signing-certificates',
      body: { unitId: fx.units[unitOf[relation]], certificatePem: 'không phải chứng thư', privateKeyPem: 'không' },
    }),
  },
  'POST /api/v1/signing-certificates/issue': {
    access: 'units.manage',
    target: 'capture',
    write: true,
    outcome: () => CREATED,
    request: ({ fx, relation }) => ({
      method: 'POST',
      url: '/api/v1/signing-certificates/issue',
      body: { unitId: fx.units[unitOf[relation]], validDays: 30 },
    }),
  },
  'POST /api/v1/signing-certificates/:id/revoke': {
    access: 'units.manage',
    target: 'capture',
    write: true,
    request: async ({ fx, relation, admin }) => {
      const issued = await admin.request('POST', '/api/v1/signing-certificates/issue', {
        unitId: fx.units[unitOf[relation]],
        validDays: 30,
      });
      return {
        method: 'POST',
        url: `/api/v1/signing-certificates/${issued.json.id}/revoke`,
        body: { reason: 'Thu hồi thử' },
      };
    },
  },
  'GET /api/v1/signing-authority.pem': {
    access: 'public',
    request: async ({ fx, admin }) => {
      await certificateOf(fx, admin, 'own');
      return { method: 'GET', url: '/api/v1/signing-authority.pem' };
    },
  },
  'POST /api/v1/revisions/:id/signatures': {
    access: 'data.submit',
    target: 'capture',
    write: true,
    outcome: () => CREATED,
    request: async ({ fx, relation, admin }) => ({
      method: 'POST',
      url: `/api/v1/revisions/${await signableRevisionOf(fx, admin, relation)}/signatures`,
      body: {},
    }),
  },
  'GET /api/v1/revisions/:id/signatures': {
    access: 'data.read',
    target: 'view',
    request: async ({ fx, relation, admin }) => ({
      method: 'GET',
      url: `/api/v1/revisions/${await signableRevisionOf(fx, admin, relation)}/signatures`,
    }),
  },
  'GET /api/v1/signatures/:id/verification': {
    access: 'data.read',
    target: 'view',
    request: async ({ fx, relation, admin }) => ({
      method: 'GET',
      url: `/api/v1/signatures/${await signatureOf(fx, admin, relation)}/verification`,
    }),
  },
  'GET /api/v1/signatures/:id/signature.p7s': {
    access: 'data.read',
    target: 'view',
    request: async ({ fx, relation, admin }) => ({
      method: 'GET',
      url: `/api/v1/signatures/${await signatureOf(fx, admin, relation)}/signature.p7s`,
    }),
  },
  'GET /api/v1/signatures/:id/data.json': {
    access: 'data.read',
    target: 'view',
    request: async ({ fx, relation, admin }) => ({
      method: 'GET',
      url: `/api/v1/signatures/${await signatureOf(fx, admin, relation)}/data.json`,
    }),
  },
  'POST /api/v1/signatures/verify': {
    access: 'public',
    request: async ({ fx, admin }) => {
      const id = await signatureOf(fx, admin, 'own');
      const data = await t.app.inject({
        method: 'GET',
        url: `/api/v1/signatures/${id}/data.json`,
        headers: { cookie: admin.cookie },
      });
      const p7s = await t.app.inject({
        method: 'GET',
        url: `/api/v1/signatures/${id}/signature.p7s`,
        headers: { cookie: admin.cookie },
      });
      return {
        method: 'POST',
        url: '/api/v1/signatures/verify',
        body: { data: data.rawPayload.toString('base64'), signature: p7s.rawPayload.toString('base64') },
      };
    },
  },
  // Signed generated reports: signed by reviewers who change the document's unit's data, read by its readers.
  'POST /api/v1/documents/:id/signature': {
    access: 'data.review',
    target: 'capture',
    write: true,
    request: async ({ fx, relation, admin }) => {
      await certificateOf(fx, admin, relation);
      return {
        method: 'POST',
        url: `/api/v1/documents/${(await documentsOfRelations(fx, admin))[relation].documentId}/signature`,
        body: {},
      };
    },
  },
  'GET /api/v1/documents/:id/signature': {
    access: 'data.read',
    target: 'view',
    request: async ({ fx, relation, admin }) => ({
      method: 'GET',
      url: `/api/v1/documents/${(await documentsOfRelations(fx, admin))[relation].documentId}/signature`,
    }),
  },
  'GET /api/v1/documents/:id/signed-pdf': {
    access: 'data.read',
    target: 'view',
    request: async ({ fx, relation, admin }) => {
      const { documentId } = (await documentsOfRelations(fx, admin))[relation];
      await certificateOf(fx, admin, relation);
      const signed = await admin.request('POST', `/api/v1/documents/${documentId}/signature`, {});
      if (signed.status !== 200) throw new Error(`document signature: ${JSON.stringify(signed.json)}`);
      return { method: 'GET', url: `/api/v1/documents/${documentId}/signed-pdf` };
    },
  },
  // Indicators: the catalogue is read by every reader and managed like regimes; values are read in the
  // caller's view and entered in its capture scope; a push names units, so any unit outside is 403.
  'GET /api/v1/indicators': {
    access: 'data.read',
    request: get('/api/v1/indicators?q=ma%20tran'),
  },
  'GET /api/v1/indicators/:id': {
    access: 'data.read',
    request: async ({ admin }) => ({ method: 'GET', url: `/api/v1/indicators/${await sharedIndicator(admin)}` }),
  },
  'GET /api/v1/indicators/:id/series': {
    access: 'data.read',
    target: 'view',
    request: async ({ admin, fx, relation }) => ({
      method: 'GET',
      url: `/api/v1/indicators/${await sharedIndicator(admin)}/series?unitId=${fx.units[unitOf[relation]]}`,
    }),
  },
  'POST /api/v1/indicators': {
    access: 'regimes.manage',
    write: true,
    outcome: () => CREATED,
    request: () => ({ method: 'POST', url: '/api/v1/indicators', body: indicatorBody(freshCode()) }),
  },
  'PUT /api/v1/indicators/:id': {
    access: 'regimes.manage',
    write: true,
    request: async ({ admin }) => {
      const id = await freshIndicator(admin);
      return { method: 'PUT', url: `/api/v1/indicators/${id}`, body: { ...indicatorBody(freshCode()), version: 1 } };
    },
  },
  'DELETE /api/v1/indicators/:id': {
    access: 'regimes.manage',
    write: true,
    request: async ({ admin }) => ({ method: 'DELETE', url: `/api/v1/indicators/${await freshIndicator(admin)}` }),
  },
  'POST /api/v1/indicators/:id/values': {
    access: 'data.enter',
    target: 'capture',
    write: true,
    request: async ({ admin, fx, relation }) => ({
      method: 'POST',
      url: `/api/v1/indicators/${await sharedIndicator(admin)}/values`,
      body: {
        values: [
          {
            unitId: fx.units[unitOf[relation]],
            period: '2024',
            vintage: 'official',
            releasedOn: '2025-03-01',
            value: 5,
          },
        ],
      },
    }),
  },
  // Indicator value exports list the values of the units in the caller's view.
  'GET /api/v1/indicator-values': {
    access: 'data.read',
    request: get('/api/v1/indicator-values?period=1999'),
  },
  'GET /api/v1/indicator-values.csv': {
    access: 'data.read',
    request: get('/api/v1/indicator-values.csv?period=1999'),
  },
  'POST /api/v1/indicator-values': {
    access: 'data.submit',
    target: 'capture',
    write: true,
    outOfScope: FORBIDDEN,
    request: async ({ admin, fx, relation }) => {
      await sharedIndicator(admin);
      return {
        method: 'POST',
        url: '/api/v1/indicator-values',
        body: {
          values: [
            {
              indicator: 'MATRIX-IND',
              unitId: fx.units[unitOf[relation]],
              period: '2023',
              vintage: 'preliminary',
              releasedOn: '2024-01-10',
              value: 3,
            },
          ],
        },
      };
    },
  },
  // Pull connectors: the system administrators' (a token, even a system administrator's account's, is refused).
  'GET /api/v1/connectors': {
    access: 'settings.manage',
    outcome: (actor) => (isAdmin(actor) ? OK : FORBIDDEN),
    request: get('/api/v1/connectors'),
  },
  'POST /api/v1/connectors': {
    access: 'settings.manage',
    write: true,
    outcome: (actor) => (isAdmin(actor) ? CREATED : FORBIDDEN),
    request: ({ fx }) => ({
      method: 'POST',
      url: '/api/v1/connectors',
      body: connectorBody(fx, `M${++connectorCodes}`),
    }),
  },
  'GET /api/v1/connectors/:id': {
    access: 'settings.manage',
    outcome: (actor) => (isAdmin(actor) ? OK : FORBIDDEN),
    request: async ({ admin, fx }) => ({ method: 'GET', url: `/api/v1/connectors/${await adminConnector(admin, fx)}` }),
  },
  'PUT /api/v1/connectors/:id': {
    access: 'settings.manage',
    write: true,
    outcome: (actor) => (isAdmin(actor) ? OK : FORBIDDEN),
    request: async ({ admin, fx }) => {
      const { code: _code, ...body } = connectorBody(fx, 'X');
      return { method: 'PUT', url: `/api/v1/connectors/${await adminConnector(admin, fx)}`, body };
    },
  },
  'POST /api/v1/connectors/:id/run': {
    access: 'settings.manage',
    write: true,
    outcome: (actor) => (isAdmin(actor) ? { status: 202 } : FORBIDDEN),
    request: async ({ admin, fx }) => ({
      method: 'POST',
      url: `/api/v1/connectors/${await adminConnector(admin, fx)}/run`,
    }),
  },
  'GET /api/v1/connectors/:id/runs': {
    access: 'settings.manage',
    outcome: (actor) => (isAdmin(actor) ? OK : FORBIDDEN),
    request: async ({ admin, fx }) => ({
      method: 'GET',
      url: `/api/v1/connectors/${await adminConnector(admin, fx)}/runs`,
    }),
  },
  // Federation links: the system administrators' (a token, even a system administrator's account's, is refused).
  'GET /api/v1/federation-links': {
    access: 'settings.manage',
    outcome: (actor) => (isAdmin(actor) ? OK : FORBIDDEN),
    request: get('/api/v1/federation-links'),
  },
  'POST /api/v1/federation-links': {
    access: 'settings.manage',
    write: true,
    outcome: (actor) => (isAdmin(actor) ? CREATED : FORBIDDEN),
    request: ({ fx }) => ({ method: 'POST', url: '/api/v1/federation-links', body: federationBody(fx) }),
  },
  'GET /api/v1/federation-links/:id': {
    access: 'settings.manage',
    outcome: (actor) => (isAdmin(actor) ? OK : FORBIDDEN),
    request: async ({ admin, fx }) => ({
      method: 'GET',
      url: `/api/v1/federation-links/${await adminLink(admin, fx)}`,
    }),
  },
  'PUT /api/v1/federation-links/:id': {
    access: 'settings.manage',
    write: true,
    outcome: (actor) => (isAdmin(actor) ? OK : FORBIDDEN),
    request: async ({ admin, fx }) => {
      const { token: _token, ...body } = federationBody(fx);
      return { method: 'PUT', url: `/api/v1/federation-links/${await adminLink(admin, fx)}`, body };
    },
  },
  'DELETE /api/v1/federation-links/:id': {
    access: 'settings.manage',
    write: true,
    outcome: (actor) => (isAdmin(actor) ? { status: 204 } : FORBIDDEN),
    // A link of its own each time: deleting the shared one would leave the other rows nothing to reach.
    request: async ({ admin, fx }) => {
      const created = await admin.request('POST', '/api/v1/federation-links', federationBody(fx));
      return { method: 'DELETE', url: `/api/v1/federation-links/${created.json.id}` };
    },
  },
  'POST /api/v1/federation-links/:id/send': {
    access: 'settings.manage',
    write: true,
    outcome: (actor) => (isAdmin(actor) ? { status: 202 } : FORBIDDEN),
    request: async ({ admin, fx }) => ({
      method: 'POST',
      url: `/api/v1/federation-links/${await adminLink(admin, fx)}/send`,
    }),
  },
  'GET /api/v1/federation-links/:id/items': {
    access: 'settings.manage',
    outcome: (actor) => (isAdmin(actor) ? OK : FORBIDDEN),
    request: async ({ admin, fx }) => ({
      method: 'GET',
      url: `/api/v1/federation-links/${await adminLink(admin, fx)}/items`,
    }),
  },
};

/** A federation link over the fixture form (the target answers nothing: sending fails, which is fine here). */
function federationBody(fx: Fixture) {
  return {
    name: 'Liên thông thử',
    targetUrl: 'http://127.0.0.1:9',
    token: 'bc_matrix_token_0123456789',
    unitIds: [fx.units.H1],
    forms: [{ formId: rg.formId }],
    indicators: [],
  };
}
let adminLinkId: number | null = null;
/** A federation link of the administrator (created once). */
async function adminLink(admin: Client, fx: Fixture): Promise<number> {
  if (adminLinkId === null) {
    const created = await admin.request('POST', '/api/v1/federation-links', federationBody(fx));
    adminLinkId = created.json.id as number;
  }
  return adminLinkId;
}

let connectorCodes = 0;
/** A connector body over the fixture form (the feed address answers nothing: runs fail, which is fine here). */
function connectorBody(fx: Fixture, code: string) {
  return {
    code,
    name: 'Nguồn thử',
    url: 'http://127.0.0.1:9/feed.json',
    format: 'json',
    formId: rg.formId,
    unitId: fx.units.H1,
    mapping: { unit: 'unit', period: 'period', periodFormat: 'id', values: [{ cell: 'nhan', path: 'nhan' }] },
    intervalMinutes: 1440,
    // Paused: the scheduler starts no run of its own, so "run now" always finds it idle.
    active: false,
  };
}
let adminConnectorId: number | null = null;
/** A connector of the administrator (created once). */
async function adminConnector(admin: Client, fx: Fixture): Promise<number> {
  if (adminConnectorId === null) {
    const created = await admin.request('POST', '/api/v1/connectors', connectorBody(fx, 'MATRIX'));
    adminConnectorId = created.json.id as number;
  }
  return adminConnectorId;
}

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let baseUrl: string;
/** The headers each caller sends: its session cookie and CSRF token, or its bearer token. */
const credentials = new Map<Actor, Record<string, string>>();
/** The system administrator's session, which builds the requests (sets up their targets). */
let admin: Client;

async function stream(actor: Actor, request: Request) {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}${request.url}`, { headers: credentials.get(actor), signal: abort.signal });
  const result = {
    statusCode: response.status,
    headers: Object.fromEntries(response.headers),
    body: response.status === 200 ? '' : await response.text(),
  };
  abort.abort();
  return { ...result, json: () => JSON.parse(result.body) };
}

async function send(actor: Actor, request: Request) {
  const headers = credentials.get(actor) ?? {};
  if (request.multipart) {
    const boundary = '----baocao-matrix';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${request.multipart.fileName}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      Buffer.from(request.multipart.content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({
      method: 'POST',
      url: request.url,
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
  }
  return t.app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers,
    ...(request.body === undefined ? {} : { payload: request.body as object }),
  });
}

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  t.clock.now = during('2024-03-15', '14:30');
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  credentials.set('anonymous', {});
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  const accountIds = new Map<string, number>();
  for (const account of matrixAccounts) {
    const created = await admin.request('POST', '/api/v1/users', {
      username: account.username,
      displayName: `Tài khoản ${account.username} của ma trận`,
      unitId: fx.units[account.unit],
      ...(account.viewRoot ? { viewRootId: fx.units[account.viewRoot] } : {}),
      roles: account.roles,
      ...(account.kind === 'service' ? { kind: 'service' } : { password: FIXTURE_PASSWORD }),
    });
    if (created.status !== 201) throw new Error(`account ${account.username}: ${JSON.stringify(created.json)}`);
    accountIds.set(account.username, created.json.user.id);
  }
  for (const [actor, spec] of Object.entries(actorSpecs) as [Actor, ActorSpec][]) {
    if (!spec.token) {
      const client = actor === 'system_admin' ? admin : await signIn(t.app, spec.account, FIXTURE_PASSWORD);
      credentials.set(actor, { cookie: client.cookie, 'x-csrf-token': client.csrf });
      continue;
    }
    const created = await admin.request('POST', '/api/v1/tokens', {
      userId: accountIds.get(spec.account),
      name: `Ma trận: ${actor}`,
      unitIds: spec.token.units.map((u) => fx.units[u]),
      permissions: [...permissionsOfActor(actor)],
      expiresInDays: 1,
    });
    if (created.status !== 201) throw new Error(`token ${actor}: ${JSON.stringify(created.json)}`);
    credentials.set(actor, { authorization: `Bearer ${created.json.token}` });
  }
});
afterAll(async () => t?.close());

describe('authorization matrix', () => {
  it('has an entry for every API route', () => {
    const missing = t.app.apiRoutes.map((r) => `${r.method} ${r.url}`).filter((key) => !(key in matrix));
    expect(missing).toEqual([]);
  });

  it('every route declares the access its entry states', () => {
    const differing = t.app.apiRoutes
      .filter((r) => matrix[`${r.method} ${r.url}`] && matrix[`${r.method} ${r.url}`]!.access !== r.access)
      .map((r) => `${r.method} ${r.url}: declares ${r.access}, needs ${matrix[`${r.method} ${r.url}`]!.access}`);
    expect(differing).toEqual([]);
  });

  it('every route asks for a permission of its own part of the API', () => {
    const misplaced = t.app.apiRoutes
      .filter((r) => !accessByPath.find(([path]) => path.test(r.url))?.[1](r.access))
      .map((r) => `${r.method} ${r.url}: ${r.access}`);
    expect(misplaced).toEqual([]);
  });

  // Reads first, then writes (sign-out last), so reads see the fixture as seeded.
  const ordered = Object.entries(matrix).sort(
    ([a, x], [b, y]) =>
      Number(!!x.write) - Number(!!y.write) || Number(a.includes('logout')) - Number(b.includes('logout')),
  );
  for (const [route, entry] of ordered) {
    for (const actor of actors) {
      const targets: Relation[] = entry.target ? relations : ['own'];
      for (const relation of targets) {
        const expected = expectedAnswer(entry, actor, relation);
        const title = `${route} · ${actor} · ${entry.target ? relation : '—'} → ${expected.status}${expected.code ? ` ${expected.code}` : ''}`;
        it(title, async () => {
          const built = await entry.request({ fx, relation, admin });
          const response = entry.stream ? await stream(actor, built) : await send(actor, built);
          expect(response.statusCode, response.body).toBe(expected.status);
          if (expected.status >= 400) {
            expect(response.json().code, response.body).toBe(expected.code);
          } else if (entry.rows) {
            const { actual, expected: rows } = entry.rows(response.json(), actor, fx, relation);
            expect([...actual].sort()).toEqual([...rows].sort());
          }
        });
      }
    }
  }
});

/**
 * Recipient agencies sit outside the tree (BO, beside the provinces under CP), so the matrix above,
 * which places targets relative to H1, cannot show their reach: an approver of BO on a regime it
 * receives (the fixture's) and on one it does not. It reads everything of its regime, reviews only
 * the reports sent to the top, and changes no data; of the other regime it sees nothing.
 */
describe('authorization of a recipient agency', () => {
  const DAY = '20240310';
  let recipient: Client;
  let otherRegime: RegimeFixture;
  const sentIn = new Map<number, { h1: number; t1: number }>();

  beforeAll(async () => {
    // The matrix's sign-out cells ended the administrator's session: a fresh one.
    const admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
    const created = await admin.request('POST', '/api/v1/users', {
      username: 'recipient.bo',
      displayName: 'Lãnh đạo Bộ (cơ quan nhận báo cáo)',
      unitId: fx.units.BO,
      roles: ['approver', 'viewer'],
      password: FIXTURE_PASSWORD,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    recipient = await signIn(t.app, 'recipient.bo', FIXTURE_PASSWORD);
    otherRegime = await seedRegime(t.db, { ...fixtureRegime, recipientUnitCodes: [] });
    for (const regime of [rg, otherRegime]) {
      const base = { formId: regime.formId, period: DAY };
      await admin.request('POST', '/api/v1/reports/submit', { ...base, unitId: fx.units.X1, values: { nhan: 2 } });
      await t.worker.drain();
      const h1 = await admin.request('POST', '/api/v1/reports/submit', { ...base, unitId: fx.units.H1 });
      await t.worker.drain();
      const t1 = await admin.request('POST', '/api/v1/reports/submit', { ...base, unitId: fx.units.T1 });
      expect([h1.status, t1.status]).toEqual([200, 200]);
      sentIn.set(regime.formId, { h1: h1.json.submissionId, t1: t1.json.submissionId });
    }
  });

  const key = (regime: RegimeFixture, unit: UnitKey) => ({
    unitId: fx.units[unit],
    formId: regime.formId,
    period: DAY,
  });
  const q = (regime: RegimeFixture, unit: UnitKey) => `unitId=${fx.units[unit]}&formId=${regime.formId}&period=${DAY}`;
  const NOT_DIRECT: Answer = { status: 403, code: 'NOT_DIRECT_REVIEWER' };
  /**
   * [what, request on a regime, answer on its regime, on the other regime (404 unless said: the
   * permission is checked before the object)].
   */
  const cells: [string, (regime: RegimeFixture) => Request, Answer, Answer?][] = [
    [
      'GET /api/v1/consolidation (national)',
      (r) => ({ method: 'GET', url: `/api/v1/consolidation?${q(r, 'CP')}` }),
      OK,
    ],
    [
      'GET /api/v1/consolidation (province)',
      (r) => ({ method: 'GET', url: `/api/v1/consolidation?${q(r, 'T1')}` }),
      OK,
    ],
    [
      'GET /api/v1/consolidation/drilldown (district)',
      (r) => ({ method: 'GET', url: `/api/v1/consolidation/drilldown?${q(r, 'H1')}&cell=nhan` }),
      OK,
    ],
    ['GET /api/v1/reports (commune)', (r) => ({ method: 'GET', url: `/api/v1/reports?${q(r, 'X1')}` }), OK],
    [
      'POST /api/v1/submissions/:id/review (province, sent to the top)',
      (r) => ({
        method: 'POST',
        url: `/api/v1/submissions/${sentIn.get(r.formId)!.t1}/review`,
        body: { action: 'return', reason: 'Đề nghị rà soát' },
      }),
      OK,
    ],
    [
      'POST /api/v1/submissions/:id/review (district, the province’s to review)',
      (r) => ({
        method: 'POST',
        url: `/api/v1/submissions/${sentIn.get(r.formId)!.h1}/review`,
        body: { action: 'accept' },
      }),
      NOT_DIRECT,
    ],
    [
      'POST /api/v1/consolidation/adjustments (national)',
      (r) => ({
        method: 'POST',
        url: '/api/v1/consolidation/adjustments',
        body: { ...key(r, 'CP'), cellKey: 'tien', delta: 1, reason: 'Điều chỉnh thử' },
      }),
      FORBIDDEN,
    ],
    [
      'PUT /api/v1/reports/draft (national; an approver does not enter data)',
      (r) => ({ method: 'PUT', url: '/api/v1/reports/draft', body: { ...key(r, 'CP'), values: {}, baseVersion: 0 } }),
      FORBIDDEN,
      FORBIDDEN,
    ],
    [
      'POST /api/v1/reports/submit (province)',
      (r) => ({ method: 'POST', url: '/api/v1/reports/submit', body: key(r, 'T1') }),
      FORBIDDEN,
    ],
  ];
  for (const [what, request, answer, elsewhere] of cells)
    for (const own of [true, false]) {
      const expected = own ? answer : (elsewhere ?? NOT_FOUND);
      it(`${what} · recipient · ${own ? 'its regime' : 'another regime'} → ${expected.status}${expected.code ? ` ${expected.code}` : ''}`, async () => {
        const built = request(own ? rg : otherRegime);
        const response = await recipient.request(built.method, built.url, built.body);
        expect(response.status, JSON.stringify(response.json)).toBe(expected.status);
        if (expected.code) expect(response.json.code).toBe(expected.code);
      });
    }
});
