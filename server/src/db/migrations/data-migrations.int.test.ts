/**
 * Migrations that write or derive rows, each run on a database migrated to just
 * before it and seeded as an instance would have been then: the rows it adds,
 * the rows it must keep, and what its triggers or functions derive afterwards.
 * Raw SQL throughout: the typed schema describes the latest tables, not the
 * ones a migration met.
 */
import { defaultHolidays } from '@baocao/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigrationDatabase, type MigrationDatabase } from '../../../test/migration-database';
import { migrations } from './index';

/** Migrations that create schema only (over tables with no rows yet, or new tables): nothing to seed before them. */
const schemaOnly = [
  '20261123-01-foundation',
  '20261123-03-regimes-forms',
  '20261123-04-submissions',
  '20261123-07-audit-pending',
  '20261123-08-period-unlock-requests',
  '20261205-01-audit-checkpoints',
  '20261205-03-compliance-exemptions',
  '20261205-04-notices',
  // A new table, and a column whose default (false: not demonstration data) is right for every existing submission.
  '20261205-05-demo-history',
  // A column with an empty default: existing revisions carry no quality flags.
  '20261205-06-revision-quality-flags',
  // New tables only; the consolidation worker fills them as slices are refreshed.
  '20261205-07-analytics-values',
  // A column whose default (due now) is right for every existing pending delivery, and an index.
  '20261205-11-email-sweep',
  // New tables only.
  '20261205-08-dashboards',
  // New tables, and two notice kinds added to the kind checks (every existing kind stays allowed).
  '20261205-09-directives-tasks',
  // New tables, and a wider check on revision channels: no existing row changes.
  '20261205-10-import-jobs',
  // New tables, and notice kinds widened by one.
  '20261205-12-events-webhooks',
  // New tables, and notice kinds widened by two (every existing kind stays allowed).
  '20261205-13-generated-reports',

  // New tables only.
  '20261205-14-signatures',

  // New tables only.
  '20261205-15-indicators',
  // New tables, the revision channels and notice kinds widened by one each (no existing row changes).
  '20261205-16-connectors-federation',
  '20261206-01-federation',
  // New table only (signed generated reports).
  '20261206-03-document-signatures',
  // New index only.
  '20261207-06-indicator-values-recorded',
  '20261208-20-units-kind',
];
/** The migrations tested below, one describe each. */
const tested = [
  '20261123-02-unit-kinds',
  '20261123-05-seed-holidays',
  '20261123-06-incremental-closure',
  '20261123-09-unit-ancestors-on',
  '20261204-01-oidc-sign-in',
  '20261204-02-regime-versions',
  '20261205-02-sectoral-hierarchies',
  '20261206-05-analytics-key-order',
  '20261206-10-report-reference-checks',
  '20261207-05-analytics-rollups',
];

it('every migration is tested here or listed as schema only', () => {
  expect(Object.keys(migrations).filter((name) => !tested.includes(name) && !schemaOnly.includes(name))).toEqual([]);
});

/** Inserts units by code (kind and name are irrelevant here) and returns their ids by code. */
async function insertUnits(m: MigrationDatabase, codes: string[]): Promise<Record<string, number>> {
  const rows = await sql<{ id: number; code: string }>`
    INSERT INTO units (code, name, kind, search_text)
    SELECT code, code, 'ubnd_commune', lower(code) FROM unnest(${codes}::text[]) AS code
    RETURNING id, code`.execute(m.db);
  return Object.fromEntries(rows.rows.map((r) => [r.code, r.id]));
}

/** Parent links as (child, parent, from, to) by code, in one statement. */
async function link(m: MigrationDatabase, links: [string, string, string?, string?][]) {
  await sql`
    INSERT INTO unit_parents (hierarchy, unit_id, parent_id, valid_from, valid_to)
    SELECT 'administrative', c.id, p.id, coalesce(l.valid_from::date, '1900-01-01'), l.valid_to::date
    FROM unnest(${links.map((l) => l[0])}::text[], ${links.map((l) => l[1])}::text[],
                ${links.map((l) => l[2] ?? null)}::text[], ${links.map((l) => l[3] ?? null)}::text[])
      AS l(child, parent, valid_from, valid_to)
    JOIN units c ON c.code = l.child JOIN units p ON p.code = l.parent`.execute(m.db);
}

