/**
 * The authorization matrix: every API route × every role × the target's place
 * relative to the caller's unit (own, descendant, sibling, ancestor) → allow or
 * deny, with the exact rows of list endpoints. A route without an entry fails
 * the suite, so new routes must state who may call them.
 */
import type { Role } from '@baocao/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture, type UnitKey } from './fixtures';
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
type Actor = Role | 'anonymous';
const actors: Actor[] = ['system_admin', 'unit_admin', 'approver', 'entry_officer', 'viewer', 'anonymous'];
const accountOf: Record<Exclude<Actor, 'anonymous'>, string> = {
  system_admin: 'admin',
  unit_admin: 'unit_admin.h1',
  approver: 'approver.h1',
  entry_officer: 'entry_officer.h1',
  viewer: 'viewer.h1',
};

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
interface Entry {
  /** Builds the request for a target relation (ignored by routes that have no target). */
  request(ctx: Ctx): Request | Promise<Request>;
  /** Whether `actor` may call it on a target in `relation`. */
  allow(actor: Actor, relation: Relation): boolean;
  targeted: boolean;
  /** For list routes: the exact rows (as comparable keys) an allowed actor gets. */
  rows?(json: any, actor: Actor, fx: Fixture): { actual: string[]; expected: string[] };
  /** Writes run after every read, so reads see the fixture as seeded. */
  write?: boolean;
  /** A Server-Sent Events stream: checked over real HTTP, closed once the headers arrive. */
  stream?: boolean;
}

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
const reportQuery = (fx: Fixture, relation: Relation) =>
  `unitId=${fx.units[unitOf[relation]]}&formId=${rg.formId}&period=${REPORT_DAY}`;

const any = (actor: Actor) => actor !== 'anonymous';
const isAdmin = (actor: Actor) => actor === 'system_admin';
const inSubtree = (relation: Relation) => relation === 'own' || relation === 'descendant';
const viewers = (actor: Actor, relation: Relation) => isAdmin(actor) || (any(actor) && inSubtree(relation));
const withPermission = (holders: Actor[]) => (actor: Actor, relation: Relation) =>
  isAdmin(actor) || (holders.includes(actor) && inSubtree(relation));
const userManagers = withPermission(['unit_admin']);
const userReaders = withPermission(['unit_admin', 'approver']);
const H1_SUBTREE: UnitKey[] = ['H1', 'X1', 'X2'];

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

