/**
 * Directives and tasks through the HTTP API on the real database: recording a directive and its
 * tasks, bad input that changes nothing, progress by the lead and supporting units with
 * attachments, statuses and statistics under a moved clock, the scope of each caller, the XLSX
 * import (dry run, per-row errors, all or nothing), and the task ladder's warnings.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, expectError, multipartFile, snapshot } from '../../../test/assertions';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { addJob } from '../../jobs/job-queue';
import { TASK_LADDER } from '../../jobs/task-ladder.job';

let t: TestApp;
let fx: Fixture;
let admin: Client;
let approver: Client;
let officerX1: Client;
let officerH2: Client;
let officerH1: Client;
const TABLES = ['directives', 'tasks', 'task_supporting_units', 'task_progress', 'task_attachments'];
const vn = (local: string) => Date.parse(`${local}+07:00`);

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  approver = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
  officerX1 = await signIn(t.app, 'entry_officer.x1', FIXTURE_PASSWORD);
  officerH2 = await signIn(t.app, 'entry_officer.h2', FIXTURE_PASSWORD);
  officerH1 = await signIn(t.app, 'entry_officer.h1', FIXTURE_PASSWORD);
});
afterAll(async () => t?.close());

async function upload(client: Client, url: string, fileName: string, content: Buffer) {
  const { contentType, payload } = multipartFile(fileName, content);
  const response = await t.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: client.cookie,
      'x-csrf-token': client.csrf,
      'content-type': contentType,
      'accept-language': 'vi',
    },
    payload,
  });
  return { status: response.statusCode, json: response.json(), headers: response.headers };
}

let directiveId: number;
let taskIds: number[];

describe('directives and tasks', () => {
  it('records a directive of the caller’s unit with its tasks, audited', async () => {
    t.clock.now = vn('2026-03-01T09:00:00');
    const response = await approver.request('POST', '/api/v1/directives', {
      kind: 'resolution',
      number: '12/NQ-UBND',
      issuedOn: '2026-03-01',
      issuerUnitId: fx.units.H1,
      summary: 'Nghị quyết về hỗ trợ người dân gặp khó khăn',
      tasks: [
        {
          title: 'Rà soát danh sách hộ nghèo',
          deadline: '2026-03-31',
          leadUnitId: fx.units.X1,
          supportingUnitIds: [fx.units.X2],
          expectedResult: 'Danh sách được phê duyệt',
        },
        { title: 'Chi trả hỗ trợ đợt 1', deadline: '2026-04-15', leadUnitId: fx.units.X1 },
        { title: 'Tổng hợp báo cáo', deadline: '2026-04-30', leadUnitId: fx.units.H1 },
        { title: 'Theo dõi, đôn đốc thường xuyên', deadline: null, leadUnitId: fx.units.X2 },
      ],
    });
    expect(response.status, JSON.stringify(response.json)).toBe(201);
    directiveId = response.json.id;
    taskIds = response.json.taskIds;
    expect(taskIds).toHaveLength(4);
    expect((await auditOf(admin, 'directive', directiveId)).map((a) => a.action)).toEqual(['directive.create']);
    expect((await auditOf(admin, 'task', taskIds[0]!)).map((a) => a.action)).toEqual(['task.create']);
  });

  it('refuses bad input with the field named, changing nothing', async () => {
    const before = await snapshot(t.db, TABLES);
    const base = {
      kind: 'decision',
      number: '13/QĐ-UBND',
      issuedOn: '2026-03-10',
      issuerUnitId: fx.units.H1,
      summary: 'Quyết định giao nhiệm vụ',
    };
    const task = { title: 'Nhiệm vụ thử', deadline: '2026-03-20', leadUnitId: fx.units.X1 };
    const early = await approver.request('POST', '/api/v1/directives', {
      ...base,
      tasks: [{ ...task, deadline: '2026-03-09' }],
    });
    expectError(early, 400, 'VALIDATION_FAILED', 'tasks/0/deadline');
    // The dates read as a Vietnamese document writes them.
    expect(early.json.message).toBe('Hạn hoàn thành (09/03/2026) không được trước ngày ban hành văn bản (10/03/2026).');
    const r = await approver.request('POST', '/api/v1/directives', {
      ...base,
      tasks: [task, { ...task, leadUnitId: 999_999 }],
    });
    expectError(r, 400, 'VALIDATION_FAILED', 'tasks/1/leadUnitId');
    expect(r.json.message).toContain('999999');
    // A unit outside the caller's view reads as unknown.
    expectError(
      await approver.request('POST', '/api/v1/directives', {
        ...base,
        tasks: [{ ...task, supportingUnitIds: [fx.units.H2] }],
      }),
      400,
      'VALIDATION_FAILED',
      'tasks/0/supportingUnitIds',
    );
    expectError(
      await approver.request('POST', '/api/v1/directives', {
        ...base,
        tasks: [{ ...task, supportingUnitIds: [fx.units.X1] }],
      }),
      400,
      'VALIDATION_FAILED',
      'tasks/0/supportingUnitIds',
    );
    expectError(
      await approver.request(`POST`, `/api/v1/directives/${directiveId}/tasks`, { ...task, deadline: '2026-02-28' }),
      400,
      'VALIDATION_FAILED',
      'deadline',
    );
    expectError(
      await approver.request('POST', '/api/v1/directives', { ...base, extra: 1 }),
      400,
      'VALIDATION_FAILED',
      'extra',
    );
    expectError(
      await approver.request('POST', '/api/v1/directives', { ...base, issuerUnitId: fx.units.T1 }),
      404,
      'NOT_FOUND',
    );
    expect(await snapshot(t.db, TABLES)).toEqual(before);
  });

  it('takes progress from the lead and supporting units; only the lead reports done', async () => {
    t.clock.now = vn('2026-03-20T10:00:00');
    const [first] = taskIds as [number];
    // X2 lies outside the X1 officer's view: 404, as if it were not there.
    expectError(
      await officerX1.request('POST', `/api/v1/tasks/${first}/progress`, { unitId: fx.units.X2, note: 'Đã phối hợp' }),
      404,
      'NOT_FOUND',
    );
    const supporting = await officerH1.request('POST', `/api/v1/tasks/${first}/progress`, {
      unitId: fx.units.X2,
      note: 'Xã Phó Bảng đã gửi danh sách',
      percent: 40,
    });
    expect(supporting.status, JSON.stringify(supporting.json)).toBe(201);
    expectError(
      await officerH1.request('POST', `/api/v1/tasks/${first}/progress`, {
        unitId: fx.units.X2,
        note: 'Xong',
        done: true,
      }),
      400,
      'VALIDATION_FAILED',
      'done',
    );
    expectError(
      await officerH1.request('POST', `/api/v1/tasks/${first}/progress`, { unitId: fx.units.H1, note: 'Không giao' }),
      400,
      'VALIDATION_FAILED',
      'unitId',
    );
    const lead = await officerX1.request('POST', `/api/v1/tasks/${first}/progress`, {
      unitId: fx.units.X1,
      note: 'Đã rà soát 80% số hộ',
      percent: 80,
    });
    expect(lead.status).toBe(201);
    const detail = await officerX1.request('GET', `/api/v1/tasks/${first}`);
    expect(detail.json.task).toMatchObject({ percent: 80, status: 'in_progress', daysLeft: 11 });
    expect(detail.json.progress.map((p: { role: string; percent: number }) => [p.role, p.percent])).toEqual([
      ['lead', 80],
      ['supporting', 40],
    ]);
    expect(detail.json.reportableUnitIds).toEqual([fx.units.X1]);

    // Attachments: a real PDF is kept; a program named .pdf, or an .exe, is refused.
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const attached = await upload(officerX1, `/api/v1/tasks/progress/${lead.json.id}/attachments`, 'bien-ban.pdf', pdf);
    expect(attached.status, JSON.stringify(attached.json)).toBe(201);
    const before = await snapshot(t.db, TABLES);
    expectError(
      await upload(
        officerX1,
        `/api/v1/tasks/progress/${lead.json.id}/attachments`,
        'virus.pdf',
        Buffer.from('MZ\x90\x00'),
      ),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'file',
    );
    expectError(
      await upload(officerX1, `/api/v1/tasks/progress/${lead.json.id}/attachments`, 'a.exe', Buffer.from('MZ')),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'file',
    );
    expectError(
      await upload(officerH2, `/api/v1/tasks/progress/${lead.json.id}/attachments`, 'b.pdf', pdf),
      404,
      'NOT_FOUND',
    );
    expect(await snapshot(t.db, TABLES)).toEqual(before);
    const file = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tasks/attachments/${attached.json.id}`,
      headers: { cookie: approver.cookie },
    });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(file.headers['content-type']).toBe('application/pdf');

    const done = await officerX1.request('POST', `/api/v1/tasks/${first}/progress`, {
      unitId: fx.units.X1,
      note: 'Danh sách đã được phê duyệt',
      done: true,
    });
    expect(done.status).toBe(201);
    expectError(
      await officerX1.request('POST', `/api/v1/tasks/${first}/progress`, { unitId: fx.units.X1, note: 'Thêm' }),
      409,
      'CONFLICT',
    );
    expect((await auditOf(admin, 'task', first)).map((a) => a.action)).toEqual([
      'task.create',
      'task.progress',
      'task.progress',
      'task.attachment',
      'task.complete',
    ]);
  });

  it('judges statuses by the moved clock and ranks units and issuers', async () => {
    // The second task is done late; the third is overdue; the regular one stays regular.
    t.clock.now = vn('2026-04-20T08:00:00');
    const late = await officerX1.request('POST', `/api/v1/tasks/${taskIds[1]}/progress`, {
      unitId: fx.units.X1,
      note: 'Đã chi trả xong',
      done: true,
    });
    expect(late.status).toBe(201);
    t.clock.now = vn('2026-05-01T00:00:00');
    const list = await approver.request('GET', `/api/v1/tasks?directiveId=${directiveId}`);
    expect(list.json.items.map((i: { title: string; status: string }) => [i.title, i.status])).toEqual([
      ['Rà soát danh sách hộ nghèo', 'done_on_time'],
      ['Chi trả hỗ trợ đợt 1', 'done_late'],
      ['Tổng hợp báo cáo', 'overdue'],
      ['Theo dõi, đôn đốc thường xuyên', 'regular'],
    ]);
    t.clock.now = vn('2026-04-30T23:59:00');
    const stillOnTime = await approver.request('GET', `/api/v1/tasks/${taskIds[2]}`);
    expect(stillOnTime.json.task.status).toBe('in_progress');

    t.clock.now = vn('2026-05-01T00:00:00');
    const stats = await approver.request('GET', '/api/v1/tasks/stats');
    expect(stats.status).toBe(200);
    expect(stats.json.totals).toEqual({
      assigned: 4,
      done_on_time: 1,
      done_late: 1,
      overdue: 1,
      in_progress: 0,
      regular: 1,
    });
    expect(
      stats.json.byUnit.map((r: { unit: { id: number }; rank: number; onTimeRate: number | null }) => [
        r.unit.id,
        r.rank,
        r.onTimeRate,
      ]),
    ).toEqual([
      [fx.units.X1, 1, 0.5],
      [fx.units.H1, 2, 0],
      [fx.units.X2, 3, null],
    ]);
    expect(stats.json.byIssuer).toHaveLength(1);
    expect(stats.json.byIssuer[0]).toMatchObject({ unit: { id: fx.units.H1 }, rank: 1 });
  });

  it('shows each caller only its subtree’s directives and tasks', async () => {
    const mine = await officerX1.request('GET', '/api/v1/tasks?mine=true');
    expect(mine.json.items.map((i: { id: number }) => i.id)).toEqual([taskIds[0], taskIds[1]]);
    const directives = await officerX1.request('GET', '/api/v1/directives');
    expect(directives.json.items.map((d: { id: number }) => d.id)).toEqual([directiveId]);
    // X1 sees the directive and its own tasks, not the others'.
    const detail = await officerX1.request('GET', `/api/v1/directives/${directiveId}`);
    expect(detail.json.tasks.map((i: { id: number }) => i.id)).toEqual([taskIds[0], taskIds[1]]);
    expect(detail.json.canEdit).toBe(false);
    expect((await approver.request('GET', `/api/v1/directives/${directiveId}`)).json.canEdit).toBe(true);
    expect((await officerH2.request('GET', '/api/v1/directives')).json.items).toEqual([]);
    expect((await officerH2.request('GET', '/api/v1/tasks')).json.items).toEqual([]);
    expect((await officerH2.request('GET', '/api/v1/tasks/stats')).json.byUnit).toEqual([]);
    expectError(await officerH2.request('GET', `/api/v1/directives/${directiveId}`), 404, 'NOT_FOUND');
    expectError(await officerH2.request('GET', `/api/v1/tasks/${taskIds[0]}`), 404, 'NOT_FOUND');
    const search = await approver.request('GET', '/api/v1/directives?q=nghi%20quyet%20ve%20ho%20tro%20nguoi%20dan');
    expect(search.json.items.map((d: { id: number }) => d.id)).toEqual([directiveId]);
    expect((await approver.request('GET', '/api/v1/directives?q=khong%20co')).json.items).toEqual([]);
  });
});

async function workbook(rows: (string | Date)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Nhiệm vụ');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('the XLSX import of tasks', () => {
  const header = ['Nhiệm vụ', 'Thời hạn', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Kết quả dự kiến'];
  let codes: Record<string, string>;
  beforeAll(async () => {
    const units = await t.db.selectFrom('units').select(['id', 'code']).execute();
    codes = Object.fromEntries(
      Object.entries(fx.units).map(([key, id]) => [key, units.find((u) => u.id === id)!.code]),
    );
  });

  it('reports every bad row by number, and writes nothing', async () => {
    const before = await snapshot(t.db, TABLES);
    const file = await workbook([
      header,
      ['Nhiệm vụ hợp lệ', '15/04/2026', codes.X1!, codes.X2!, 'Báo cáo'],
      ['Hạn trước ngày ban hành', '01/02/2026', codes.X1!, '', ''],
      ['Đơn vị lạ', 'thường xuyên', 'KHONG-CO', '', ''],
      ['Hạn sai', 'tuần sau', codes.X1!, codes.H2!, ''],
    ]);
    const r = await upload(approver, `/api/v1/directives/${directiveId}/tasks/import`, 'nhiem-vu.xlsx', file);
    expectError(r, 422, 'IMPORT_FAILED', 'file');
    expect(r.json.details.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [3, 'deadline'],
      [4, 'lead'],
      [5, 'deadline'],
      [5, 'supporting'],
    ]);
    expect(r.json.details.errors[0].message).toContain('(01/03/2026)');
    expect(await snapshot(t.db, TABLES)).toEqual(before);
  });

  it('dry-runs, then imports all rows', async () => {
    const file = await workbook([
      header,
      ['Kiểm tra thực địa', new Date(Date.UTC(2026, 3, 10)), codes.X1!, codes.X2!, 'Biên bản'],
      ['Tuyên truyền', 'Thường xuyên', codes.X2!, '', ''],
    ]);
    const before = await snapshot(t.db, TABLES);
    const dry = await upload(approver, `/api/v1/directives/${directiveId}/tasks/import?dryRun=true`, 'a.xlsx', file);
    expect(dry.status, JSON.stringify(dry.json)).toBe(200);
    expect(dry.json).toMatchObject({ dryRun: true, rows: 2, created: 0 });
    expect(dry.json.tasks.map((x: { row: number; deadline: string | null }) => [x.row, x.deadline])).toEqual([
      [2, '2026-04-10'],
      [3, null],
    ]);
    expect(await snapshot(t.db, TABLES)).toEqual(before);
    expectError(
      await upload(officerX1, `/api/v1/directives/${directiveId}/tasks/import`, 'a.xlsx', file),
      403,
      'FORBIDDEN',
    );
    const real = await upload(approver, `/api/v1/directives/${directiveId}/tasks/import`, 'a.xlsx', file);
    expect(real.status).toBe(201);
    expect(real.json).toMatchObject({ dryRun: false, rows: 2, created: 2 });
    const detail = await approver.request('GET', `/api/v1/directives/${directiveId}`);
    expect(detail.json.tasks).toHaveLength(6);
  });
});

describe('the task ladder', () => {
  async function runAt(local: string) {
    t.clock.now = vn(local);
    await addJob(t.db, TASK_LADDER, {});
    await t.jobs.drain();
    const rows = await t.db
      .selectFrom('notices')
      .innerJoin('users', 'users.id', 'notices.userId')
      .select(['users.username', 'notices.kind', 'notices.title'])
      .where('notices.kind', 'in', ['task_due_soon', 'task_overdue'])
      .orderBy('notices.id')
      .execute();
    return rows.map((r) => `${r.username} ${r.kind}: ${(r.title as { vi: string }).vi}`);
  }

  it('warns the lead and supporting units before and after a deadline, once each', async () => {
    const made = await approver.request('POST', `/api/v1/directives/${directiveId}/tasks`, {
      title: 'Báo cáo sơ kết quý II',
      deadline: '2026-06-30',
      leadUnitId: fx.units.X1,
      supportingUnitIds: [fx.units.H1],
    });
    expect(made.status).toBe(201);
    // Earlier tasks are past or done; clear what the imports and earlier tests may have warned.
    await t.db.deleteFrom('notices').where('kind', 'in', ['task_due_soon', 'task_overdue']).execute();
    await t.db
      .insertInto('taskWarnings')
      .columns(['taskId', 'step', 'deadline', 'takenAt'])
      .expression((eb) =>
        eb
          .selectFrom('tasks')
          .select([
            'id',
            eb.val('overdue').as('step'),
            eb.fn.coalesce('deadline', eb.val('2026-01-01')).as('deadline'),
            eb.val(new Date()).as('takenAt'),
          ])
          .where('id', '!=', made.json.id),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();

    expect(await runAt('2026-06-27T12:00:00')).toEqual([]);
    const dueSoon = await runAt('2026-06-28T00:01:00');
    expect(dueSoon.sort()).toEqual(
      [
        'approver.h1 task_due_soon: Nhiệm vụ sắp đến hạn (30/06/2026): Báo cáo sơ kết quý II',
        'entry_officer.h1 task_due_soon: Nhiệm vụ sắp đến hạn (30/06/2026): Báo cáo sơ kết quý II',
        'entry_officer.x1 task_due_soon: Nhiệm vụ sắp đến hạn (30/06/2026): Báo cáo sơ kết quý II',
        'unit_admin.h1 task_due_soon: Nhiệm vụ sắp đến hạn (30/06/2026): Báo cáo sơ kết quý II',
      ].sort(),
    );
    expect(await runAt('2026-06-29T09:00:00')).toHaveLength(4);
    const after = await runAt('2026-07-01T00:00:30');
    expect(after.filter((n) => n.includes('task_overdue'))).toHaveLength(4);
    expect(after.find((n) => n.startsWith('entry_officer.x1 task_overdue'))).toBe(
      'entry_officer.x1 task_overdue: Nhiệm vụ đã quá hạn (30/06/2026): Báo cáo sơ kết quý II',
    );
    expect(await runAt('2026-07-02T00:00:00')).toHaveLength(8);
    // E-mails were queued with the notices of people who have an address.
    const inbox = await officerX1.request('GET', '/api/v1/notices');
    expect(inbox.json.items.map((n: { kind: string; link: string }) => [n.kind, n.link])).toEqual([
      ['task_overdue', `/tasks/${made.json.id}`],
      ['task_due_soon', `/tasks/${made.json.id}`],
    ]);
  });
});
