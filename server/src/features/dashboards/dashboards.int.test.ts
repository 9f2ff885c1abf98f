import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, expectError } from '../../../test/assertions';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';

let t: TestApp;
let fx: Fixture;
let admin: Client;
let leaderH1: Client;
let viewerH1: Client;
let officerX1: Client;
let officerH2: Client;
let viewerT2: Client;

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  leaderH1 = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
  viewerH1 = await signIn(t.app, 'viewer.h1', FIXTURE_PASSWORD);
  officerX1 = await signIn(t.app, 'entry_officer.x1', FIXTURE_PASSWORD);
  officerH2 = await signIn(t.app, 'entry_officer.h2', FIXTURE_PASSWORD);
  viewerT2 = await signIn(t.app, 'viewer.t2', FIXTURE_PASSWORD);
});
afterAll(async () => {
  await t?.close();
});

const board = (unitId: number, extra: Record<string, unknown> = {}) => ({
  unitId,
  title: { vi: 'Bảng điều hành huyện', en: 'District board' },
  definition: {
    widgets: [
      {
        id: 'gioi-thieu',
        type: 'text',
        title: { vi: 'Giới thiệu', en: 'About' },
        x: 0,
        y: 0,
        w: 6,
        h: 2,
        text: { vi: 'Số liệu trực tuyến', en: 'Live figures' },
      },
      {
        id: 'nguoi-ho-tro',
        type: 'kpi',
        title: { vi: 'Người được hỗ trợ', en: 'People supported' },
        x: 6,
        y: 0,
        w: 3,
        h: 2,
        target: 1000,
        query: { fields: ['1:nguoi'], units: { children: true }, periods: { type: 'day', last: 1 } },
      },
    ],
  },
  shares: [],
  ...extra,
});

const titlesOf = async (client: Client) =>
  ((await client.request('GET', '/api/v1/dashboards')).json.items as { title: { vi: string } }[]).map(
    (b) => b.title.vi,
  );

