import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, expectError, multipartFile, snapshot } from '../../../test/assertions';
import { FIXTURE_PASSWORD, type Fixture, fixtureAccounts, seedFixture, type UnitKey } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';

let t: TestApp;
let fx: Fixture;
let admin: Client;
/** The unit administrator of H1 (holds unit_admin, approver, entry_officer, viewer): manages H1, X1, X2. */
let unitAdmin: Client;

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  unitAdmin = await signIn(t.app, 'unit_admin.h1', FIXTURE_PASSWORD);
});
afterAll(async () => t?.close());

const accountsTables = ['users', 'user_roles', 'sessions'];
const usernamesAt = (...units: UnitKey[]) =>
  fixtureAccounts.filter((a) => units.includes(a.unit)).map((a) => a.username);

async function upload(client: Client, fileName: string, content: string | Buffer) {
  const { contentType, payload } = multipartFile(fileName, content);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users/import',
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': contentType },
    payload,
  });
  return { status: response.statusCode, json: response.json(), headers: response.headers };
}

async function userNamed(username: string) {
  const row = await t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return (await admin.request('GET', `/api/v1/users/${row.id}`)).json;
}

describe('listing accounts', () => {
  it('lists exactly the accounts of the caller’s subtree, ordered by unit code then user name', async () => {
    const listed = await unitAdmin.request('GET', '/api/v1/users?limit=500');
    expect(listed.status).toBe(200);
    const expected = usernamesAt('H1', 'X1', 'X2');
    expect(listed.json.items.map((u: any) => u.username)).toEqual(
      [...fixtureAccounts]
        .filter((a) => expected.includes(a.username))
        .sort((a, b) => a.unit.localeCompare(b.unit) || a.username.localeCompare(b.username))
        .map((a) => a.username),
    );
    expect(listed.json.total).toBe(expected.length);
  });

  it('filters by unit, role and words, inside the subtree only', async () => {
    const names = async (query: string) =>
      (await unitAdmin.request('GET', `/api/v1/users?${query}`)).json.items.map((u: any) => u.username);
    expect(await names(`unitId=${fx.units.X1}`)).toEqual(['entry_officer.x1', 'svc.desc', 'target.desc']);
    // unit_admin.h1 also holds approver.
    expect(await names('role=approver')).toEqual(['approver.h1', 'unit_admin.h1']);
    expect(await names('q=TARGET')).toEqual(['target.own', 'target.desc']);
    // Words match the unit's name too, without diacritics: Lũng Cú is X1.
    expect(await names('q=lung%20cu')).toEqual(['entry_officer.x1', 'svc.desc', 'target.desc']);
    expectError(await unitAdmin.request('GET', `/api/v1/users?unitId=${fx.units.H2}`), 404, 'NOT_FOUND');
  });

  it('shows one account to readers of its unit, 404 to others, 403 without users.read', async () => {
    const approver = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
    const shown = await approver.request('GET', `/api/v1/users/${fx.users['target.desc']}`);
    expect(shown.json).toEqual({
      id: fx.users['target.desc'],
      username: 'target.desc',
      displayName: 'Người dùng target.desc',
      email: null,
      phone: null,
      kind: 'person',
      unitId: fx.units.X1,
      unitName: 'UBND xã Lũng Cú',
      captureRootId: fx.units.X1,
      viewRootId: fx.units.X1,
      roles: ['viewer'],
      disabled: false,
      totpEnabled: false,
      lockedUntil: null,
      lastLoginAt: null,
      version: 1,
    });
    expectError(await approver.request('GET', `/api/v1/users/${fx.users['target.sib']}`), 404, 'NOT_FOUND');
    expectError(await approver.request('GET', '/api/v1/users/999999'), 404, 'NOT_FOUND');
    const viewer = await signIn(t.app, 'viewer.h1', FIXTURE_PASSWORD);
    expectError(await viewer.request('GET', `/api/v1/users/${fx.users['target.own']}`), 403, 'FORBIDDEN');
  });
});

