import type { Db, Tx } from '../../db/database';

type Reader = Db | Tx;

export async function findHolidays(db: Reader, year?: number) {
  let query = db.selectFrom('holidays').select(['date', 'nameVi', 'nameEn', 'kind']).orderBy('date');
  if (year !== undefined) query = query.where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`);
  return query.execute();
}