const matrix: Record<string, Entry> = {
  'GET /api/health': { targeted: false, allow: () => true, request: () => ({ method: 'GET', url: '/api/health' }) },
  'GET /api/openapi.json': {
    targeted: false,
    allow: () => true,
    request: () => ({ method: 'GET', url: '/api/openapi.json' }),
  },
  'POST /api/v1/auth/login': {
    targeted: false,
    allow: () => true,
    request: () => ({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { username: 'viewer.t2', password: FIXTURE_PASSWORD },
    }),
  },
  'POST /api/v1/auth/second-factor': {
    targeted: false,
    // Only a session waiting for its second factor may call it; a complete session gets a refusal.
    allow: () => false,
    request: () => ({ method: 'POST', url: '/api/v1/auth/second-factor', body: { code: '123456' } }),
  },
  'POST /api/v1/auth/logout': {
    targeted: false,
    allow: any,
    write: true,
    request: () => ({ method: 'POST', url: '/api/v1/auth/logout' }),
  },
  'GET /api/v1/auth/me': { targeted: false, allow: any, request: () => ({ method: 'GET', url: '/api/v1/auth/me' }) },
  'POST /api/v1/auth/password': {
    targeted: false,
    // Allowed to every signed-in caller; the wrong current password makes it a refusal for all.
    allow: () => false,
    request: () => ({
      method: 'POST',
      url: '/api/v1/auth/password',
      body: { currentPassword: 'not-the-password', newPassword: 'mot-mat-khau-moi-du-dai' },
    }),
  },
  'POST /api/v1/auth/totp/setup': {
    targeted: false,
    allow: any,
    request: () => ({ method: 'POST', url: '/api/v1/auth/totp/setup' }),
  },
  'POST /api/v1/auth/totp/enable': {
    targeted: false,
    allow: () => false,
    request: () => ({ method: 'POST', url: '/api/v1/auth/totp/enable', body: { code: '000000' } }),
  },
  'POST /api/v1/auth/totp/disable': {
    targeted: false,
    allow: () => false,
    request: () => ({ method: 'POST', url: '/api/v1/auth/totp/disable', body: { password: 'x', code: '000000' } }),
  },
  'GET /api/v1/hierarchies': {
    targeted: false,
    allow: any,
    request: () => ({ method: 'GET', url: '/api/v1/hierarchies' }),
    rows: (json, actor, fx) => ({
      actual: json.flatMap((h: any) => h.rootIds.map(String)),
      expected: [String(isAdmin(actor) ? fx.units.CP : fx.units.H1)],
    }),
  },
  'GET /api/v1/units': {
    targeted: false,
    allow: any,
    request: () => ({ method: 'GET', url: '/api/v1/units?limit=500' }),
    rows: (json, actor, fx) => ({
      actual: json.items.map((u: any) => u.code),
      expected: isAdmin(actor) ? Object.keys(fx.units) : H1_SUBTREE,
    }),
  },
  'GET /api/v1/units/:id': {
    targeted: true,
    allow: viewers,
    request: ({ fx, relation }) => ({ method: 'GET', url: `/api/v1/units/${fx.units[unitOf[relation]]}` }),
  },
  'GET /api/v1/units/:id/children': {
    targeted: true,
    allow: viewers,
    request: ({ fx, relation }) => ({ method: 'GET', url: `/api/v1/units/${fx.units[unitOf[relation]]}/children` }),
  },
  'POST /api/v1/units': {
    targeted: true,
    write: true,
    allow: (actor) => isAdmin(actor),
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
    targeted: true,
    write: true,
    allow: (actor) => isAdmin(actor),
    request: async ({ fx, relation, admin }) => {
      const id = fx.units[unitOf[relation]];
      const current = await admin.request('GET', `/api/v1/units/${id}`);
      return {
        method: 'PATCH',
        url: `/api/v1/units/${id}`,
        body: { version: current.json.version, nameEn: 'Renamed' },
      };
    },
  },
  'GET /api/v1/users': {
    targeted: false,
    allow: (actor) => ['system_admin', 'unit_admin', 'approver'].includes(actor),
    request: () => ({ method: 'GET', url: '/api/v1/users?limit=500' }),
    rows: (json, actor) => ({
      actual: json.items.map((u: any) => u.username),
      expected: isAdmin(actor)
        ? [
            'admin',
            'approver.h1',
            'entry_officer.h1',
            'viewer.h1',
            'unit_admin.h1',
            'unit_admin.t1',
            'entry_officer.x1',
            'entry_officer.h2',
            'viewer.t2',
            'target.own',
            'target.desc',
            'target.sib',
            'target.anc',
            'svc.own',
            'svc.desc',
            'svc.sib',
            'svc.anc',
          ]
        : [
            'approver.h1',
            'entry_officer.h1',
            'viewer.h1',
            'unit_admin.h1',
            'entry_officer.x1',
            'target.own',
            'target.desc',
            'svc.own',
            'svc.desc',
          ],
    }),
  },
  'GET /api/v1/users/:id': {
    targeted: true,
    allow: userReaders,
    request: ({ fx, relation }) => ({ method: 'GET', url: `/api/v1/users/${fx.users[userOf[relation]]}` }),
  },
  'POST /api/v1/users': {
    targeted: true,
    write: true,
    allow: userManagers,
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
    targeted: true,
    write: true,
    allow: userManagers,
    request: async ({ fx, relation, admin }) => {
      const id = fx.users[userOf[relation]];
      const current = await admin.request('GET', `/api/v1/users/${id}`);
      return {
        method: 'PATCH',
        url: `/api/v1/users/${id}`,
        body: { version: current.json.version, displayName: 'Đã sửa' },
      };
    },
  },
  'POST /api/v1/users/:id/disable': {
    targeted: true,
    write: true,
    allow: userManagers,
    request: ({ fx, relation }) => ({ method: 'POST', url: `/api/v1/users/${fx.users[userOf[relation]]}/disable` }),
  },
  'POST /api/v1/users/:id/enable': {
    targeted: true,
    write: true,
    allow: userManagers,
    request: ({ fx, relation }) => ({ method: 'POST', url: `/api/v1/users/${fx.users[userOf[relation]]}/enable` }),
  },
  'POST /api/v1/users/:id/reset-password': {
    targeted: true,
    write: true,
    allow: userManagers,
    request: ({ fx, relation }) => ({
      method: 'POST',
      url: `/api/v1/users/${fx.users[userOf[relation]]}/reset-password`,
    }),
  },
  'POST /api/v1/users/import': {
    targeted: true,
    write: true,
    allow: userManagers,
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
    targeted: false,
    allow: (actor) => isAdmin(actor),
    request: () => ({ method: 'GET', url: '/api/v1/tokens' }),
  },
  'POST /api/v1/tokens': {
    targeted: true,
    write: true,
    allow: (actor) => isAdmin(actor),
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
    targeted: true,
    write: true,
    allow: (actor) => isAdmin(actor),
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
    targeted: true,
    allow: viewers,
    request: ({ fx, relation }) => ({ method: 'GET', url: `/api/v1/audit?unitId=${fx.units[unitOf[relation]]}` }),
  },
  'GET /api/v1/settings/security': {
    targeted: false,
    allow: (actor) => isAdmin(actor),
    request: () => ({ method: 'GET', url: '/api/v1/settings/security' }),
  },
  'PATCH /api/v1/settings/security': {
    targeted: false,
    write: true,
    allow: (actor) => isAdmin(actor),
    request: () => ({ method: 'PATCH', url: '/api/v1/settings/security', body: { lockoutMinutes: 15 } }),
  },
  'GET /api/v1/my-reports': {
    targeted: true,
    allow: viewers,
    request: ({ fx, relation }) => ({
      method: 'GET',
      url: `/api/v1/my-reports?unitId=${fx.units[unitOf[relation]]}&date=2024-03-15`,
    }),
  },
  'GET /api/v1/reports': {
    targeted: true,
    allow: viewers,
    request: ({ fx, relation }) => ({ method: 'GET', url: `/api/v1/reports?${reportQuery(fx, relation)}` }),
  },
  'PUT /api/v1/reports/draft': {
    targeted: true,
    write: true,
    allow: withPermission(['unit_admin', 'entry_officer']),
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
    targeted: true,
    write: true,
    allow: withPermission(['unit_admin', 'approver', 'entry_officer']),
    request: ({ fx, relation }) => ({
      method: 'POST',
      url: '/api/v1/reports/submit',
      body: { ...reportKey(fx, relation), ...(relation === 'descendant' ? { values: { nhan: 5, duyet: 1 } } : {}) },
    }),
  },
  'POST /api/v1/submissions/:id/review': {
    targeted: true,
    write: true,
    // Only reports of units strictly below the approver's own unit.
    allow: (actor, relation) =>
      isAdmin(actor) || (['unit_admin', 'approver'].includes(actor) && relation === 'descendant'),
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
    targeted: false,
    write: true,
    allow: (actor) => isAdmin(actor),
    request: () => ({
      method: 'POST',
      url: '/api/v1/period-locks',
      body: { regimeId: rg.regimeId, period: '20240301', locked: true, reason: 'Chốt số' },
    }),
  },
  'GET /api/v1/period-unlock-requests': {
    targeted: false,
    allow: any,
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
      expected: (isAdmin(actor) ? ['X1', 'H2'] : ['X1']).map((u) => String(fx.units[u as UnitKey])),
    }),
  },
  'POST /api/v1/period-unlock-requests': {
    targeted: true,
    write: true,
    allow: withPermission(['unit_admin', 'entry_officer']),
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
    targeted: false,
    write: true,
    // Only those who may lock the regime's periods (its recipient's approvers; none of the actors but the administrator).
    allow: isAdmin,
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
    targeted: true,
    // The commune (descendant) does not consolidate: 400 for everyone.
    allow: (actor, relation) => viewers(actor, relation) && relation !== 'descendant',
    request: ({ fx, relation }) => ({ method: 'GET', url: `/api/v1/consolidation?${reportQuery(fx, relation)}` }),
  },
  'GET /api/v1/consolidation/drilldown': {
    targeted: true,
    allow: (actor, relation) => viewers(actor, relation) && relation !== 'descendant',
    request: ({ fx, relation }) => ({
      method: 'GET',
      url: `/api/v1/consolidation/drilldown?${reportQuery(fx, relation)}&cell=nhan`,
    }),
  },
  'POST /api/v1/consolidation/adjustments': {
    targeted: true,
    write: true,
    allow: (actor, relation) =>
      withPermission(['unit_admin', 'approver', 'entry_officer'])(actor, relation) && relation !== 'descendant',
    request: ({ fx, relation }) => ({
      method: 'POST',
      url: '/api/v1/consolidation/adjustments',
      body: { ...reportKey(fx, relation), cellKey: 'tien', delta: 1, reason: 'Điều chỉnh thử' },
    }),
  },
  'POST /api/v1/reports/upload': {
    targeted: true,
    write: true,
    allow: withPermission(['unit_admin', 'entry_officer']),
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
  'GET /api/v1/live': {
    targeted: false,
    stream: true,
    allow: any,
    request: () => ({ method: 'GET', url: '/api/v1/live' }),
  },
  // Regimes, forms and versions: everybody signed in reads (published only), system administrators write.
  'GET /api/v1/regimes': {
    targeted: false,
    allow: any,
    request: () => ({ method: 'GET', url: '/api/v1/regimes?limit=500' }),
    rows: (json) => ({ actual: json.items.map((r: any) => String(r.id)), expected: [String(rg.regimeId)] }),
  },
  'GET /api/v1/regimes/:id': {
    targeted: false,
    allow: any,
    request: () => ({ method: 'GET', url: `/api/v1/regimes/${rg.regimeId}` }),
  },
  'POST /api/v1/regimes': {
    targeted: false,
    write: true,
    allow: isAdmin,
    request: () => ({ method: 'POST', url: '/api/v1/regimes', body: { code: freshCode(), definition: fixtureRegime } }),
  },
  'PUT /api/v1/regimes/:id': {
    targeted: false,
    write: true,
    allow: isAdmin,
    request: async ({ admin }) => {
      const { regimeId } = await freshRegime(admin);
      return { method: 'PUT', url: `/api/v1/regimes/${regimeId}`, body: { version: 1, definition: fixtureRegime } };
    },
  },
  'POST /api/v1/regimes/:id/activate': {
    targeted: false,
    write: true,
    allow: isAdmin,
    request: async ({ admin }) => {
      const { regimeId } = await freshRegime(admin, { form: true, publish: true });
      return { method: 'POST', url: `/api/v1/regimes/${regimeId}/activate`, body: { version: 1 } };
    },
  },
  'POST /api/v1/regimes/:id/retire': {
    targeted: false,
    write: true,
    allow: isAdmin,
    request: async ({ admin }) => {
      const { regimeId } = await freshRegime(admin);
      return { method: 'POST', url: `/api/v1/regimes/${regimeId}/retire`, body: { version: 1 } };
    },
  },
  'GET /api/v1/regimes/:id/schedule': {
    targeted: false,
    allow: any,
    request: () => ({ method: 'GET', url: `/api/v1/regimes/${rg.regimeId}/schedule?period=${REPORT_DAY}` }),
  },
  'POST /api/v1/regimes/:id/forms': {
    targeted: false,
    write: true,
    allow: isAdmin,
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
    targeted: false,
    write: true,
    allow: isAdmin,
    request: async ({ admin }) => {
      const { regimeId, formId } = await freshRegime(admin, { form: true });
      return { method: 'PUT', url: `/api/v1/regimes/${regimeId}/forms/order`, body: { formIds: [formId] } };
    },
  },
  'GET /api/v1/forms/:id': {
    targeted: false,
    allow: any,
    request: () => ({ method: 'GET', url: `/api/v1/forms/${rg.formId}` }),
  },
  'POST /api/v1/forms/:id/versions': {
    targeted: false,
    write: true,
    allow: isAdmin,
    request: async ({ admin }) => {
      const { formId } = await freshRegime(admin, { form: true, publish: true });
      return { method: 'POST', url: `/api/v1/forms/${formId}/versions` };
    },
  },
  'GET /api/v1/form-versions/:id': {
    targeted: false,
    allow: any,
    request: () => ({ method: 'GET', url: `/api/v1/form-versions/${rg.versionId}` }),
  },
  'PUT /api/v1/form-versions/:id': {
    targeted: false,
    write: true,
    allow: isAdmin,
    request: async ({ admin }) => {
      const { versionId } = await freshRegime(admin, { form: true });
      return { method: 'PUT', url: `/api/v1/form-versions/${versionId}`, body: { definition: fixtureForm } };
    },
  },
  'DELETE /api/v1/form-versions/:id': {
    targeted: false,
    write: true,
    allow: isAdmin,
    request: async ({ admin }) => {
      const { formId } = await freshRegime(admin, { form: true, publish: true });
      const draft = await admin.request('POST', `/api/v1/forms/${formId}/versions`);
      return { method: 'DELETE', url: `/api/v1/form-versions/${draft.json.id}` };
    },
  },
  'POST /api/v1/form-versions/:id/validate': {
    targeted: false,
    allow: any,
    request: () => ({ method: 'POST', url: `/api/v1/form-versions/${rg.versionId}/validate`, body: {} }),
  },
  'POST /api/v1/form-versions/:id/publish': {
    targeted: false,
    write: true,
    allow: isAdmin,
    request: async ({ admin }) => {
      const { versionId } = await freshRegime(admin, { form: true });
      return { method: 'POST', url: `/api/v1/form-versions/${versionId}/publish` };
    },
  },
  'GET /api/v1/form-versions/:id/diff': {
    targeted: false,
    allow: any,
    request: () => ({ method: 'GET', url: `/api/v1/form-versions/${rg.versionId}/diff` }),
  },
  'GET /api/v1/form-versions/:id/template.xlsx': {
    targeted: true,
    // The unit must be in the caller's view.
    allow: viewers,
    request: ({ fx, relation }) => ({
      method: 'GET',
      url: `/api/v1/form-versions/${rg.versionId}/template.xlsx?unitId=${fx.units[unitOf[relation]]}&period=${REPORT_DAY}`,
    }),
  },
  'POST /api/v1/expressions/evaluate': {
    targeted: false,
    allow: any,
    request: () => ({
      method: 'POST',
      url: '/api/v1/expressions/evaluate',
      body: { expression: '#{a} + 1', values: { a: 1 } },
    }),
  },
  'GET /api/v1/holidays': {
    targeted: false,
    allow: any,
    request: () => ({ method: 'GET', url: '/api/v1/holidays?year=2024' }),
  },
  'PUT /api/v1/holidays/:date': {
    targeted: false,
    write: true,
    allow: isAdmin,
    request: () => ({ method: 'PUT', url: '/api/v1/holidays/2030-03-08', body: { nameVi: 'Ngày nghỉ thử' } }),
  },
  'DELETE /api/v1/holidays/:date': {
    targeted: false,
    write: true,
    allow: isAdmin,
    request: async ({ admin }) => {
      await admin.request('PUT', '/api/v1/holidays/2030-03-09', { nameVi: 'Ngày nghỉ để xóa' });
      return { method: 'DELETE', url: '/api/v1/holidays/2030-03-09' };
    },
  },
  'GET /api/v1/periods/:id': {
    targeted: false,
    allow: any,
    request: () => ({ method: 'GET', url: '/api/v1/periods/2021Q3' }),
  },
};

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let baseUrl: string;
const clients = new Map<Actor, Client | null>();

