import type { FormDefinition, RegimeDefinition } from '@baocao/domain';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { templateForm } from '../../../test/template-fixture';
import { readTemplateUpload } from '../templates/template-reader';
import { todayInVietnam } from '../units/units.service';

let t: TestApp;
let fx: Fixture;
let admin: Client;
let viewer: Client;
let entry: Client;

function regimeDefinition(extra: Partial<RegimeDefinition> = {}): RegimeDefinition {
  return {
    name: { vi: 'Báo cáo hằng tháng về hỗ trợ người lao động', en: 'Monthly report on support to workers' },
    content: 'Kết quả hỗ trợ người lao động trong tháng.',
    reportingUnits: 'UBND cấp huyện',
    receivingAgency: 'Bộ Lao động – Thương binh và Xã hội',
    sendingMethod: 'Hệ thống thông tin báo cáo',
    deadline: 'Ngày làm việc thứ 2 sau ngày chốt số liệu',
    frequency: 'month',
    dataWindow: 'decree09',
    outlineTemplate: '',
    procedure: 'UBND huyện nhập, UBND tỉnh tổng hợp.',
    legalBasis: 'Nghị định 09/2019/NĐ-CP',
    ownerUnitCode: 'BO',
    hierarchy: 'administrative',
    consolidatingUnitKinds: ['ubnd_province'],
    consolidationCounts: 'submitted',
    recipientUnitCodes: ['BO'],
    schedules: [
      {
        unitKinds: ['ubnd_district'],
        role: 'entry',
        opens: { anchor: 'window_end', days: 1, time: '00:00' },
        due: { anchor: 'window_end', days: 2, workingDays: true, time: '17:00' },
        closes: { anchor: 'window_end', days: 3, workingDays: true, time: '17:00' },
      },
    ],
    allowLateSubmission: true,
    validFrom: '2026-01-01',
    validTo: null,
    ...extra,
  };
}

const agg = { hierarchy: 'sum', time: 'sum' } as const;

function formDefinition(code = 'B01'): FormDefinition {
  return {
    code,
    title: { vi: 'Biểu 01: Hỗ trợ người lao động', en: 'Form 01: Support to workers' },
    entryUnitKinds: ['ubnd_district'],
    sections: [
      {
        code: 'ket_qua',
        title: { vi: 'Kết quả hỗ trợ', en: 'Results' },
        layout: 'list',
        fields: [
          {
            code: 'nhan',
            label: { vi: 'Số hồ sơ nhận', en: 'Applications received' },
            type: 'integer',
            unit: 'hồ sơ',
            min: 0,
            aggregation: agg,
          },
          {
            code: 'duyet',
            label: { vi: 'Số người được duyệt', en: 'People approved' },
            type: 'integer',
            unit: 'người',
            min: 0,
            aggregation: agg,
          },
          {
            code: 'duyet_nu',
            label: { vi: 'Trong đó: nữ', en: 'Of whom women' },
            type: 'integer',
            unit: 'người',
            min: 0,
            aggregation: agg,
          },
          {
            code: 'tien',
            label: { vi: 'Số tiền đã chi', en: 'Amount paid' },
            type: 'money',
            unit: 'triệu đồng',
            min: 0,
            aggregation: agg,
          },
          {
            code: 'ty_le_duyet',
            label: { vi: 'Tỷ lệ được duyệt', en: 'Approval rate' },
            type: 'percent',
            unit: '%',
            expression: 'round(#{duyet} / #{nhan} * 100, 1)',
            aggregation: { hierarchy: 'none', time: 'none' },
          },
        ],
      },
    ],
    optionSets: [],
    rules: [
      {
        code: 'duyet_le_nhan',
        left: '#{duyet}',
        operator: '<=',
        right: '#{nhan}',
        severity: 'error',
        message: { vi: 'Số người được duyệt không được vượt số hồ sơ nhận.', en: 'Approved must not exceed received.' },
      },
      {
        code: 'nu_le_tong',
        left: '#{duyet_nu}',
        operator: '<=',
        right: '#{duyet}',
        severity: 'error',
        message: { vi: 'Số nữ không được vượt tổng số.', en: 'Women must not exceed the total.' },
      },
    ],
  };
}

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  viewer = await signIn(t.app, 'viewer.h1', FIXTURE_PASSWORD);
  entry = await signIn(t.app, 'entry_officer.h1', FIXTURE_PASSWORD);
});
afterAll(async () => t?.close());

