/**
 * The demonstration directives and tasks on a small part of the demo tree: made once, on the
 * units valid at each directive's date, labelled as demonstration data, with every status at
 * today's date, as the API shows them.
 */
import { foldForSearch } from '@baocao/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf } from '../../../test/assertions';
import { FIXTURE_PASSWORD, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { loadDemoTasks } from './demo-tasks';

const PRE = '2025-06-30';
const REFORM = '2025-07-01';
const TODAY = '2026-12-06';
/** [code, name, kind, parent code, valid from, valid to]; CP comes from the fixture. */
const UNITS: [string, string, string, string, string, string | null][] = [
  ['VPCP', 'Văn phòng Chính phủ', 'government_office', 'CP', '1900-01-01', null],
  ['BLDTBXH', 'Bộ Lao động – Thương binh và Xã hội', 'ministry', 'CP', '1900-01-01', null],
  ['BTC', 'Bộ Tài chính', 'ministry', 'CP', '1900-01-01', null],
  ['BHXHVN', 'Bảo hiểm xã hội Việt Nam', 'central_agency', 'CP', '1900-01-01', null],
  ['BNV', 'Bộ Nội vụ', 'ministry', 'CP', '1900-01-01', null],
  // Hà Nội went through the reform unchanged: one row.
  ['01', 'UBND thành phố Hà Nội', 'ubnd_province', 'CP', '1900-01-01', null],
  ['271', 'UBND huyện Ba Vì', 'ubnd_district', '01', '1900-01-01', PRE],
  [
    'LDTBXH.271',
    'Phòng Lao động – Thương binh và Xã hội huyện Ba Vì',
    'labour_office_district',
    '271',
    '1900-01-01',
    PRE,
  ],
  ['02', 'UBND tỉnh Hà Giang', 'ubnd_province', 'CP', '1900-01-01', PRE],
  // Hồ Chí Minh City's code names two units: before and after the reform.
  ['79', 'UBND thành phố Hồ Chí Minh', 'ubnd_province', 'CP', '1900-01-01', PRE],
  ['79', 'UBND thành phố Hồ Chí Minh', 'ubnd_province', 'CP', REFORM, null],
  ['24', 'UBND tỉnh Bắc Ninh', 'ubnd_province', 'CP', REFORM, null],
  ['31', 'UBND thành phố Hải Phòng', 'ubnd_province', 'CP', REFORM, null],
];

let t: TestApp;
let admin: Client;
const ids = new Map<string, number>();

beforeAll(async () => {
  t = await createTestApp();
  const fx = await seedFixture(t.db);
  ids.set('CP', fx.units.CP);
  for (const [code, name, kind, parent, validFrom, validTo] of UNITS) {
    const row = await t.db
      .insertInto('units')
      .values({ code, name, kind, validFrom, validTo, searchText: foldForSearch(`${code} ${name}`) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('unitParents')
      .values({ hierarchy: 'administrative', unitId: row.id, parentId: ids.get(parent)!, validFrom, validTo })
      .execute();
    ids.set(`${code}@${validFrom}`, row.id);
    if (!ids.has(code)) ids.set(code, row.id);
  }
  t.clock.now = Date.parse(`${TODAY}T10:00:00+07:00`);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
});
afterAll(async () => t?.close());

async function count(table: 'directives' | 'tasks' | 'taskProgress') {
  const row = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('demo directives and tasks', () => {
  it('loads the directives once, leaving out tasks of units the tree lacks', async () => {
    expect(await loadDemoTasks(t.db, TODAY)).toEqual({ directives: 3, tasks: 18 });
    const progress = await count('taskProgress');
    expect(progress).toBeGreaterThan(30);
    // A restart finds them and adds nothing.
    expect(await loadDemoTasks(t.db, TODAY)).toBeNull();
    expect([await count('directives'), await count('tasks'), await count('taskProgress')]).toEqual([3, 18, progress]);
    const directives = await t.db.selectFrom('directives').select('id').execute();
    for (const { id } of directives)
      expect((await auditOf(admin, 'directive', id)).map((a) => [a.action, a.actorName, a.after.demo])).toEqual([
        ['directive.create', 'system', true],
      ]);
  });

  it('labels them as demonstration data, dated by their legal bases and relative to today', async () => {
    const { status, json } = await admin.request('GET', '/api/v1/directives?limit=10');
    expect(status).toBe(200);
    expect(
      json.items.map((d: { number: string; issuedOn: string; issuer: { code: string }; demo: boolean }) => [
        d.number,
        d.issuedOn,
        d.issuer.code,
        d.demo,
      ]),
    ).toEqual([
      ['412/TB-VPCP', '2026-09-22', 'VPCP', true],
      ['23/2021/QĐ-TTg', '2021-07-07', 'CP', true],
      ['68/NQ-CP', '2021-07-01', 'CP', true],
    ]);
  });

  it('puts each task on the unit valid at its directive’s date', async () => {
    const { json } = await admin.request('GET', '/api/v1/tasks?limit=100');
    const leads = (number: string) =>
      json.items
        .filter((task: { directive: { number: string } }) => task.directive.number === number)
        .map((task: { lead: { id: number } }) => task.lead.id);
    expect(leads('68/NQ-CP')).toContain(ids.get(`79@1900-01-01`));
    expect(leads('68/NQ-CP')).not.toContain(ids.get(`79@${REFORM}`));
    expect(leads('412/TB-VPCP')).toContain(ids.get(`79@${REFORM}`));
    expect(leads('412/TB-VPCP')).not.toContain(ids.get(`79@1900-01-01`));
    expect(leads('23/2021/QĐ-TTg')).toContain(ids.get('271'));
  });

  it('shows every status at today’s date in the statistics, ranked per unit and issuer', async () => {
    const { status, json } = await admin.request('GET', '/api/v1/tasks/stats');
    expect(status).toBe(200);
    expect(json.totals).toEqual({
      assigned: 18,
      done_on_time: 8,
      done_late: 4,
      overdue: 3,
      in_progress: 1,
      regular: 2,
    });
    expect(json.byIssuer.map((r: { unit: { code: string } }) => r.unit.code).sort()).toEqual(['CP', 'VPCP']);
    const hanoi = json.byUnit.find((r: { unit: { code: string } }) => r.unit.code === '01');
    expect(hanoi.counts).toMatchObject({ assigned: 3, done_on_time: 2, overdue: 1 });
    // Statistics under one unit: Hà Nội's subtree only (its own tasks and Ba Vì's).
    const scoped = await admin.request('GET', `/api/v1/tasks/stats?unitId=${ids.get('01')}`);
    expect(scoped.json.byUnit.map((r: { unit: { code: string } }) => r.unit.code).sort()).toEqual(['01', '271']);
  });

  it('keeps a progress history in Vietnamese, the lead unit’s completion closing the task', async () => {
    const { json } = await admin.request('GET', '/api/v1/tasks?limit=100');
    const baVi = json.items.find((task: { lead: { code: string } }) => task.lead.code === '271');
    expect(baVi).toMatchObject({ status: 'done_on_time', percent: 100, demo: true });
    const detail = await admin.request('GET', `/api/v1/tasks/${baVi.id}`);
    expect(
      detail.json.progress.map((p: { role: string; percent: number | null; done: boolean }) => [
        p.role,
        p.percent,
        p.done,
      ]),
    ).toEqual([
      ['lead', 100, true],
      ['supporting', 70, false],
      ['lead', 30, false],
    ]);
    expect(detail.json.progress[0].note).toContain('Hoàn thành thẩm định');
  });
});
