import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness';
import { keepAnalytics, type RollupUnit } from './analytics-upkeep';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

// Units and forms are plain numbers here: the store has no foreign keys (it is kept by the worker).
const FORM = 900_001;
const COUNTRY = 900_050;
const PROVINCE = 900_100;
const [A, B] = [900_201, 900_202];

const keep = (units: RollupUnit[], periodId = '202603') =>
  t.db.transaction().execute((tx) => keepAnalytics(tx, FORM, periodId, units));

async function stored(table: 'analytics_values' | 'analytics_rollups') {
  const result = await sql<{ unitId: number; cellKey: string; value: number }>`
    SELECT unit_id AS "unitId", cell_key AS "cellKey", value FROM ${sql.table(table)}
    WHERE form_id = ${FORM} ORDER BY unit_id, cell_key`.execute(t.db.withoutPlugins());
  return result.rows;
}

const province = (entries: RollupUnit['entries'], values: RollupUnit['values']): RollupUnit => ({
  unitId: PROVINCE,
  values,
  included: entries.length,
  expected: 2,
  entries,
});

describe('the analytics upkeep', () => {
  it('inserts a newly counted unit’s rows, rewrites them when its revision changes, and drops them when it no longer counts', async () => {
    // First count: both communes' slices are new, so their rows are inserted (not upserted).
    await keep([
      province(
        [
          { unitId: A, revisionId: 1, values: { x: 1, y: 2, note: 'text' } },
          { unitId: B, revisionId: 2, values: { x: 10 } },
        ],
        { x: 11, y: 2 },
      ),
    ]);
    expect(await stored('analytics_values')).toEqual([
      { unitId: A, cellKey: 'x', value: 1 },
      { unitId: A, cellKey: 'y', value: 2 },
      { unitId: B, cellKey: 'x', value: 10 },
    ]);
    expect(await stored('analytics_rollups')).toEqual([
      { unitId: PROVINCE, cellKey: 'x', value: 11 },
      { unitId: PROVINCE, cellKey: 'y', value: 2 },
    ]);

    // The same revisions again (another submit in the province): nothing of theirs is rewritten.
    const before = await sql<{ ctid: string }>`
      SELECT ctid::text FROM analytics_values WHERE form_id = ${FORM} ORDER BY unit_id, cell_key`.execute(t.db);
    await keep([
      province(
        [
          { unitId: A, revisionId: 1, values: { x: 1, y: 2 } },
          { unitId: B, revisionId: 2, values: { x: 10 } },
        ],
        { x: 11, y: 2 },
      ),
    ]);
    const after = await sql<{ ctid: string }>`
      SELECT ctid::text FROM analytics_values WHERE form_id = ${FORM} ORDER BY unit_id, cell_key`.execute(t.db);
    expect(after.rows).toEqual(before.rows);

    // A's corrected revision drops a cell and changes one; B is returned and no longer counts.
    await keep([province([{ unitId: A, revisionId: 3, values: { x: 5 } }], { x: 5 })]);
    expect(await stored('analytics_values')).toEqual([{ unitId: A, cellKey: 'x', value: 5 }]);
    expect(await stored('analytics_rollups')).toEqual([{ unitId: PROVINCE, cellKey: 'x', value: 5 }]);

    // B counts again with a new revision: a new slice, its rows inserted afresh.
    await keep([
      province(
        [
          { unitId: A, revisionId: 3, values: { x: 5 } },
          { unitId: B, revisionId: 4, values: { x: 7, y: 1 } },
        ],
        { x: 12, y: 1 },
      ),
    ]);
    expect(await stored('analytics_values')).toEqual([
      { unitId: A, cellKey: 'x', value: 5 },
      { unitId: B, cellKey: 'x', value: 7 },
      { unitId: B, cellKey: 'y', value: 1 },
    ]);
    const slices = await sql<{ unitId: number; sourceRevision: number | null }>`
      SELECT unit_id AS "unitId", source_revision AS "sourceRevision" FROM analytics_slices
      WHERE form_id = ${FORM} ORDER BY unit_id`.execute(t.db.withoutPlugins());
    expect(slices.rows).toEqual([
      { unitId: PROVINCE, sourceRevision: null },
      { unitId: A, sourceRevision: 3 },
      { unitId: B, sourceRevision: 4 },
    ]);
  });

  it('moves a unit’s rows to the entry store when a consolidating unit becomes an entry unit', async () => {
    // In May the province first consolidates A (a rollup), then the country counts its own report.
    await keep([province([{ unitId: A, revisionId: 10, values: { x: 2 } }], { x: 2 })], '202605');
    await keep(
      [
        {
          unitId: COUNTRY,
          values: { x: 4 },
          included: 1,
          expected: 1,
          entries: [{ unitId: PROVINCE, revisionId: 11, values: { x: 4 } }],
        },
      ],
      '202605',
    );
    const rows = await sql<{ store: string; unitId: number; value: number }>`
      SELECT 'values' AS store, unit_id AS "unitId", value FROM analytics_values
        WHERE form_id = ${FORM} AND period_id = '202605'
      UNION ALL
      SELECT 'rollups', unit_id, value FROM analytics_rollups WHERE form_id = ${FORM} AND period_id = '202605'
      ORDER BY 1, 2`.execute(t.db.withoutPlugins());
    expect(rows.rows).toEqual([
      { store: 'rollups', unitId: COUNTRY, value: 4 },
      { store: 'values', unitId: PROVINCE, value: 4 },
      { store: 'values', unitId: A, value: 2 },
    ]);
  });
});