/** The closure as stored, as sorted "ancestor>descendant" codes. */
async function storedClosure(m: MigrationDatabase): Promise<string[]> {
  const rows = await sql<{ pair: string }>`
    SELECT a.code || '>' || d.code AS pair FROM unit_closure c
    JOIN units a ON a.id = c.ancestor_id JOIN units d ON d.id = c.descendant_id`.execute(m.db);
  return rows.rows.map((r) => r.pair).sort();
}

/** The closure by its definition: every unit with itself, and every ancestor over all links of all time. */
async function definedClosure(m: MigrationDatabase): Promise<string[]> {
  const rows = await sql<{ pair: string }>`
    WITH RECURSIVE c(ancestor_id, descendant_id) AS (
      SELECT id, id FROM units
      UNION
      SELECT p.parent_id, c.descendant_id FROM c JOIN unit_parents p ON p.unit_id = c.ancestor_id
    )
    SELECT a.code || '>' || d.code AS pair FROM c
    JOIN units a ON a.id = c.ancestor_id JOIN units d ON d.id = c.descendant_id`.execute(m.db);
  return rows.rows.map((r) => r.pair).sort();
}

describe('20261123-02-unit-kinds', () => {
  let m: MigrationDatabase;
  beforeAll(async () => {
    m = await createMigrationDatabase();
    expect(await m.migrateBefore('20261123-02-unit-kinds')).toEqual(['20261123-01-foundation']);
  });
  afterAll(async () => m?.drop());

  it('adds the kinds of unit and the administrative hierarchy, keeping kinds already there', async () => {
    await sql`INSERT INTO unit_kinds (code, name_vi, name_en, level)
      VALUES ('ban_quan_ly', 'Ban quản lý khu kinh tế', 'Economic zone authority', 'province')`.execute(m.db);
    expect(await m.migrateTo('20261123-02-unit-kinds')).toEqual(['20261123-02-unit-kinds']);
    const kinds = await sql<{ code: string; level: string }>`
      SELECT code, level FROM unit_kinds ORDER BY code`.execute(m.db);
    expect(kinds.rows.map((k) => `${k.code}:${k.level}`)).toEqual([
      'ban_quan_ly:province',
      'central_agency:central',
      'department_province:province',
      'government:central',
      'government_office:central',
      'labour_office_district:district',
      'ministry:central',
      'social_insurance_district:district',
      'social_policy_bank_district:district',
      'treasury_district:district',
      'ubnd_commune:commune',
      'ubnd_district:district',
      'ubnd_province:province',
    ]);
    const commune = await sql`SELECT name_vi, name_en FROM unit_kinds WHERE code = 'ubnd_commune'`.execute(m.db);
    expect(commune.rows).toEqual([
      { nameVi: 'UBND xã, phường, thị trấn, đặc khu', nameEn: "Commune People's Committee" },
    ]);
    const hierarchies = await sql`SELECT code, name_en FROM hierarchies`.execute(m.db);
    expect(hierarchies.rows).toEqual([
      { code: 'administrative', nameEn: 'Administrative (Government – province – district – commune)' },
    ]);
  });
});

describe('20261123-05-seed-holidays', () => {
  let m: MigrationDatabase;
  beforeAll(async () => {
    m = await createMigrationDatabase();
    await m.migrateBefore('20261123-05-seed-holidays');
  });
  afterAll(async () => m?.drop());

  it('adds 2020–2027’s holidays as the domain computes them, keeping the days administrators set', async () => {
    // An administrator renamed Tết's first day of 2024 and added a day of its own before the migration.
    await sql`INSERT INTO holidays (date, name_vi, name_en, kind) VALUES
      ('2024-02-10', 'Mùng 1 Tết Giáp Thìn', 'Tết, year of the Dragon', 'statutory'),
      ('2024-03-08', 'Ngày Quốc tế Phụ nữ', 'International Women’s Day', 'custom')`.execute(m.db);
    expect(await m.migrateTo('20261123-05-seed-holidays')).toEqual(['20261123-05-seed-holidays']);
    const stored = await sql<{ date: string; nameVi: string; nameEn: string; kind: string }>`
      SELECT date::text AS date, name_vi, name_en, kind FROM holidays ORDER BY date`.execute(m.db);
    const edited = {
      date: '2024-02-10',
      nameVi: 'Mùng 1 Tết Giáp Thìn',
      nameEn: 'Tết, year of the Dragon',
      kind: 'statutory',
    };
    const expected = [
      ...defaultHolidays(2020, 2027).map((h) => (h.date === edited.date ? edited : { ...h })),
      { date: '2024-03-08', nameVi: 'Ngày Quốc tế Phụ nữ', nameEn: 'International Women’s Day', kind: 'custom' },
    ].sort((a, b) => a.date.localeCompare(b.date));
    expect(defaultHolidays(2024, 2024).some((h) => h.date === edited.date)).toBe(true);
    expect(stored.rows).toEqual(expected);
  });
});

