/**
 * A regime flows along a sectoral hierarchy: on the State Treasury's line (kbnn) a district
 * treasury's report goes to its provincial treasury, which consolidates and accepts it, while
 * the territorial province above the same district neither consolidates nor reviews it.
 */
import type { FormDefinition, RegimeDefinition } from '@baocao/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, fixtureForm, fixtureRegime } from '../../../test/regime-fixture';

const DAY = '20240315';
const window = {
  opens: { anchor: 'period_end', days: 0, time: '14:00' },
  due: { anchor: 'period_end', days: 0, time: '16:00' },
  closes: { anchor: 'period_end', days: 0, time: '17:00' },
} as const;
const treasuryRegime: RegimeDefinition = {
  ...fixtureRegime,
  name: { vi: 'Báo cáo giải ngân của Kho bạc hằng ngày', en: 'Daily treasury disbursement report' },
  hierarchy: 'kbnn',
  ownerUnitCode: 'KB-TW',
  recipientUnitCodes: ['KB-TW'],
  consolidatingUnitKinds: ['treasury_province', 'treasury_central'],
  schedules: [
    { unitKinds: ['treasury_district'], role: 'entry', ...window },
    { unitKinds: ['treasury_province', 'treasury_central'], role: 'consolidation', ...window },
  ],
};
const treasuryForm: FormDefinition = { ...fixtureForm, code: 'KB01', entryUnitKinds: ['treasury_district'] };

let t: TestApp;
let fx: Fixture;
let admin: Client;
const ids: Record<string, number> = {};
let formId: number;

async function created(response: { status: number; json: any }) {
  expect(response.status, JSON.stringify(response.json)).toBe(201);
  return response.json;
}

async function account(username: string, unitId: number, roles: string[]): Promise<Client> {
  await created(
    await admin.request('POST', '/api/v1/users', {
      username,
      displayName: username,
      unitId,
      roles,
      password: FIXTURE_PASSWORD,
    }),
  );
  const client = await signIn(t.app, username, FIXTURE_PASSWORD);
  return client;
}

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
  await created(
    await admin.request('POST', '/api/v1/hierarchies', {
      code: 'kbnn',
      nameVi: 'Kho bạc Nhà nước',
      nameEn: 'State Treasury',
    }),
  );
  const unit = async (code: string, kind: string, parentId: number, hierarchy?: string) => {
    const body = { code, name: `Kho bạc ${code}`, kind, parentId, validFrom: '2020-01-01', hierarchy };
    ids[code] = (await created(await admin.request('POST', '/api/v1/units', body))).id;
  };
  // The central treasury under the Government; a provincial treasury only on the treasury line;
  // the district treasury of district H1 (province T1) in both trees.
  await unit('KB-TW', 'treasury_central', fx.units.CP);
  await unit('KB-T1', 'treasury_province', ids['KB-TW']!, 'kbnn');
  await unit('KB-H1', 'treasury_district', fx.units.H1);
  await created(
    await admin.request('POST', `/api/v1/units/${ids['KB-H1']}/parents`, {
      hierarchy: 'kbnn',
      parentId: ids['KB-T1'],
      validFrom: '2020-01-01',
    }),
  );

  const regime = await created(
    await admin.request('POST', '/api/v1/regimes', { code: 'KBNN-GIAI-NGAN', definition: treasuryRegime }),
  );
  const form = await created(
    await admin.request('POST', `/api/v1/regimes/${regime.id}/forms`, {
      code: treasuryForm.code,
      title: treasuryForm.title,
      definition: treasuryForm,
    }),
  );
  formId = form.formId;
  expect((await admin.request('POST', `/api/v1/form-versions/${form.id}/publish`)).status).toBe(200);
  expect((await admin.request('POST', `/api/v1/regimes/${regime.id}/activate`, { version: 1 })).status).toBe(200);
});
afterAll(async () => t?.close());

describe('a regime along the State Treasury line', () => {
  it('goes from the district treasury to the provincial treasury, not to the territorial province', async () => {
    const officer = await account('kb.h1', ids['KB-H1']!, ['entry_officer']);
    const treasurer = await account('kb.t1', ids['KB-T1']!, ['approver', 'viewer']);
    const province = await account('ubnd.t1', fx.units.T1, ['approver', 'viewer']);

    t.clock.now = during('2024-03-15');
    // Each sees the treasury form in "my reports", in its role on the treasury line.
    const roles = async (client: Client) =>
      (await client.request('GET', '/api/v1/my-reports?date=2024-03-15')).json.items
        .filter((i: any) => i.form.code === 'KB01' && i.period.id === DAY)
        .map((i: any) => i.role);
    expect(await roles(officer)).toEqual(['entry']);
    expect(await roles(treasurer)).toEqual(['consolidation']);
    const sent = await officer.request('POST', '/api/v1/reports/submit', {
      unitId: ids['KB-H1'],
      formId,
      period: DAY,
      values: { nhan: 12, duyet: 10, tien: 250.5 },
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
    await t.worker.drain();

    const query = (unitId: number) => `/api/v1/consolidation?unitId=${unitId}&formId=${formId}&period=${DAY}`;
    const view = await treasurer.request('GET', query(ids['KB-T1']!));
    expect(view.status, JSON.stringify(view.json)).toBe(200);
    expect(view.json.children.map((c: any) => [c.unit.code, c.status, c.state])).toEqual([
      ['KB-H1', 'on_time', 'submitted'],
    ]);
    expect(view.json.values).toMatchObject({ nhan: 12, duyet: 10, tien: 250.5 });
    expect(view.json.counts).toMatchObject({ submitted: 1, expected: 1 });
    // The central treasury, the line's root, sums its provinces.
    const central = await admin.request('GET', query(ids['KB-TW']!));
    expect(central.json.children.map((c: any) => c.unit.code)).toEqual(['KB-T1']);
    expect(central.json.values).toMatchObject({ nhan: 12 });

    // The territorial province and district do not consolidate this regime…
    for (const unitId of [fx.units.T1, fx.units.H1]) {
      const refused = await admin.request('GET', query(unitId));
      expect(refused.status).toBe(400);
      expect(refused.json.field).toBe('unitId');
    }
    // …the government sees no district treasury among its children…
    const government = await admin.request('GET', query(fx.units.CP));
    expect(government.json.children.map((c: any) => c.unit.code)).toEqual([]);
    // …and the territorial province's approver may not review the report, though it sees it.
    const seen = await province.request('GET', `/api/v1/reports?unitId=${ids['KB-H1']}&formId=${formId}&period=${DAY}`);
    expect(seen.status).toBe(200);
    expect(seen.json.actions).toEqual([]);
    const treasurerSees = await treasurer.request(
      'GET',
      `/api/v1/reports?unitId=${ids['KB-H1']}&formId=${formId}&period=${DAY}`,
    );
    expect(treasurerSees.json.actions).toEqual(['accept', 'return']);
    const notTheirs = await province.request('POST', `/api/v1/submissions/${sent.json.submissionId}/review`, {
      action: 'accept',
    });
    expect(notTheirs.status).toBe(403);

    const accepted = await treasurer.request('POST', `/api/v1/submissions/${sent.json.submissionId}/review`, {
      action: 'accept',
    });
    expect(accepted.status, JSON.stringify(accepted.json)).toBe(200);
    expect(accepted.json.state).toBe('accepted');
    await t.worker.drain();
    const after = await treasurer.request('GET', query(ids['KB-T1']!));
    expect(after.json.children.map((c: any) => [c.unit.code, c.state])).toEqual([['KB-H1', 'accepted']]);
  });
});
