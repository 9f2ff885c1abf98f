import { foldForSearch } from '@baocao/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { loadDemoRegimes } from '../demo/demo-regimes';
import { ensureAdmin, ensureRootUnit } from '../setup/bootstrap';
import { loadPresetDashboards } from './dashboard-presets';

let t: TestApp;
let admin: Client;
const PASSWORD = 'quan-tri-demo-2026-kiem-thu';

/** The units the demo regimes and presets name (the whole demo tree takes minutes and adds nothing here). */
const UNITS: [string, string, string, string | null][] = [
  ['CP', 'Chính phủ', 'government', null],
  ['BLDTBXH', 'Bộ Lao động – Thương binh và Xã hội', 'ministry', 'CP'],
  ['VPCP', 'Văn phòng Chính phủ', 'government_office', 'CP'],
  ['01', 'UBND thành phố Hà Nội', 'ubnd_province', 'CP'],
];

beforeAll(async () => {
  t = await createTestApp();
  const ids = new Map<string, number>();
  for (const [code, name, kind, parent] of UNITS) {
    const row = await t.db
      .insertInto('units')
      .values({ code, name, kind, validFrom: '1900-01-01', searchText: foldForSearch(`${code} ${name}`) })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(code, row.id);
    if (parent)
      await t.db
        .insertInto('unitParents')
        .values({ hierarchy: 'administrative', unitId: row.id, parentId: ids.get(parent)!, validFrom: '1900-01-01' })
        .execute();
  }
  await t.db
    .insertInto('hierarchies')
    .values({ code: 'kbnn', nameVi: 'Kho bạc Nhà nước', nameEn: 'State Treasury' })
    .execute();
  await ensureAdmin(t.db, await ensureRootUnit(t.db), PASSWORD);
  admin = await signIn(t.app, 'admin', PASSWORD);
});
afterAll(async () => t?.close());

describe('preset dashboards', () => {
  it('are made once the demo regimes are loaded, once only, valid and shared with everyone', async () => {
    expect(await loadPresetDashboards(t.db)).toEqual([]);
    await loadDemoRegimes(t.db);
    expect(await loadPresetDashboards(t.db)).toEqual(['covid-nq68', 'ktxh-monthly']);
    expect(await loadPresetDashboards(t.db)).toEqual([]);

    const list = await admin.request('GET', '/api/v1/dashboards');
    expect(list.json.items.map((b: { preset: string }) => b.preset)).toEqual(['covid-nq68', 'ktxh-monthly']);
    const covid = await admin.request('GET', `/api/v1/dashboards/${list.json.items[0].id}`);
    expect(covid.status).toBe(200);
    const forms = await t.db
      .selectFrom('forms')
      .innerJoin('regimes', 'regimes.id', 'forms.regimeId')
      .select(['forms.id', 'forms.code'])
      .where('regimes.code', '=', 'NQ68-HANG-NGAY')
      .execute();
    const b04 = forms.find((f) => f.code === 'B04')!.id;
    const map = covid.json.definition.widgets.find((w: { type: string }) => w.type === 'map');
    expect(map.query).toEqual({
      fields: [`${b04}:nguoi_chi`],
      units: { level: 'province' },
      periods: { type: 'day', last: 1 },
    });
    // The Government Office's board ranks the units on their tasks.
    const ktxh = await admin.request('GET', `/api/v1/dashboards/${list.json.items[1].id}`);
    expect(ktxh.json.definition.widgets.find((w: { type: string }) => w.type === 'tasks')).toMatchObject({
      id: 'nhiem-vu',
      tasks: { by: 'unit' },
      rank: { order: 'top', limit: 10 },
    });
    // Shared with the top of the tree, every role: the Hanoi province sees it too.
    const cp = await t.db.selectFrom('units').select('id').where('code', '=', 'CP').executeTakeFirstOrThrow();
    expect(covid.json.shares).toContainEqual({ unitId: cp.id, role: null });
  });

  it('gives a board made before the tasks widget that widget, unless someone edited it', async () => {
    const board = await t.db
      .selectFrom('dashboards')
      .select(['id', 'definition'])
      .where('preset', '=', 'ktxh-monthly')
      .executeTakeFirstOrThrow();
    const definition = board.definition as { widgets: { id: string }[] };
    const older = { ...definition, widgets: definition.widgets.filter((w) => w.id !== 'nhiem-vu') };
    await t.db
      .updateTable('dashboards')
      .set({ definition: JSON.stringify(older), version: 1 })
      .where('id', '=', board.id)
      .execute();
    expect(await loadPresetDashboards(t.db)).toEqual(['ktxh-monthly (+nhiem-vu)']);
    expect(await loadPresetDashboards(t.db)).toEqual([]);
    const upgraded = await admin.request('GET', `/api/v1/dashboards/${board.id}`);
    expect(upgraded.json.version).toBe(2);
    expect(upgraded.json.definition.widgets.map((w: { id: string }) => w.id)).toEqual(
      definition.widgets.map((w) => w.id),
    );
    // An edited board (version 2 and on) keeps what its editors made of it.
    await t.db
      .updateTable('dashboards')
      .set({ definition: JSON.stringify(older) })
      .where('id', '=', board.id)
      .execute();
    expect(await loadPresetDashboards(t.db)).toEqual([]);
  });
});
