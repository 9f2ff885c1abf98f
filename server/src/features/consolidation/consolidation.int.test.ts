import { foldForSearch } from '@baocao/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../../test/fixtures';
import { type Client, createTestApp, signIn, type TestApp } from '../../../test/harness';
import { during, type RegimeFixture, seedRegime } from '../../../test/regime-fixture';

let t: TestApp;
let fx: Fixture;
let rg: RegimeFixture;
let admin: Client;
let run = 0;

beforeAll(async () => {
  t = await createTestApp();
  fx = await seedFixture(t.db);
  rg = await seedRegime(t.db);
  admin = await signIn(t.app, 'admin', FIXTURE_PASSWORD);
});
afterAll(async () => t?.close());

const commune = fc.record({
  state: fc.constantFrom('missing', 'submitted', 'submitted', 'returned', 'nil'),
  nhan: fc.integer({ min: 0, max: 5_000 }),
  duyetShare: fc.double({ min: 0, max: 1, noNaN: true }),
  tien: fc.option(
    fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 100),
    { nil: null },
  ),
});
const district = fc.record({
  own: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  communes: fc.array(commune, { maxLength: 4 }),
});
const tree = fc.array(fc.array(district, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 });

async function addUnit(code: string, kind: string, parentId: number) {
  const unit = await t.db
    .insertInto('units')
    .values({ code, name: `Đơn vị ${code}`, kind, searchText: foldForSearch(code) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db.insertInto('unitParents').values({ hierarchy: 'administrative', unitId: unit.id, parentId }).execute();
  return unit.id;
}

describe('consolidation engine', () => {
  it('every consolidated cell at every level equals a brute-force aggregation of the entries', async () => {
    await fc.assert(
      fc.asyncProperty(tree, async (provinces) => {
        run += 1;
        const day = `202404${String(run).padStart(2, '0')}`;
        t.clock.now = during(`2024-04-${String(run).padStart(2, '0')}`);
        const expected = new Map<number, { nhan: number; duyet: number | null; tien: number | null; any: boolean }>();
        const add = (id: number, v: { nhan: number; duyet: number | null; tien: number | null }) => {
          const e = expected.get(id) ?? { nhan: 0, duyet: null, tien: null, any: false };
          e.nhan += v.nhan;
          if (v.duyet !== null) e.duyet = (e.duyet ?? 0) + v.duyet;
          if (v.tien !== null) e.tien = Math.round(((e.tien ?? 0) + v.tien) * 100) / 100;
          e.any = true;
          expected.set(id, e);
        };
        const national = fx.units.CP;
        for (const [p, districts] of provinces.entries()) {
          const provinceId = await addUnit(`P${run}_${p}`, 'ubnd_province', national);
          for (const [d, districtSpec] of districts.entries()) {
            const districtId = await addUnit(`D${run}_${p}_${d}`, 'ubnd_district', provinceId);
            if (districtSpec.own !== null) {
              const saved = await admin.request('PUT', '/api/v1/reports/draft', {
                unitId: districtId,
                formId: rg.formId,
                period: day,
                values: { nhan: districtSpec.own },
                baseVersion: 0,
              });
              expect(saved.status, JSON.stringify(saved.json)).toBe(200);
              for (const id of [districtId, provinceId, national])
                add(id, { nhan: districtSpec.own, duyet: null, tien: null });
            }
            for (const [c, spec] of districtSpec.communes.entries()) {
              const communeId = await addUnit(`X${run}_${p}_${d}_${c}`, 'ubnd_commune', districtId);
              if (spec.state === 'missing') continue;
              const values = {
                nhan: spec.nhan,
                duyet: Math.floor(spec.nhan * spec.duyetShare),
                ...(spec.tien === null ? {} : { tien: spec.tien }),
              };
              const body = spec.state === 'nil' ? { isNil: true, values: {} } : { values };
              const sent = await admin.request('POST', '/api/v1/reports/submit', {
                unitId: communeId,
                formId: rg.formId,
                period: day,
                ...body,
              });
              expect(sent.status, JSON.stringify(sent.json)).toBe(200);
              if (spec.state === 'returned') {
                const back = await admin.request('POST', `/api/v1/submissions/${sent.json.submissionId}/review`, {
                  action: 'return',
                  reason: 'Kiểm tra lại',
                });
                expect(back.status).toBe(200);
                continue;
              }
              if (spec.state === 'submitted')
                for (const id of [districtId, provinceId, national])
                  add(id, { nhan: values.nhan, duyet: values.duyet, tien: spec.tien });
            }
            expected.set(districtId, expected.get(districtId) ?? { nhan: 0, duyet: null, tien: null, any: false });
          }
          expected.set(provinceId, expected.get(provinceId) ?? { nhan: 0, duyet: null, tien: null, any: false });
        }
        await t.worker.drain();
        const rows = await t.db
          .selectFrom('consolidations')
          .select(['unitId', 'values'])
          .where('formId', '=', rg.formId)
          .where('periodId', '=', day)
          .execute();
        const actual = new Map(rows.map((r) => [r.unitId, r.values as Record<string, number | null>]));
        for (const [unitId, e] of expected) {
          const v = actual.get(unitId) ?? {};
          if (!e.any) {
            expect(v.nhan ?? null).toBeNull();
            continue;
          }
          expect(v.nhan).toBe(e.nhan);
          expect(v.duyet ?? null).toBe(e.duyet);
          expect(v.tien ?? null).toBe(e.tien);
          expect(v.ty_le ?? null).toBe(
            e.nhan === 0 || e.duyet === null ? null : Math.round((e.duyet / e.nhan) * 1000) / 10,
          );
        }
      }),
      { numRuns: 8 },
    );
  });
});