describe('creating accounts', () => {
  it('creates an account in the subtree with a temporary password, audited without it', async () => {
    const created = await unitAdmin.request('POST', '/api/v1/users', {
      username: 'can-bo.x2',
      displayName: 'Cán bộ thị trấn',
      email: 'can-bo.x2@pho-bang.gov.vn',
      phone: '0219 3856 123',
      unitId: fx.units.X2,
      roles: ['viewer', 'entry_officer'],
    });
    expect(created.status).toBe(201);
    const id = created.json.user.id;
    expect(created.json.user).toEqual({
      id,
      username: 'can-bo.x2',
      displayName: 'Cán bộ thị trấn',
      email: 'can-bo.x2@pho-bang.gov.vn',
      phone: '0219 3856 123',
      kind: 'person',
      unitId: fx.units.X2,
      unitName: 'UBND thị trấn Phó Bảng',
      captureRootId: fx.units.X2,
      viewRootId: fx.units.X2,
      roles: ['entry_officer', 'viewer'],
      disabled: false,
      totpEnabled: false,
      lockedUntil: null,
      lastLoginAt: null,
      version: 1,
    });
    const temporary = created.json.temporaryPassword as string;
    expect(temporary.length).toBeGreaterThanOrEqual(12);

    // The temporary password signs in, but only to change it.
    const newcomer = await signIn(t.app, 'can-bo.x2', temporary);
    expect((await newcomer.request('GET', '/api/v1/auth/me')).json.pending).toBe('password_change');
    expectError(await newcomer.request('GET', '/api/v1/units'), 403, 'PASSWORD_EXPIRED');

    const audit = await auditOf(admin, 'user', id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'user.create', actorName: 'unit_admin.h1', unitId: fx.units.X2 });
    expect(audit[0]!.after).toEqual({
      username: 'can-bo.x2',
      displayName: 'Cán bộ thị trấn',
      email: 'can-bo.x2@pho-bang.gov.vn',
      phone: '0219 3856 123',
      unitId: fx.units.X2,
      captureRootId: fx.units.X2,
      viewRootId: fx.units.X2,
      roles: ['viewer', 'entry_officer'],
    });
    expect(JSON.stringify(audit)).not.toContain(temporary);
  });

  it('a chosen password is checked against the policy and never audited', async () => {
    const created = await unitAdmin.request('POST', '/api/v1/users', {
      username: 'tu-chon.x1',
      displayName: 'Tự chọn mật khẩu',
      unitId: fx.units.X1,
      roles: ['viewer'],
      password: 'mot-cau-mat-khau-rat-dai',
    });
    expect(created.status).toBe(201);
    expect(created.json.temporaryPassword).toBeNull();
    const signedIn = await signIn(t.app, 'tu-chon.x1', 'mot-cau-mat-khau-rat-dai');
    expect((await signedIn.request('GET', '/api/v1/auth/me')).json.pending).toBeNull();
    const audit = await auditOf(admin, 'user', created.json.user.id);
    expect(JSON.stringify(audit)).not.toContain('mot-cau-mat-khau-rat-dai');
  });

  const valid = () => ({ username: 'hop-le.x1', displayName: 'Hợp lệ', unitId: fx.units.X1, roles: ['viewer'] });
  const refusals: [string, () => object, number, string, string | null][] = [
    ['a unit outside the subtree', () => ({ ...valid(), unitId: fx.units.H2 }), 404, 'NOT_FOUND', 'unitId'],
    ['a unit that does not exist', () => ({ ...valid(), unitId: 999_999 }), 404, 'NOT_FOUND', 'unitId'],
    [
      'a capture root above the subtree',
      () => ({ ...valid(), captureRootId: fx.units.T1 }),
      404,
      'NOT_FOUND',
      'captureRootId',
    ],
    ['a view root above the subtree', () => ({ ...valid(), viewRootId: fx.units.T1 }), 404, 'NOT_FOUND', 'viewRootId'],
    ['a role it may not grant', () => ({ ...valid(), roles: ['system_admin'] }), 403, 'ROLE_NOT_GRANTABLE', 'roles'],
    ['a malformed user name', () => ({ ...valid(), username: 'Có dấu cách' }), 400, 'VALIDATION_FAILED', 'username'],
    ['a malformed e-mail', () => ({ ...valid(), email: 'khong-phai-email' }), 400, 'VALIDATION_FAILED', 'email'],
    ['an unknown role', () => ({ ...valid(), roles: ['god'] }), 400, 'VALIDATION_FAILED', 'roles.0'],
    ['no role', () => ({ ...valid(), roles: [] }), 400, 'VALIDATION_FAILED', 'roles'],
    ['an unknown property', () => ({ ...valid(), isAdmin: true }), 400, 'VALIDATION_FAILED', 'isAdmin'],
    ['a weak password', () => ({ ...valid(), password: 'ngan' }), 400, 'WEAK_PASSWORD', 'password'],
    [
      'a password containing the user name',
      () => ({ ...valid(), password: 'hop-le.x1-hop-le.x1' }),
      400,
      'WEAK_PASSWORD',
      'password',
    ],
    ['a user name taken', () => ({ ...valid(), username: 'viewer.h1' }), 409, 'ALREADY_EXISTS', 'username'],
  ];
  for (const [name, body, status, code, field] of refusals)
    it(`refuses ${name} and changes nothing`, async () => {
      const before = await snapshot(t.db, accountsTables);
      expectError(await unitAdmin.request('POST', '/api/v1/users', body()), status, code, field);
      expect(await snapshot(t.db, accountsTables)).toEqual(before);
    });

  it('a caller without users.manage gets 403 and changes nothing', async () => {
    const approver = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
    const before = await snapshot(t.db, accountsTables);
    expectError(await approver.request('POST', '/api/v1/users', valid()), 403, 'FORBIDDEN');
    expect(await snapshot(t.db, accountsTables)).toEqual(before);
  });
});

