/**
 * Sectoral hierarchies beside the territorial one: a system administrator names a hierarchy
 * (the State Treasury's), creates units in it or places existing units in it from a date, and
 * browses it as the administrative one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { fixtureRegime } from '../../../test/regime-fixture';

let t: TestApp;
let fx: Fixture;
let admin: Client;
/** The treasury units by code. */
const kb: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
});
afterAll(async () => t?.close());

const KBNN = {
  code: 'kbnn',
  nameVi: 'Hệ thống Kho bạc Nhà nước',
  nameEn: 'State Treasury',
  description: 'Kho bạc Nhà nước → kho bạc tỉnh → kho bạc huyện',
};

async function createUnit(body: Record<string, unknown>) {
  const created = await admin.request('POST', '/api/v1/units', { validFrom: '2020-01-01', ...body });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  kb[body.code as string] = created.json.id;
  return created.json;
}

const codes = (json: any) => json.items.map((u: any) => u.code);

describe('hierarchies', () => {
  it('lists the administrative hierarchy, and refuses units in a hierarchy that does not exist', async () => {
    const list = await admin.request('GET', '/api/v1/hierarchies');
    expect(list.json).toEqual([
      {
        code: 'administrative',
        nameVi: 'Hệ thống hành chính (Chính phủ – tỉnh – huyện – xã)',
        nameEn: 'Administrative (Government – province – district – commune)',
        description: 'Hệ thống hành chính theo lãnh thổ: Chính phủ, các bộ, UBND các cấp.',
        rootIds: [fx.units.CP],
      },
    ]);
    const refused = await admin.request('POST', '/api/v1/units', {
      code: 'KB-T1',
      name: 'Kho bạc Nhà nước Hà Giang',
      kind: 'treasury_province',
      hierarchy: 'kbnn',
      parentId: fx.units.CP,
    });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'hierarchy',
      message: 'Không có hệ thống đơn vị “kbnn”; hãy tạo hệ thống trước khi đặt đơn vị vào đó.',
    });
  });

  it('is created and renamed by a system administrator only, audited', async () => {
    const officer = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
    expect((await officer.request('POST', '/api/v1/hierarchies', KBNN)).status).toBe(403);
    const badCode = await admin.request('POST', '/api/v1/hierarchies', { ...KBNN, code: 'Kho Bac' });
    expect(badCode.status).toBe(400);
    expect(badCode.json.field).toBe('code');
    const unknownProperty = await admin.request('POST', '/api/v1/hierarchies', { ...KBNN, parent: 'x' });
    expect(unknownProperty.status).toBe(400);

    const created = await admin.request('POST', '/api/v1/hierarchies', KBNN);
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json).toEqual({ ...KBNN, rootIds: [] });
    const again = await admin.request('POST', '/api/v1/hierarchies', KBNN);
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ code: 'ALREADY_EXISTS', field: 'code' });

    const renamed = await admin.request('PATCH', '/api/v1/hierarchies/kbnn', { nameVi: 'Kho bạc Nhà nước' });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ code: 'kbnn', nameVi: 'Kho bạc Nhà nước', nameEn: 'State Treasury' });
    expect((await admin.request('PATCH', '/api/v1/hierarchies/khong-co', { nameVi: 'X' })).status).toBe(404);
    expect((await admin.request('PATCH', '/api/v1/hierarchies/kbnn', {})).status).toBe(400);

    const audit = await admin.request('GET', '/api/v1/audit?objectType=hierarchy&objectId=kbnn');
    expect(audit.json.items.map((e: any) => [e.action, e.after?.nameVi])).toEqual([
      ['hierarchy.update', 'Kho bạc Nhà nước'],
      ['hierarchy.create', 'Hệ thống Kho bạc Nhà nước'],
    ]);
  });

  it('takes units created in it directly and units placed in it from a date', async () => {
    // The central treasury belongs administratively to the Government tree; the provincial
    // treasuries exist only in the treasury's line; a district treasury is in both.
    await createUnit({ code: 'KB-TW', name: 'Kho bạc Nhà nước', kind: 'treasury_central', parentId: fx.units.CP });
    const t1 = await createUnit({
      code: 'KB-T1',
      name: 'Kho bạc Nhà nước Hà Giang',
      kind: 'treasury_province',
      hierarchy: 'kbnn',
      parentId: kb['KB-TW'],
    });
    expect(t1.path.map((p: any) => p.name)).toEqual(['Kho bạc Nhà nước', 'Kho bạc Nhà nước Hà Giang']);
    expect(t1.parents.map((p: any) => [p.hierarchy, p.parentCode, p.validFrom, p.validTo])).toEqual([
      ['kbnn', 'KB-TW', '2020-01-01', null],
    ]);
    await createUnit({
      code: 'KB-T2',
      name: 'Kho bạc Nhà nước Hà Nội',
      kind: 'treasury_province',
      hierarchy: 'kbnn',
      parentId: kb['KB-TW'],
    });
    await createUnit({
      code: 'KB-H1',
      name: 'Kho bạc Nhà nước Đồng Văn',
      kind: 'treasury_district',
      parentId: fx.units.H1,
    });

    const placed = await admin.request('POST', `/api/v1/units/${kb['KB-H1']}/parents`, {
      hierarchy: 'kbnn',
      parentId: kb['KB-T1'],
      validFrom: '2024-01-01',
    });
    expect(placed.status, JSON.stringify(placed.json)).toBe(201);
    expect(placed.json.map((p: any) => [p.hierarchy, p.parentCode, p.validFrom, p.validTo])).toEqual([
      ['administrative', 'H1', '2020-01-01', null],
      ['kbnn', 'KB-T1', '2024-01-01', null],
    ]);

    // Moved to another provincial treasury: the first placement ends the day before.
    const moved = await admin.request('POST', `/api/v1/units/${kb['KB-H1']}/parents`, {
      hierarchy: 'kbnn',
      parentId: kb['KB-T2'],
      validFrom: '2025-01-01',
    });
    expect(moved.status, JSON.stringify(moved.json)).toBe(201);
    const placements = await admin.request('GET', `/api/v1/units/${kb['KB-H1']}/parents?hierarchy=kbnn`);
    expect(placements.json.map((p: any) => [p.parentCode, p.validFrom, p.validTo])).toEqual([
      ['KB-T1', '2024-01-01', '2024-12-31'],
      ['KB-T2', '2025-01-01', null],
    ]);
    const audit = await admin.request('GET', `/api/v1/audit?objectType=unit&objectId=${kb['KB-H1']}`);
    expect(audit.json.items.filter((e: any) => e.action === 'unit.place').map((e: any) => e.after.parentId)).toEqual([
      kb['KB-T2'],
      kb['KB-T1'],
    ]);
  });

  it('is browsed like the administrative tree: roots, children by date, path, list filter', async () => {
    const list = await admin.request('GET', '/api/v1/hierarchies');
    expect(list.json.map((h: any) => [h.code, h.rootIds])).toEqual([
      ['administrative', [fx.units.CP]],
      ['kbnn', [kb['KB-TW']]],
    ]);
    const provinces = await admin.request('GET', `/api/v1/units/${kb['KB-TW']}/children?hierarchy=kbnn`);
    expect(provinces.json.items.map((u: any) => [u.code, u.childCount])).toEqual([
      ['KB-T1', 0],
      ['KB-T2', 1],
    ]);
    const in2024 = await admin.request('GET', `/api/v1/units/${kb['KB-T1']}/children?hierarchy=kbnn&asOf=2024-06-01`);
    expect(codes(in2024.json)).toEqual(['KB-H1']);
    const in2025 = await admin.request('GET', `/api/v1/units/${kb['KB-T1']}/children?hierarchy=kbnn&asOf=2025-06-01`);
    expect(codes(in2025.json)).toEqual([]);
    // The administrative tree is unchanged: the district treasury still sits under its district.
    const h1 = await admin.request('GET', `/api/v1/units/${fx.units.H1}/children`);
    expect(codes(h1.json)).toEqual(['X1', 'X2', 'KB-H1']);

    const path = await admin.request('GET', `/api/v1/units/${kb['KB-H1']}?hierarchy=kbnn&asOf=2024-06-01`);
    expect(path.json.path.map((p: any) => p.name)).toEqual([
      'Kho bạc Nhà nước',
      'Kho bạc Nhà nước Hà Giang',
      'Kho bạc Nhà nước Đồng Văn',
    ]);
    expect(path.json.parentId).toBe(kb['KB-T1']);
    const territorial = await admin.request('GET', `/api/v1/units/${kb['KB-H1']}`);
    expect(territorial.json.parentId).toBe(fx.units.H1);

    const inKbnn = await admin.request('GET', '/api/v1/units?hierarchy=kbnn&limit=100');
    expect(codes(inKbnn.json).sort()).toEqual(['KB-H1', 'KB-T1', 'KB-T2', 'KB-TW']);
    const onDay = await admin.request('GET', '/api/v1/units?hierarchy=kbnn&q=dong%20van&asOf=2024-06-01');
    expect(codes(onDay.json)).toEqual(['KB-H1']);
    const beforeTreasury = await admin.request('GET', '/api/v1/units?hierarchy=kbnn&asOf=2019-06-01');
    expect(codes(beforeTreasury.json)).toEqual([]);
  });

  it('refuses placements that would close a cycle, overlap, repeat, or fall outside a unit’s life', async () => {
    const place = (id: number, body: Record<string, unknown>) =>
      admin.request('POST', `/api/v1/units/${id}/parents`, { hierarchy: 'kbnn', ...body });
    const cycle = await place(kb['KB-TW']!, { parentId: kb['KB-H1'], validFrom: '2025-06-01' });
    expect(cycle.status).toBe(422);
    expect(cycle.json).toMatchObject({ code: 'HIERARCHY_CYCLE', field: 'parentId' });
    const self = await place(kb['KB-TW']!, { parentId: kb['KB-TW'], validFrom: '2025-06-01' });
    expect(self.json.code).toBe('HIERARCHY_CYCLE');

    const notAfter = await place(kb['KB-H1']!, { parentId: kb['KB-T1'], validFrom: '2025-01-01' });
    expect(notAfter.status).toBe(409);
    expect(notAfter.json).toMatchObject({
      code: 'CONFLICT',
      field: 'validFrom',
      message:
        'Vị trí mới phải bắt đầu sau ngày 2025-01-01, ngày bắt đầu vị trí hiện tại của đơn vị trong hệ thống này.',
    });
    const same = await place(kb['KB-H1']!, { parentId: kb['KB-T2'], validFrom: '2026-01-01' });
    expect(same.status).toBe(409);
    expect(same.json.field).toBe('parentId');
    const early = await place(kb['KB-T2']!, { parentId: fx.units.T2, validFrom: '2019-12-31' });
    expect(early.status).toBe(400);
    expect(early.json.field).toBe('validFrom');
    const unknown = await place(kb['KB-H1']!, { hierarchy: 'bhxh', parentId: kb['KB-T1'], validFrom: '2025-06-01' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.field).toBe('hierarchy');
    const missingParent = await place(kb['KB-H1']!, { parentId: 999_999, validFrom: '2025-06-01' });
    expect(missingParent.status).toBe(404);
    expect(missingParent.json.field).toBe('parentId');

    // Nothing of the refused attempts stuck.
    const placements = await admin.request('GET', `/api/v1/units/${kb['KB-H1']}/parents?hierarchy=kbnn`);
    expect(placements.json).toHaveLength(2);
  });

  it('places only units the caller changes under parents it changes', async () => {
    // A token of a system administrator's service account narrowed to the provincial treasury
    // KB-T2: it changes that subtree (KB-T2 and, through the treasury line, KB-H1) and nothing else.
    const account = await admin.request('POST', '/api/v1/users', {
      username: 'svc.kbnn',
      displayName: 'Kết nối Kho bạc',
      unitId: kb['KB-T2'],
      roles: ['system_admin'],
      kind: 'service',
    });
    expect(account.status, JSON.stringify(account.json)).toBe(201);
    const token = await admin.request('POST', '/api/v1/tokens', {
      userId: account.json.user.id,
      name: 'Kho bạc Hà Nội',
      unitIds: [kb['KB-T2']],
      permissions: ['units.read', 'units.manage'],
      expiresInDays: 1,
    });
    expect(token.status).toBe(201);
    const call = (url: string, body: unknown) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${token.json.token}` },
        payload: body as object,
      });
    // The parent lies outside its scope: as if it did not exist.
    const outside = await call(`/api/v1/units/${kb['KB-H1']}/parents`, {
      hierarchy: 'kbnn',
      parentId: kb['KB-T1'],
      validFrom: '2026-01-01',
    });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().field).toBe('parentId');
    // So does the unit.
    const unitOutside = await call(`/api/v1/units/${kb['KB-T1']}/parents`, {
      hierarchy: 'kbnn',
      parentId: kb['KB-T2'],
      validFrom: '2026-01-01',
    });
    expect(unitOutside.statusCode).toBe(404);
    // Not a system administrator through a token: it cannot make hierarchies.
    const hierarchy = await call('/api/v1/hierarchies', { ...KBNN, code: 'bhxh' });
    expect(hierarchy.statusCode).toBe(403);
  });

  it('lets a regime flow along it, and refuses a regime naming a hierarchy that does not exist', async () => {
    const unknown = await admin.request('POST', '/api/v1/regimes', {
      code: 'KBNN-X',
      definition: { ...fixtureRegime, hierarchy: 'bhxh' },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json.details.problems.map((p: any) => p.field)).toEqual(['definition.hierarchy']);
    const known = await admin.request('POST', '/api/v1/regimes', {
      code: 'KBNN-Y',
      definition: { ...fixtureRegime, hierarchy: 'kbnn' },
    });
    expect(known.status, JSON.stringify(known.json)).toBe(201);
  });
});
