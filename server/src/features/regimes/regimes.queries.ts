import type { FormDefinition, RegimeDefinition } from '@baocao/domain';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';

type Reader = Db | Tx;

/** Regimes with their owning agency and form count, for the catalogue. */
export function selectRegimeSummaries(db: Reader) {
  return db
    .selectFrom('regimes as r')
    .leftJoin('units as u', 'u.id', 'r.ownerUnitId')
    .select([
      'r.id',
      'r.code',
      'r.status',
      'r.ownerUnitId',
      'u.name as ownerUnitName',
      'r.isDemo',
      'r.version',
      'r.updatedAt',
      sql<RegimeDefinition['name']>`r.definition -> 'name'`.as('name'),
      sql<string>`r.definition ->> 'frequency'`.as('frequency'),
      sql<string>`r.definition ->> 'dataWindow'`.as('dataWindow'),
      sql<string>`r.definition ->> 'ownerUnitCode'`.as('ownerUnitCode'),
      sql<string>`r.definition ->> 'validFrom'`.as('validFrom'),
      sql<string | null>`r.definition ->> 'validTo'`.as('validTo'),
      sql<string[]>`r.definition -> 'consolidatingUnitKinds'`.as('consolidatingUnitKinds'),
      sql<number>`(select count(*)::int from forms f where f.regime_id = r.id)`.as('formCount'),
    ]);
}

