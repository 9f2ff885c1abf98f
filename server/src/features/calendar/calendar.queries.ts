import type { HolidayUpsert } from '@baocao/domain';
import type { Db, Tx } from '../../db/database';

type Reader = Db | Tx;

export async function findHolidays(db: Reader, year?: number) {
  let query = db.selectFrom('holidays').select(['date', 'nameVi', 'nameEn', 'kind']).orderBy('date');
  if (year !== undefined) query = query.where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`);
  return query.execute();
}

/** The day off on `date`, locked until the transaction ends (undefined: a working day). */
export async function lockHoliday(tx: Tx, date: string) {
  return tx
    .selectFrom('holidays')
    .select(['date', 'nameVi', 'nameEn', 'kind'])
    .where('date', '=', date)
    .forUpdate()
    .executeTakeFirst();
}

export async function upsertHoliday(
  tx: Tx,
  holiday: { date: string; nameVi: string; nameEn: string; kind: NonNullable<HolidayUpsert['kind']> },
) {
  const { date, nameVi, nameEn, kind } = holiday;
  return tx
    .insertInto('holidays')
    .values({ date, nameVi, nameEn, kind })
    .onConflict((oc) => oc.column('date').doUpdateSet({ nameVi, nameEn, kind }))
    .returning(['date', 'nameVi', 'nameEn', 'kind'])
    .executeTakeFirstOrThrow();
}

/** Deletes the day off on `date`; answers what it was (undefined: there was none). */
export async function deleteHolidayRow(tx: Tx, date: string) {
  return tx
    .deleteFrom('holidays')
    .where('date', '=', date)
    .returning(['date', 'nameVi', 'nameEn', 'kind'])
    .executeTakeFirst();
}