async function createRegimeWithForm(code: string, definition = formDefinition()) {
  const regime = await admin.request('POST', '/api/v1/regimes', { code, definition: regimeDefinition() });
  expect(regime.status, JSON.stringify(regime.json)).toBe(201);
  const form = await admin.request('POST', `/api/v1/regimes/${regime.json.id}/forms`, {
    code: definition.code,
    title: definition.title,
    definition,
  });
  expect(form.status, JSON.stringify(form.json)).toBe(201);
  return { regimeId: regime.json.id as number, formId: form.json.formId as number, versionId: form.json.id as number };
}

describe('regimes', () => {
  it('only system administrators create regimes; every signed-in role reads the catalogue', async () => {
    const denied = await entry.request('POST', '/api/v1/regimes', { code: 'X', definition: regimeDefinition() });
    expect(denied.status).toBe(403);
    expect(denied.json.code).toBe('FORBIDDEN');
    const created = await admin.request('POST', '/api/v1/regimes', {
      code: 'BC-THANG',
      definition: regimeDefinition(),
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      code: 'BC-THANG',
      status: 'draft',
      version: 1,
      forms: [],
      ownerUnitId: fx.units.BO,
    });
    // A draft regime is invisible to readers.
    expect((await viewer.request('GET', `/api/v1/regimes/${created.json.id}`)).status).toBe(404);
    const list = await viewer.request('GET', '/api/v1/regimes');
    expect(list.status).toBe(200);
    expect(list.json.items.map((r: any) => r.code)).not.toContain('BC-THANG');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/regimes' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses a regime naming unknown units, kinds or a disordered schedule, with every problem', async () => {
    const definition = regimeDefinition({
      ownerUnitCode: 'KHONG_CO',
      consolidatingUnitKinds: ['ubnd_galaxy'],
      schedules: [
        {
          unitKinds: ['ubnd_district'],
          role: 'entry',
          opens: { anchor: 'window_end', days: 3, time: '00:00' },
          due: { anchor: 'window_end', days: 1, time: '17:00' },
          closes: { anchor: 'window_end', days: 4, time: '17:00' },
        },
      ],
    });
    const response = await admin.request('POST', '/api/v1/regimes', { code: 'SAI', definition });
    expect(response.status).toBe(422);
    expect(response.json.code).toBe('REGIME_DEFINITION_INVALID');
    expect(response.json.field).toBe('definition.ownerUnitCode');
    expect(response.json.details.problems.map((p: any) => p.field)).toEqual([
      'definition.ownerUnitCode',
      'definition.consolidatingUnitKinds.0',
      'definition.schedules.0.due',
    ]);
    const count = await t.db
      .selectFrom('regimes')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('code', '=', 'SAI')
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(0);
  });

  it('updates with an optimistic version and searches ignoring diacritics', async () => {
    const { regimeId } = await createRegimeWithForm('TIM-KIEM');
    const renamed = regimeDefinition({
      name: { vi: 'Báo cáo tình hình giải ngân vốn đầu tư công', en: 'Public investment disbursement' },
    });
    const ok = await admin.request('PUT', `/api/v1/regimes/${regimeId}`, { version: 1, definition: renamed });
    expect(ok.status).toBe(200);
    expect(ok.json.version).toBe(2);
    const stale = await admin.request('PUT', `/api/v1/regimes/${regimeId}`, { version: 1, definition: renamed });
    expect(stale.status).toBe(409);
    expect(stale.json.code).toBe('CONFLICT');
    const found = await admin.request('GET', '/api/v1/regimes?q=giai%20ngan%20dau%20tu');
    expect(found.json.items.map((r: any) => r.code)).toEqual(['TIM-KIEM']);
    const byAgency = await admin.request('GET', '/api/v1/regimes?agency=BO&frequency=month&status=draft&limit=500');
    expect(byAgency.json.items.map((r: any) => r.code)).toContain('TIM-KIEM');
    expect((await admin.request('GET', '/api/v1/regimes?agency=VPCP')).json.items).toEqual([]);
    expect((await admin.request('GET', '/api/v1/regimes?frequency=day')).json.total).toBe(0);
  });

  it('activates a regime only when every form is published, then readers see it', async () => {
    const { regimeId, versionId } = await createRegimeWithForm('KICH-HOAT');
    const early = await admin.request('POST', `/api/v1/regimes/${regimeId}/activate`, { version: 1 });
    expect(early.status).toBe(409);
    expect(early.json.details.unpublished).toEqual(['B01']);
    expect((await admin.request('POST', `/api/v1/form-versions/${versionId}/publish`)).status).toBe(200);
    const active = await admin.request('POST', `/api/v1/regimes/${regimeId}/activate`, { version: 1 });
    expect(active.status).toBe(200);
    expect(active.json.status).toBe('active');
    const seen = await viewer.request('GET', `/api/v1/regimes/${regimeId}`);
    expect(seen.status).toBe(200);
    expect(seen.json.forms[0]).toMatchObject({
      code: 'B01',
      publishedVersion: { id: versionId, number: 1 },
      draftVersion: null,
    });
    // The catalogue says who consolidates, for the consolidation pickers.
    const listed = await viewer.request('GET', '/api/v1/regimes?status=active&q=KICH-HOAT');
    expect(listed.json.items.map((r: any) => [r.code, r.consolidatingUnitKinds])).toEqual([
      ['KICH-HOAT', ['ubnd_province']],
    ]);
    // Frequency of a regime in force cannot change.
    const refused = await admin.request('PUT', `/api/v1/regimes/${regimeId}`, {
      version: 2,
      definition: regimeDefinition({ frequency: 'quarter' }),
    });
    expect(refused.status).toBe(409);
    expect(refused.json.field).toBe('definition.frequency');
    const retired = await admin.request('POST', `/api/v1/regimes/${regimeId}/retire`, { version: 2 });
    expect(retired.json.status).toBe('retired');
  });

  it('adds and reorders forms', async () => {
    const { regimeId, formId } = await createRegimeWithForm('SAP-XEP');
    const second = await admin.request('POST', `/api/v1/regimes/${regimeId}/forms`, {
      code: 'B02',
      title: { vi: 'Biểu 02', en: 'Form 02' },
    });
    expect(second.status).toBe(201);
    expect(second.json.definition.sections[0].fields).toEqual([]);
    const duplicate = await admin.request('POST', `/api/v1/regimes/${regimeId}/forms`, {
      code: 'B02',
      title: { vi: 'Biểu 02', en: 'Form 02' },
    });
    expect(duplicate.status).toBe(409);
    const bad = await admin.request('PUT', `/api/v1/regimes/${regimeId}/forms/order`, { formIds: [formId] });
    expect(bad.status).toBe(400);
    const order = await admin.request('PUT', `/api/v1/regimes/${regimeId}/forms/order`, {
      formIds: [second.json.formId, formId],
    });
    expect(order.status).toBe(200);
    expect(order.json.forms.map((f: any) => f.code)).toEqual(['B02', 'B01']);
  });
});

describe('form versions', () => {
  it('publishes v1, refuses any change to it (409, and the database refuses too), publishes v2 superseding v1 with the differences', async () => {
    const { formId, versionId } = await createRegimeWithForm('PHIEN-BAN');
    const published = await admin.request('POST', `/api/v1/form-versions/${versionId}/publish`);
    expect(published.status).toBe(200);
    expect(published.json.version).toMatchObject({
      id: versionId,
      number: 1,
      status: 'published',
      publishedBy: { name: expect.any(String) },
    });
    expect(published.json.diff.from).toBeNull();
    expect(published.json.diff.fields.added.map((f: any) => f.code)).toEqual([
      'nhan',
      'duyet',
      'duyet_nu',
      'tien',
      'ty_le_duyet',
    ]);

    const changed = formDefinition();
    changed.title = { vi: 'Biểu 01 (sửa)', en: 'Form 01 (edited)' };
    const refused = await admin.request('PUT', `/api/v1/form-versions/${versionId}`, { definition: changed });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('VERSION_PUBLISHED');
    expect(refused.json.message).toContain('phiên bản nháp mới');
    expect((await admin.request('DELETE', `/api/v1/form-versions/${versionId}`)).status).toBe(409);
    expect((await admin.request('POST', `/api/v1/form-versions/${versionId}/publish`)).json.code).toBe(
      'VERSION_PUBLISHED',
    );
    await expect(
      t.db
        .updateTable('formVersions')
        .set({ definition: JSON.stringify(changed) })
        .where('id', '=', versionId)
        .execute(),
    ).rejects.toThrow(/cannot change/);

    const draft = await admin.request('POST', `/api/v1/forms/${formId}/versions`);
    expect(draft.status).toBe(201);
    expect(draft.json).toMatchObject({ number: 2, status: 'draft' });
    expect(draft.json.definition).toEqual(formDefinition());
    expect((await admin.request('POST', `/api/v1/forms/${formId}/versions`)).status).toBe(409);

    const next = formDefinition();
    const fields = next.sections[0]!.fields;
    fields[0] = { ...fields[0]!, label: { vi: 'Số hồ sơ đề nghị', en: 'Applications' }, max: 100000 };
    fields.splice(3, 1);
    fields.push({
      code: 'cho_xu_ly',
      label: { vi: 'Đang chờ xử lý', en: 'Pending' },
      type: 'integer',
      aggregation: agg,
    });
    fields[3] = { ...fields[3]!, expression: 'round(#{duyet} / #{nhan} * 100, 2)' };
    next.rules.pop();
    const saved = await admin.request('PUT', `/api/v1/form-versions/${draft.json.id}`, {
      definition: next,
      updatedAt: draft.json.updatedAt,
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    const stale = await admin.request('PUT', `/api/v1/form-versions/${draft.json.id}`, {
      definition: next,
      updatedAt: draft.json.updatedAt,
    });
    expect(stale.status).toBe(409);
    expect(stale.json.code).toBe('CONFLICT');

    const second = await admin.request('POST', `/api/v1/form-versions/${draft.json.id}/publish`);
    expect(second.status).toBe(200);
    expect(second.json.diff.from).toEqual({ id: versionId, number: 1 });
    const diff = second.json.diff;
    expect(diff.fields.added.map((f: any) => f.code)).toEqual(['cho_xu_ly']);
    expect(diff.fields.removed.map((f: any) => f.code)).toEqual(['tien']);
    expect(diff.fields.changed.map((f: any) => [f.code, f.changes.map((c: any) => c.property)])).toEqual([
      ['nhan', ['label', 'max']],
      ['ty_le_duyet', ['expression']],
    ]);
    expect(diff.rules.removed.map((r: any) => r.code)).toEqual(['nu_le_tong']);
    const old = await admin.request('GET', `/api/v1/form-versions/${versionId}`);
    expect(old.json.status).toBe('superseded');
    expect((await admin.request('GET', `/api/v1/form-versions/${draft.json.id}/diff`)).json).toEqual(diff);
    // Readers see the published history, not drafts.
    const form = await viewer.request('GET', `/api/v1/forms/${formId}`);
    expect(form.status).toBe(404); // the regime is still a draft
  });

  it('refuses to publish a definition whose rule reads a missing field, with positioned problems', async () => {
    const definition = formDefinition();
    definition.rules[0]!.right = '#{nhan} + #{so_ho_so_bo_sung}';
    const { versionId } = await createRegimeWithForm('QUY-TAC-SAI', definition);
    const check = await admin.request('POST', `/api/v1/form-versions/${versionId}/validate`);
    expect(check.status).toBe(200);
    expect(check.json).toMatchObject({ valid: false, errorCount: 1 });
    expect(check.json.problems[0]).toMatchObject({
      code: 'EXPRESSION',
      path: 'rules.0.right',
      subject: 'duyet_le_nhan',
      expression: { code: 'EXPR_UNKNOWN_FIELD', position: { line: 1, column: 11 } },
    });
    const publish = await admin.request('POST', `/api/v1/form-versions/${versionId}/publish`);
    expect(publish.status).toBe(422);
    expect(publish.json.code).toBe('FORM_DEFINITION_INVALID');
    expect(publish.json.field).toBe('definition.rules.0.right');
    expect(publish.json.message).toContain('so_ho_so_bo_sung');
    expect(publish.json.details.problems).toHaveLength(1);
    const stored = await admin.request('GET', `/api/v1/form-versions/${versionId}`);
    expect(stored.json.status).toBe('draft');
  });

  it('refuses a cycle between computed fields', async () => {
    const definition = formDefinition();
    const fields = definition.sections[0]!.fields;
    fields.push(
      { code: 'a', label: { vi: 'A', en: 'A' }, type: 'integer', expression: '#{b} + #{nhan}', aggregation: agg },
      { code: 'b', label: { vi: 'B', en: 'B' }, type: 'integer', expression: '#{a} * 2', aggregation: agg },
    );
    const { versionId } = await createRegimeWithForm('VONG-LAP', definition);
    const publish = await admin.request('POST', `/api/v1/form-versions/${versionId}/publish`);
    expect(publish.status).toBe(422);
    const problem = publish.json.details.problems[0];
    expect(problem).toMatchObject({
      code: 'CYCLE',
      path: 'sections.0.fields.5.expression',
      subject: 'a',
      expression: { code: 'EXPR_CYCLE', cycle: ['a', 'b'], position: { line: 1, column: 1 } },
    });
    expect(problem.message.vi).toContain('a → b → a');
  });

  it('validates unsaved definitions, schema problems included', async () => {
    const { versionId } = await createRegimeWithForm('KIEM-TRA');
    const broken = { ...formDefinition(), sections: [{ code: 's', title: { vi: '' }, layout: 'list', fields: [] }] };
    const response = await admin.request('POST', `/api/v1/form-versions/${versionId}/validate`, { definition: broken });
    expect(response.status).toBe(200);
    expect(response.json.valid).toBe(false);
    expect(response.json.problems.map((p: any) => p.path)).toEqual(
      expect.arrayContaining(['sections.0.title.vi', 'sections.0.title.en']),
    );
  });
});

describe('calendar', () => {
  it('lists the seeded holidays, lets administrators edit them, and schedules count them', async () => {
    const tet = await viewer.request('GET', '/api/v1/holidays?year=2026');
    expect(tet.status).toBe(200);
    expect(tet.json.map((h: any) => h.date)).toEqual(
      expect.arrayContaining(['2026-01-01', '2026-02-17', '2026-09-02']),
    );
    const all = await viewer.request('GET', '/api/v1/holidays');
    expect(all.json.length).toBeGreaterThan(80);

    const { regimeId } = await createRegimeWithForm('LICH');
    // March 2026: cut-off 14 March (Saturday); due 2 working days later = Tuesday 17 March.
    const before = await admin.request('GET', `/api/v1/regimes/${regimeId}/schedule?period=202603`);
    expect(before.status).toBe(200);
    expect(before.json).toMatchObject({
      periodId: '202603',
      periodLabel: { vi: 'Tháng 3/2026' },
      dataWindow: { start: '2026-02-15', end: '2026-03-14' },
      timeZone: 'Asia/Ho_Chi_Minh',
      levels: [{ role: 'entry', opensAt: '2026-03-15T00:00:00+07:00', dueAt: '2026-03-17T17:00:00+07:00' }],
    });
    expect((await viewer.request('PUT', '/api/v1/holidays/2026-03-16', { nameVi: 'Nghỉ' })).status).toBe(403);
    const put = await admin.request('PUT', '/api/v1/holidays/2026-03-16', {
      nameVi: 'Ngày nghỉ đặc biệt',
      nameEn: 'Special day off',
    });
    expect(put.status).toBe(200);
    expect(put.json).toEqual({
      date: '2026-03-16',
      nameVi: 'Ngày nghỉ đặc biệt',
      nameEn: 'Special day off',
      kind: 'custom',
    });
    const after = await admin.request('GET', `/api/v1/regimes/${regimeId}/schedule?period=202603`);
    expect(after.json.levels[0].dueAt).toBe('2026-03-18T17:00:00+07:00');
    expect((await admin.request('DELETE', '/api/v1/holidays/2026-03-16')).status).toBe(200);
    expect((await admin.request('DELETE', '/api/v1/holidays/2026-03-16')).status).toBe(404);
    const wrong = await admin.request('GET', `/api/v1/regimes/${regimeId}/schedule?period=2026Q1`);
    expect(wrong.status).toBe(400);
    expect(wrong.json.field).toBe('period');
  });

  it('describes a period', async () => {
    const response = await viewer.request('GET', '/api/v1/periods/2021Q3');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      id: '2021Q3',
      type: 'quarter',
      start: '2021-07-01',
      end: '2021-09-30',
      label: { vi: 'Quý III/2021', en: 'Q3 2021' },
      isoInterval: '2021-07-01/P3M',
      previousId: '2021Q2',
      nextId: '2021Q4',
      dataWindows: {
        calendar: { start: '2021-07-01', end: '2021-09-30' },
        decree09: { start: '2021-06-15', end: '2021-09-14' },
      },
    });
    const bad = await viewer.request('GET', '/api/v1/periods/2021Q5');
    expect(bad.status).toBe(400);
  });
});

describe('expression evaluation', () => {
  it('evaluates expressions and rules against sample values, and positions problems', async () => {
    const value = await viewer.request('POST', '/api/v1/expressions/evaluate', {
      expression: 'round(#{duyet} / #{nhan} * 100, 1)',
      values: { duyet: 1, nhan: 3 },
    });
    expect(value.json).toEqual({ ok: true, value: 33.3, errors: [] });
    const rule = await viewer.request('POST', '/api/v1/expressions/evaluate', {
      rule: { left: '#{duyet}', operator: '<=', right: '#{nhan}' },
      values: { duyet: 5, nhan: 3 },
    });
    expect(rule.json).toMatchObject({ ok: true, status: 'fail', leftValue: 5, rightValue: 3, difference: 2 });
    const unknown = await viewer.request('POST', '/api/v1/expressions/evaluate', {
      expression: '#{duyet} + #{khong_co}',
      values: {},
      fields: [{ code: 'duyet', type: 'integer' }],
    });
    expect(unknown.json.ok).toBe(false);
    expect(unknown.json.errors[0]).toMatchObject({
      code: 'EXPR_UNKNOWN_FIELD',
      part: 'expression',
      position: { column: 12 },
    });
    const syntax = await viewer.request('POST', '/api/v1/expressions/evaluate', { expression: '#{a} +', values: {} });
    expect(syntax.json.errors[0]).toMatchObject({ code: 'EXPR_SYNTAX' });
    const both = await viewer.request('POST', '/api/v1/expressions/evaluate', { values: {} });
    expect(both.status).toBe(400);
  });
});

describe('Excel template over HTTP', () => {
  it('downloads a template for a unit in view, and reads it back', async () => {
    const { versionId } = await createRegimeWithForm('MAU-EXCEL', templateForm);
    expect((await admin.request('POST', `/api/v1/form-versions/${versionId}/publish`)).status).toBe(200);
    const url = (unit: number, period = '202603') =>
      `/api/v1/form-versions/${versionId}/template.xlsx?unitId=${unit}&period=${period}`;
    // The regime is still a draft: only its managers see it.
    expect((await viewer.request('GET', url(fx.units.X1))).status).toBe(404);
    const regime = await t.db
      .selectFrom('regimes')
      .select('id')
      .where('code', '=', 'MAU-EXCEL')
      .executeTakeFirstOrThrow();
    expect((await admin.request('POST', `/api/v1/regimes/${regime.id}/activate`, { version: 1 })).status).toBe(200);

    expect((await viewer.request('GET', url(fx.units.H2))).status).toBe(404);
    expect((await viewer.request('GET', url(fx.units.X1, '2026Q1'))).status).toBe(400);
    const response = await t.app.inject({
      method: 'GET',
      url: url(fx.units.X1),
      headers: { cookie: viewer.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe('attachment; filename="B09_X1_202603.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('B09')!;
    expect(sheet.getCell('A2').value).toBe(templateForm.title.vi);
    expect(sheet.getCell('A4').value).toBe('Đơn vị báo cáo: UBND xã Lũng Cú (mã X1)');
    expect(String(sheet.getCell('A5').value)).toMatch(/^Kỳ báo cáo: Tháng 3\/2026/);
    expect(workbook.getWorksheet('_baocao')!.state).toBe('hidden');
    const upload = await readTemplateUpload(response.rawPayload);
    expect(upload).toMatchObject({
      formVersionId: versionId,
      unitId: fx.units.X1,
      unitCode: 'X1',
      periodId: '202603',
      errors: [],
    });
    expect(Object.keys(upload.values)).toHaveLength(9);
  });
});

describe('regime versions', () => {
  /** The first day of the month after this one (Vietnam time): the earliest date an amendment may take effect. */
  function nextMonthStart(): string {
    const [y, m] = todayInVietnam().split('-').map(Number) as [number, number];
    return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  }
  const periodOfDate = (date: string) => date.slice(0, 4) + date.slice(5, 7);

  async function activeRegime(code: string) {
    const { regimeId, versionId } = await createRegimeWithForm(code);
    expect((await admin.request('POST', `/api/v1/form-versions/${versionId}/publish`)).status).toBe(200);
    const active = await admin.request('POST', `/api/v1/regimes/${regimeId}/activate`, { version: 1 });
    expect(active.status).toBe(200);
    return { regimeId, version: active.json.version as number };
  }

  const laterDue = regimeDefinition({
    schedules: [
      {
        unitKinds: ['ubnd_district'],
        role: 'entry',
        opens: { anchor: 'window_end', days: 1, time: '00:00' },
        due: { anchor: 'window_end', days: 5, workingDays: true, time: '17:00' },
        closes: { anchor: 'window_end', days: 8, workingDays: true, time: '17:00' },
      },
    ],
    recipientUnitCodes: ['BO', 'H1'],
  });

  it('amending an active regime makes a new version; earlier periods keep the old deadline', async () => {
    const { regimeId, version } = await activeRegime('SUA-DOI');
    const before = await admin.request('GET', `/api/v1/regimes/${regimeId}/schedule?period=202603`);
    expect(before.json.levels[0].dueAt).toBe('2026-03-17T17:00:00+07:00');

    // Without an effective date and legal basis, an active regime is not changed in place.
    const inPlace = await admin.request('PUT', `/api/v1/regimes/${regimeId}`, { version, definition: laterDue });
    expect(inPlace.status).toBe(400);
    expect(inPlace.json).toMatchObject({ code: 'VALIDATION_FAILED', field: 'amendment' });

    const effectiveFrom = nextMonthStart();
    const amended = await admin.request('PUT', `/api/v1/regimes/${regimeId}`, {
      version,
      definition: laterDue,
      amendment: { effectiveFrom, legalBasis: 'Thông tư 5/2025/TT-VPCP' },
    });
    expect(amended.status, JSON.stringify(amended.json)).toBe(200);

    // March 2026 is still judged by version 1: due two working days after the cut-off.
    const old = await admin.request('GET', `/api/v1/regimes/${regimeId}/schedule?period=202603`);
    expect(old.json.levels[0].dueAt).toBe('2026-03-17T17:00:00+07:00');
    // The first period of version 2 is due five working days after its cut-off.
    const next = await admin.request(
      'GET',
      `/api/v1/regimes/${regimeId}/schedule?period=${periodOfDate(effectiveFrom)}`,
    );
    const cutOff = next.json.dataWindow.end as string;
    const oneVersion = await admin.request('GET', `/api/v1/regimes/${regimeId}/schedule?period=202603`);
    expect(oneVersion.json.levels[0].dueAt).not.toBe(next.json.levels[0].dueAt);
    expect(next.json.levels[0].dueAt > `${cutOff}T17:00:00+07:00`).toBe(true);
    const dueDay = new Date(next.json.levels[0].dueAt).getTime();
    expect(dueDay - new Date(`${cutOff}T17:00:00+07:00`).getTime()).toBeGreaterThanOrEqual(5 * 86_400_000);

    const versions = await viewer.request('GET', `/api/v1/regimes/${regimeId}/versions`);
    expect(versions.status).toBe(200);
    expect(versions.json).toMatchObject([
      { number: 1, effectiveFrom: '2026-01-01', effectiveTo: effectiveFrom, legalBasis: null, state: 'current' },
      {
        number: 2,
        effectiveFrom,
        effectiveTo: null,
        legalBasis: 'Thông tư 5/2025/TT-VPCP',
        state: 'scheduled',
        createdByName: expect.any(String),
      },
    ]);
    const one = await viewer.request('GET', `/api/v1/regimes/${regimeId}/versions/1`);
    expect(one.status).toBe(200);
    expect(one.json.definition.schedules[0].due.days).toBe(2);
    expect((await viewer.request('GET', `/api/v1/regimes/${regimeId}/versions/3`)).status).toBe(404);

    const diff = await viewer.request('GET', `/api/v1/regimes/${regimeId}/versions/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.json.changes.map((c: any) => c.part)).toEqual(['recipientUnitCodes', 'schedules']);
    expect(diff.json.changes[0]).toEqual({ part: 'recipientUnitCodes', before: ['BO'], after: ['BO', 'H1'] });

    const audit = await admin.request('GET', `/api/v1/audit?objectType=regime&objectId=${regimeId}&limit=200`);
    const amendments = audit.json.items.filter((row: any) => row.action === 'regime.amend');
    expect(amendments).toHaveLength(1);
    expect(amendments[0].after).toMatchObject({ effectiveFrom, legalBasis: 'Thông tư 5/2025/TT-VPCP', number: 2 });
  });

  it('each period is judged by its own version: recipients added by an amendment lock only its periods', async () => {
    const { regimeId, version } = await activeRegime('PB-NHAN');
    const effectiveFrom = nextMonthStart();
    const amended = await admin.request('PUT', `/api/v1/regimes/${regimeId}`, {
      version,
      definition: laterDue,
      amendment: { effectiveFrom, legalBasis: 'Thông tư 5/2025/TT-VPCP' },
    });
    expect(amended.status).toBe(200);
    // H1 became a recipient in version 2 only: it may lock a period of version 2, not one of version 1.
    const approver = await signIn(t.app, 'approver.h1', FIXTURE_PASSWORD);
    const lock = (period: string) =>
      approver.request('POST', '/api/v1/period-locks', { regimeId, period, locked: true, reason: 'Chốt số liệu' });
    const old = await lock('202603');
    expect(old.status).toBe(403);
    const mine = await lock(periodOfDate(effectiveFrom));
    expect(mine.status, JSON.stringify(mine.json)).toBe(200);
    expect(mine.json).toMatchObject({ regimeId, periodId: periodOfDate(effectiveFrom), locked: true });
  });

  it('refuses amendments out of order, overlapping, in the past, off a period start, or malformed', async () => {
    const { regimeId } = await activeRegime('PHIEN-BAN-LOI');
    const effectiveFrom = nextMonthStart();
    const put = async (amendment: unknown) => {
      const current = await admin.request('GET', `/api/v1/regimes/${regimeId}`);
      return admin.request('PUT', `/api/v1/regimes/${regimeId}`, {
        version: current.json.version,
        definition: laterDue,
        amendment,
      });
    };
    const past = await put({ effectiveFrom: '2026-02-01', legalBasis: 'Thông tư 1' });
    expect(past.status).toBe(409);
    expect(past.json.field).toBe('amendment.effectiveFrom');
    const midMonth = await put({ effectiveFrom: effectiveFrom.replace(/-01$/, '-15'), legalBasis: 'Thông tư 1' });
    expect(midMonth.status).toBe(400);
    expect(midMonth.json.field).toBe('amendment.effectiveFrom');
    expect((await put({ effectiveFrom, legalBasis: '' })).status).toBe(400);
    expect((await put({ effectiveFrom: 'ngày mai', legalBasis: 'Thông tư 1' })).status).toBe(400);
    expect((await put({ effectiveFrom, legalBasis: 'Thông tư 1', extra: 1 })).status).toBe(400);
    expect((await admin.request('GET', `/api/v1/regimes/${regimeId}/versions`)).json).toHaveLength(1);

    expect((await put({ effectiveFrom, legalBasis: 'Thông tư 1' })).status).toBe(200);
    const same = await put({ effectiveFrom, legalBasis: 'Thông tư 2' });
    expect(same.status).toBe(409);
    expect(same.json.field).toBe('amendment.effectiveFrom');
    expect((await admin.request('GET', `/api/v1/regimes/${regimeId}/versions`)).json).toHaveLength(2);
    const badDiff = await admin.request('GET', `/api/v1/regimes/${regimeId}/versions/diff?from=1&to=x`);
    expect(badDiff.status).toBe(400);
  });

  it('a draft regime is edited in place and takes no amendment', async () => {
    const created = await admin.request('POST', '/api/v1/regimes', { code: 'PB-NHAP', definition: regimeDefinition() });
    const id = created.json.id;
    const withAmendment = await admin.request('PUT', `/api/v1/regimes/${id}`, {
      version: 1,
      definition: laterDue,
      amendment: { effectiveFrom: nextMonthStart(), legalBasis: 'Thông tư 1' },
    });
    expect(withAmendment.status).toBe(400);
    expect((await admin.request('PUT', `/api/v1/regimes/${id}`, { version: 1, definition: laterDue })).status).toBe(
      200,
    );
    const versions = await admin.request('GET', `/api/v1/regimes/${id}/versions`);
    expect(versions.json).toHaveLength(1);
    const one = await admin.request('GET', `/api/v1/regimes/${id}/versions/1`);
    expect(one.json.definition.schedules[0].due.days).toBe(5);
    expect((await viewer.request('GET', `/api/v1/regimes/${id}/versions`)).status).toBe(404);
  });
});