describe('20261123-06-incremental-closure', () => {
  let m: MigrationDatabase;
  beforeAll(async () => {
    m = await createMigrationDatabase();
    await m.migrateBefore('20261123-06-incremental-closure');
  });
  afterAll(async () => m?.drop());

  it('keeps the closure built by the old triggers, then extends it incrementally and rebuilds on changes', async () => {
    // A tree as the first triggers (rebuild after every statement) left it, with a link moved in 2025.
    await insertUnits(m, ['CP', 'T', 'H', 'H2', 'X', 'Y']);
    await link(m, [['T', 'CP']]);
    await link(m, [
      ['H', 'T'],
      ['H2', 'T'],
    ]);
    await link(m, [
      ['X', 'H'],
      ['Y', 'H', '1900-01-01', '2025-06-30'],
      ['Y', 'H2', '2025-07-01'],
    ]);
    const before = await storedClosure(m);
    expect(before).toEqual(await definedClosure(m));
    // Self pairs, then CP's five descendants, T's four, H's two (X, Y) and H2's one (Y).
    expect(before).toHaveLength(6 + 5 + 4 + 2 + 1);

    expect(await m.migrateTo('20261123-06-incremental-closure')).toEqual(['20261123-06-incremental-closure']);
    expect(await storedClosure(m)).toEqual(before);
    // Derived data: the closure keeps no foreign keys; statement-level triggers replace the row-level ones.
    const foreignKeys = await sql`
      SELECT conname FROM pg_constraint WHERE conrelid = 'unit_closure'::regclass AND contype = 'f'`.execute(m.db);
    expect(foreignKeys.rows).toEqual([]);
    const triggers = await sql<{ tgname: string }>`
      SELECT tgname FROM pg_trigger WHERE tgrelid = 'unit_parents'::regclass AND NOT tgisinternal
      ORDER BY tgname`.execute(m.db);
    expect(triggers.rows.map((r) => r.tgname)).toEqual([
      'unit_parents_acyclic_insert',
      'unit_parents_acyclic_update',
      'unit_parents_closure_change',
      'unit_parents_closure_insert',
    ]);

    // New units close on themselves in one statement; a chain inserted in one statement closes too.
    await insertUnits(m, ['Z1', 'Z2', 'Z3']);
    await link(m, [
      ['Z3', 'Z2'],
      ['Z2', 'Z1'],
      ['Z1', 'X'],
    ]);
    const extended = await storedClosure(m);
    expect(extended).toEqual(await definedClosure(m));
    expect(extended.filter((pair) => pair.endsWith('>Z3'))).toEqual([
      'CP>Z3',
      'H>Z3',
      'T>Z3',
      'X>Z3',
      'Z1>Z3',
      'Z2>Z3',
      'Z3>Z3',
    ]);
    // A cycle through links that existed before the migration is still refused, and changes nothing.
    await expect(link(m, [['CP', 'Z3']])).rejects.toThrow(/own ancestor/);
    expect(await storedClosure(m)).toEqual(extended);
    // Moves and deletions rebuild.
    await sql`UPDATE unit_parents SET parent_id = (SELECT id FROM units WHERE code = 'H2')
      WHERE unit_id = (SELECT id FROM units WHERE code = 'Z1')`.execute(m.db);
    expect(await storedClosure(m)).toEqual(await definedClosure(m));
    expect((await storedClosure(m)).filter((pair) => pair.endsWith('>Z1'))).toEqual([
      'CP>Z1',
      'H2>Z1',
      'T>Z1',
      'Z1>Z1',
    ]);
    await sql`DELETE FROM unit_parents WHERE unit_id = (SELECT id FROM units WHERE code = 'Z2')`.execute(m.db);
    expect(await storedClosure(m)).toEqual(await definedClosure(m));
  });
});