export async function findRegime(db: Reader, id: number) {
  return db
    .selectFrom('regimes as r')
    .leftJoin('units as u', 'u.id', 'r.ownerUnitId')
    .select([
      'r.id',
      'r.code',
      'r.status',
      'r.ownerUnitId',
      'u.name as ownerUnitName',
      'r.isDemo',
      'r.version',
      'r.createdAt',
      'r.updatedAt',
      sql<RegimeDefinition>`r.definition`.as('definition'),
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export async function lockRegime(tx: Tx, id: number) {
  return tx
    .selectFrom('regimes')
    .select(['id', 'code', 'status', 'version', 'ownerUnitId', sql<RegimeDefinition>`definition`.as('definition')])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Forms of a regime with their published and draft versions, in the regime's order. */
export async function findRegimeForms(db: Reader, regimeId: number) {
  return db
    .selectFrom('forms as f')
    .select([
      'f.id',
      'f.code',
      'f.sortOrder',
      sql<number>`(select count(*)::int from form_versions v where v.form_id = f.id)`.as('versionCount'),
    ])
    .where('f.regimeId', '=', regimeId)
    .orderBy('f.sortOrder')
    .orderBy('f.id')
    .execute();
}

/** Every version of the given forms, newest first, without their definitions' bulk (title and entry kinds only). */
export async function findVersionsOfForms(db: Reader, formIds: number[]) {
  if (formIds.length === 0) return [];
  return db
    .selectFrom('formVersions as v')
    .leftJoin('users as p', 'p.id', 'v.publishedBy')
    .select([
      'v.id',
      'v.formId',
      'v.number',
      'v.status',
      'v.publishedAt',
      'p.displayName as publishedByName',
      'v.createdAt',
      'v.updatedAt',
      sql<FormDefinition['title']>`v.definition -> 'title'`.as('title'),
      sql<string[]>`coalesce(v.definition -> 'entryUnitKinds', '[]'::jsonb)`.as('entryUnitKinds'),
    ])
    .where('v.formId', 'in', formIds)
    .orderBy('v.number', 'desc')
    .execute();
}

export async function findUnitsByCode(db: Reader, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'validFrom', 'validTo'])
    .where('code', 'in', codes)
    .orderBy('validFrom', 'desc')
    .execute();
}

export async function findUnitKindCodes(db: Reader): Promise<Set<string>> {
  const rows = await db.selectFrom('unitKinds').select('code').execute();
  return new Set(rows.map((r) => r.code));
}

export async function findHierarchyCodes(db: Reader): Promise<Set<string>> {
  const rows = await db.selectFrom('hierarchies').select('code').execute();
  return new Set(rows.map((r) => r.code));
}

/**
 * A page of the catalogue with the total: every word in the search text, the owning agency, frequency
 * and status asked for; draft regimes only when `withDrafts`.
 */
export async function findRegimePage(
  db: Reader,
  query: { words: string[]; agency?: string; frequency?: string; status?: 'draft' | 'active' | 'retired' },
  withDrafts: boolean,
  page: { limit: number; offset: number },
) {
  let base = selectRegimeSummaries(db);
  for (const word of query.words) {
    base = base.where('r.searchText', 'like', `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (query.agency) base = base.where(sql<string>`r.definition ->> 'ownerUnitCode'`, '=', query.agency);
  if (query.frequency) base = base.where(sql<string>`r.definition ->> 'frequency'`, '=', query.frequency);
  if (query.status) base = base.where('r.status', '=', query.status);
  if (!withDrafts) base = base.where('r.status', '!=', 'draft');
  const [items, total] = await Promise.all([
    base
      .orderBy(sql`case r.status when 'active' then 0 when 'draft' then 1 else 2 end`)
      .orderBy('r.code')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export async function insertRegime(
  tx: Tx,
  regime: { code: string; definition: RegimeDefinition; ownerUnitId: number; searchText: string; isDemo: boolean },
) {
  return tx
    .insertInto('regimes')
    .values({ ...regime, definition: JSON.stringify(regime.definition) })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateRegimeRow(
  tx: Tx,
  id: number,
  changes: {
    definition?: RegimeDefinition;
    ownerUnitId?: number;
    searchText?: string;
    isDemo?: boolean;
    status?: 'active' | 'retired';
    version: number;
  },
): Promise<void> {
  const { definition, ...rest } = changes;
  await tx
    .updateTable('regimes')
    .set({
      ...rest,
      ...(definition === undefined ? {} : { definition: JSON.stringify(definition) }),
      updatedAt: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

/** The codes of a regime's forms, each with whether it has a published version. */
export async function findFormsPublished(db: Reader, regimeId: number) {
  return db
    .selectFrom('forms as f')
    .select([
      'f.code',
      sql<boolean>`exists (select 1 from form_versions v where v.form_id = f.id and v.status = 'published')`.as(
        'published',
      ),
    ])
    .where('f.regimeId', '=', regimeId)
    .execute();
}

/** A regime's versions, oldest first, with who made each. */
export async function findRegimeVersions(db: Reader, regimeId: number) {
  return db
    .selectFrom('regimeVersions as v')
    .leftJoin('users as u', 'u.id', 'v.createdBy')
    .select([
      'v.number',
      sql<string>`v.effective_from::text`.as('effectiveFrom'),
      'v.legalBasis',
      'u.displayName as createdByName',
      'v.createdAt',
      sql<RegimeDefinition>`v.definition`.as('definition'),
    ])
    .where('v.regimeId', '=', regimeId)
    .orderBy('v.effectiveFrom')
    .execute();
}

export async function insertRegimeVersion(
  tx: Tx,
  version: {
    regimeId: number;
    number: number;
    effectiveFrom: string;
    legalBasis: string | null;
    definition: RegimeDefinition;
    createdBy: number | null;
  },
): Promise<void> {
  await tx
    .insertInto('regimeVersions')
    .values({ ...version, definition: JSON.stringify(version.definition) })
    .execute();
}

/** A draft regime has one version, edited in place with the regime. */
export async function updateDraftVersion(
  tx: Tx,
  regimeId: number,
  effectiveFrom: string,
  definition: RegimeDefinition,
): Promise<void> {
  await tx
    .updateTable('regimeVersions')
    .set({ effectiveFrom, definition: JSON.stringify(definition) })
    .where('regimeId', '=', regimeId)
    .execute();
}
