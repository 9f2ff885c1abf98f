import type { FormDefinition, RegimeDefinition } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';

type Reader = Db | Tx;

export async function findForm(db: Reader, id: number) {
  return db
    .selectFrom('forms as f')
    .innerJoin('regimes as r', 'r.id', 'f.regimeId')
    .select([
      'f.id',
      'f.code',
      'f.sortOrder',
      'f.regimeId',
      'r.code as regimeCode',
      'r.status as regimeStatus',
      sql<RegimeDefinition['name']>`r.definition -> 'name'`.as('regimeName'),
    ])
    .where('f.id', '=', id)
    .executeTakeFirst();
}

export async function findFormVersion(db: Reader, id: number) {
  return db
    .selectFrom('formVersions as v')
    .innerJoin('forms as f', 'f.id', 'v.formId')
    .innerJoin('regimes as r', 'r.id', 'f.regimeId')
    .leftJoin('users as p', 'p.id', 'v.publishedBy')
    .select([
      'v.id',
      'v.formId',
      'f.code as formCode',
      'f.regimeId',
      'r.code as regimeCode',
      'r.status as regimeStatus',
      'v.number',
      'v.status',
      sql<FormDefinition>`v.definition`.as('definition'),
      'v.publishedAt',
      'v.publishedBy',
      'p.displayName as publishedByName',
      'v.createdAt',
      'v.updatedAt',
    ])
    .where('v.id', '=', id)
    .executeTakeFirst();
}

/** The version published before `number` (published or since superseded), for the differences. */
export async function findPreviousPublished(db: Reader, formId: number, number: number) {
  return db
    .selectFrom('formVersions')
    .select(['id', 'number', sql<FormDefinition>`definition`.as('definition')])
    .where('formId', '=', formId)
    .where('number', '<', number)
    .where('status', 'in', ['published', 'superseded'])
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The newest definition of each other form of a regime (published if any, else the draft), for cross-form references. */
export async function findSiblingDefinitions(db: Reader, regimeId: number, exceptFormId: number) {
  return db
    .selectFrom('forms as f')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('formVersions as v')
          .select(sql<FormDefinition>`v.definition`.as('definition'))
          .whereRef('v.formId', '=', 'f.id')
          .orderBy(sql`(v.status = 'published')`, 'desc')
          .orderBy('v.number', 'desc')
          .limit(1)
          .as('latest'),
      (join) => join.onTrue(),
    )
    .select(['f.code', 'latest.definition'])
    .where('f.regimeId', '=', regimeId)
    .where('f.id', '!=', exceptFormId)
    .execute();
}

/** The codes of a regime's forms, each row with the highest sort order of them. */
export async function findFormCodes(db: Reader, regimeId: number) {
  return db
    .selectFrom('forms')
    .select(['code', sql<number>`max(sort_order) over ()`.as('maxOrder')])
    .where('regimeId', '=', regimeId)
    .execute();
}

/** A regime's forms in their order. */
export async function findFormOrder(db: Reader, regimeId: number) {
  return db
    .selectFrom('forms')
    .select(['id', 'sortOrder'])
    .where('regimeId', '=', regimeId)
    .orderBy('sortOrder')
    .execute();
}

export async function insertForm(tx: Tx, form: { regimeId: number; code: string; sortOrder: number }) {
  return tx.insertInto('forms').values(form).returning('id').executeTakeFirstOrThrow();
}

export async function setFormOrder(tx: Tx, id: number, sortOrder: number): Promise<void> {
  await tx.updateTable('forms').set({ sortOrder }).where('id', '=', id).execute();
}

/** The form, locked until the transaction ends, so its versions change one at a time. */
export async function lockForm(tx: Tx, id: number) {
  return tx.selectFrom('forms').select(['id', 'code']).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Every version of a form with its definition, newest first. */
export async function findVersionsOfForm(db: Reader, formId: number) {
  return db
    .selectFrom('formVersions')
    .select(['id', 'number', 'status', 'definition'])
    .where('formId', '=', formId)
    .orderBy('number', 'desc')
    .execute();
}

export async function insertFormVersion(
  tx: Tx,
  version: { formId: number; number: number; definition: FormDefinition },
) {
  return tx
    .insertInto('formVersions')
    .values({ ...version, definition: JSON.stringify(version.definition) })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** The version, locked until the transaction ends. */
export async function lockFormVersion(tx: Tx, id: number) {
  return tx
    .selectFrom('formVersions')
    .select(['id', 'formId', 'number', 'status', 'updatedAt'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function setDraftDefinition(tx: Tx, id: number, definition: FormDefinition): Promise<void> {
  await tx
    .updateTable('formVersions')
    .set({ definition: JSON.stringify(definition), updatedAt: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Whether the form has a version other than `exceptId`. */
export async function hasOtherVersion(db: Reader, formId: number, exceptId: number): Promise<boolean> {
  const others = await db
    .selectFrom('formVersions')
    .select('id')
    .where('formId', '=', formId)
    .where('id', '!=', exceptId)
    .limit(1)
    .execute();
  return others.length > 0;
}

export async function deleteFormVersion(tx: Tx, id: number): Promise<void> {
  await tx.deleteFrom('formVersions').where('id', '=', id).execute();
}

/** Marks the form's published version superseded; answers which it was (none for a first publication). */
export async function supersedePublished(tx: Tx, formId: number) {
  return tx
    .updateTable('formVersions')
    .set({ status: 'superseded', updatedAt: new Date() })
    .where('formId', '=', formId)
    .where('status', '=', 'published')
    .returning(['id', 'number'])
    .execute();
}

export async function publishFormVersion(tx: Tx, id: number, publishedBy: number): Promise<void> {
  const now = new Date();
  await tx
    .updateTable('formVersions')
    .set({ status: 'published', publishedAt: now, publishedBy, updatedAt: now })
    .where('id', '=', id)
    .execute();
}

/** A unit's id, code and name, for a template's header. */
export async function findTemplateUnit(db: Reader, id: number) {
  return db.selectFrom('units').select(['id', 'code', 'name']).where('id', '=', id).executeTakeFirst();
}