describe('20261123-09-unit-ancestors-on', () => {
  let m: MigrationDatabase;
  beforeAll(async () => {
    m = await createMigrationDatabase();
    await m.migrateBefore('20261123-09-unit-ancestors-on');
  });
  afterAll(async () => m?.drop());

  it('answers a unit’s ancestors through the links valid on a date, over the existing tree', async () => {
    // The 2025 reform: commune X moved from district H_OLD to H_NEW, which only exists from 1 July.
    await insertUnits(m, ['T', 'H_OLD', 'H_NEW', 'X', 'ALONE']);
    await link(m, [
      ['H_OLD', 'T', '1900-01-01', '2025-06-30'],
      ['H_NEW', 'T', '2025-07-01'],
      ['X', 'H_OLD', '1900-01-01', '2025-06-30'],
      ['X', 'H_NEW', '2025-07-01'],
    ]);
    expect(await m.migrateTo('20261123-09-unit-ancestors-on')).toEqual(['20261123-09-unit-ancestors-on']);
    const ancestors = async (unit: string, date: string) =>
      (
        await sql<{ code: string }>`
          SELECT u.code FROM unit_and_ancestors_on((SELECT id FROM units WHERE code = ${unit}), ${date}::date) a(id)
          JOIN units u ON u.id = a.id ORDER BY u.code`.execute(m.db)
      ).rows.map((r) => r.code);
    expect(await ancestors('X', '2025-06-30')).toEqual(['H_OLD', 'T', 'X']);
    expect(await ancestors('X', '2025-07-01')).toEqual(['H_NEW', 'T', 'X']);
    expect(await ancestors('H_NEW', '2025-06-30')).toEqual(['H_NEW']);
    expect(await ancestors('ALONE', '2025-07-01')).toEqual(['ALONE']);
  });
});

describe('20261204-01-oidc-sign-in', () => {
  let m: MigrationDatabase;
  beforeAll(async () => {
    m = await createMigrationDatabase();
    await m.migrateBefore('20261204-01-oidc-sign-in');
  });
  afterAll(async () => m?.drop());

  it('keeps the open sessions, each marked as opened by a password; links hold one account per subject', async () => {
    const units = await insertUnits(m, ['CP']);
    const users = await sql<{ id: number }>`
      INSERT INTO users (username, display_name, unit_id, capture_root_id, view_root_id)
      VALUES ('mot', 'Một', ${units.CP}, ${units.CP}, ${units.CP}), ('hai', 'Hai', ${units.CP}, ${units.CP}, ${units.CP})
      RETURNING id`.execute(m.db);
    const [one, two] = users.rows.map((r) => r.id);
    await sql`
      INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at)
      VALUES ('h1', ${one}, 'c1', now() + interval '1 hour'), ('h2', ${two}, 'c2', now() + interval '1 hour')`.execute(
      m.db,
    );

    expect(await m.migrateTo('20261204-01-oidc-sign-in')).toEqual(['20261204-01-oidc-sign-in']);
    const sessions = await sql`SELECT token_hash, user_id, method FROM sessions ORDER BY token_hash`.execute(m.db);
    expect(sessions.rows).toEqual([
      { tokenHash: 'h1', userId: one, method: 'password' },
      { tokenHash: 'h2', userId: two, method: 'password' },
    ]);
    await expect(sql`UPDATE sessions SET method = 'saml'`.execute(m.db)).rejects.toThrow(/check constraint/);

    await sql`INSERT INTO user_identities (provider, subject, user_id) VALUES ('https://sso', 's1', ${one})`.execute(
      m.db,
    );
    // The same subject for another account, or a second subject for the same account at that provider.
    await expect(
      sql`INSERT INTO user_identities (provider, subject, user_id) VALUES ('https://sso', 's1', ${two})`.execute(m.db),
    ).rejects.toThrow(/duplicate key/);
    await expect(
      sql`INSERT INTO user_identities (provider, subject, user_id) VALUES ('https://sso', 's2', ${one})`.execute(m.db),
    ).rejects.toThrow(/duplicate key/);
    // Another provider may know the same person.
    await sql`INSERT INTO user_identities (provider, subject, user_id) VALUES ('https://other', 's1', ${one})`.execute(
      m.db,
    );
  });
});

