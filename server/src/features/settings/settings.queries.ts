import type { Db, Tx } from '../../db/database';

type Reader = Db | Tx;

/** A stored setting's value (parsed jsonb), or undefined when it was never set. */
export async function findSetting(db: Reader, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function upsertSetting(tx: Tx, key: string, value: unknown): Promise<void> {
  await tx
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updatedAt: new Date() }))
    .execute();
}