describe('changing accounts', () => {
  it('updates with the current version, audits before and after, and refuses a stale version', async () => {
    const id = fx.users['target.desc']!;
    const updated = await unitAdmin.request('PATCH', `/api/v1/users/${id}`, {
      version: 1,
      displayName: 'Cán bộ xã Lũng Cú',
      email: 'lung-cu@dong-van.gov.vn',
      roles: ['viewer', 'entry_officer'],
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({
      id,
      displayName: 'Cán bộ xã Lũng Cú',
      email: 'lung-cu@dong-van.gov.vn',
      roles: ['entry_officer', 'viewer'],
      version: 2,
    });
    const [update] = (await auditOf(admin, 'user', id)).filter((r) => r.action === 'user.update');
    expect(update).toMatchObject({ actorName: 'unit_admin.h1', unitId: fx.units.X1 });
    expect([update!.before.displayName, update!.before.email, update!.before.roles]).toEqual([
      'Người dùng target.desc',
      null,
      ['viewer'],
    ]);
    expect([update!.after.displayName, update!.after.email, update!.after.roles]).toEqual([
      'Cán bộ xã Lũng Cú',
      'lung-cu@dong-van.gov.vn',
      ['viewer', 'entry_officer'],
    ]);
    // The search finds the new name.
    const found = await unitAdmin.request('GET', '/api/v1/users?q=can%20bo%20xa%20lung');
    expect(found.json.items.map((u: any) => u.username)).toEqual(['target.desc']);

    const before = await snapshot(t.db, accountsTables);
    const stale = await unitAdmin.request('PATCH', `/api/v1/users/${id}`, { version: 1, displayName: 'Cũ' });
    expectError(stale, 409, 'CONFLICT', 'version');
    expect(stale.json.details).toEqual({ currentVersion: 2 });
    expect(await snapshot(t.db, accountsTables)).toEqual(before);
  });

  const patches: [string, string, () => object, number, string, string | null][] = [
    ['an account outside the subtree', 'target.sib', () => ({ version: 1, displayName: 'X' }), 404, 'NOT_FOUND', null],
    ['an account above the subtree', 'target.anc', () => ({ version: 1, displayName: 'X' }), 404, 'NOT_FOUND', null],
    [
      'a move out of the subtree',
      'target.own',
      () => ({ version: 1, unitId: fx.units.H2 }),
      404,
      'NOT_FOUND',
      'unitId',
    ],
    [
      'a role it may not grant',
      'target.own',
      () => ({ version: 1, roles: ['system_admin'] }),
      403,
      'ROLE_NOT_GRANTABLE',
      'roles',
    ],
    [
      'an empty display name',
      'target.own',
      () => ({ version: 1, displayName: '' }),
      400,
      'VALIDATION_FAILED',
      'displayName',
    ],
    [
      'a change of user name',
      'target.own',
      () => ({ version: 1, username: 'doi.ten' }),
      400,
      'VALIDATION_FAILED',
      'username',
    ],
    ['no version', 'target.own', () => ({ displayName: 'X' }), 400, 'VALIDATION_FAILED', 'version'],
  ];
  for (const [name, username, body, status, code, field] of patches)
    it(`refuses ${name} and changes nothing`, async () => {
      const before = await snapshot(t.db, accountsTables);
      expectError(await unitAdmin.request('PATCH', `/api/v1/users/${fx.users[username]}`, body()), status, code, field);
      expect(await snapshot(t.db, accountsTables)).toEqual(before);
    });

  it('disabling ends the account’s sessions at once; enabling lets it sign in again; both audited', async () => {
    const officer = await signIn(t.app, 'entry_officer.x1', FIXTURE_PASSWORD);
    const id = fx.users['entry_officer.x1']!;
    const disabled = await unitAdmin.request('POST', `/api/v1/users/${id}/disable`);
    expect([disabled.status, disabled.json.disabled, disabled.json.version]).toEqual([200, true, 2]);
    expectError(await officer.request('GET', '/api/v1/auth/me'), 401, 'UNAUTHENTICATED');
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'entry_officer.x1', password: FIXTURE_PASSWORD },
    });
    expect(refused.statusCode).toBe(401);
    const listed = await unitAdmin.request('GET', `/api/v1/users?unitId=${fx.units.X1}`);
    expect(listed.json.items.map((u: any) => u.username)).not.toContain('entry_officer.x1');
    const withDisabled = await unitAdmin.request('GET', `/api/v1/users?unitId=${fx.units.X1}&includeDisabled=true`);
    expect(withDisabled.json.items.map((u: any) => u.username)).toContain('entry_officer.x1');

    const enabled = await unitAdmin.request('POST', `/api/v1/users/${id}/enable`);
    expect([enabled.status, enabled.json.disabled, enabled.json.version]).toEqual([200, false, 3]);
    await signIn(t.app, 'entry_officer.x1', FIXTURE_PASSWORD);
    const audit = await auditOf(admin, 'user', id);
    expect(audit.map((r) => [r.action, r.before, r.after])).toEqual([
      ['user.disable', { disabled: false }, { disabled: true }],
      ['user.enable', { disabled: true }, { disabled: false }],
    ]);
  });

  it('an update, a disable or an enable that changes nothing keeps the version and records nothing', async () => {
    const created = await unitAdmin.request('POST', '/api/v1/users', {
      username: 'khong-doi.x1',
      displayName: 'Không đổi',
      unitId: fx.units.X1,
      roles: ['viewer', 'entry_officer'],
    });
    const id = created.json.user.id as number;
    const current = (await unitAdmin.request('GET', `/api/v1/users/${id}`)).json;
    const before = await snapshot(t.db, accountsTables);
    const same = await unitAdmin.request('PATCH', `/api/v1/users/${id}`, {
      version: current.version,
      displayName: current.displayName,
      email: current.email,
      unitId: current.unitId,
      roles: [...current.roles].reverse(),
    });
    expect([same.status, same.json]).toEqual([200, current]);
    const enabled = await unitAdmin.request('POST', `/api/v1/users/${id}/enable`);
    expect([enabled.status, enabled.json]).toEqual([200, current]);
    expect(await snapshot(t.db, accountsTables)).toEqual(before);

    const disabled = await unitAdmin.request('POST', `/api/v1/users/${id}/disable`);
    expect([disabled.status, disabled.json.version]).toEqual([200, current.version + 1]);
    const again = await unitAdmin.request('POST', `/api/v1/users/${id}/disable`);
    expect([again.status, again.json]).toEqual([200, disabled.json]);
    expect((await auditOf(admin, 'user', id)).map((r) => r.action)).toEqual(['user.create', 'user.disable']);
  });

  it('refuses to disable oneself, or an account outside the subtree, changing nothing', async () => {
    const before = await snapshot(t.db, accountsTables);
    expectError(
      await unitAdmin.request('POST', `/api/v1/users/${fx.users['unit_admin.h1']}/disable`),
      403,
      'FORBIDDEN',
      'id',
    );
    expectError(await unitAdmin.request('POST', `/api/v1/users/${fx.users['target.sib']}/disable`), 404, 'NOT_FOUND');
    expectError(await unitAdmin.request('POST', `/api/v1/users/${fx.users['target.anc']}/enable`), 404, 'NOT_FOUND');
    expect(await snapshot(t.db, accountsTables)).toEqual(before);
    // The administrator of T1 (which holds no approver role) cannot disable an approver below it.
    const t1 = await signIn(t.app, 'unit_admin.t1', FIXTURE_PASSWORD);
    const beforeT1 = await snapshot(t.db, accountsTables);
    expectError(
      await t1.request('POST', `/api/v1/users/${fx.users['approver.h1']}/disable`),
      403,
      'ROLE_NOT_GRANTABLE',
      'roles',
    );
    expect(await snapshot(t.db, accountsTables)).toEqual(beforeT1);
  });

  it('a password reset sets a temporary password to change, ends sessions, and is audited without it', async () => {
    const id = fx.users['target.own']!;
    const reset = await unitAdmin.request('POST', `/api/v1/users/${id}/reset-password`);
    expect(reset.status).toBe(200);
    const temporary = reset.json.temporaryPassword as string;
    const signedIn = await signIn(t.app, 'target.own', temporary);
    expect((await signedIn.request('GET', '/api/v1/auth/me')).json.pending).toBe('password_change');
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'target.own', password: FIXTURE_PASSWORD },
    });
    expect(old.statusCode).toBe(401);
    const audit = await auditOf(admin, 'user', id);
    expect(audit.at(-1)).toMatchObject({ action: 'user.password_reset', actorName: 'unit_admin.h1', before: null });
    expect(JSON.stringify(audit)).not.toContain(temporary);

    const before = await snapshot(t.db, accountsTables);
    expectError(
      await unitAdmin.request('POST', `/api/v1/users/${fx.users['svc.own']}/reset-password`),
      409,
      'INVALID_STATE',
    );
    expectError(
      await unitAdmin.request('POST', `/api/v1/users/${fx.users['target.sib']}/reset-password`),
      404,
      'NOT_FOUND',
    );
    expect(await snapshot(t.db, accountsTables)).toEqual(before);
  });
});