describe('20261204-02-regime-versions', () => {
  let m: MigrationDatabase;
  beforeAll(async () => {
    m = await createMigrationDatabase();
    await m.migrateBefore('20261204-02-regime-versions');
  });
  afterAll(async () => m?.drop());

  it('makes each existing regime version 1, in force from its start, with its definition as it was', async () => {
    const active = { frequency: 'quarter', validFrom: '2020-01-01', schedules: [{ due: { days: 10 } }] };
    const draft = { frequency: 'month', validFrom: '2026-07-01', schedules: [] };
    await sql`INSERT INTO regimes (code, definition, status, created_at) VALUES
      ('VPCP-KSTT', ${JSON.stringify(active)}::jsonb, 'active', '2024-05-01T00:00:00Z'),
      ('NHAP', ${JSON.stringify(draft)}::jsonb, 'draft', now())`.execute(m.db);

    expect(await m.migrateTo('20261204-02-regime-versions')).toEqual(['20261204-02-regime-versions']);
    const versions = await sql`
      SELECT r.code, v.number, v.effective_from::text AS effective_from, v.legal_basis, v.definition,
             v.created_at = r.created_at AS created_with_regime
      FROM regime_versions v JOIN regimes r ON r.id = v.regime_id ORDER BY r.code`.execute(m.db);
    expect(versions.rows).toEqual([
      {
        code: 'NHAP',
        number: 1,
        effectiveFrom: '2026-07-01',
        legalBasis: null,
        definition: draft,
        createdWithRegime: true,
      },
      {
        code: 'VPCP-KSTT',
        number: 1,
        effectiveFrom: '2020-01-01',
        legalBasis: null,
        definition: active,
        createdWithRegime: true,
      },
    ]);
    // Two versions of one regime never start on the same day.
    await expect(
      sql`INSERT INTO regime_versions (regime_id, number, effective_from, definition)
        SELECT id, 2, '2020-01-01', definition FROM regimes WHERE code = 'VPCP-KSTT'`.execute(m.db),
    ).rejects.toThrow(/duplicate key/);
  });
});

describe('20261205-02-sectoral-hierarchies', () => {
  let m: MigrationDatabase;
  beforeAll(async () => {
    m = await createMigrationDatabase();
    await m.migrateBefore('20261205-02-sectoral-hierarchies');
  });
  afterAll(async () => m?.drop());

  it('describes the administrative hierarchy, keeps others as they were, and adds the treasury kinds', async () => {
    await sql`INSERT INTO hierarchies (code, name_vi, name_en)
      VALUES ('bhxh', 'Bảo hiểm xã hội', 'Social Security')`.execute(m.db);
    const units = await insertUnits(m, ['TW', 'T1']);
    await sql`INSERT INTO unit_parents (hierarchy, unit_id, parent_id)
      VALUES ('bhxh', ${units.T1}, ${units.TW})`.execute(m.db);

    expect(await m.migrateTo('20261205-02-sectoral-hierarchies')).toEqual(['20261205-02-sectoral-hierarchies']);
    const hierarchies = await sql`
      SELECT code, name_vi, description, created_at IS NOT NULL AS has_created_at
      FROM hierarchies ORDER BY code`.execute(m.db);
    expect(hierarchies.rows).toEqual([
      {
        code: 'administrative',
        nameVi: 'Hệ thống hành chính (Chính phủ – tỉnh – huyện – xã)',
        description: 'Hệ thống hành chính theo lãnh thổ: Chính phủ, các bộ, UBND các cấp.',
        hasCreatedAt: true,
      },
      { code: 'bhxh', nameVi: 'Bảo hiểm xã hội', description: null, hasCreatedAt: true },
    ]);
    const links = await sql`SELECT hierarchy, unit_id, parent_id FROM unit_parents`.execute(m.db);
    expect(links.rows).toEqual([{ hierarchy: 'bhxh', unitId: units.T1, parentId: units.TW }]);
    const kinds = await sql<{ code: string; level: string }>`
      SELECT code, level FROM unit_kinds WHERE code LIKE 'treasury%' ORDER BY code`.execute(m.db);
    expect(kinds.rows.map((k) => `${k.code}:${k.level}`)).toEqual([
      'treasury_central:central',
      'treasury_district:district',
      'treasury_province:province',
    ]);
    await expect(
      sql`INSERT INTO hierarchies (code, name_vi, name_en) VALUES ('kbnn', '', 'State Treasury')`.execute(m.db),
    ).rejects.toThrow(/check constraint/);
    // A link still names an existing hierarchy.
    await expect(
      sql`INSERT INTO unit_parents (hierarchy, unit_id, parent_id) VALUES ('kbnn', ${units.T1}, ${units.TW})`.execute(
        m.db,
      ),
    ).rejects.toThrow(/foreign key/);
  });
});