async function stream(actor: Actor, request: Request) {
  const client = clients.get(actor) ?? null;
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}${request.url}`, {
    headers: client ? { cookie: client.cookie } : {},
    signal: abort.signal,
  });
  const result = {
    statusCode: response.status,
    headers: Object.fromEntries(response.headers),
    body: response.status === 200 ? '' : await response.text(),
  };
  abort.abort();
  return { ...result, json: () => JSON.parse(result.body) };
}

async function send(actor: Actor, request: Request) {
  const client = clients.get(actor) ?? null;
  const headers: Record<string, string> = client ? { cookie: client.cookie, 'x-csrf-token': client.csrf } : {};
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
  clients.set('anonymous', null);
  for (const [actor, username] of Object.entries(accountOf))
    clients.set(actor as Actor, await signIn(t.app, username, FIXTURE_PASSWORD));
});
afterAll(async () => t?.close());

describe('authorization matrix', () => {
  it('has an entry for every API route', () => {
    const missing = t.app.apiRoutes.map((r) => `${r.method} ${r.url}`).filter((key) => !(key in matrix));
    expect(missing).toEqual([]);
  });

  // Reads first, then writes (sign-out last), so reads see the fixture as seeded.
  const ordered = Object.entries(matrix).sort(
    ([a, x], [b, y]) =>
      Number(!!x.write) - Number(!!y.write) || Number(a.includes('logout')) - Number(b.includes('logout')),
  );
  for (const [route, entry] of ordered) {
    for (const actor of actors) {
      const targets: Relation[] = entry.targeted ? relations : ['own'];
      for (const relation of targets) {
        const expected = entry.allow(actor, relation) ? 'allow' : 'deny';
        it(`${route} · ${actor} · ${entry.targeted ? relation : '—'} → ${expected}`, async () => {
          const admin = clients.get('system_admin')!;
          const built = await entry.request({ fx, relation, admin });
          const response = entry.stream ? await stream(actor, built) : await send(actor, built);
          const status = response.statusCode;
          if (expected === 'allow') {
            expect(status, response.body).toBeGreaterThanOrEqual(200);
            expect(status, response.body).toBeLessThan(300);
            if (entry.rows) {
              const { actual, expected: rows } = entry.rows(response.json(), actor, fx);
              expect([...actual].sort()).toEqual([...rows].sort());
            }
          } else {
            expect(status, response.body).toBeGreaterThanOrEqual(400);
            expect(status, response.body).toBeLessThan(500);
            if (actor === 'anonymous' && !['POST /api/v1/auth/login'].includes(route)) expect(status).toBe(401);
            expect(response.json()).toHaveProperty('code');
          }
        });
      }
    }
  }
});
