/**
 * The history a report's figures are judged against for outliers: the unit's
 * current revisions of the same form over its last periods (before this one),
 * nil and returned reports left out. Read by the submit and by the report page,
 * which sends the baselines to the entry grid so it flags as the server will.
 */
import { baselinesOf, type CellBaseline, type CellValues, OUTLIER_HISTORY_PERIODS } from '@baocao/domain';
import type { Db, Tx } from '../db/database';
import type { FormInfo } from './report-context';

type Reader = Db | Tx;

/** The baselines of the form's numeric cells for a unit before `periodId` (cells with too little history left out). */
export async function outlierBaselines(
  db: Reader,
  form: FormInfo,
  unitId: number,
  periodId: string,
): Promise<Record<string, CellBaseline>> {
  const rows = await db
    .selectFrom('submissions as s')
    .innerJoin('submissionRevisions as r', 'r.id', 's.currentRevisionId')
    .select('r.values')
    .where('s.formId', '=', form.id)
    .where('s.unitId', '=', unitId)
    .where('s.periodId', '<', periodId)
    .where((eb) => eb(eb.fn('length', ['s.periodId']), '=', periodId.length))
    .where('s.state', '<>', 'returned')
    .where('r.isNil', '=', false)
    .orderBy('s.periodId', 'desc')
    .limit(OUTLIER_HISTORY_PERIODS)
    .execute();
  return baselinesOf(
    form.definition,
    rows.map((row) => row.values as CellValues),
  );
}
