import { type Kysely, sql } from 'kysely';

// Sectoral hierarchies beside the territorial one (the State Treasury, Social
// Security…): a hierarchy gets a description and its creation time, and names are
// bounded, since administrators now create hierarchies through the API. The kinds
// of the State Treasury's upper levels join the district treasury's, so a treasury
// line (central → provincial → district) can be built with kinds that exist.
// unit_parents.hierarchy already references hierarchies(code).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE hierarchies
      ADD COLUMN description text CHECK (description IS NULL OR length(description) BETWEEN 1 AND 2000),
      ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
      ADD CONSTRAINT hierarchies_name_vi_length CHECK (length(name_vi) BETWEEN 1 AND 200),
      ADD CONSTRAINT hierarchies_name_en_length CHECK (length(name_en) BETWEEN 1 AND 200);
    UPDATE hierarchies
      SET description = 'Hệ thống hành chính theo lãnh thổ: Chính phủ, các bộ, UBND các cấp.'
      WHERE code = 'administrative' AND description IS NULL;
    INSERT INTO unit_kinds (code, name_vi, name_en, level) VALUES
      ('treasury_central', 'Kho bạc Nhà nước (trung ương)', 'State Treasury (central)', 'central'),
      ('treasury_province', 'Kho bạc Nhà nước cấp tỉnh', 'Provincial State Treasury', 'province')
    ON CONFLICT (code) DO NOTHING;
  `.execute(db);
}
