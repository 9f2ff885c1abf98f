import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, snapshot } from '../../../test/assertions';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';

let t: TestApp;
let fx: Fixture;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
});
afterAll(async () => t?.close());

describe('units', () => {
  it('finds units without diacritics, whole words first', async () => {
    const result = await admin.request('GET', '/api/v1/units?q=ba%20vi');
    expect(result.json.items[0].name).toBe('UBND huyện Ba Vì');
    const hanoi = await admin.request('GET', '/api/v1/units?q=HA%20NOI');
    expect(hanoi.json.items.map((u: any) => u.name)).toEqual(['UBND thành phố Hà Nội']);
    const dong = await admin.request('GET', '/api/v1/units?q=%C4%91ong%20van');
    expect(dong.json.items.map((u: any) => u.code)).toEqual(['H1']);
  });

  it('browses children lazily and shows a unit with its path and history', async () => {
    const children = await admin.request('GET', `/api/v1/units/${fx.units.T1}/children`);
    expect(children.json.items.map((u: any) => [u.code, u.childCount])).toEqual([
      ['H1', 2],
      ['H2', 0],
    ]);
    const detail = await admin.request('GET', `/api/v1/units/${fx.units.X1}`);
    expect(detail.json.path.map((p: any) => p.name)).toEqual([
      'Chính phủ',
      'UBND tỉnh Hà Giang',
      'UBND huyện Đồng Văn',
      'UBND xã Lũng Cú',
    ]);
    expect(detail.json.parents).toHaveLength(1);
  });

  it('stores names in NFC and answers a duplicate code beside the code field', async () => {
    const decomposed = 'UBND xã Tân Lập'.normalize('NFD');
    const created = await admin.request('POST', '/api/v1/units', {
      code: 'X9',
      name: decomposed,
      kind: 'ubnd_commune',
      parentId: fx.units.H2,
    });
    expect(created.status).toBe(201);
    expect(created.json.name).toBe('UBND xã Tân Lập'.normalize('NFC'));
    const duplicate = await admin.request('POST', '/api/v1/units', {
      code: 'X9',
      name: 'Khác',
      kind: 'ubnd_commune',
      parentId: fx.units.H2,
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.field).toBe('code');
  });

  it('an update that changes nothing keeps the version and records nothing', async () => {
    const detail = (await admin.request('GET', `/api/v1/units/${fx.units.X2}`)).json;
    const before = await snapshot(t.db, ['units']);
    const same = await admin.request('PATCH', `/api/v1/units/${fx.units.X2}`, {
      version: detail.version,
      name: detail.name,
    });
    expect([same.status, same.json.version]).toEqual([200, detail.version]);
    const empty = await admin.request('PATCH', `/api/v1/units/${fx.units.X2}`, { version: detail.version });
    expect(empty.status).toBe(200);
    expect(await snapshot(t.db, ['units'])).toEqual(before);
    expect(await auditOf(admin, 'unit', fx.units.X2!)).toEqual([]);
  });
});
