/**
 * The SQL of the data-quality view: the current revisions and the consolidations
 * of a regime's period under a root, by the hierarchy valid on the period's start.
 */
import type { CellValues, QualityFlag } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';

type Reader = Db | Tx;

export interface Slice {
  regimeId: number;
  periodId: string;
  rootId: number;
  onDate: string;
}

/** `unit` (an SQL column) lies under the root on the date, in any hierarchy. */
const underRoot = (slice: Slice, unit: ReturnType<typeof sql.ref>) =>
  sql<boolean>`EXISTS (SELECT 1 FROM unit_and_ancestors_on(${unit}, ${slice.onDate}::date) a(id) WHERE a.id = ${slice.rootId}::int)`;

/** Every current revision of the regime's period under the root, with its values and outlier flags. */
export async function findCurrentRevisions(db: Reader, slice: Slice) {
  const result = await sql<{
    submissionId: number;
    revisionId: number;
    unitId: number;
    unitCode: string;
    unitName: string;
    unitKind: string;
    formId: number;
    formCode: string;
    formVersionId: number;
    state: string;
    isNil: boolean;
    submittedAt: Date;
    values: CellValues;
    qualityFlags: QualityFlag[];
  }>`
    SELECT s.id AS "submissionId", r.id AS "revisionId", u.id AS "unitId", u.code AS "unitCode", u.name AS "unitName",
      u.kind AS "unitKind",
      f.id AS "formId", f.code AS "formCode", r.form_version_id AS "formVersionId", s.state, r.is_nil AS "isNil",
      r.submitted_at AS "submittedAt", r.values, r.quality_flags AS "qualityFlags"
    FROM submissions s
    JOIN submission_revisions r ON r.id = s.current_revision_id
    JOIN units u ON u.id = s.unit_id
    JOIN forms f ON f.id = s.form_id
    WHERE s.regime_id = ${slice.regimeId}::int AND s.period_id = ${slice.periodId}::text
      AND ${underRoot(slice, sql.ref('s.unit_id'))}
    ORDER BY u.code, f.code`.execute(db);
  return result.rows;
}

/** The live consolidated figures of the regime's forms for the period, of every consolidating unit under the root. */
export async function findConsolidations(db: Reader, slice: Slice) {
  const result = await sql<{
    unitId: number;
    unitCode: string;
    unitName: string;
    formId: number;
    formCode: string;
    values: CellValues;
  }>`
    SELECT u.id AS "unitId", u.code AS "unitCode", u.name AS "unitName", f.id AS "formId", f.code AS "formCode", c.values
    FROM consolidations c
    JOIN forms f ON f.id = c.form_id
    JOIN units u ON u.id = c.unit_id
    WHERE f.regime_id = ${slice.regimeId}::int AND c.period_id = ${slice.periodId}::text
      AND ${underRoot(slice, sql.ref('c.unit_id'))}
    ORDER BY u.code, f.code`.execute(db);
  return result.rows;
}

export async function findUnitBrief(db: Reader, unitId: number) {
  return db.selectFrom('units').select(['id', 'code', 'name']).where('id', '=', unitId).executeTakeFirst();
}
