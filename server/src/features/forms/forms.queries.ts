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