describe('importing accounts', () => {
  it('imports a CSV file with an e-mail column', async () => {
    const imported = await upload(
      unitAdmin,
      'can-bo.csv',
      'username,display_name,email,phone,unit_code,roles\n' +
        'nhap.email,Nhập Có Email,nhap.email@dong-van.gov.vn,0219 3856 000,X1,viewer;entry_officer\n',
    );
    expect(imported.status, JSON.stringify(imported.json)).toBe(201);
    expect(imported.json.created).toBe(1);
    expect(imported.json.users.map((u: any) => u.username)).toEqual(['nhap.email']);
    const user = await userNamed('nhap.email');
    expect(user).toMatchObject({
      displayName: 'Nhập Có Email',
      email: 'nhap.email@dong-van.gov.vn',
      phone: '0219 3856 000',
      unitId: fx.units.X1,
      roles: ['entry_officer', 'viewer'],
    });
    const [audit] = await auditOf(admin, 'user', user.id);
    expect(audit).toMatchObject({ action: 'user.create', actorName: 'unit_admin.h1', unitId: fx.units.X1 });
    expect(audit!.after).toMatchObject({ username: 'nhap.email', email: 'nhap.email@dong-van.gov.vn', via: 'import' });
  });

  it('imports an Excel file with Vietnamese headers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Tài khoản');
    sheet.addRow(['Tên đăng nhập', 'Họ tên', 'Email', 'Mã đơn vị', 'Vai trò']);
    sheet.addRow(['nhap.excel.1', 'Cán Bộ Một', 'mot@dong-van.gov.vn', 'X2', 'viewer']);
    sheet.addRow(['nhap.excel.2', 'Cán Bộ Hai', '', 'H1', 'entry_officer']);
    const imported = await upload(unitAdmin, 'tai-khoan.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(imported.status, JSON.stringify(imported.json)).toBe(201);
    expect(imported.json.users.map((u: any) => u.username)).toEqual(['nhap.excel.1', 'nhap.excel.2']);
    expect((await userNamed('nhap.excel.1')).email).toBe('mot@dong-van.gov.vn');
    expect((await userNamed('nhap.excel.2')).email).toBeNull();
  });

  it('reports every bad row and creates nobody; a unit outside the subtree reads as an unknown code', async () => {
    const before = await snapshot(t.db, accountsTables);
    const imported = await upload(
      unitAdmin,
      'loi.csv',
      [
        'username,display_name,email,unit_code,roles',
        'nhap.tot,Hàng Tốt,tot@dong-van.gov.vn,X1,viewer',
        'nhap.sai-email,Sai Email,khong-phai-email,X1,viewer',
        'nhap.ngoai,Ngoài Phạm Vi,,H2,viewer',
        'nhap.khong-co,Không Có,,KHONG-CO,viewer',
        'nhap.quyen,Quá Quyền,,X1,system_admin',
        'viewer.h1,Trùng Tên,,X1,viewer',
      ].join('\n'),
    );
    expectError(imported, 422, 'IMPORT_FAILED');
    const errors = imported.json.details.errors as { row: number; field: string; message: string }[];
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'email'],
      [4, 'unitCode'],
      [5, 'unitCode'],
      [6, 'roles'],
      [7, 'username'],
    ]);
    // H2 exists but lies outside the caller's view: the message is the one an unknown code gets.
    expect(errors[1]!.message).toBe('Không có đơn vị mã “H2”.');
    expect(errors[2]!.message).toBe('Không có đơn vị mã “KHONG-CO”.');
    expect(await snapshot(t.db, accountsTables)).toEqual(before);
  });

  it('refuses a file that is neither CSV nor Excel, or has no rows, changing nothing', async () => {
    const before = await snapshot(t.db, accountsTables);
    expectError(await upload(unitAdmin, 'users.txt', 'username\n'), 415, 'UNSUPPORTED_MEDIA_TYPE', 'file');
    expectError(
      await upload(unitAdmin, 'empty.csv', 'username,display_name,unit_code,roles\n'),
      422,
      'IMPORT_FAILED',
      'file',
    );
    const missing = await upload(unitAdmin, 'thieu.csv', 'username,display_name\nthieu.cot,Thiếu Cột\n');
    expectError(missing, 422, 'IMPORT_FAILED');
    expect(missing.json.details.errors.map((e: any) => e.field)).toEqual(['unitCode', 'roles']);
    expect(await snapshot(t.db, accountsTables)).toEqual(before);
  });
});