describe('20261206-05-analytics-key-order', () => {
  let m: MigrationDatabase;
  beforeAll(async () => {
    m = await createMigrationDatabase();
    await m.migrateBefore('20261206-05-analytics-key-order');
  });
  afterAll(async () => m?.drop());

  it('keeps the stored rollup rows under the new key, which still refuses a duplicate cell', async () => {
    await sql`INSERT INTO analytics_values (form_id, cell_key, unit_id, period_start, period_id, value)
      VALUES (1, 'a', 10, '2026-01-01', '202601', 5), (1, 'b', 10, '2026-01-01', '202601', 6),
             (1, 'a', 11, '2026-02-01', '202602', 7)`.execute(m.db);
    expect(await m.migrateTo('20261206-05-analytics-key-order')).toEqual(['20261206-05-analytics-key-order']);
    const rows = await sql<{ cellKey: string; unitId: number; value: number }>`
      SELECT cell_key, unit_id, value FROM analytics_values ORDER BY unit_id, cell_key`.execute(m.db);
    expect(rows.rows).toEqual([
      { cellKey: 'a', unitId: 10, value: 5 },
      { cellKey: 'b', unitId: 10, value: 6 },
      { cellKey: 'a', unitId: 11, value: 7 },
    ]);
    const key = await sql<{ definition: string }>`
      SELECT pg_get_indexdef(indexrelid) AS definition FROM pg_index
      WHERE indrelid = 'analytics_values'::regclass AND indisprimary`.execute(m.db);
    expect(key.rows[0]?.definition).toContain('(form_id, cell_key, unit_id, period_start) INCLUDE (period_id, value)');
    await expect(
      sql`INSERT INTO analytics_values (form_id, cell_key, unit_id, period_start, period_id, value)
        VALUES (1, 'a', 10, '2026-01-01', '202601', 9)`.execute(m.db),
    ).rejects.toThrow(/duplicate key/);
    // The upkeep's upsert still finds its conflict target.
    await sql`INSERT INTO analytics_values AS v (form_id, cell_key, unit_id, period_start, period_id, value)
      VALUES (1, 'a', 10, '2026-01-01', '202601', 9)
      ON CONFLICT (form_id, unit_id, period_start, cell_key) DO UPDATE SET value = excluded.value`.execute(m.db);
    const updated = await sql<{ value: number }>`
      SELECT value FROM analytics_values WHERE form_id = 1 AND cell_key = 'a' AND unit_id = 10`.execute(m.db);
    expect(updated.rows).toEqual([{ value: 9 }]);
  });
});