describe('dashboards', () => {
  it('a leader creates, edits and deletes a board of their unit; each write is audited', async () => {
    const created = await leaderH1.request('POST', '/api/v1/dashboards', board(fx.units.H1));
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json).toMatchObject({ unitId: fx.units.H1, editable: true, version: 1, shares: [] });
    expect(created.json.definition.widgets).toHaveLength(2);
    const id = created.json.id as number;

    const edited = await leaderH1.request('PUT', `/api/v1/dashboards/${id}`, {
      ...board(fx.units.H1, { title: { vi: 'Bảng mới', en: 'New board' } }),
      version: 1,
    });
    expect(edited.status, JSON.stringify(edited.json)).toBe(200);
    expect(edited.json).toMatchObject({ version: 2, title: { vi: 'Bảng mới' } });

    // A stale version is a conflict and changes nothing.
    const stale = await leaderH1.request('PUT', `/api/v1/dashboards/${id}`, { ...board(fx.units.H1), version: 1 });
    expectError(stale, 409, 'CONFLICT', 'version');
    expect((await leaderH1.request('GET', `/api/v1/dashboards/${id}`)).json.title.vi).toBe('Bảng mới');

    expect((await leaderH1.request('DELETE', `/api/v1/dashboards/${id}`)).status).toBe(200);
    expectError(await leaderH1.request('GET', `/api/v1/dashboards/${id}`), 404, 'NOT_FOUND');
    expect((await auditOf(admin, 'dashboard', id)).map((row) => row.action)).toEqual([
      'dashboard.create',
      'dashboard.update',
      'dashboard.delete',
    ]);
  });

  it('an invalid board gets an error naming the field, and nothing is saved', async () => {
    const before = await titlesOf(admin);
    const overlap = board(fx.units.H1);
    overlap.definition.widgets[1]!.x = 4;
    expectError(
      await leaderH1.request('POST', '/api/v1/dashboards', overlap),
      422,
      'DASHBOARD_DEFINITION_INVALID',
      'definition.widgets.1.y',
    );
    const noQuery = board(fx.units.H1);
    delete (noQuery.definition.widgets[1] as { query?: unknown }).query;
    expectError(
      await leaderH1.request('POST', '/api/v1/dashboards', noQuery),
      422,
      'DASHBOARD_DEFINITION_INVALID',
      'definition.widgets.1.query',
    );
    const wide = board(fx.units.H1);
    wide.definition.widgets[1]!.w = 9;
    expectError(
      await leaderH1.request('POST', '/api/v1/dashboards', wide),
      422,
      'DASHBOARD_DEFINITION_INVALID',
      'definition.widgets.1.w',
    );
    const unknownType = board(fx.units.H1);
    (unknownType.definition.widgets[0] as { type: string }).type = 'gauge';
    const refused = await leaderH1.request('POST', '/api/v1/dashboards', unknownType);
    expect(refused.status).toBe(400);
    expect(refused.json.code).toBe('VALIDATION_FAILED');
    expect(refused.json.field).toMatch(/^definition\.widgets\.0/);
    const extra = await leaderH1.request('POST', '/api/v1/dashboards', { ...board(fx.units.H1), colour: 'red' });
    expect(extra.status).toBe(400);
    expect(await titlesOf(admin)).toEqual(before);
  });

  it('a tasks widget (nhiệm vụ) is saved with its ranking settings; task settings elsewhere are refused', async () => {
    const tasksWidget = {
      id: 'nhiem-vu',
      type: 'tasks',
      title: { vi: 'Nhiệm vụ', en: 'Tasks' },
      x: 0,
      y: 2,
      w: 12,
      h: 4,
      tasks: { by: 'issuer' },
      rank: { order: 'top', limit: 5 },
    };
    const withTasks = board(fx.units.H1);
    withTasks.definition.widgets.push(tasksWidget as never);
    const created = await leaderH1.request('POST', '/api/v1/dashboards', withTasks);
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json.definition.widgets[2]).toEqual(tasksWidget);
    expect((await leaderH1.request('DELETE', `/api/v1/dashboards/${created.json.id}`)).status).toBe(200);
    const before = await titlesOf(admin);
    const misplaced = board(fx.units.H1);
    (misplaced.definition.widgets[0] as { tasks?: unknown }).tasks = { by: 'unit' };
    expectError(
      await leaderH1.request('POST', '/api/v1/dashboards', misplaced),
      422,
      'DASHBOARD_DEFINITION_INVALID',
      'definition.widgets.0.tasks',
    );
    const unknownSetting = board(fx.units.H1);
    unknownSetting.definition.widgets.push({ ...tasksWidget, tasks: { by: 'province' } } as never);
    const refused = await leaderH1.request('POST', '/api/v1/dashboards', unknownSetting);
    expect(refused.status).toBe(400);
    expect(refused.json.field).toMatch(/^definition\.widgets\.2/);
    expect(await titlesOf(admin)).toEqual(before);
  });

  it('a board and its shares stay inside the owner’s scope', async () => {
    // H2 is outside the H1 leader's view: 404, naming the field.
    expectError(await leaderH1.request('POST', '/api/v1/dashboards', board(fx.units.H2)), 404, 'NOT_FOUND', 'unitId');
    expectError(
      await leaderH1.request(
        'POST',
        '/api/v1/dashboards',
        board(fx.units.H1, { shares: [{ unitId: fx.units.T2, role: null }] }),
      ),
      404,
      'NOT_FOUND',
      'shares.0.unitId',
    );
    // Viewers and entry officers do not build boards.
    expectError(await viewerH1.request('POST', '/api/v1/dashboards', board(fx.units.H1)), 403, 'FORBIDDEN');
    expectError(await officerX1.request('POST', '/api/v1/dashboards', board(fx.units.X1)), 403, 'FORBIDDEN');
  });

  it('a viewer sees the boards of their view and those shared with a unit above them, with their role', async () => {
    const national = await admin.request(
      'POST',
      '/api/v1/dashboards',
      board(fx.units.CP, {
        title: { vi: 'Toàn quốc – cán bộ nhập liệu', en: 'National – entry officers' },
        shares: [{ unitId: fx.units.T1, role: 'entry_officer' }],
      }),
    );
    expect(national.status, JSON.stringify(national.json)).toBe(201);
    const district = await leaderH1.request(
      'POST',
      '/api/v1/dashboards',
      board(fx.units.H1, { title: { vi: 'Huyện Đồng Văn', en: 'Dong Van' } }),
    );
    expect(district.status).toBe(201);

    // The commune officer: the shared national board (T1, entry officers) but not the district's board.
    expect(await titlesOf(officerX1)).toEqual(['Toàn quốc – cán bộ nhập liệu']);
    // The H2 officer is also under T1 and an entry officer; H2 does not see H1's board.
    expect(await titlesOf(officerH2)).toEqual(['Toàn quốc – cán bộ nhập liệu']);
    // The H1 viewer: its own unit's board only (the share names entry officers).
    expect(await titlesOf(viewerH1)).toEqual(['Huyện Đồng Văn']);
    // Hanoi's viewer sees neither.
    expect(await titlesOf(viewerT2)).toEqual([]);
    expectError(await viewerT2.request('GET', `/api/v1/dashboards/${district.json.id}`), 404, 'NOT_FOUND');
    // The officer reads the shared board, but may not change it.
    const read = await officerX1.request('GET', `/api/v1/dashboards/${national.json.id}`);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ editable: false, shares: [{ unitId: fx.units.T1, role: 'entry_officer' }] });
    // The H1 leader sees its own board as editable; the national board it neither sees nor changes.
    expectError(
      await leaderH1.request('PUT', `/api/v1/dashboards/${national.json.id}`, { ...board(fx.units.CP), version: 1 }),
      404,
      'NOT_FOUND',
    );
  });
});