describe('API tokens managing accounts', () => {
  it('a token of a system administrator’s service account cannot mint system administrators', async () => {
    const account = await admin.request('POST', '/api/v1/users', {
      username: 'svc.quan-tri',
      displayName: 'Hệ thống quản trị tài khoản huyện',
      unitId: fx.units.H1,
      roles: ['system_admin'],
      kind: 'service',
    });
    expect(account.status).toBe(201);
    const token = await admin.request('POST', '/api/v1/tokens', {
      userId: account.json.user.id,
      name: 'Quản lý tài khoản H1',
      unitIds: [fx.units.H1],
      permissions: ['users.read', 'users.manage'],
      expiresInDays: 1,
    });
    expect(token.status).toBe(201);
    const before = await snapshot(t.db, accountsTables);
    const minted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${token.json.token}` },
      payload: {
        username: 'quan-tri.moi',
        displayName: 'Quản trị mới',
        unitId: fx.units.H1,
        roles: ['system_admin'],
        password: FIXTURE_PASSWORD,
      },
    });
    expectError(
      { status: minted.statusCode, json: minted.json(), headers: minted.headers },
      403,
      'ROLE_NOT_GRANTABLE',
      'roles',
    );
    expect(await snapshot(t.db, accountsTables)).toEqual(before);
  });

  it('a token grants only roles whose permissions it holds itself', async () => {
    // The account is a unit administrator of H1; its token keeps users.manage but not data.review.
    const account = await admin.request('POST', '/api/v1/users', {
      username: 'svc.nhan-su',
      displayName: 'Hệ thống nhân sự huyện',
      unitId: fx.units.H1,
      roles: ['unit_admin', 'approver', 'entry_officer', 'viewer'],
      kind: 'service',
    });
    const token = await admin.request('POST', '/api/v1/tokens', {
      userId: account.json.user.id,
      name: 'Nhân sự',
      unitIds: [fx.units.H1],
      permissions: ['units.read', 'users.read', 'users.manage', 'regimes.read', 'data.read'],
      expiresInDays: 1,
    });
    const create = (username: string, roles: string[]) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: { authorization: `Bearer ${token.json.token}` },
        payload: { username, displayName: 'Từ hệ thống nhân sự', unitId: fx.units.X1, roles },
      });
    const viewer = await create('tu-nhan-su.xem', ['viewer']);
    expect(viewer.statusCode, viewer.body).toBe(201);
    const before = await snapshot(t.db, accountsTables);
    const approver = await create('tu-nhan-su.duyet', ['approver']);
    expectError(
      { status: approver.statusCode, json: approver.json(), headers: approver.headers },
      403,
      'ROLE_NOT_GRANTABLE',
      'roles',
    );
    expect(await snapshot(t.db, accountsTables)).toEqual(before);
  });
});