describe('20261206-10-report-reference-checks', () => {
  let m: MigrationDatabase;
  let ids: Record<string, number>;
  beforeAll(async () => {
    m = await createMigrationDatabase();
    await m.migrateBefore('20261206-10-report-reference-checks');
  });
  afterAll(async () => m?.drop());

  /** A submission and its first revision in one statement, as the import writes them. */
  const writeReport = (over: { unit?: number; version?: number; user?: number; period?: string } = {}) =>
    sql<{ id: string }>`
      WITH ids AS (SELECT nextval(pg_get_serial_sequence('submissions', 'id')) AS sid,
          nextval(pg_get_serial_sequence('submission_revisions', 'id')) AS rid),
        s AS (INSERT INTO submissions (id, regime_id, form_id, form_version_id, unit_id, period_id, state,
            draft_updated_by, current_revision_id, revision_count)
          SELECT sid, ${ids.regime}, ${ids.form}, ${over.version ?? ids.version}, ${over.unit ?? ids.X},
            ${over.period ?? '202401'}, 'submitted', ${over.user ?? ids.user}, rid, 1 FROM ids RETURNING id),
        r AS (INSERT INTO submission_revisions (id, submission_id, number, form_version_id, values, channel,
            submitted_by, submitted_at)
          SELECT rid, sid, 1, ${over.version ?? ids.version}, '{"a": 1}', 'import', ${over.user ?? ids.user}, now()
          FROM ids RETURNING 1)
      SELECT id::text FROM s`.execute(m.db);

  it('keeps the stored reports and checks their references per statement, in both directions', async () => {
    const units = await insertUnits(m, ['X', 'Y', 'Z']);
    const user = await sql<{
      id: number;
    }>`INSERT INTO users (username, display_name, unit_id, capture_root_id, view_root_id)
      VALUES ('officer', 'Officer', ${units.X}, ${units.X}, ${units.X}) RETURNING id`.execute(m.db);
    const regime = await sql<{ id: number }>`INSERT INTO regimes (code, definition)
      VALUES ('R', '{}') RETURNING id`.execute(m.db);
    const form = await sql<{ id: number }>`INSERT INTO forms (regime_id, code)
      VALUES (${regime.rows[0]!.id}, 'F') RETURNING id`.execute(m.db);
    const version = await sql<{ id: number }>`INSERT INTO form_versions (form_id, number, status, definition)
      VALUES (${form.rows[0]!.id}, 1, 'published', '{}') RETURNING id`.execute(m.db);
    ids = {
      ...units,
      user: user.rows[0]!.id,
      regime: regime.rows[0]!.id,
      form: form.rows[0]!.id,
      version: version.rows[0]!.id,
    };
    const stored = await writeReport({ period: '202312' });

    expect(await m.migrateTo('20261206-10-report-reference-checks')).toEqual(['20261206-10-report-reference-checks']);
    const kept = await sql`SELECT s.id::text AS id, s.unit_id, r.values FROM submissions s
      JOIN submission_revisions r ON r.id = s.current_revision_id`.execute(m.db);
    expect(kept.rows).toEqual([{ id: stored.rows[0]!.id, unitId: units.X, values: { a: 1 } }]);
    const foreignKeys = await sql`SELECT conname FROM pg_constraint
      WHERE conrelid IN ('submissions'::regclass, 'submission_revisions'::regclass) AND contype = 'f'`.execute(m.db);
    expect(foreignKeys.rows).toEqual([]);

    // A report naming what exists is written; one naming a missing unit, version or user is refused whole.
    await writeReport({ unit: units.Y });
    await expect(writeReport({ unit: 999_999 })).rejects.toMatchObject({
      code: '23503',
      constraint: 'submissions_unit_id_fkey',
    });
    await expect(writeReport({ unit: units.Z, version: 999_999 })).rejects.toMatchObject({ code: '23503' });
    await expect(writeReport({ unit: units.Z, user: 999_999 })).rejects.toMatchObject({ code: '23503' });
    const written = await sql<{ n: number }>`SELECT count(*)::int AS n FROM submissions`.execute(m.db);
    expect(written.rows[0]!.n).toBe(2);
    await expect(
      sql`INSERT INTO submission_revisions (submission_id, number, form_version_id, values, channel, submitted_by, submitted_at)
        VALUES (999999, 1, ${ids.version}, '{}', 'web', ${ids.user}, now())`.execute(m.db),
    ).rejects.toMatchObject({ code: '23503', constraint: 'submission_revisions_submission_id_fkey' });

    // Updates are checked on the references they change.
    await expect(
      sql`UPDATE submissions SET form_version_id = 999999 WHERE unit_id = ${units.Y}`.execute(m.db),
    ).rejects.toMatchObject({ code: '23503', constraint: 'submissions_form_version_id_fkey' });
    await expect(
      sql`UPDATE submission_revisions SET reviewed_by = 999999, review_state = 'accepted'`.execute(m.db),
    ).rejects.toMatchObject({ code: '23503', constraint: 'submission_revisions_reviewed_by_fkey' });
    await sql`UPDATE submissions SET state = 'accepted' WHERE unit_id = ${units.Y}`.execute(m.db);

    // What report data names is neither deleted, renumbered nor truncated; what it does not name is deleted.
    await expect(sql`DELETE FROM units WHERE id = ${units.Y}`.execute(m.db)).rejects.toMatchObject({
      code: '23503',
      constraint: 'submissions_unit_id_fkey',
    });
    await expect(sql`UPDATE regimes SET id = 999999 WHERE id = ${ids.regime}`.execute(m.db)).rejects.toMatchObject({
      code: '23503',
    });
    await expect(sql`DELETE FROM submissions WHERE unit_id = ${units.Y}`.execute(m.db)).rejects.toMatchObject({
      code: '23503',
      constraint: 'submission_revisions_submission_id_fkey',
    });
    await expect(sql`TRUNCATE submissions`.execute(m.db)).rejects.toMatchObject({ code: '23503' });
    await sql`DELETE FROM units WHERE id = ${units.Z}`.execute(m.db);
    const left = await sql<{ code: string }>`SELECT code FROM units ORDER BY code`.execute(m.db);
    expect(left.rows.map((r) => r.code)).toEqual(['X', 'Y']);
  });
});

describe('20261207-05-analytics-rollups', () => {
  let m: MigrationDatabase;
  beforeAll(async () => {
    m = await createMigrationDatabase();
    await m.migrateBefore('20261207-05-analytics-rollups');
  });
  afterAll(async () => m?.drop());

  it('moves the consolidating units’ rows to the cell-first rollup store and keys the entry units’ rows unit-first', async () => {
    // Unit 20 consolidates (its slice has no source revision); unit 10 is an entry unit under it.
    await sql`INSERT INTO analytics_slices (form_id, unit_id, period_start, period_id, parent_id, source_revision, included, expected)
      VALUES (1, 20, '2026-01-01', '202601', NULL, NULL, 1, 2), (1, 10, '2026-01-01', '202601', 20, 5, 1, 1)`.execute(
      m.db,
    );
    await sql`INSERT INTO analytics_values (form_id, cell_key, unit_id, period_start, period_id, value)
      VALUES (1, 'a', 10, '2026-01-01', '202601', 5), (1, 'b', 10, '2026-01-01', '202601', 6),
             (1, 'a', 20, '2026-01-01', '202601', 5), (1, 'b', 20, '2026-01-01', '202601', 6)`.execute(m.db);
    expect(await m.migrateTo('20261207-05-analytics-rollups')).toEqual(['20261207-05-analytics-rollups']);
    const stored = async (table: string) =>
      (
        await sql<{ unitId: number; cellKey: string; value: number }>`
          SELECT unit_id, cell_key, value FROM ${sql.table(table)} ORDER BY unit_id, cell_key`.execute(m.db)
      ).rows;
    expect(await stored('analytics_values')).toEqual([
      { unitId: 10, cellKey: 'a', value: 5 },
      { unitId: 10, cellKey: 'b', value: 6 },
    ]);
    expect(await stored('analytics_rollups')).toEqual([
      { unitId: 20, cellKey: 'a', value: 5 },
      { unitId: 20, cellKey: 'b', value: 6 },
    ]);
    const keys = await sql<{ table: string; definition: string }>`
      SELECT indrelid::regclass::text AS table, pg_get_indexdef(indexrelid) AS definition FROM pg_index
      WHERE indrelid IN ('analytics_values'::regclass, 'analytics_rollups'::regclass) AND indisprimary
      ORDER BY 1`.execute(m.db);
    expect(keys.rows.map((k) => [k.table, k.definition.replace(/^.*USING btree /, '')])).toEqual([
      ['analytics_rollups', '(form_id, cell_key, unit_id, period_start) INCLUDE (period_id, value)'],
      ['analytics_values', '(form_id, unit_id, period_start, cell_key) INCLUDE (period_id, value)'],
    ]);
    // Both stores refuse a duplicate cell, and the upkeep's upsert finds its conflict target in each.
    for (const table of ['analytics_values', 'analytics_rollups']) {
      const unit = table === 'analytics_values' ? 10 : 20;
      await expect(
        sql`INSERT INTO ${sql.table(table)} (form_id, cell_key, unit_id, period_start, period_id, value)
          VALUES (1, 'a', ${unit}, '2026-01-01', '202601', 9)`.execute(m.db),
      ).rejects.toThrow(/duplicate key/);
      await sql`INSERT INTO ${sql.table(table)} AS v (form_id, cell_key, unit_id, period_start, period_id, value)
        VALUES (1, 'a', ${unit}, '2026-01-01', '202601', 9)
        ON CONFLICT (form_id, unit_id, period_start, cell_key) DO UPDATE SET value = excluded.value`.execute(m.db);
    }
    expect((await stored('analytics_rollups'))[0]?.value).toBe(9);
    expect((await stored('analytics_values'))[0]?.value).toBe(9);
  });
});
